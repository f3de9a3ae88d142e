//! `/api/shifts`: the shifts that need people across every point; `/api/shifts/{id}`:
//! one shift as anyone may see it, and as a calendar event.

use crate::error::{AppError, request_lang};
use crate::routes::extract::{ApiPath, ApiQuery, parse_id};
use crate::{AppState, calendar};
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use huli_contract::{
    ApiErrorBody, DutyKind, Lang, PointDetail, PointId, ShiftId, ShiftView, china_standard_time,
    huli_day_bounds,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(open_shifts))
        .routes(routes!(get_shift))
        .routes(routes!(shift_calendar))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct OpenShiftsQuery {
    /// The day, in China Standard Time (`2026-12-24`); today without it.
    day: Option<NaiveDate>,
    /// Only this service point's shifts.
    point: Option<i64>,
    /// Only this duty.
    duty: Option<DutyKind>,
}

/// One day's shifts that take sign-ups now, at every point or at one: those with a free
/// place, and those with a waitlist. Soonest first.
#[utoipa::path(
    get,
    path = "/api/shifts",
    tag = "signups",
    params(OpenShiftsQuery),
    responses(
        (status = 200, description = "The day's open shifts", body = [ShiftView]),
        (status = 400, description = "A parameter is not a day, a point or a duty", body = ApiErrorBody)
    )
)]
async fn open_shifts(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<OpenShiftsQuery>,
) -> Result<Json<Vec<ShiftView>>, AppError> {
    let now = state.clock.now();
    let huli = china_standard_time();
    let day = query
        .day
        .unwrap_or_else(|| now.with_timezone(&huli).date_naive());
    let (midnight, until) = huli_day_bounds(day);
    let shifts = state
        .store
        .open_shifts(query.point.map(PointId), midnight.max(now), until, now)
        .await?;
    let of_duty = |shift: &ShiftView| query.duty.is_none_or(|duty| duty == shift.duty);
    Ok(Json(shifts.into_iter().filter(of_duty).collect()))
}

async fn find(state: &AppState, raw_id: &str) -> Result<ShiftView, AppError> {
    let id = ShiftId(parse_id("id", raw_id)?);
    state.store.shift(id).await?.ok_or(AppError::NotFound)
}

/// A shift: where, when, which duty, how many places are taken and waiting, whether
/// the organiser's accident insurance is on record and which training it needs.
#[utoipa::path(
    get,
    path = "/api/shifts/{id}",
    tag = "signups",
    params(("id" = i64, Path, description = "The shift's id")),
    responses(
        (status = 200, description = "The shift", body = ShiftView),
        (status = 400, description = "The id is not a positive whole number", body = ApiErrorBody),
        (status = 404, description = "No shift has this id", body = ApiErrorBody)
    )
)]
async fn get_shift(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ShiftView>, AppError> {
    Ok(Json(find(&state, &id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CalendarQuery {
    /// `zh` or `en`; without it, `Accept-Language` decides.
    lang: Option<Lang>,
}

/// The shift as an iCalendar event (RFC 5545) for "add to calendar", with reminders
/// the day before and two hours before. It holds no personal data, so a plain link can
/// download it.
#[utoipa::path(
    get,
    path = "/api/shifts/{id}/calendar.ics",
    tag = "signups",
    params(("id" = i64, Path, description = "The shift's id"), CalendarQuery),
    responses(
        (status = 200, description = "A calendar with one event", content_type = "text/calendar"),
        (status = 404, description = "No shift has this id", body = ApiErrorBody)
    )
)]
async fn shift_calendar(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<CalendarQuery>,
    request: Request,
) -> Result<Response, AppError> {
    let shift = find(&state, &id).await?;
    let point = super::points::point_answer(&state, shift.point_id).await?;
    let point: PointDetail = serde_json::from_slice(point.body())
        .map_err(|e| AppError::Internal(format!("a cached point answer: {e}")))?;
    let lang = query.lang.unwrap_or_else(|| request_lang(&request));
    let event = calendar::shift(&shift, &point.point, None, lang);
    let calendar = calendar::write(&[event], lang, state.clock.now(), None);
    let disposition = format!("attachment; filename=\"huli-shift-{}.ics\"", shift.id.0);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).expect("ASCII"),
            ),
        ],
        calendar,
    )
        .into_response())
}
