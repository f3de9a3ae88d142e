//! `/api/stats`: the programme's figures, for the district or one point, team or unit.

use crate::AppState;
use crate::error::AppError;
use crate::figures::AllFigures;
use crate::public_reads::Prepared;
use crate::routes::REVALIDATE;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use huli_contract::{Breakdown, Scope, ScopeQuery, Stats};
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_stats))
        .routes(routes!(get_breakdown))
}

/// The scope a request's `point`, `team` or `unit` parameter chose.
pub fn chosen_scope(query: Result<Query<ScopeQuery>, impl Sized>) -> Result<Scope, AppError> {
    let Ok(Query(query)) = query else {
        return Err(AppError::BadRequest(Vec::new()));
    };
    query.parse().map_err(AppError::query)
}

/// The newest figures; they are recomputed after every write that changes them and
/// every minute, so this costs no query.
pub async fn current(state: &AppState) -> Result<Arc<AllFigures>, AppError> {
    (state.live.current().await)
        .ok_or_else(|| AppError::Internal("the counters could not be computed".into()))
}

/// Verified volunteer hours (this calendar year, the last twelve months and each month
/// of this year), hours pending review, volunteers on duty now and the programme's size;
/// for the whole district, or for one point, team or partner unit. Only hours approved
/// by the organising unit count as verified. `/api/live` streams the same figures.
#[utoipa::path(
    get,
    path = "/api/stats",
    tag = "stats",
    params(ScopeQuery),
    responses(
        (status = 200, description = "The scope's figures", body = Stats),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 400, description = "An id that is not one", body = huli_contract::ApiErrorBody),
        (status = 422, description = "More than one scope", body = huli_contract::ApiErrorBody),
        (status = 404, description = "No such point, team or unit", body = huli_contract::ApiErrorBody),
    )
)]
async fn get_stats(
    State(state): State<AppState>,
    query: Result<Query<ScopeQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let scope = chosen_scope(query)?;
    Ok(figures_answer(&state, scope)
        .await?
        .respond(&headers, REVALIDATE))
}

/// One scope's figures, as `GET /api/stats` answers; `AppError::NotFound` for no such scope.
pub(super) async fn figures_answer(
    state: &AppState,
    scope: Scope,
) -> Result<Arc<Prepared>, AppError> {
    (state.public.figures(&current(state).await?, scope)).ok_or(AppError::NotFound)
}

/// The figures of every service point, team and partner unit at once.
#[utoipa::path(
    get,
    path = "/api/stats/breakdown",
    tag = "stats",
    responses((status = 200, description = "Every scope's figures", body = Breakdown))
)]
async fn get_breakdown(State(state): State<AppState>) -> Result<Json<Breakdown>, AppError> {
    Ok(Json(current(&state).await?.breakdown()))
}
