//! `/api/stats`: the programme's headline figures.

use crate::AppState;
use crate::error::AppError;
use crate::storage::CountingPeriod;
use axum::Json;
use axum::extract::State;
use chrono::Datelike;
use huli_contract::{Stats, china_standard_time};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_stats))
}

/// Verified volunteer hours (this calendar year and the last twelve months) and the
/// programme's size. Only hours approved by the organising unit count.
#[utoipa::path(
    get,
    path = "/api/stats",
    tag = "stats",
    responses((status = 200, description = "Headline figures", body = Stats))
)]
async fn get_stats(State(state): State<AppState>) -> Result<Json<Stats>, AppError> {
    let period = CountingPeriod::ending_now();
    let totals = state.store.totals(period).await?;
    Ok(Json(Stats {
        year: period.now.with_timezone(&china_standard_time()).year(),
        verified_minutes_this_year: totals.verified_this_year,
        verified_minutes_last_12_months: totals.verified_last_12_months,
        service_points: totals.service_points,
        partner_units: totals.partner_units,
        teams: totals.teams,
        volunteers: totals.volunteers,
        as_of: period.now,
    }))
}
