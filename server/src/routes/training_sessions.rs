//! `/api/training-sessions`: the training sessions anyone may see; `/api/training-signups`
//! and `/api/me/training-signups`: a volunteer's sign-ups for them, idempotent as the
//! shift sign-ups are.

use crate::AppState;
use crate::client_limits::Action;
use crate::error::AppError;
use crate::routes::extract::{ApiPath, ApiQuery, Client, Idempotent, SignedIn, parse_id};
use crate::routes::private_json;
use crate::services::training_sessions;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::{
    ApiErrorBody, Training, TrainingSessionView, TrainingSignupId, TrainingSignupRequest,
    TrainingSignupView,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upcoming_sessions))
        .routes(routes!(sign_up))
        .routes(routes!(cancel))
        .routes(routes!(my_training_signups))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct SessionsQuery {
    /// Only sessions of this training.
    training: Option<Training>,
}

/// Training sessions that have not started, soonest first: what each teaches, when,
/// where, by whom, and the places left. No names of who signed up.
#[utoipa::path(
    get,
    path = "/api/training-sessions",
    tag = "trainings",
    params(SessionsQuery),
    responses(
        (status = 200, description = "The upcoming sessions", body = [TrainingSessionView]),
        (status = 400, description = "The training is not one of the programme's", body = ApiErrorBody)
    )
)]
async fn upcoming_sessions(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SessionsQuery>,
) -> Result<Json<Vec<TrainingSessionView>>, AppError> {
    let now = state.clock.now();
    let sessions = state
        .store
        .upcoming_training_sessions(query.training, now)
        .await?;
    Ok(Json(sessions))
}

/// Signs up for a training session under the rules of a shift: a free place confirms, a
/// full session puts the volunteer on its waitlist; it may not overlap another shift or
/// session the volunteer holds. Signing up again returns the same sign-up.
#[utoipa::path(
    post,
    path = "/api/training-signups",
    tag = "trainings",
    security(("personal_link" = [])),
    request_body = TrainingSignupRequest,
    params(("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _, one per sign-up attempt")),
    responses(
        (status = 200, description = "Confirmed, or waitlisted with a position", body = TrainingSignupView),
        (status = 400, description = "Malformed JSON or a missing Idempotency-Key", body = ApiErrorBody),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 409, description = "A rule refuses: started, overlapping, full, 8 upcoming sign-ups held already", body = ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KiB", body = ApiErrorBody),
        (status = 422, description = "No such session, or the key was used for another request", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn sign_up(
    State(state): State<AppState>,
    client: Client,
    SignedIn(volunteer): SignedIn,
    request: Idempotent<TrainingSignupRequest>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::SignUp, client.0)?;
    let signup = training_sessions::sign_up(
        &*state.store,
        volunteer,
        request.body.session_id,
        &request.request(volunteer.idempotency_scope()),
        state.clock.now(),
    )
    .await??;
    Ok(private_json(StatusCode::OK, &signup))
}

/// Cancels a training sign-up up to two hours before the session; a freed place goes to
/// the first on the waitlist at once. Cancelling a cancelled sign-up changes nothing.
#[utoipa::path(
    post,
    path = "/api/training-signups/{id}/cancel",
    tag = "trainings",
    security(("personal_link" = [])),
    params(
        ("id" = i64, Path, description = "The training sign-up's id"),
        ("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _")
    ),
    responses(
        (status = 200, description = "Cancelled", body = TrainingSignupView),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 404, description = "The volunteer has no training sign-up with this id", body = ApiErrorBody),
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
    let id = TrainingSignupId(parse_id("id", &id)?);
    let signup = training_sessions::cancel(
        &*state.store,
        volunteer,
        id,
        &request.request(volunteer.idempotency_scope()),
        state.clock.now(),
    )
    .await??;
    Ok(private_json(StatusCode::OK, &signup))
}

/// The volunteer's sign-ups for sessions that have not ended, cancelled ones included,
/// soonest first; each says whether the organiser marked them present.
#[utoipa::path(
    get,
    path = "/api/me/training-signups",
    tag = "trainings",
    security(("personal_link" = [])),
    responses(
        (status = 200, description = "The volunteer's training sign-ups", body = [TrainingSignupView]),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn my_training_signups(
    State(state): State<AppState>,
    SignedIn(volunteer): SignedIn,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let signups = state.store.my_training_signups(volunteer, now).await?;
    Ok(private_json(StatusCode::OK, &signups))
}
