//! `/api/points`: the 30 service points.

use crate::AppState;
use crate::error::AppError;
use crate::routes::conditional::json_with_etag;
use crate::routes::extract::parse_id;
use crate::storage::CountingPeriod;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Utc;
use huli_contract::{ApiErrorBody, PointDetail, PointId, PointSummary};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_points))
        .routes(routes!(get_point))
}

/// Every service point with what the map and the list show, in one response. Send
/// the `ETag` back in `If-None-Match` to get a 304 while nothing changed.
#[utoipa::path(
    get,
    path = "/api/points",
    tag = "points",
    responses(
        (status = 200, description = "All service points, by id", body = [PointSummary]),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`")
    )
)]
async fn list_points(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let points = state.store.list_points(Utc::now()).await?;
    Ok(json_with_etag(&headers, &points))
}

/// One point with its verified hours this year, who is on duty now, and the next
/// shifts that still need people.
#[utoipa::path(
    get,
    path = "/api/points/{id}",
    tag = "points",
    params(("id" = i64, Path, description = "The point's id")),
    responses(
        (status = 200, description = "The point", body = PointDetail),
        (status = 400, description = "The id is not a positive whole number", body = ApiErrorBody),
        (status = 404, description = "No point has this id", body = ApiErrorBody)
    )
)]
async fn get_point(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PointDetail>, AppError> {
    let id = PointId(parse_id("id", &id)?);
    state
        .store
        .point_detail(id, CountingPeriod::ending_now())
        .await?
        .map(Json)
        .ok_or(AppError::NotFound)
}
