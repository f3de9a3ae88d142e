//! A volunteer's calendar subscription: their shifts and training sessions as a feed that
//! their phone's calendar polls, so a shift moved, cancelled or confirmed from the waitlist
//! shows there without any SMS. The feed's address carries a token of its own, not the
//! personal link's key: a calendar app keeps the address in plain sight, and the volunteer
//! can revoke it, or replace it, without losing their personal link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Whether the volunteer has a feed in force: `GET /api/me/calendar-feed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeedStatus {
    /// When the address in force was made; `None` without one.
    pub since: Option<DateTime<Utc>>,
}

/// A new feed address, shown this once (only a hash of its token is kept). Any earlier
/// address stops working.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCalendarFeed {
    /// `webcal://…`: phones open it in their calendar app, which subscribes.
    pub webcal_url: String,
    /// The same feed over `https://`, for calendars that ask for an address to paste.
    pub https_url: String,
    pub since: DateTime<Utc>,
}

/// Where a feed is read: `{CALENDAR_FEED_PREFIX}/{token}/{CALENDAR_FEED_FILE}`.
pub const CALENDAR_FEED_PREFIX: &str = "/api/calendar-feeds";
pub const CALENDAR_FEED_FILE: &str = "shifts.ics";

/// How long before a shift or a session each calendar event reminds the volunteer: the
/// day before, to plan, and two hours before, to set off.
pub const REMINDER_MINUTES_BEFORE: [i64; 2] = [24 * 60, 2 * 60];
