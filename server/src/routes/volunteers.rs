//! `/api/teams`, `/api/volunteers` and `/api/me`: registering, and a volunteer's own record.

use crate::AppState;
use crate::access_key;
use crate::client_limits::Action;
use crate::error::AppError;
use crate::live::Change;
use crate::public_reads::Prepared;
use crate::routes::extract::{Client, Idempotent, SignedIn};
use crate::routes::{REVALIDATE, private_json};
use crate::services;
use crate::services::signups::Enrolment;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use huli_contract::{ApiErrorBody, MyRecord, Registered, RegistrationForm, ServiceRecord, TeamRef};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_teams))
        .routes(routes!(register))
        .routes(routes!(my_record))
        .routes(routes!(my_service_record))
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
/// twice and answers as the first time did. A number registered before gets the very
/// same answer and nothing is written: its owner's link stays the one they had.
#[utoipa::path(
    post,
    path = "/api/volunteers",
    tag = "volunteers",
    request_body = RegistrationForm,
    params(("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _, one per registration attempt")),
    responses(
        (status = 201, description = "Registered", body = Registered),
        (status = 400, description = "Malformed JSON or a missing Idempotency-Key", body = ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KiB", body = ApiErrorBody),
        (status = 422, description = "Fields to correct, each with its reason; or the key was used for another request", body = ApiErrorBody),
        (status = 429, description = "Too many registrations from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn register(
    State(state): State<AppState>,
    client: Client,
    form: Idempotent<RegistrationForm>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::Registration, client.0)?;
    let registration = form.body.parse().map_err(AppError::Unprocessable)?;
    let key_hash = access_key::hash(&registration.access_key);
    let enrolment = services::signups::register(
        &*state.store,
        &registration,
        &key_hash,
        &form.request("register".into()),
        state.clock.now(),
    )
    .await??;
    match enrolment {
        // One more volunteer in the programme's figures; nobody waits for that to show.
        Enrolment::New(_) => state.live.refresh_soon_after_write(Change::Attendance),
        // Answered exactly like a new registration: the answer must not tell anyone
        // whether a number is registered. The log says it, without the number.
        Enrolment::NumberKnown => {
            tracing::info!(target: "security", event = "registration_of_known_number", client = %client.0, "a registration for a number already registered wrote nothing");
        }
    }
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

/// The signed-in volunteer's service record: every past shift with its status and
/// verified minutes, totals for this year and all time, the star level and how far the
/// next one is, trainings with their expiry, and certificates issued.
#[utoipa::path(
    get,
    path = "/api/me/record",
    tag = "volunteers",
    security(("personal_link" = [])),
    responses(
        (status = 200, description = "The volunteer's service record", body = ServiceRecord),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn my_service_record(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Response, AppError> {
    let data = super::rights::read_my_data(&state, signed_in).await?;
    let record = ServiceRecord::at(data, state.clock.now());
    Ok(private_json(StatusCode::OK, &record))
}
