//! `/api/staff/volunteers/{number}/record` and `…/trainings`: a volunteer's service
//! record as staff see it, and a training done elsewhere put on it.

use super::extract::{JsonForm, Staff, StaffWriter};
use super::records::{unit_scope_or_refuse, volunteer_number};
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::ApiPath;
use crate::routes::private_json;
use crate::services::trainings;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::{ApiErrorBody, ServiceRecord, TrainingEntryForm, TrainingRecord};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(service_record))
        .routes(routes!(record_training))
}

/// A volunteer's service record, as they see it themselves: past shifts, verified
/// totals, star level, trainings and certificates. Administrators, and coordinators for
/// the volunteers they see.
#[utoipa::path(
    get,
    path = "/api/staff/volunteers/{number}/record",
    tag = "staff",
    params(("number" = String, Path, description = "The volunteer number, e.g. HL0004217")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The service record", body = ServiceRecord),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
        (status = 404, description = "No such volunteer in the account's records", body = ApiErrorBody),
    )
)]
async fn service_record(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
) -> Result<Response, AppError> {
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let volunteer = volunteer_number(&number)?;
    let data = state.store.volunteer_data(scope, volunteer).await?;
    let record = ServiceRecord::at(data.ok_or(AppError::NotFound)?, state.clock.now());
    Ok(private_json(StatusCode::OK, &record))
}

/// Puts a training the volunteer did elsewhere on their record, with a note of the
/// evidence seen; it opens gated duty until it expires (first aid after three years
/// unless a validity is given). A later completion of the same training replaces an
/// earlier one. Administrators, and coordinators for the volunteers they see.
#[utoipa::path(
    post,
    path = "/api/staff/volunteers/{number}/trainings",
    tag = "staff",
    params(("number" = String, Path, description = "The volunteer number, e.g. HL0004217")),
    request_body = TrainingEntryForm,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The volunteer's trainings after the entry", body = [TrainingRecord]),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
        (status = 404, description = "No such volunteer in the account's records", body = ApiErrorBody),
        (status = 422, description = "Fields to correct, each with its reason (a day after today among them)", body = ApiErrorBody),
    )
)]
async fn record_training(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(number): ApiPath<String>,
    JsonForm(form): JsonForm<TrainingEntryForm>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let volunteer = volunteer_number(&number)?;
    let entry = form.parse().map_err(AppError::Unprocessable)?;
    let now = state.clock.now();
    let trainings =
        trainings::record_training(&*state.store, &staff.account, volunteer, &entry, now).await??;
    Ok(private_json(StatusCode::OK, &trainings))
}
