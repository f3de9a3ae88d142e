//! `/api/map`: how the map is drawn in this deployment.

use crate::AppState;
use crate::public_reads::Prepared;
use crate::routes::REVALIDATE;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use huli_contract::MapConfig;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_map))
}

/// The raster tile layers to draw under the district outline (none by default).
#[utoipa::path(
    get,
    path = "/api/map",
    tag = "points",
    responses(
        (status = 200, description = "Map configuration", body = MapConfig),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`")
    )
)]
async fn get_map(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let answer = state.public.map(|| Prepared::json(state.map.as_ref()));
    answer.respond(&headers, REVALIDATE)
}
