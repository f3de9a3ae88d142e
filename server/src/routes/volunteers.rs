//! `/api/teams`, `/api/volunteers` and `/api/me`: registering, and a volunteer's own record.

use crate::AppState;
use crate::access_key;
use crate::error::AppError;
use crate::live::Change;
use crate::public_reads::Prepared;
use crate::routes::extract::{Idempotent, SignedIn};
use crate::routes::{REVALIDATE, private_json};
use crate::services;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use huli_contract::{ApiErrorBody, MyRecord, Registered, RegistrationForm, TeamRef};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_teams))
        .routes(routes!(register))
        .routes(routes!(my_record))
}

/// The 163 teams a volunteer can register with, partner units' own teams among them.
#[utoipa::path(
    get,
    path = "/api/teams",
    tag = "volunteers",
    responses(
        (status = 200, description = "All teams, by id", body = [TeamRef]),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`")
    )
)]
async fn list_teams(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let read = || async { Ok(Prepared::json(&state.store.teams().await?)) };
    Ok(state
        .public
        .teams(read)
        .await?
        .respond(&headers, REVALIDATE))
}

/// Registers a volunteer whose personal link carries the `access_key` the browser drew;
/// only its hash is stored. A retry with the same `Idempotency-Key` registers nobody
/// twice and answers as the first time did.
#[utoipa::path(
    post,
    path = "/api/volunteers",
    tag = "volunteers",
    request_body = RegistrationForm,
    params(("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _, one per registration attempt")),
    responses(
        (status = 201, description = "Registered", body = Registered),
        (status = 400, description = "Malformed JSON or a missing Idempotency-Key", body = ApiErrorBody),
        (status = 422, description = "Fields to correct, each with its reason; or the key was used for another request", body = ApiErrorBody)
    )
)]
async fn register(
    State(state): State<AppState>,
    form: Idempotent<RegistrationForm>,
) -> Result<Response, AppError> {
    let registration = form.body.parse().map_err(AppError::Unprocessable)?;
    let key_hash = access_key::hash(&registration.access_key);
    services::signups::register(
        &*state.store,
        &registration,
        &key_hash,
        &form.request("register".into()),
        state.clock.now(),
    )
    .await??;
    // One more volunteer in the programme's figures; nobody waits for that to show.
    state.live.refresh_soon_after_write(Change::Attendance);
    let registered = Registered {
        volunteer_name: registration.name.into(),
    };
    Ok(private_json(StatusCode::CREATED, &registered))
}

/// The signed-in volunteer's record: name, masked number, team, skills, trainings on
/// record and sign-ups from yesterday on.
#[utoipa::path(
    get,
    path = "/api/me",
    tag = "volunteers",
    security(("personal_link" = [])),
    responses(
        (status = 200, description = "The volunteer's own record", body = MyRecord),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn my_record(
    State(state): State<AppState>,
    SignedIn(volunteer): SignedIn,
) -> Result<Response, AppError> {
    let record = state.store.my_record(volunteer, state.clock.now()).await?;
    Ok(private_json(StatusCode::OK, &record))
}
