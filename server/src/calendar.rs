//! Shifts and training sessions as iCalendar events (RFC 5545): the one-off download of
//! a shift, and each volunteer's feed. Every event that still stands reminds twice
//! ([`REMINDER_MINUTES_BEFORE`]).
//!
//! Nothing here reads the clock: the caller passes the stamp, so a feed's bytes change
//! only when what it shows changes, and its `ETag` lets calendar apps poll for the price
//! of a 304.

use crate::catalogue;
use chrono::{DateTime, Duration, Utc};
use huli_contract::calendar_feed::REMINDER_MINUTES_BEFORE;
use huli_contract::{
    Lang, PointSummary, ShiftView, ShiftWindow, SignupStatus, SignupView, TrainingSessionView,
    TrainingSignupView,
};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus, Trigger};

/// How often a subscribed calendar should fetch the feed again (`REFRESH-INTERVAL`).
const REFRESH_EVERY: Duration = Duration::hours(1);

/// One event, in words of the volunteer's language.
pub struct Entry {
    uid: String,
    window: ShiftWindow,
    summary: String,
    description: String,
    location: String,
    /// `GEO` (RFC 5545 3.8.1.6): where a calendar's map search on the address may miss.
    geo: Option<String>,
    /// `None` for a shift anyone may download, who has not signed up for it.
    status: Option<SignupStatus>,
}

/// A shift at `point`, for the volunteer's sign-up in `status` if they have one.
pub fn shift(
    shift: &ShiftView,
    point: &PointSummary,
    status: Option<SignupStatus>,
    lang: Lang,
) -> Entry {
    let name = shift.point_name.get(lang);
    let (summary, location, description) = match lang {
        Lang::Zh => (
            format!("学雷锋志愿服务：{name}"),
            format!("{name}（{}）", point.address.zh),
            format!(
                "组织单位：{}。如需取消，请在开始前 2 小时在“我的报名”中操作。",
                shift.organiser.zh
            ),
        ),
        Lang::En => (
            format!("Lei Feng volunteer shift: {name}"),
            format!("{name}, {}", point.address.en),
            format!(
                "Organised by {}. To cancel, use \"My sign-ups\" at least 2 hours before the start.",
                shift.organiser.en
            ),
        ),
    };
    Entry {
        uid: format!("shift-{}@huli-volunteer", shift.id.0),
        window: shift.window,
        summary,
        description,
        location,
        geo: Some(format!(
            "{:.6};{:.6}",
            point.location.lat(),
            point.location.lon()
        )),
        status,
    }
}

/// The volunteer's sign-up for a training session.
pub fn training_session(signup: &TrainingSignupView, lang: Lang) -> Entry {
    let session: &TrainingSessionView = &signup.session;
    let training = catalogue::name_of(lang, "training.", &session.training);
    let (summary, description) = match lang {
        Lang::Zh => (
            format!("志愿者培训：{training}"),
            format!(
                "讲师：{}。组织单位：{}。",
                session.trainer, session.organiser.zh
            ),
        ),
        Lang::En => (
            format!("Volunteer training: {training}"),
            format!(
                "Trainer: {}. Organised by {}.",
                session.trainer, session.organiser.en
            ),
        ),
    };
    Entry {
        uid: format!("training-session-{}@huli-volunteer", session.id.0),
        window: session.window,
        summary,
        description,
        location: session.place.clone(),
        geo: None,
        status: Some(signup.status),
    }
}

/// Each of the volunteer's shift sign-ups, with the point it is at (`None` for a point
/// that no longer exists, whose events then carry no address).
pub fn shift_signups<'a>(
    signups: &'a [SignupView],
    point_of: impl Fn(&SignupView) -> Option<&'a PointSummary>,
    lang: Lang,
) -> Vec<Entry> {
    (signups.iter())
        .filter_map(|signup| {
            let point = point_of(signup)?;
            Some(shift(&signup.shift, point, Some(signup.status), lang))
        })
        .collect()
}

/// A calendar of `entries`, every event stamped `stamp`. A `name` makes it a feed: a
/// calendar app shows the name and polls it every [`REFRESH_EVERY`].
pub fn write(entries: &[Entry], lang: Lang, stamp: DateTime<Utc>, name: Option<&str>) -> String {
    let mut calendar = Calendar::new();
    if let Some(name) = name {
        calendar.name(name).ttl(&REFRESH_EVERY);
    }
    for entry in entries {
        calendar.push(event(entry, lang, stamp));
    }
    calendar.done().to_string()
}

fn event(entry: &Entry, lang: Lang, stamp: DateTime<Utc>) -> Event {
    let (prefix, status) = match entry.status {
        None => ("", None),
        Some(SignupStatus::Confirmed) => ("", Some(EventStatus::Confirmed)),
        Some(SignupStatus::Waitlisted) => (
            match lang {
                Lang::Zh => "【候补】",
                Lang::En => "[Waitlist] ",
            },
            Some(EventStatus::Tentative),
        ),
        Some(SignupStatus::Cancelled) => (
            match lang {
                Lang::Zh => "【已取消】",
                Lang::En => "[Cancelled] ",
            },
            Some(EventStatus::Cancelled),
        ),
    };
    let mut event = Event::new();
    event
        .uid(&entry.uid)
        .timestamp(stamp)
        .summary(&format!("{prefix}{}", entry.summary))
        .description(&entry.description)
        .location(&entry.location)
        .starts(entry.window.starts_at())
        .ends(entry.window.ends_at());
    if let Some(geo) = &entry.geo {
        event.add_property("GEO", geo);
    }
    if let Some(status) = status {
        event.status(status);
    }
    // A cancelled sign-up stays in the feed, marked, so the phone shows what changed
    // instead of an event that silently vanished; it reminds of nothing.
    if status != Some(EventStatus::Cancelled) {
        for minutes in REMINDER_MINUTES_BEFORE {
            event.alarm(reminder(entry, minutes, lang, stamp));
        }
    }
    event.done()
}

fn reminder(entry: &Entry, minutes: i64, lang: Lang, stamp: DateTime<Utc>) -> Alarm {
    let when = match (lang, minutes) {
        (Lang::Zh, 1440) => "明天".to_owned(),
        (Lang::En, 1440) => "Tomorrow".to_owned(),
        (Lang::Zh, _) => format!("{} 小时后", minutes / 60),
        (Lang::En, _) => format!("In {} hours", minutes / 60),
    };
    let text = match lang {
        Lang::Zh => format!("{when}：{}", entry.summary),
        Lang::En => format!("{when}: {}", entry.summary),
    };
    let mut alarm = Alarm::display(&text, Trigger::before_start(Duration::minutes(minutes)));
    // The library writes a random UID and the current time into any component without
    // them, which would change the feed's bytes, and so its ETag, on every poll. A
    // VALARM may carry a UID (RFC 9074); DTSTAMP follows the event's.
    alarm
        .add_property("UID", format!("{}-{minutes}m", entry.uid))
        .timestamp(stamp);
    alarm.done()
}
