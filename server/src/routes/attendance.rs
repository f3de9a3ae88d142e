//! `/api/signups/{id}/check-in` and `/check-out`: attendance from the volunteer's phone.

use crate::AppState;
use crate::client_limits::Action;
use crate::error::AppError;
use crate::live::Change;
use crate::routes::extract::{ApiPath, Client, Idempotent, SignedIn, parse_id};
use crate::routes::private_json;
use crate::services;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::{ApiErrorBody, CheckIn, SignupId, SignupView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(check_in))
        .routes(routes!(check_out))
}

/// Checks in on a confirmed sign-up, from 30 minutes before the shift until its end,
/// with the point's rotating code or the phone's location near the point. The method is
/// recorded; checking in again returns the first check-in.
#[utoipa::path(
    post,
    path = "/api/signups/{id}/check-in",
    tag = "attendance",
    security(("personal_link" = [])),
    request_body = CheckIn,
    params(
        ("id" = i64, Path, description = "The sign-up's id"),
        ("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _")
    ),
    responses(
        (status = 200, description = "Checked in", body = SignupView),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 404, description = "The volunteer has no sign-up with this id", body = ApiErrorBody),
        (status = 409, description = "Refused: too early, ended, wrong code, too far, not confirmed", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn check_in(
    State(state): State<AppState>,
    client: Client,
    SignedIn(volunteer): SignedIn,
    ApiPath(id): ApiPath<String>,
    request: Idempotent<CheckIn>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::CheckIn, client.0)?;
    let id = SignupId(parse_id("id", &id)?);
    let signup = services::attendance::check_in(
        &*state.store,
        volunteer,
        id,
        &request.body,
        state.check_in_radius_m,
        &request.request(volunteer.idempotency_scope()),
        state.clock.now(),
    )
    .await??;
    state.live.refresh_after_write(Change::Attendance).await;
    Ok(private_json(StatusCode::OK, &signup))
}

/// Checks out. The minutes served inside the shift's window are recorded as pending
/// until the organising unit reviews them. Checking out again changes nothing.
#[utoipa::path(
    post,
    path = "/api/signups/{id}/check-out",
    tag = "attendance",
    security(("personal_link" = [])),
    params(
        ("id" = i64, Path, description = "The sign-up's id"),
        ("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _")
    ),
    responses(
        (status = 200, description = "Checked out, minutes pending review", body = SignupView),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 404, description = "The volunteer has no sign-up with this id", body = ApiErrorBody),
        (status = 409, description = "Not checked in", body = ApiErrorBody)
    )
)]
async fn check_out(
    State(state): State<AppState>,
    SignedIn(volunteer): SignedIn,
    ApiPath(id): ApiPath<String>,
    request: Idempotent<()>,
) -> Result<Response, AppError> {
    let id = SignupId(parse_id("id", &id)?);
    let signup = services::attendance::check_out(
        &*state.store,
        volunteer,
        id,
        &request.request(volunteer.idempotency_scope()),
        state.clock.now(),
    )
    .await??;
    state.live.refresh_after_write(Change::Attendance).await;
    Ok(private_json(StatusCode::OK, &signup))
}
