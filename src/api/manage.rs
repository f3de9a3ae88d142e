//! Managing the programme from the console: shifts, weekly templates, insurance, a
//! point's details and marker, units and their pairing, teams, training sessions and
//! who came to them, volunteers' stories and their photos.

use super::staff::{read_staff, staff_get, staff_send};
use super::{ApiError, request};
use crate::i18n::Locale;
use chrono::NaiveDate;
use gloo_net::http::Request;
use huli_contract::{
    InsuranceForm, InsuranceRecord, PairingForm, PartnerUnitRef, PointDetail, PointForm, PointId,
    ShiftChangeForm, ShiftForm, ShiftId, ShiftPage, ShiftView, StaffSession, StoryForm, StoryId,
    StoryRecord, TeamForm, TeamRef, TemplateForm, TrainingAttendanceForm, TrainingRoster,
    TrainingSessionForm, TrainingSessionId, TrainingSessionView, UnitForm, UnitView,
    VolunteerNumber, WeeklyShifts,
};

/// A page of the shifts the account manages in the 60 days from `from`, at one point
/// or all.
pub async fn managed_shifts(
    point: Option<PointId>,
    from: NaiveDate,
    offset: u32,
    locale: Locale,
) -> Result<ShiftPage, ApiError> {
    let point = point.map(|p| format!("&point={}", p.0)).unwrap_or_default();
    let path = format!("/api/staff/shifts?from={from}&offset={offset}{point}");
    staff_get(&path, locale).await
}

pub async fn create_shift(
    form: &ShiftForm,
    csrf: &str,
    locale: Locale,
) -> Result<ShiftView, ApiError> {
    staff_send(Request::post("/api/staff/shifts"), locale, csrf, form).await
}

pub async fn plan_weekly(
    form: &TemplateForm,
    csrf: &str,
    locale: Locale,
) -> Result<WeeklyShifts, ApiError> {
    staff_send(
        Request::post("/api/staff/shift-templates"),
        locale,
        csrf,
        form,
    )
    .await
}

pub async fn change_shift(
    id: ShiftId,
    form: &ShiftChangeForm,
    csrf: &str,
    locale: Locale,
) -> Result<ShiftView, ApiError> {
    let path = format!("/api/staff/shifts/{}", id.0);
    staff_send(Request::patch(&path), locale, csrf, form).await
}

pub async fn delete_shift(id: ShiftId, csrf: &str, locale: Locale) -> Result<(), ApiError> {
    let path = format!("/api/staff/shifts/{}", id.0);
    staff_send(Request::delete(&path), locale, csrf, &()).await
}

pub async fn record_insurance(
    form: &InsuranceForm,
    csrf: &str,
    locale: Locale,
) -> Result<InsuranceRecord, ApiError> {
    staff_send(Request::post("/api/staff/insurance"), locale, csrf, form).await
}

/// The units the account manages, with the point each staffs.
pub async fn managed_units(locale: Locale) -> Result<Vec<UnitView>, ApiError> {
    staff_get("/api/staff/units", locale).await
}

pub async fn change_point(
    id: PointId,
    form: &PointForm,
    csrf: &str,
    locale: Locale,
) -> Result<PointDetail, ApiError> {
    let path = format!("/api/staff/points/{}", id.0);
    staff_send(Request::patch(&path), locale, csrf, form).await
}

pub async fn create_unit(
    form: &UnitForm,
    csrf: &str,
    locale: Locale,
) -> Result<PartnerUnitRef, ApiError> {
    staff_send(Request::post("/api/staff/units"), locale, csrf, form).await
}

pub async fn pair_unit(
    unit: i64,
    point: PointId,
    csrf: &str,
    locale: Locale,
) -> Result<UnitView, ApiError> {
    let path = format!("/api/staff/units/{unit}/point");
    let form = PairingForm {
        point_id: Some(point.0),
    };
    staff_send(Request::put(&path), locale, csrf, &form).await
}

pub async fn create_team(form: &TeamForm, csrf: &str, locale: Locale) -> Result<TeamRef, ApiError> {
    staff_send(Request::post("/api/staff/teams"), locale, csrf, form).await
}

/// The sessions in the account's scope, from those that ended in the last 30 days on,
/// soonest first.
pub async fn managed_training_sessions(
    locale: Locale,
) -> Result<Vec<TrainingSessionView>, ApiError> {
    staff_get("/api/staff/training-sessions", locale).await
}

pub async fn schedule_training_session(
    form: &TrainingSessionForm,
    csrf: &str,
    locale: Locale,
) -> Result<TrainingSessionView, ApiError> {
    let path = "/api/staff/training-sessions";
    staff_send(Request::post(path), locale, csrf, form).await
}

pub async fn training_roster(
    session: TrainingSessionId,
    locale: Locale,
) -> Result<TrainingRoster, ApiError> {
    let path = format!("/api/staff/training-sessions/{}/roster", session.0);
    staff_get(&path, locale).await
}

/// Marks `volunteer` present at the session, which puts the training on their record;
/// answers the list as it now stands.
pub async fn mark_training_attendance(
    session: TrainingSessionId,
    volunteer: VolunteerNumber,
    csrf: &str,
    locale: Locale,
) -> Result<TrainingRoster, ApiError> {
    let path = format!("/api/staff/training-sessions/{}/attendance", session.0);
    let form = TrainingAttendanceForm {
        volunteer_number: volunteer.to_string(),
    };
    staff_send(Request::post(&path), locale, csrf, &form).await
}

/// The stories the account's unit wrote (an administrator's: all), newest first.
pub async fn written_stories(locale: Locale) -> Result<Vec<StoryRecord>, ApiError> {
    staff_get("/api/staff/stories", locale).await
}

/// Writes a story, to wait for the volunteer's consent.
pub async fn write_story(
    form: &StoryForm,
    csrf: &str,
    locale: Locale,
) -> Result<StoryRecord, ApiError> {
    staff_send(Request::post("/api/staff/stories"), locale, csrf, form).await
}

/// Puts `photo` (the file chosen, sent as it is) on a story still waiting for consent.
pub async fn put_story_photo(
    story: StoryId,
    photo: &web_sys::Blob,
    csrf: &str,
    locale: Locale,
) -> Result<StoryRecord, ApiError> {
    let path = format!("/api/staff/stories/{}/photo", story.0);
    let sent = request(Request::put(&path), locale, None)
        .header(StaffSession::CSRF_HEADER, csrf)
        .body(photo.clone())
        .map_err(|_| ApiError::Server(None))?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read_staff(sent).await
}
