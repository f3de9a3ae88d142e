//! Checking in and out: each method and its refusals, minutes inside the window and
//! pending, and forgotten check-outs closed for review.

use crate::common::TestServer;
use crate::staff_client::{arranger, display, display_key};
use crate::{Volunteer, add_shift, new_key, register, shift_starting_in_minutes, signed_up};
use chrono::Duration;
use huli_contract::{
    ApiErrorBody, CheckInMethod, ErrorCode, Minutes, MyRecord, PointDetail, PointDisplay,
    ReviewStatus, ShiftView, SignupView, Stats,
};
use serde_json::json;

/// A confirmed sign-up on a 3-hour shift at point 1 that started `minutes_ago` by the
/// server's clock (negative: starts in that many minutes). The shift is made to start
/// shortly; once signed up for, the clock moves past its start.
pub async fn on_a_running_shift(server: &TestServer, minutes_ago: i64) -> (Volunteer, i64, i64) {
    const LEAD_MINUTES: i64 = 5;
    let shift = shift_starting_in_minutes(server, LEAD_MINUTES.max(-minutes_ago)).await;
    let volunteer = register(server).await;
    let signup = signed_up(server, &volunteer, shift).await;
    if minutes_ago >= 0 {
        minutes_into(server, &signup.shift, minutes_ago);
    }
    (volunteer, shift, signup.id.0)
}

/// Moves the server's clock forward to `minutes` after `shift` starts.
pub fn minutes_into(server: &TestServer, shift: &ShiftView, minutes: i64) {
    let until = shift.window.starts_at() + Duration::minutes(minutes) - server.clock.now();
    assert!(until >= Duration::zero(), "the clock only moves forward");
    // The clock moves by whole milliseconds: rounding `until` down would leave it a
    // moment short of the minute when the next request comes within that moment.
    server.clock.advance(until + Duration::milliseconds(1));
}

async fn check_in(
    server: &TestServer,
    volunteer: &Volunteer,
    signup: i64,
    proof: serde_json::Value,
) -> (u16, String) {
    let path = format!("/api/signups/{signup}/check-in");
    let response = server
        .post(&path, Some(&volunteer.key), &new_key(), &proof)
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

pub async fn check_out(server: &TestServer, volunteer: &Volunteer, signup: i64) -> SignupView {
    let path = format!("/api/signups/{signup}/check-out");
    let response = server
        .post(&path, Some(&volunteer.key), &new_key(), &json!(null))
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Checks in with the code the point's display shows now.
pub async fn check_in_with_code(
    server: &TestServer,
    volunteer: &Volunteer,
    signup: i64,
) -> (u16, String) {
    let code = point_code(server).await;
    let proof = json!({"method": "rotating_code", "code": code});
    check_in(server, volunteer, signup, proof).await
}

fn refusal(answer: (u16, String)) -> ErrorCode {
    assert_eq!(answer.0, 409, "{}", answer.1);
    serde_json::from_str::<ApiErrorBody>(&answer.1)
        .unwrap()
        .error
}

/// This minute's code, as the point's display shows it.
async fn point_code(server: &TestServer) -> String {
    let admin = arranger(server).await;
    let key = display_key(server, &admin, 1).await;
    let shown = display(server, &key).await;
    shown.json::<PointDisplay>().await.unwrap().code
}

#[tokio::test]
async fn the_rotating_code_checks_in_and_the_minutes_served_wait_for_review() {
    let server = TestServer::start().await;
    let stats_before: Stats = server.get("/api/stats").await.json().await.unwrap();
    // The check-in opens 30 minutes before the start.
    let shift = shift_starting_in_minutes(&server, 20).await;
    let volunteer = register(&server).await;
    let signed = signed_up(&server, &volunteer, shift).await;
    let signup = signed.id.0;
    let wrong = check_in(
        &server,
        &volunteer,
        signup,
        json!({"method": "rotating_code", "code": "000000"}),
    )
    .await;
    assert_eq!(refusal(wrong), ErrorCode::WrongCode);
    let (status, body) = check_in_with_code(&server, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    let view: SignupView = serde_json::from_str(&body).unwrap();
    let attendance = view.attendance.unwrap();
    assert_eq!(attendance.method, CheckInMethod::RotatingCode);
    assert_eq!(attendance.status, ReviewStatus::Pending);

    // They arrived 20 minutes before the start: travel and waiting do not count.
    minutes_into(&server, &signed.shift, 60);
    let out = check_out(&server, &volunteer, signup)
        .await
        .attendance
        .unwrap();
    assert_eq!(out.minutes, Minutes(60));
    assert_eq!(out.status, ReviewStatus::Pending);
    let again = check_out(&server, &volunteer, signup)
        .await
        .attendance
        .unwrap();
    assert_eq!(again, out, "checking out twice changes nothing");

    let stats_after: Stats = server.get("/api/stats").await.json().await.unwrap();
    assert_eq!(
        stats_after.figures.verified_minutes_this_year,
        stats_before.figures.verified_minutes_this_year,
        "pending minutes are not verified"
    );
}

#[tokio::test]
async fn location_checks_in_near_the_point_only() {
    let server = TestServer::start().await;
    let (volunteer, _, signup) = on_a_running_shift(&server, 10).await;
    let point: PointDetail = server.get("/api/points/1").await.json().await.unwrap();
    let (lat, lon) = (point.point.location.lat(), point.point.location.lon());
    let far = json!({"method": "location", "location": {"lat": lat + 0.01, "lon": lon}});
    assert_eq!(
        refusal(check_in(&server, &volunteer, signup, far).await),
        ErrorCode::TooFarFromPoint
    );
    let near = json!({"method": "location", "location": {"lat": lat + 0.001, "lon": lon}});
    let (status, body) = check_in(&server, &volunteer, signup, near).await;
    assert_eq!(status, 200, "{body}");
    let view: SignupView = serde_json::from_str(&body).unwrap();
    assert_eq!(view.attendance.unwrap().method, CheckInMethod::Location);
}

#[tokio::test]
async fn check_in_is_refused_outside_the_window_and_for_a_waitlist_place() {
    let server = TestServer::start().await;
    let shift = add_shift(
        &server,
        crate::NewShift {
            capacity: 1,
            ..Default::default()
        },
    )
    .await;
    let confirmed = register(&server).await;
    let waiting = register(&server).await;
    let first = signed_up(&server, &confirmed, shift).await;
    let (booked, first) = (first.shift, first.id.0);
    let second = signed_up(&server, &waiting, shift).await.id.0;
    let code = || async { json!({"method": "rotating_code", "code": point_code(&server).await}) };

    minutes_into(&server, &booked, -45);
    assert_eq!(
        refusal(check_in(&server, &confirmed, first, code().await).await),
        ErrorCode::CheckInTooEarly
    );
    minutes_into(&server, &booked, -20);
    assert_eq!(
        refusal(check_in(&server, &waiting, second, code().await).await),
        ErrorCode::NotConfirmed
    );
    let path = format!("/api/signups/{first}/check-out");
    let early_out = server
        .post(&path, Some(&confirmed.key), &new_key(), &json!(null))
        .await;
    assert_eq!(early_out.status(), 409, "no check-out before a check-in");
    // The 3-hour shift started 200 minutes ago.
    minutes_into(&server, &booked, 200);
    assert_eq!(
        refusal(check_in(&server, &confirmed, first, code().await).await),
        ErrorCode::ShiftEnded
    );
}

#[tokio::test]
async fn a_forgotten_check_out_is_closed_at_the_shifts_end_and_flagged() {
    let server = TestServer::start().await;
    let (volunteer, _, signup) = on_a_running_shift(&server, 30).await;
    let (status, body) = check_in_with_code(&server, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    // The 3-hour shift ends; an hour later (past the grace period) the server starts
    // again, and its first round closes what was left open.
    server.clock.advance(Duration::minutes(150 + 60));
    let server = server.restart().await;
    let mut closed = None;
    for _ in 0..50 {
        let me: MyRecord = server
            .get_as("/api/me", &volunteer.key)
            .await
            .json()
            .await
            .unwrap();
        closed = me
            .signups
            .into_iter()
            .find(|s| s.id.0 == signup)
            .and_then(|s| s.attendance);
        if closed.as_ref().is_some_and(|a| a.checked_out_at.is_some()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let closed = closed.unwrap();
    assert!(closed.auto_closed);
    assert_eq!(
        closed.minutes,
        Minutes(150),
        "from check-in to the shift's end"
    );
    assert_eq!(closed.status, ReviewStatus::Pending);
}

/// Reads `stats` events until one satisfies `wanted`, for at most 10 s. An event may
/// carry an earlier change that reached the server's counters after the stream opened
/// (on PostgreSQL they arrive by notification), so a test waits for the figure it
/// expects instead of taking the next event.
pub async fn stats_until(
    stream: &mut reqwest::Response,
    buffer: &mut String,
    wanted: impl Fn(&Stats) -> bool,
) -> Stats {
    let reading = async {
        loop {
            let stats = next_stats(stream, buffer).await;
            if wanted(&stats) {
                return stats;
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), reading)
        .await
        .expect("the awaited figures arrive within 10 s")
}

/// Reads server-sent events until one named `stats` arrives; returns its data.
pub async fn next_stats(stream: &mut reqwest::Response, buffer: &mut String) -> Stats {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.lines().any(|line| line == "event: stats") {
                let data = event
                    .lines()
                    .find_map(|line| line.strip_prefix("data: "))
                    .expect("a data line");
                return serde_json::from_str(data).unwrap();
            }
            continue;
        }
        let chunk = stream
            .chunk()
            .await
            .unwrap()
            .expect("the stream stays open");
        buffer.push_str(std::str::from_utf8(&chunk).unwrap());
    }
}

#[tokio::test]
async fn the_live_stream_sends_a_snapshot_at_once_and_another_when_someone_checks_in() {
    let server = TestServer::start().await;
    let (volunteer, _, signup) = on_a_running_shift(&server, 10).await;
    let mut live = server.get("/api/live").await;
    assert_eq!(live.headers()["content-type"], "text/event-stream");
    assert_eq!(live.headers()["x-accel-buffering"], "no");
    let mut buffer = String::new();
    let first = next_stats(&mut live, &mut buffer).await;
    let stats: Stats = server.get("/api/stats").await.json().await.unwrap();
    assert_eq!(first.figures.on_duty_now, stats.figures.on_duty_now);
    assert_eq!(
        first.figures.verified_minutes_this_year,
        stats.figures.verified_minutes_this_year
    );

    let (status, _) = check_in_with_code(&server, &volunteer, signup).await;
    assert_eq!(status, 200);
    let on_duty = first.figures.on_duty_now;
    stats_until(&mut live, &mut buffer, |s| {
        s.figures.on_duty_now == on_duty + 1
    })
    .await;
    check_out(&server, &volunteer, signup).await;
    stats_until(&mut live, &mut buffer, |s| s.figures.on_duty_now == on_duty).await;

    // A graceful shutdown ends open streams instead of waiting for them forever.
    let stopping = tokio::time::timeout(std::time::Duration::from_secs(10), server.stop());
    stopping.await.expect("the server stops with a stream open");
    assert!(
        live.chunk().await.map_or(true, |rest| rest.is_none()),
        "the stream ended"
    );
}

#[tokio::test]
async fn wrong_codes_are_capped_so_six_digits_cannot_be_guessed() {
    let server = TestServer::start().await;
    let (volunteer, _, signup) = on_a_running_shift(&server, 10).await;
    for guess in 0..5 {
        let proof = json!({"method": "rotating_code", "code": format!("{guess:06}")});
        let answer = check_in(&server, &volunteer, signup, proof).await;
        assert_eq!(refusal(answer), ErrorCode::WrongCode);
    }
    assert_eq!(
        refusal(check_in_with_code(&server, &volunteer, signup).await),
        ErrorCode::TooManyWrongCodes,
        "even the right code waits once the cap is reached"
    );
}
