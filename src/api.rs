//! Every HTTP request the app makes, typed with the contract crate's types. Requests
//! carry the page's language so that error messages come back in it. Training sessions'
//! are in `trainings`, volunteer stories' in `stories`, the calendar subscription's in
//! `calendar_feed`; the staff console's in `staff`,
//! `accounts` and `manage`.

#[cfg(feature = "staff-console")]
mod accounts;
mod calendar_feed;
#[cfg(feature = "staff-console")]
mod manage;
#[cfg(feature = "staff-console")]
mod staff;
mod stories;
mod trainings;
#[cfg(feature = "staff-console")]
pub use accounts::*;
pub use calendar_feed::*;
#[cfg(feature = "staff-console")]
pub use manage::*;
#[cfg(feature = "staff-console")]
pub use staff::*;
pub use stories::*;
pub use trainings::*;

use crate::i18n::Locale;
use gloo_net::http::{Request, RequestBuilder, Response};
use huli_contract::{
    AccessKey, ApiErrorBody, CheckIn, DutyKind, Erased, ErasureRequest, IdempotencyKey, MapConfig,
    MyRecord, PointDetail, PointId, PointSummary, ProfileForm, Registered, RegistrationForm, Scope,
    ScopeQuery, ServiceRecord, ShiftId, ShiftView, SignupId, SignupRequest, SignupView, Stats,
    TeamRef,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: offline, or the server is down.
    Network,
    NotFound,
    /// The personal link's key is missing, unknown or replaced.
    Unauthorized,
    /// The request was refused with reasons to show: fields to correct (422) or a rule
    /// of the programme (409).
    Refused(ApiErrorBody),
    /// The server answered with an error, or with something this build does not understand.
    Server(Option<ApiErrorBody>),
}

pub use crate::language::lang_of;

/// How often a state-changing request is sent again after no answer came. Safe because
/// every attempt carries the same idempotency key.
const WRITE_RETRIES: usize = 2;

/// A fresh idempotency key for one action: 128 random bits in hex.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    if crate::personal_link::fill_random(&mut bytes).is_none() {
        // No Web Crypto (very old WebViews): the key need only be unique among one
        // volunteer's requests, which the clock and Math.random give.
        for chunk in bytes.chunks_mut(8) {
            let bits = (js_sys::Math::random() * 2f64.powi(53)) as u64 ^ js_sys::Date::now() as u64;
            chunk.copy_from_slice(&bits.to_le_bytes());
        }
    }
    hex(&bytes)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn request(builder: RequestBuilder, locale: Locale, key: Option<&AccessKey>) -> RequestBuilder {
    let tag = crate::language::reading_of(locale).tag();
    let builder = builder.header("Accept-Language", tag);
    match key {
        Some(key) => builder.header("Authorization", &format!("Bearer {}", key.as_str())),
        None => builder,
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    match response.status() {
        200..=299 => response.json().await.map_err(|_| ApiError::Server(None)),
        401 => Err(ApiError::Unauthorized),
        404 => Err(ApiError::NotFound),
        409 | 422 => match response.json().await {
            Ok(body) => Err(ApiError::Refused(body)),
            Err(_) => Err(ApiError::Server(None)),
        },
        _ => Err(ApiError::Server(response.json().await.ok())),
    }
}

async fn get_json<T: DeserializeOwned>(
    path: &str,
    locale: Locale,
    key: Option<&AccessKey>,
) -> Result<T, ApiError> {
    let response = request(Request::get(path), locale, key)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    note_saved_copy(&response);
    read(response).await
}

/// An answer the service worker gave from its saved copy, offline, says so to the page.
fn note_saved_copy(response: &Response) {
    if let Some(at) = response.headers().get(crate::offline::SAVED_AT) {
        crate::offline::announce_saved_copy(&at);
    }
}

/// Sends `body` with the request `prepare` makes, again if no answer comes: safe
/// because every attempt is the same request (a PUT, or a POST under one idempotency key).
async fn send_json<T: DeserializeOwned>(
    prepare: impl Fn() -> RequestBuilder,
    body: &impl Serialize,
) -> Result<T, ApiError> {
    let mut attempts_left = WRITE_RETRIES + 1;
    loop {
        attempts_left -= 1;
        let sent = prepare()
            .json(body)
            .map_err(|_| ApiError::Server(None))?
            .send()
            .await;
        match sent {
            Ok(response) => return read(response).await,
            Err(_) if attempts_left == 0 => return Err(ApiError::Network),
            Err(_) => continue,
        }
    }
}

/// PUTs `body`, which replaces what was there.
async fn put_json<T: DeserializeOwned>(
    path: &str,
    locale: Locale,
    key: Option<&AccessKey>,
    body: &impl Serialize,
) -> Result<T, ApiError> {
    send_json(|| request(Request::put(path), locale, key), body).await
}

/// POSTs under `idempotency_key`.
async fn post_json<T: DeserializeOwned>(
    path: &str,
    locale: Locale,
    key: Option<&AccessKey>,
    idempotency_key: &str,
    body: &impl Serialize,
) -> Result<T, ApiError> {
    let prepare = || {
        request(Request::post(path), locale, key).header(IdempotencyKey::HEADER, idempotency_key)
    };
    send_json(prepare, body).await
}

pub async fn points(locale: Locale) -> Result<Vec<PointSummary>, ApiError> {
    get_json("/api/points", locale, None).await
}

pub async fn point(id: PointId, locale: Locale) -> Result<PointDetail, ApiError> {
    get_json(&format!("/api/points/{}", id.0), locale, None).await
}

/// The figures of the district or of one point, team or unit.
pub async fn stats(scope: Scope, locale: Locale) -> Result<Stats, ApiError> {
    get_json(&scoped("/api/stats", scope), locale, None).await
}

/// `path` with the parameters that choose `scope`.
pub fn scoped(path: &str, scope: Scope) -> String {
    match ScopeQuery::query_string(scope) {
        query if query.is_empty() => path.to_owned(),
        query => format!("{path}?{query}"),
    }
}

pub async fn map_config(locale: Locale) -> Result<MapConfig, ApiError> {
    get_json("/api/map", locale, None).await
}

pub async fn teams(locale: Locale) -> Result<Vec<TeamRef>, ApiError> {
    get_json("/api/teams", locale, None).await
}

pub async fn shift(id: ShiftId, locale: Locale) -> Result<ShiftView, ApiError> {
    get_json(&format!("/api/shifts/{}", id.0), locale, None).await
}

/// One day's shifts that take sign-ups, at every point or at `point`, of every duty or
/// of `duty`.
pub async fn open_shifts(
    day: chrono::NaiveDate,
    point: Option<PointId>,
    duty: Option<DutyKind>,
    locale: Locale,
) -> Result<Vec<ShiftView>, ApiError> {
    let mut path = format!("/api/shifts?day={day}");
    if let Some(point) = point {
        path.push_str(&format!("&point={}", point.0));
    }
    if let Some(duty) = duty {
        path.push_str(&format!("&duty={}", crate::point_filter::enum_name(&duty)));
    }
    get_json(&path, locale, None).await
}

/// Where "add to calendar" downloads a shift from.
pub fn shift_calendar_url(id: ShiftId, locale: Locale) -> String {
    let lang = lang_param(locale);
    format!("/api/shifts/{}/calendar.ics?lang={lang}", id.0)
}

/// The reading as a `?lang=` parameter spells it, for links that a browser follows
/// without the app's `Accept-Language` (downloads): `zh-Hant` reads as Chinese, which the
/// server then converts.
pub fn lang_param(locale: Locale) -> &'static str {
    match crate::language::reading_of(locale) {
        huli_contract::Reading::Simplified => "zh",
        huli_contract::Reading::Traditional => "zh-Hant",
        huli_contract::Reading::English => "en",
    }
}

pub async fn register(
    form: &RegistrationForm,
    idempotency_key: &str,
    locale: Locale,
) -> Result<Registered, ApiError> {
    post_json("/api/volunteers", locale, None, idempotency_key, form).await
}

pub async fn my_record(key: &AccessKey, locale: Locale) -> Result<MyRecord, ApiError> {
    get_json("/api/me", locale, Some(key)).await
}

pub async fn my_service_record(key: &AccessKey, locale: Locale) -> Result<ServiceRecord, ApiError> {
    get_json("/api/me/record", locale, Some(key)).await
}

/// The forms the volunteer's data downloads in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFormat {
    Json,
    Csv,
}

/// Downloads everything held about the volunteer as a file the browser saves.
pub async fn download_my_data(
    key: &AccessKey,
    format: DataFormat,
    locale: Locale,
) -> Result<(), ApiError> {
    let (path, mime, extension) = match format {
        DataFormat::Json => ("/api/me/data", "application/json", "json"),
        DataFormat::Csv => ("/api/me/data.csv", "text/csv", "csv"),
    };
    let response = request(Request::get(path), locale, Some(key))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match response.status() {
        200 => {}
        401 => return Err(ApiError::Unauthorized),
        _ => return Err(ApiError::Server(response.json().await.ok())),
    }
    let bytes = response.binary().await.map_err(|_| ApiError::Network)?;
    let file_name = format!("huli-my-data.{extension}");
    crate::browser::save_file(&bytes, &file_name, mime).ok_or(ApiError::Server(None))
}

/// Corrects the volunteer's name, team and skills; answers the record as it now is.
pub async fn correct_profile(
    key: &AccessKey,
    form: &ProfileForm,
    locale: Locale,
) -> Result<MyRecord, ApiError> {
    put_json("/api/me", locale, Some(key), form).await
}

/// Withdraws consent and erases the volunteer, confirmed by the last four digits of
/// their number.
pub async fn erase_me(
    key: &AccessKey,
    confirmation: &ErasureRequest,
    idempotency_key: &str,
    locale: Locale,
) -> Result<Erased, ApiError> {
    post_json(
        "/api/me/erase",
        locale,
        Some(key),
        idempotency_key,
        confirmation,
    )
    .await
}

pub async fn sign_up(
    key: &AccessKey,
    shift_id: ShiftId,
    idempotency_key: &str,
    locale: Locale,
) -> Result<SignupView, ApiError> {
    let body = SignupRequest { shift_id };
    post_json("/api/signups", locale, Some(key), idempotency_key, &body).await
}

pub async fn cancel(
    key: &AccessKey,
    signup: SignupId,
    idempotency_key: &str,
    locale: Locale,
) -> Result<SignupView, ApiError> {
    let path = format!("/api/signups/{}/cancel", signup.0);
    post_json(&path, locale, Some(key), idempotency_key, &()).await
}

pub async fn check_in(
    key: &AccessKey,
    signup: SignupId,
    proof: &CheckIn,
    idempotency_key: &str,
    locale: Locale,
) -> Result<SignupView, ApiError> {
    let path = format!("/api/signups/{}/check-in", signup.0);
    post_json(&path, locale, Some(key), idempotency_key, proof).await
}

pub async fn check_out(
    key: &AccessKey,
    signup: SignupId,
    idempotency_key: &str,
    locale: Locale,
) -> Result<SignupView, ApiError> {
    let path = format!("/api/signups/{}/check-out", signup.0);
    post_json(&path, locale, Some(key), idempotency_key, &()).await
}

/// The district outline (GeoJSON, WGS-84), a static file shipped with the app.
pub async fn district_outline() -> Result<String, ApiError> {
    let response = Request::get("/data/huli-boundary.wgs84.geojson")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    note_saved_copy(&response);
    if !response.ok() {
        return Err(ApiError::Server(None));
    }
    response.text().await.map_err(|_| ApiError::Network)
}
