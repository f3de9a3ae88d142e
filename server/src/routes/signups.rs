//! `/api/signups`: signing up for a shift and cancelling, both idempotent.

use crate::AppState;
use crate::client_limits::Action;
use crate::error::AppError;
use crate::routes::extract::{ApiPath, Client, Idempotent, SignedIn, parse_id};
use crate::routes::private_json;
use crate::services;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::{ApiErrorBody, SignupId, SignupRequest, SignupView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_up))
        .routes(routes!(cancel))
}

/// Signs up for a shift: a free place confirms, a full shift puts the volunteer on its
/// waitlist with their position. Signing up again for the same shift returns the same
/// sign-up; a retry with the same `Idempotency-Key` returns the first answer.
#[utoipa::path(
    post,
    path = "/api/signups",
    tag = "signups",
    security(("personal_link" = [])),
    request_body = SignupRequest,
    params(("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _, one per sign-up attempt")),
    responses(
        (status = 200, description = "Confirmed, or waitlisted with a position", body = SignupView),
        (status = 400, description = "Malformed JSON or a missing Idempotency-Key", body = ApiErrorBody),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 409, description = "A rule refuses: started, not insured, training required, overlapping, full, 8 upcoming sign-ups held already", body = ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KiB", body = ApiErrorBody),
        (status = 422, description = "No such shift, or the key was used for another request", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn sign_up(
    State(state): State<AppState>,
    client: Client,
    SignedIn(volunteer): SignedIn,
    request: Idempotent<SignupRequest>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::SignUp, client.0)?;
    let signup = services::signups::sign_up(
        &*state.store,
        volunteer,
        request.body.shift_id,
        &request.request(volunteer.idempotency_scope()),
        state.clock.now(),
    )
    .await??;
    Ok(private_json(StatusCode::OK, &signup))
}

/// Cancels a sign-up up to two hours before its shift; a freed place goes to the first
/// on the waitlist at once. Cancelling a cancelled sign-up changes nothing.
#[utoipa::path(
    post,
    path = "/api/signups/{id}/cancel",
    tag = "signups",
    security(("personal_link" = [])),
    params(
        ("id" = i64, Path, description = "The sign-up's id"),
        ("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _")
    ),
    responses(
        (status = 200, description = "Cancelled", body = SignupView),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 404, description = "The volunteer has no sign-up with this id", body = ApiErrorBody),
        (status = 409, description = "Past the cancellation deadline, or started", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn cancel(
    State(state): State<AppState>,
    client: Client,
    SignedIn(volunteer): SignedIn,
    ApiPath(id): ApiPath<String>,
    request: Idempotent<()>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::SignUp, client.0)?;
    let id = SignupId(parse_id("id", &id)?);
    let signup = services::signups::cancel(
        &*state.store,
        volunteer,
        id,
        &request.request(volunteer.idempotency_scope()),
        state.clock.now(),
    )
    .await??;
    Ok(private_json(StatusCode::OK, &signup))
}
