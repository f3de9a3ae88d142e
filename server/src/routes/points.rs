//! `/api/points`: the 30 service points.

use crate::AppState;
use crate::error::AppError;
use crate::public_reads::Prepared;
use crate::routes::REVALIDATE;
use crate::routes::extract::{ApiPath, parse_id};
use crate::storage::CountingPeriod;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use huli_contract::{ApiErrorBody, PointDetail, PointId, PointSummary};
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_points))
        .routes(routes!(get_point))
}

/// Every service point with what the map and the list show, in one response. Send
/// the `ETag` back in `If-None-Match` to get a 304 while nothing changed. Served from
/// memory, made anew after any change.
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
    Ok(points_answer(&state).await?.respond(&headers, REVALIDATE))
}

/// Every point, as `GET /api/points` answers.
pub(super) async fn points_answer(state: &AppState) -> Result<Arc<Prepared>, AppError> {
    let read = || async {
        Ok(Prepared::json(
            &state.store.list_points(state.clock.now()).await?,
        ))
    };
    state.public.points(read).await
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
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 400, description = "The id is not a positive whole number", body = ApiErrorBody),
        (status = 404, description = "No point has this id", body = ApiErrorBody)
    )
)]
async fn get_point(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id = PointId(parse_id("id", &id)?);
    Ok(point_answer(&state, id)
        .await?
        .respond(&headers, REVALIDATE))
}

/// One point, as `GET /api/points/{id}` answers; `AppError::NotFound` for no such point.
pub(super) async fn point_answer(state: &AppState, id: PointId) -> Result<Arc<Prepared>, AppError> {
    let read = || async {
        let detail = state
            .store
            .point_detail(id, CountingPeriod::ending_at(state.clock.now()))
            .await?;
        Ok(Prepared::json(&detail.ok_or(AppError::NotFound)?))
    };
    state.public.point_detail(id, read).await
}
