//! `/api/me/calendar-feed`: the volunteer's calendar subscription, made, replaced and
//! revoked through the personal link; `/api/calendar-feeds/{token}/shifts.ics`: the feed
//! itself, which the calendar app reads with the token in its address (calendar apps
//! send no other credentials).

use crate::error::AppError;
use crate::public_reads::Prepared;
use crate::routes::extract::{ApiPath, SignedIn, public_origin};
use crate::routes::private_json;
use crate::traditional::reading_of;
use crate::{AppState, calendar, services, staff_auth};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::SubsecRound;
use huli_contract::calendar_feed::{CALENDAR_FEED_FILE, CALENDAR_FEED_PREFIX};
use huli_contract::traditional::to_traditional;
use huli_contract::{
    ApiErrorBody, CalendarFeedStatus, Lang, NewCalendarFeed, PointId, PointSummary, Reading,
    is_secret_shaped,
};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(feed_status, subscribe, unsubscribe))
        .routes(routes!(feed))
}

/// Calendar apps poll; each poll asks whether the feed changed, and a 304 answers most.
const FEED_CACHE: &str = "private, no-cache";

/// Whether the volunteer has a calendar subscription in force, and since when.
#[utoipa::path(
    get,
    path = "/api/me/calendar-feed",
    tag = "volunteers",
    security(("personal_link" = [])),
    responses(
        (status = 200, description = "The subscription's state", body = CalendarFeedStatus),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn feed_status(
    State(state): State<AppState>,
    SignedIn(volunteer): SignedIn,
) -> Result<Response, AppError> {
    let since = state.store.calendar_feed_since(volunteer).await?;
    Ok(private_json(StatusCode::OK, &CalendarFeedStatus { since }))
}

/// A new calendar feed address for the volunteer, in the request's reading, shown this
/// once: only its token's hash is kept. The address they had before, if any, stops at
/// once, so sending this again (a retry) leaves one address in force: the last one.
#[utoipa::path(
    post,
    path = "/api/me/calendar-feed",
    tag = "volunteers",
    security(("personal_link" = [])),
    responses(
        (status = 201, description = "The new feed's addresses", body = NewCalendarFeed),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn subscribe(
    State(state): State<AppState>,
    SignedIn(volunteer): SignedIn,
    request: Request,
) -> Result<Response, AppError> {
    let token = staff_auth::new_token();
    // Whole seconds, as the database keeps it and the status later reads it.
    let now = state.clock.now().trunc_subsecs(0);
    let reading = reading_of(request.headers());
    let hash = staff_auth::token_hash(&token);
    services::calendar_feeds::replace(&*state.store, volunteer, &hash, reading, now).await?;
    let https_url = format!(
        "{}{CALENDAR_FEED_PREFIX}/{token}/{CALENDAR_FEED_FILE}",
        public_origin(request.headers())
    );
    // webcal:// is the same address for a calendar app to subscribe to; the app fetches
    // it over HTTPS wherever the origin is HTTPS.
    let webcal_url = format!(
        "webcal://{}",
        https_url.split_once("://").map_or("", |p| p.1)
    );
    let created = NewCalendarFeed {
        webcal_url,
        https_url,
        since: now,
    };
    Ok(private_json(StatusCode::CREATED, &created))
}

/// Ends the volunteer's calendar subscription: the calendar app's next poll gets a 404.
/// Answers the same whether or not there was one.
#[utoipa::path(
    delete,
    path = "/api/me/calendar-feed",
    tag = "volunteers",
    security(("personal_link" = [])),
    responses(
        (status = 204, description = "No feed is in force"),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn unsubscribe(
    State(state): State<AppState>,
    SignedIn(volunteer): SignedIn,
) -> Result<StatusCode, AppError> {
    services::calendar_feeds::revoke(&*state.store, volunteer).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The volunteer's shifts and training sessions from yesterday on, as an iCalendar feed
/// with two reminders per event: confirmed, waitlisted (tentative) and cancelled (marked
/// so). Its `ETag` changes exactly when an event does.
#[utoipa::path(
    get,
    path = "/api/calendar-feeds/{token}/shifts.ics",
    tag = "volunteers",
    params(("token" = String, Path, description = "The feed's token: 64 hexadecimal digits")),
    responses(
        (status = 200, description = "The feed", content_type = "text/calendar", body = String),
        (status = 304, description = "Unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 404, description = "No feed in force has this token", body = ApiErrorBody)
    )
)]
async fn feed(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if !is_secret_shaped(&token) {
        return Err(AppError::NotFound);
    }
    let found = state
        .store
        .calendar_feed(&staff_auth::token_hash(&token))
        .await?;
    let feed = found.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let record = state.store.my_record(feed.volunteer, now).await?;
    let sessions = state.store.my_training_signups(feed.volunteer, now).await?;
    let points = points_by_id(&state).await?;
    let lang = feed.reading.lang();
    let point_of = |signup: &huli_contract::SignupView| points.get(&signup.shift.point_id);
    let mut entries = calendar::shift_signups(&record.signups, point_of, lang);
    entries.extend((sessions.iter()).map(|signup| calendar::training_session(signup, lang)));
    let name = match lang {
        Lang::Zh => "湖里学雷锋志愿服务",
        Lang::En => "Huli Lei Feng volunteer service",
    };
    let body = calendar::write(&entries, lang, feed.since, Some(name));
    let body = match feed.reading {
        Reading::Traditional => to_traditional(&body),
        Reading::Simplified | Reading::English => body,
    };
    Ok(Prepared::calendar(body.into_bytes())
        .respond(&headers, FEED_CACHE)
        .into_response())
}

/// Every point, from the answer kept in memory for the public list.
async fn points_by_id(state: &AppState) -> Result<HashMap<PointId, PointSummary>, AppError> {
    let answer = super::points::points_answer(state).await?;
    let points: Vec<PointSummary> = serde_json::from_slice(answer.body())
        .map_err(|e| AppError::Internal(format!("a cached point list: {e}")))?;
    Ok(points.into_iter().map(|point| (point.id, point)).collect())
}
