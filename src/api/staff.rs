//! The staff console's requests: the session cookie goes by itself (same origin), and
//! every state-changing request carries the session's anti-forgery token.

use super::{ApiError, lang_param, request};
use crate::i18n::Locale;
use gloo_net::http::{Request, RequestBuilder, Response};
use huli_contract::embed::EmbedSites;
use huli_contract::{
    AccessKey, ApiErrorBody, AuditEntry, BulkApproval, CertificateRequest, DisplayLinkForm,
    DisplayLinkView, ErrorCode, HoursGrouping, LoginForm, NewDisplayLink, NewPersonalLink, Period,
    PointDisplay, PointId, ReviewForm, ReviewItem, ReviewPage, ReviewQuery, RosterShift,
    ServiceCertificate, ServiceRecord, SignupId, StaffSession, TrainingEntryForm, TrainingRecord,
    VolunteerListing, VolunteerNumber,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A staff request's answer: the error bodies of the staff API carry what to show, even
/// for 401 (a wrong password), 403 and 429.
pub(super) async fn read_staff<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    match response.status() {
        204 => serde_json::from_str("null").map_err(|_| ApiError::Server(None)),
        200..=299 => response.json().await.map_err(|_| ApiError::Server(None)),
        404 => Err(ApiError::NotFound),
        status @ 400..=499 => match response.json::<ApiErrorBody>().await {
            Ok(body) if body.error == ErrorCode::StaffSignInRequired => Err(ApiError::Unauthorized),
            Ok(body) => Err(ApiError::Refused(body)),
            Err(_) if status == 401 => Err(ApiError::Unauthorized),
            Err(_) => Err(ApiError::Server(None)),
        },
        _ => Err(ApiError::Server(response.json().await.ok())),
    }
}

/// A state-changing staff request: the session cookie goes by itself (same origin), the
/// anti-forgery token by header. Not retried: a review is applied once and shown.
pub(super) async fn staff_send<T: DeserializeOwned>(
    builder: RequestBuilder,
    locale: Locale,
    csrf: &str,
    body: &impl Serialize,
) -> Result<T, ApiError> {
    let sent = request(builder, locale, None)
        .header(StaffSession::CSRF_HEADER, csrf)
        .json(body)
        .map_err(|_| ApiError::Server(None))?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read_staff(sent).await
}

/// Who is signed in to the staff console, if anyone.
pub async fn staff_session(locale: Locale) -> Result<StaffSession, ApiError> {
    staff_get("/api/staff/session", locale).await
}

pub async fn staff_sign_in(form: &LoginForm, locale: Locale) -> Result<StaffSession, ApiError> {
    let sent = request(Request::post("/api/staff/session"), locale, None)
        .json(form)
        .map_err(|_| ApiError::Server(None))?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read_staff(sent).await
}

pub async fn staff_sign_out(csrf: &str, locale: Locale) -> Result<(), ApiError> {
    let sent = request(Request::delete("/api/staff/session"), locale, None)
        .header(StaffSession::CSRF_HEADER, csrf)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match sent.status() {
        200..=299 | 401 => Ok(()),
        _ => Err(ApiError::Server(None)),
    }
}

/// A page of the attendance records the account may see, as `query` filters them.
pub async fn review_queue(query: &ReviewQuery, locale: Locale) -> Result<ReviewPage, ApiError> {
    // Every value is a number, a date or a snake_case name: nothing to escape.
    let pairs: Vec<String> = (query.pairs().into_iter())
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    staff_get(
        &format!("/api/staff/attendance?{}", pairs.join("&")),
        locale,
    )
    .await
}

pub async fn review(
    id: i64,
    form: &ReviewForm,
    csrf: &str,
    locale: Locale,
) -> Result<ReviewItem, ApiError> {
    let path = format!("/api/staff/attendance/{id}/review");
    staff_send(Request::post(&path), locale, csrf, form).await
}

pub(super) async fn staff_get<T: DeserializeOwned>(
    path: &str,
    locale: Locale,
) -> Result<T, ApiError> {
    let sent = request(Request::get(path), locale, None).send().await;
    read_staff(sent.map_err(|_| ApiError::Network)?).await
}

/// Volunteers whose name, phone ending or volunteer number matches `query`.
pub async fn find_volunteers(
    query: &str,
    locale: Locale,
) -> Result<Vec<VolunteerListing>, ApiError> {
    let query = js_sys::encode_uri_component(query);
    staff_get(&format!("/api/staff/volunteers?q={query}"), locale).await
}

pub async fn issue_certificate(
    volunteer: VolunteerNumber,
    period: &CertificateRequest,
    csrf: &str,
    locale: Locale,
) -> Result<ServiceCertificate, ApiError> {
    let path = format!("/api/staff/volunteers/{volunteer}/certificates");
    staff_send(Request::post(&path), locale, csrf, period).await
}

/// A volunteer's service record, as they see it themselves.
pub async fn volunteer_record(
    volunteer: VolunteerNumber,
    locale: Locale,
) -> Result<ServiceRecord, ApiError> {
    staff_get(&format!("/api/staff/volunteers/{volunteer}/record"), locale).await
}

/// Puts a training the volunteer did elsewhere on their record.
pub async fn record_training(
    volunteer: VolunteerNumber,
    entry: &TrainingEntryForm,
    csrf: &str,
    locale: Locale,
) -> Result<Vec<TrainingRecord>, ApiError> {
    let path = format!("/api/staff/volunteers/{volunteer}/trainings");
    staff_send(Request::post(&path), locale, csrf, entry).await
}

/// A certificate as issued, by its number.
pub async fn certificate(number: &str, locale: Locale) -> Result<ServiceCertificate, ApiError> {
    let number = js_sys::encode_uri_component(number);
    staff_get(&format!("/api/staff/certificates/{number}"), locale).await
}

pub async fn replace_personal_link(
    volunteer: VolunteerNumber,
    key: &AccessKey,
    csrf: &str,
    locale: Locale,
) -> Result<(), ApiError> {
    let path = format!("/api/staff/volunteers/{volunteer}/personal-link");
    let body = NewPersonalLink {
        access_key: key.as_str().to_owned(),
    };
    staff_send(Request::post(&path), locale, csrf, &body).await
}

/// Erases a volunteer who asked for it at a point.
pub async fn erase_volunteer(
    volunteer: VolunteerNumber,
    csrf: &str,
    locale: Locale,
) -> Result<huli_contract::Erased, ApiError> {
    let path = format!("/api/staff/volunteers/{volunteer}/erase");
    staff_send(Request::post(&path), locale, csrf, &()).await
}

/// What the device holding a display link's `key` shows.
pub async fn device_display(key: &str, locale: Locale) -> Result<PointDisplay, ApiError> {
    let sent = request(Request::get("/api/display"), locale, None)
        .header("Authorization", &format!("Bearer {key}"))
        .send()
        .await;
    read_staff(sent.map_err(|_| ApiError::Network)?).await
}

/// The point's display links in force.
pub async fn display_links(
    point: PointId,
    locale: Locale,
) -> Result<Vec<DisplayLinkView>, ApiError> {
    staff_get(
        &format!("/api/staff/points/{}/display-links", point.0),
        locale,
    )
    .await
}

/// A new display link for a device at the point; its address is shown this once.
pub async fn create_display_link(
    point: PointId,
    label: &str,
    csrf: &str,
    locale: Locale,
) -> Result<NewDisplayLink, ApiError> {
    let path = format!("/api/staff/points/{}/display-links", point.0);
    let form = DisplayLinkForm {
        label: label.to_owned(),
    };
    staff_send(Request::post(&path), locale, csrf, &form).await
}

pub async fn revoke_display_link(
    point: PointId,
    link: i64,
    csrf: &str,
    locale: Locale,
) -> Result<(), ApiError> {
    let path = format!("/api/staff/points/{}/display-links/{link}", point.0);
    staff_send(Request::delete(&path), locale, csrf, &()).await
}

/// Where the browser downloads verified hours for `period` as CSV (the session cookie
/// goes with a plain link).
pub fn hours_export_url(by: HoursGrouping, period: Period, locale: Locale) -> String {
    let by = match by {
        HoursGrouping::Volunteer => "volunteer",
        HoursGrouping::Team => "team",
        HoursGrouping::Unit => "unit",
    };
    let (from, to, lang) = (period.first(), period.last(), lang_param(locale));
    format!("/api/staff/exports/hours.csv?by={by}&from={from}&to={to}&lang={lang}")
}

pub fn volunteers_export_url(locale: Locale) -> String {
    format!(
        "/api/staff/exports/volunteers.csv?lang={}",
        lang_param(locale)
    )
}

/// Approves all of `ids`, or none if one may not be.
pub async fn approve_many(
    ids: &[i64],
    csrf: &str,
    locale: Locale,
) -> Result<Vec<ReviewItem>, ApiError> {
    on_many("/api/staff/attendance/approve", ids, csrf, locale).await
}

/// Puts all of `ids`, approved by this account minutes ago, back in the queue; or none.
pub async fn undo_approvals(
    ids: &[i64],
    csrf: &str,
    locale: Locale,
) -> Result<Vec<ReviewItem>, ApiError> {
    on_many("/api/staff/attendance/undo", ids, csrf, locale).await
}

/// One action on many attendance records at once: all of them, or none.
async fn on_many(
    path: &str,
    ids: &[i64],
    csrf: &str,
    locale: Locale,
) -> Result<Vec<ReviewItem>, ApiError> {
    let body = BulkApproval { ids: ids.to_vec() };
    staff_send(Request::post(path), locale, csrf, &body).await
}

/// The newest changes staff made that the account may read.
pub async fn audit_log(locale: Locale) -> Result<Vec<AuditEntry>, ApiError> {
    staff_get("/api/staff/audit", locale).await
}

/// Today's shifts at the point with everyone confirmed on them.
pub async fn roster(point: PointId, locale: Locale) -> Result<Vec<RosterShift>, ApiError> {
    staff_get(&format!("/api/staff/points/{}/roster", point.0), locale).await
}

/// Checks a volunteer in (or out) on their behalf, as the point's leader.
pub async fn mark_attendance(
    signup: SignupId,
    check_in: bool,
    csrf: &str,
    locale: Locale,
) -> Result<ReviewItem, ApiError> {
    let action = if check_in { "check-in" } else { "check-out" };
    let path = format!("/api/staff/signups/{}/{action}", signup.0);
    staff_send(Request::post(&path), locale, csrf, &()).await
}

/// The sites the server lets frame the widgets (a public list; the embed page shows it).
pub async fn embed_sites(locale: Locale) -> Result<EmbedSites, ApiError> {
    super::get_json("/api/embed/sites", locale, None).await
}
