//! `/api/staff/shifts`, weekly templates and insurance: planning shifts, changing them
//! while nobody holds them, and the accident insurance that opens high-risk duty.

use super::manager;
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::{ApiPath, ApiQuery, parse_id};
use crate::routes::private_json;
use crate::routes::staff::extract::{JsonForm, Staff, StaffWriter};
use crate::services::manage::{self, shifts::Created};
use crate::storage::ShiftFilter;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Days, NaiveDate, Utc};
use huli_contract::{
    ApiErrorBody, InsuranceForm, InsuranceRecord, Period, PointId, STAFF_PAGE, ShiftChangeForm,
    ShiftForm, ShiftId, ShiftPage, ShiftView, TemplateForm, WeeklyShifts, china_standard_time,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_shifts, create_shift))
        .routes(routes!(change_shift, delete_shift))
        .routes(routes!(create_from_template))
        .routes(routes!(record_insurance))
}

/// How far ahead a listing looks when it is not told.
const DEFAULT_DAYS: u64 = 60;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ShiftQuery {
    /// Only this service point's shifts.
    point: Option<i64>,
    /// `YYYY-MM-DD` (China Standard Time): shifts starting on or after this day; today
    /// without it.
    #[param(value_type = Option<NaiveDate>)]
    from: Option<String>,
    /// `YYYY-MM-DD`: shifts starting on or before this day; 60 days on without it.
    #[param(value_type = Option<NaiveDate>)]
    to: Option<String>,
    /// How many shifts to skip: a multiple of the page size, 50.
    #[param(schema_with = huli_contract::openapi_schemas::page_offset)]
    offset: Option<u32>,
}

impl ShiftQuery {
    /// The days asked for, in Huli; `to` defaults to 60 days after `from`.
    fn filter(&self, now: DateTime<Utc>) -> Result<ShiftFilter, AppError> {
        let today = now.with_timezone(&china_standard_time()).date_naive();
        let from = self.from.clone().unwrap_or_else(|| today.to_string());
        let to = self.to.clone().unwrap_or_else(|| {
            let first = NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d").unwrap_or(today);
            let last = first.checked_add_days(Days::new(DEFAULT_DAYS));
            last.unwrap_or(first).to_string()
        });
        let period = Period::parse(&from, &to).map_err(AppError::query)?;
        Ok(ShiftFilter {
            point: self.point.map(PointId),
            from: period.starts_at(),
            until: period.ends_before(),
            offset: self.offset.unwrap_or(0),
            limit: STAFF_PAGE,
        })
    }
}

/// A page of 50 shifts the account manages, soonest first, and how many there are in
/// all: every unit's for an administrator, its own unit's for a coordinator.
#[utoipa::path(
    get,
    path = "/api/staff/shifts",
    tag = "staff",
    params(ShiftQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "A page of the shifts", body = ShiftPage),
        (status = 400, description = "`from`, `to` or `offset` does not parse", body = ApiErrorBody),
        (status = 422, description = "`to` is before `from`, or more than five years after", body = ApiErrorBody),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
    )
)]
async fn list_shifts(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(query): ApiQuery<ShiftQuery>,
) -> Result<Response, AppError> {
    let only_unit = manager(&staff)?;
    let filter = query.filter(state.clock.now())?;
    let page = state.store.managed_shifts(only_unit, filter).await?;
    Ok(private_json(StatusCode::OK, &page))
}

/// Creates a shift at a point, organised by a unit paired with it (a coordinator: its
/// own unit at its own point). High-risk duty (traffic duty, emergency relief) opens for
/// sign-up once its insurance is recorded. Asking again for a shift with the same point,
/// unit, duty and times answers 200 with the one already there.
#[utoipa::path(
    post,
    path = "/api/staff/shifts",
    tag = "staff",
    request_body = ShiftForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Created", body = ShiftView),
        (status = 200, description = "The same shift was there already", body = ShiftView),
        (status = 403, description = "Not this account's unit, or no anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "A field is refused", body = ApiErrorBody),
    )
)]
async fn create_shift(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<ShiftForm>,
) -> Result<Response, AppError> {
    manager(&staff)?;
    let now = state.clock.now();
    let shift = form.parse(now).map_err(AppError::Unprocessable)?;
    let created =
        manage::shifts::create_shift(&*state.store, &staff.account, &shift, now).await??;
    Ok(match created {
        Created::New(shift) => private_json(StatusCode::CREATED, &shift),
        Created::AlreadyThere(shift) => private_json(StatusCode::OK, &shift),
    })
}

/// Creates a weekly shift for the next 1 to 12 weeks, e.g. every Saturday 09:00–11:00
/// China Standard Time, all or none. Weeks that already have the same shift (point, unit,
/// duty, times) keep it and are listed as `already_there`, so a retry doubles nothing.
#[utoipa::path(
    post,
    path = "/api/staff/shift-templates",
    tag = "staff",
    request_body = TemplateForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Some shifts were created", body = WeeklyShifts),
        (status = 200, description = "Every shift was there already", body = WeeklyShifts),
        (status = 403, description = "Not this account's unit, or no anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "A field is refused", body = ApiErrorBody),
    )
)]
async fn create_from_template(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<TemplateForm>,
) -> Result<Response, AppError> {
    manager(&staff)?;
    let now = state.clock.now();
    let template = form.parse().map_err(AppError::Unprocessable)?;
    let windows = template.windows(now);
    let shifts = manage::shifts::create_weekly_shifts(
        &*state.store,
        &staff.account,
        &template.shape,
        &windows,
        now,
    )
    .await??;
    let status = match shifts.created.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::CREATED,
    };
    Ok(private_json(status, &shifts))
}

/// Changes a shift that has not started: new times (`starts_at` and `ends_at` together)
/// and/or its capacity. Once volunteers hold or wait for a place, its capacity can only
/// grow (409 `shift_has_signups` otherwise), and it moves only while they can still
/// cancel, at its time and at the new one, to a time none of them holds another shift or
/// training at (422 on `starts_at`: `too_late_to_move`, `holders_busy`); their sign-ups
/// and calendar feeds show the new time. The waitlist moves up into new places at once.
/// A moved high-risk shift stays open only if its insurance covers the new dates, and
/// one volunteers hold is not moved outside them (422 `not_covered`).
#[utoipa::path(
    patch,
    path = "/api/staff/shifts/{id}",
    tag = "staff",
    params(("id" = i64, Path, description = "The shift's id")),
    request_body = ShiftChangeForm,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Changed", body = ShiftView),
        (status = 403, description = "Not this account's unit, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No shift has this id", body = ApiErrorBody),
        (status = 409, description = "Started, or places lowered while volunteers hold them", body = ApiErrorBody),
        (status = 422, description = "A field is refused, or the move is (see above)", body = ApiErrorBody),
    )
)]
async fn change_shift(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
    JsonForm(form): JsonForm<ShiftChangeForm>,
) -> Result<Response, AppError> {
    manager(&staff)?;
    let id = ShiftId(parse_id("id", &id)?);
    let now = state.clock.now();
    let change = form.parse(now).map_err(AppError::Unprocessable)?;
    let shift =
        manage::shifts::change_shift(&*state.store, &staff.account, id, &change, now).await??;
    Ok(private_json(StatusCode::OK, &shift))
}

/// Deletes a shift that has not started and that nobody ever signed up for (a
/// cancelled sign-up is still part of a volunteer's record).
#[utoipa::path(
    delete,
    path = "/api/staff/shifts/{id}",
    tag = "staff",
    params(("id" = i64, Path, description = "The shift's id")),
    security(("staff_session" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not this account's unit, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No shift has this id", body = ApiErrorBody),
        (status = 409, description = "Started, or volunteers have signed up", body = ApiErrorBody),
    )
)]
async fn delete_shift(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    manager(&staff)?;
    let id = ShiftId(parse_id("id", &id)?);
    manage::shifts::delete_shift(&*state.store, &staff.account, id, state.clock.now()).await??;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Records the organiser's accident insurance for high-risk shifts whose dates it
/// covers (China Standard Time, inclusive); they open for sign-up at once. All the
/// shifts, or none if one is refused.
#[utoipa::path(
    post,
    path = "/api/staff/insurance",
    tag = "staff",
    request_body = InsuranceForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Recorded", body = InsuranceRecord),
        (status = 403, description = "A shift of another unit, or no anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "A field is refused, e.g. a shift the cover misses", body = ApiErrorBody),
    )
)]
async fn record_insurance(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<InsuranceForm>,
) -> Result<Response, AppError> {
    manager(&staff)?;
    let policy = form.parse().map_err(AppError::Unprocessable)?;
    let record =
        manage::shifts::record_insurance(&*state.store, &staff.account, &policy, state.clock.now())
            .await??;
    Ok(private_json(StatusCode::CREATED, &record))
}
