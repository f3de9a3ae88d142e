//! `/api/staff/training-sessions`: scheduling training sessions, and marking who
//! attended, which puts the training on their record.

use super::extract::{JsonForm, Staff, StaffWriter};
use super::records::unit_scope_or_refuse;
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::{ApiPath, parse_id};
use crate::routes::private_json;
use crate::services::training_sessions;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Duration;
use huli_contract::{
    ApiErrorBody, TrainingAttendanceForm, TrainingRoster, TrainingSessionForm, TrainingSessionId,
    TrainingSessionView,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// How long after a session ends the console still lists it: time enough to finish
/// marking who came.
const LISTED_DAYS_AFTER: i64 = 30;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sessions, schedule))
        .routes(routes!(roster))
        .routes(routes!(mark_attended))
}

/// The sessions the account manages (administrators every unit's, coordinators their
/// unit's) that have not ended or ended at most 30 days ago, soonest first.
#[utoipa::path(
    get,
    path = "/api/staff/training-sessions",
    tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The sessions", body = [TrainingSessionView]),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
    )
)]
async fn sessions(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let since = state.clock.now() - Duration::days(LISTED_DAYS_AFTER);
    let sessions = state.store.training_sessions_of(scope, since).await?;
    Ok(private_json(StatusCode::OK, &sessions))
}

/// Schedules a training session. Administrators for any unit, coordinators for their
/// own; the validity left out is the training's usual one (first aid 3 years, the
/// others without end).
#[utoipa::path(
    post,
    path = "/api/staff/training-sessions",
    tag = "staff",
    request_body = TrainingSessionForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Scheduled", body = TrainingSessionView),
        (status = 403, description = "A point leader's account, or another unit's coordinator", body = ApiErrorBody),
        (status = 422, description = "Fields to correct, each with its reason", body = ApiErrorBody),
    )
)]
async fn schedule(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<TrainingSessionForm>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let now = state.clock.now();
    let session = form.parse(now).map_err(AppError::Unprocessable)?;
    let view = training_sessions::schedule(&*state.store, &staff.account, &session, now).await??;
    Ok(private_json(StatusCode::CREATED, &view))
}

/// A session with everyone who signed up and whether they were marked present.
#[utoipa::path(
    get,
    path = "/api/staff/training-sessions/{id}/roster",
    tag = "staff",
    params(("id" = i64, Path, description = "The session's id")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The session and its sign-ups", body = TrainingRoster),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
        (status = 404, description = "No such session among the account's", body = ApiErrorBody),
    )
)]
async fn roster(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let id = TrainingSessionId(parse_id("id", &id)?);
    let roster = training_sessions::roster(&*state.store, &staff.account, id).await??;
    Ok(private_json(StatusCode::OK, &roster))
}

/// Marks a volunteer who signed up present, from 30 minutes before the session starts,
/// and puts the training on their record with its expiry. Marking again changes
/// nothing.
#[utoipa::path(
    post,
    path = "/api/staff/training-sessions/{id}/attendance",
    tag = "staff",
    params(("id" = i64, Path, description = "The session's id")),
    request_body = TrainingAttendanceForm,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The roster after marking", body = TrainingRoster),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
        (status = 404, description = "No such session among the account's", body = ApiErrorBody),
        (status = 409, description = "Earlier than 30 minutes before the session", body = ApiErrorBody),
        (status = 422, description = "The volunteer did not sign up for the session", body = ApiErrorBody),
    )
)]
async fn mark_attended(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
    JsonForm(form): JsonForm<TrainingAttendanceForm>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let id = TrainingSessionId(parse_id("id", &id)?);
    let volunteer = form.parse().map_err(AppError::Unprocessable)?;
    let now = state.clock.now();
    let roster =
        training_sessions::mark_attended(&*state.store, &staff.account, id, volunteer, now)
            .await??;
    Ok(private_json(StatusCode::OK, &roster))
}
