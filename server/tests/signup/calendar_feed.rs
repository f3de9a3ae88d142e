//! The calendar: a shift's download and a volunteer's feed carry two reminders per event
//! and parse in a real calendar parser (Python's `icalendar`); the feed follows the
//! volunteer's sign-ups, and their shifts' times, with a new `ETag`, answers 304 while
//! nothing changed, and a revoked or replaced address answers 404.

use crate::common::TestServer;
use crate::staff_client::{arranger, send};
use crate::{
    NewShift, Volunteer, add_shift, cancel, new_key, register, shift_with_capacity, signed_up,
};
use chrono::{DateTime, Duration};
use huli_contract::{CalendarFeedStatus, NewCalendarFeed, SignupStatus};
use serde::Deserialize;
use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};

/// One event as the parser read it.
#[derive(Debug, Deserialize)]
struct ParsedEvent {
    uid: String,
    summary: String,
    status: Option<String>,
    /// `DTSTART`, as Python's `isoformat` writes it (RFC 3339).
    starts: String,
    /// The alarms' triggers, as durations before the start (`-P1D`, `-PT2H`).
    alarms: Vec<String>,
}

/// Reads `ics` with `icalendar`, which `cargo xtask test` installs and names by
/// `HULI_TEST_PYTHON`; fails on anything the parser finds broken.
fn parsed(ics: &str) -> Vec<ParsedEvent> {
    let python = std::env::var("HULI_TEST_PYTHON").expect(
        "HULI_TEST_PYTHON names a Python with icalendar; `cargo xtask test` installs it and sets it",
    );
    let script = r#"
import json, sys
from icalendar import Calendar
calendar = Calendar.from_ical(sys.stdin.buffer.read())
broken = [(c.name, c.errors) for c in calendar.walk() if c.errors]
if broken:
    sys.exit(f"parse errors: {broken}")
events = []
for event in calendar.walk("VEVENT"):
    events.append({
        "uid": str(event["UID"]),
        "summary": str(event["SUMMARY"]),
        "status": str(event["STATUS"]) if "STATUS" in event else None,
        "starts": event.decoded("DTSTART").isoformat(),
        "alarms": [alarm["TRIGGER"].to_ical().decode() for alarm in event.walk("VALARM")],
    })
    event.decoded("DTEND"), event.decoded("DTSTAMP")
print(json.dumps(events))
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    (child.stdin.take().unwrap())
        .write_all(ics.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "icalendar refused the calendar: {}\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

const REMINDERS: [&str; 2] = ["-P1D", "-PT2H"];

async fn subscribed(server: &TestServer, volunteer: &Volunteer, lang: &str) -> NewCalendarFeed {
    let response = (server.client.post(server.url("/api/me/calendar-feed")))
        .bearer_auth(&volunteer.key)
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

/// The feed's path on the test server, from the address the volunteer was given.
fn path_of(feed: &NewCalendarFeed) -> String {
    let (_, path) = feed.https_url.split_once("/api/").unwrap();
    format!("/api/{path}")
}

/// The feed's body and `ETag`.
async fn read(server: &TestServer, path: &str) -> (String, String) {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let headers = response.headers();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let cache = headers["cache-control"].to_str().unwrap();
    assert!(
        cache.contains("private") && cache.contains("no-cache"),
        "{cache}"
    );
    let etag = headers["etag"].to_str().unwrap().to_owned();
    (response.text().await.unwrap(), etag)
}

fn event_of(events: &[ParsedEvent], shift: i64) -> &ParsedEvent {
    let uid = format!("shift-{shift}@huli-volunteer");
    (events.iter())
        .find(|event| event.uid == uid)
        .unwrap_or_else(|| panic!("{uid} in {events:?}"))
}

#[tokio::test]
async fn a_shift_download_reminds_the_day_before_and_two_hours_before() {
    let server = TestServer::start().await;
    let shift = add_shift(&server, NewShift::default()).await;
    for lang in ["zh", "en"] {
        let path = format!("/api/shifts/{shift}/calendar.ics?lang={lang}");
        let ics = server.get(&path).await.text().await.unwrap();
        let events = parsed(&ics);
        assert_eq!(events.len(), 1);
        assert_eq!(event_of(&events, shift).alarms, REMINDERS, "{ics}");
        assert_eq!(event_of(&events, shift).status, None, "nobody's sign-up");
    }
}

#[tokio::test]
async fn the_feed_follows_a_waitlist_place_turning_into_a_confirmed_one() {
    let server = TestServer::start().await;
    let shift = shift_with_capacity(&server, 1).await;
    let (first, second) = (register(&server).await, register(&server).await);
    let held = signed_up(&server, &first, shift).await;
    let waiting = signed_up(&server, &second, shift).await;
    assert_eq!(waiting.status, SignupStatus::Waitlisted);

    let feed = subscribed(&server, &second, "en").await;
    assert!(
        feed.webcal_url.starts_with("webcal://"),
        "{}",
        feed.webcal_url
    );
    assert_eq!(
        feed.webcal_url.split_once("://").unwrap().1,
        feed.https_url.split_once("://").unwrap().1
    );
    let path = path_of(&feed);
    let (ics, etag) = read(&server, &path).await;
    let events = parsed(&ics);
    let event = event_of(&events, shift);
    assert_eq!(event.status.as_deref(), Some("TENTATIVE"));
    assert!(
        event.summary.starts_with("[Waitlist] "),
        "{}",
        event.summary
    );
    assert_eq!(event.alarms, REMINDERS);

    // Polled again with nothing changed: the same bytes, so a 304 answers.
    let (again, same_etag) = read(&server, &path).await;
    assert_eq!((again, &same_etag), (ics.clone(), &etag));
    let unchanged = server.get_with(&path, "If-None-Match", &etag).await;
    assert_eq!(unchanged.status(), 304);

    // The first volunteer cancels; the waitlisted one is confirmed, and the feed says so.
    assert_eq!(cancel(&server, &first, held.id.0).await.status(), 200);
    let changed = server.get_with(&path, "If-None-Match", &etag).await;
    assert_eq!(changed.status(), 200, "a confirmed place changes the feed");
    let new_etag = changed.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag);
    let events = parsed(&changed.text().await.unwrap());
    let event = event_of(&events, shift);
    assert_eq!(event.status.as_deref(), Some("CONFIRMED"));
    assert!(!event.summary.contains("Waitlist"), "{}", event.summary);
}

#[tokio::test]
async fn the_feed_follows_a_shift_its_organiser_moves() {
    let server = TestServer::start().await;
    let shift = add_shift(&server, NewShift::default()).await;
    let volunteer = register(&server).await;
    signed_up(&server, &volunteer, shift).await;
    let path = path_of(&subscribed(&server, &volunteer, "en").await);
    let (_, etag) = read(&server, &path).await;

    let starts = server.clock.now() + Duration::hours(72);
    let window = json!({
        "starts_at": starts.to_rfc3339(),
        "ends_at": (starts + Duration::hours(3)).to_rfc3339(),
    });
    let admin = arranger(&server).await;
    let path_of_shift = format!("/api/staff/shifts/{shift}");
    let moved = send(
        &server,
        Some(&admin),
        reqwest::Method::PATCH,
        &path_of_shift,
        Some(window),
    )
    .await;
    assert_eq!(moved.status(), 200, "{}", moved.text().await.unwrap());

    let changed = server.get_with(&path, "If-None-Match", &etag).await;
    assert_eq!(changed.status(), 200, "a moved shift changes the feed");
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    let events = parsed(&changed.text().await.unwrap());
    assert_eq!(events.len(), 1, "the same event, moved, not a second one");
    let event = event_of(&events, shift);
    let new_start = DateTime::parse_from_rfc3339(&event.starts).unwrap();
    assert_eq!(new_start.timestamp(), starts.timestamp());
    assert_eq!(event.status.as_deref(), Some("CONFIRMED"));
    assert_eq!(event.alarms, REMINDERS);
}

#[tokio::test]
async fn the_feed_marks_a_cancelled_sign_up_and_a_place_given_by_more_capacity() {
    let server = TestServer::start().await;
    let shift = shift_with_capacity(&server, 1).await;
    let later = NewShift {
        starts_in_hours: 96,
        ..Default::default()
    };
    let other = add_shift(&server, later).await;
    let (first, second) = (register(&server).await, register(&server).await);
    signed_up(&server, &first, shift).await;
    signed_up(&server, &second, shift).await;
    let leaving = signed_up(&server, &second, other).await;
    let feed = subscribed(&server, &second, "zh-CN,zh;q=0.9").await;
    let path = path_of(&feed);
    let (ics, etag) = read(&server, &path).await;
    let events = parsed(&ics);
    assert!(event_of(&events, shift).summary.starts_with("【候补】"));
    assert!(
        event_of(&events, other)
            .summary
            .starts_with("学雷锋志愿服务：")
    );

    // Staff add a place: the first in line gets it.
    let admin = arranger(&server).await;
    let path_of_shift = format!("/api/staff/shifts/{shift}");
    let more = Some(json!({ "capacity": 2 }));
    let grown = send(
        &server,
        Some(&admin),
        reqwest::Method::PATCH,
        &path_of_shift,
        more,
    )
    .await;
    assert_eq!(grown.status(), 200, "{}", grown.text().await.unwrap());
    assert_eq!(cancel(&server, &second, leaving.id.0).await.status(), 200);

    let (ics, new_etag) = read(&server, &path).await;
    assert_ne!(new_etag, etag);
    let events = parsed(&ics);
    assert_eq!(
        event_of(&events, shift).status.as_deref(),
        Some("CONFIRMED")
    );
    let cancelled = event_of(&events, other);
    assert_eq!(cancelled.status.as_deref(), Some("CANCELLED"));
    assert!(
        cancelled.summary.starts_with("【已取消】"),
        "{}",
        cancelled.summary
    );
    assert!(
        cancelled.alarms.is_empty(),
        "a cancelled sign-up reminds of nothing"
    );
}

#[tokio::test]
async fn a_revoked_or_replaced_feed_answers_404() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;
    signed_up(&server, &volunteer, shift_with_capacity(&server, 3).await).await;
    let status = |server: &TestServer, key: &str| {
        let request = server.client.get(server.url("/api/me/calendar-feed"));
        let request = request.bearer_auth(key.to_owned());
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200);
            response.json::<CalendarFeedStatus>().await.unwrap()
        }
    };
    assert_eq!(status(&server, &volunteer.key).await.since, None);

    let first = subscribed(&server, &volunteer, "en").await;
    assert_eq!(
        status(&server, &volunteer.key).await.since,
        Some(first.since)
    );
    assert_eq!(server.get(&path_of(&first)).await.status(), 200);
    let second = subscribed(&server, &volunteer, "en").await;
    assert_ne!(path_of(&first), path_of(&second));
    assert_eq!(server.get(&path_of(&first)).await.status(), 404, "replaced");
    assert_eq!(server.get(&path_of(&second)).await.status(), 200);

    let revoke = |key: &str| {
        let request = server.client.delete(server.url("/api/me/calendar-feed"));
        request.bearer_auth(key.to_owned()).send()
    };
    assert_eq!(revoke(&volunteer.key).await.unwrap().status(), 204);
    assert_eq!(server.get(&path_of(&second)).await.status(), 404, "revoked");
    assert_eq!(status(&server, &volunteer.key).await.since, None);
    assert_eq!(revoke(&volunteer.key).await.unwrap().status(), 204, "twice");

    // Erasing the volunteer ends their feed with everything else.
    let third = subscribed(&server, &volunteer, "en").await;
    let last_four = &volunteer.phone[volunteer.phone.len() - 4..];
    let body = json!({ "phone_last_digits": last_four });
    let erased = (server.post("/api/me/erase", Some(&volunteer.key), &new_key(), &body)).await;
    assert_eq!(erased.status(), 200);
    assert_eq!(server.get(&path_of(&third)).await.status(), 404, "erased");

    // Neither a malformed token nor anybody without the personal link gets anywhere.
    let malformed = "/api/calendar-feeds/not-a-token/shifts.ics";
    assert_eq!(server.get(malformed).await.status(), 404);
    let nobody = server
        .client
        .post(server.url("/api/me/calendar-feed"))
        .send();
    assert_eq!(nobody.await.unwrap().status(), 401);
}
