//! The volunteer's calendar subscription (`/api/me/calendar-feed`).

use super::{ApiError, get_json, post_json, read, request};
use crate::i18n::Locale;
use gloo_net::http::Request;
use huli_contract::{AccessKey, CalendarFeedStatus, NewCalendarFeed};

const PATH: &str = "/api/me/calendar-feed";

pub async fn calendar_feed(
    key: &AccessKey,
    locale: Locale,
) -> Result<CalendarFeedStatus, ApiError> {
    get_json(PATH, locale, Some(key)).await
}

/// A new feed address in the page's language; the one before, if any, stops.
pub async fn subscribe_calendar(
    key: &AccessKey,
    idempotency_key: &str,
    locale: Locale,
) -> Result<NewCalendarFeed, ApiError> {
    post_json(PATH, locale, Some(key), idempotency_key, &()).await
}

/// Ends the feed. The same outcome whether or not one was in force, so a retry is safe;
/// the idempotency key is not needed and goes unused.
pub async fn end_calendar_feed(
    key: &AccessKey,
    _idempotency_key: &str,
    locale: Locale,
) -> Result<(), ApiError> {
    let response = request(Request::delete(PATH), locale, Some(key))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match response.status() {
        204 => Ok(()),
        _ => read(response).await,
    }
}
