//! `/api/stats`: the programme's headline figures.

use crate::AppState;
use crate::error::AppError;
use crate::live::current_stats;
use axum::Json;
use axum::extract::State;
use huli_contract::Stats;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_stats))
}

/// Verified volunteer hours (this calendar year and the last twelve months), hours
/// pending review, volunteers on duty now, and the programme's size. Only hours approved
/// by the organising unit count as verified. `/api/live` streams the same figures.
#[utoipa::path(
    get,
    path = "/api/stats",
    tag = "stats",
    responses((status = 200, description = "Headline figures", body = Stats))
)]
async fn get_stats(State(state): State<AppState>) -> Result<Json<Stats>, AppError> {
    Ok(Json(current_stats(&*state.store).await?))
}
