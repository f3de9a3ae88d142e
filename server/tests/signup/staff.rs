//! The staff API on attendance: who may do what (every role, and nobody signed in),
//! reviews and the verified counter, the audit log, forgery checks, session expiry and
//! the sign-in rate limit.

use crate::attendance::{check_in_with_code, check_out, on_a_running_shift};
use crate::common::TestServer;
use crate::manage::audit_log;
use crate::staff_client::{PASSWORD, arranger, create, error_of, get, post, sign_in, sign_in_with};
use crate::{Volunteer, unit_at};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{
    ApiErrorBody, AuditAction, AuditEntry, CheckInMethod, ErrorCode, Minutes, PointId, ReviewItem,
    ReviewPage, ReviewStatus, ShiftView, SignupView, StaffRole, Stats, china_standard_time,
};
use serde_json::{Value, json};

/// A volunteer who served 60 minutes of a shift at point 1, checked out and pending;
/// with the shift's organising unit and the attendance record's id.
pub async fn served_an_hour(server: &TestServer) -> (Volunteer, i64, i64, i64) {
    let (volunteer, shift, signup) = on_a_running_shift(server, 0).await;
    let (status, body) = check_in_with_code(server, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    server.clock.advance(Duration::minutes(60));
    let served: SignupView = check_out(server, &volunteer, signup).await;
    let served = served.attendance.unwrap();
    assert_eq!(served.minutes, Minutes(60));
    let attendance = attendance_id(server, shift, served.checked_in_at).await;
    (volunteer, unit_at(server, 1).await, attendance, signup)
}

/// The attendance record of `shift` (at point 1) that checked in at `checked_in_at`, as
/// the review queue lists it.
pub async fn attendance_id(server: &TestServer, shift: i64, checked_in_at: DateTime<Utc>) -> i64 {
    let shift: ShiftView =
        serde_json::from_value(server.get_json(&format!("/api/shifts/{shift}")).await).unwrap();
    let day = (shift.window.starts_at())
        .with_timezone(&china_standard_time())
        .date_naive();
    let admin = arranger(server).await;
    let path = format!("/api/staff/attendance?point=1&day={day}");
    let queue: ReviewPage = get(server, Some(&admin), &path).await.json().await.unwrap();
    (queue.items.iter())
        .find(|item| item.checked_in_at == checked_in_at)
        .expect("the attendance is in the review queue")
        .id
}

async fn stats(server: &TestServer) -> Stats {
    server.get("/api/stats").await.json().await.unwrap()
}

#[tokio::test]
async fn a_coordinator_approves_and_only_then_the_minutes_count_as_verified() {
    let server = TestServer::start().await;
    let (volunteer, unit, attendance, _) = served_an_hour(&server).await;
    create(
        &server,
        "coordinator",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    let coordinator = sign_in(&server, "coordinator").await;
    let before = stats(&server).await.figures;

    let queue = get(&server, Some(&coordinator), "/api/staff/attendance").await;
    assert_eq!(queue.headers()["cache-control"], "no-store");
    let body = queue.text().await.unwrap();
    assert!(!body.contains(&volunteer.phone), "the phone is masked");
    let items = serde_json::from_str::<ReviewPage>(&body).unwrap().items;
    let item = items
        .iter()
        .find(|i| i.id == attendance)
        .expect("in the queue");
    assert_eq!(
        item.phone_masked,
        Some(format!(
            "{}****{}",
            &volunteer.phone[..3],
            &volunteer.phone[7..]
        ))
    );
    assert!(
        items.iter().all(|i| i.unit_id == unit),
        "only its own unit's shifts"
    );

    let path = format!("/api/staff/attendance/{attendance}/review");
    let approved = post(
        &server,
        Some(&coordinator),
        &path,
        json!({"decision": "approve"}),
    )
    .await;
    assert_eq!(approved.status(), 200);
    let approved: ReviewItem = approved.json().await.unwrap();
    assert_eq!(approved.status, ReviewStatus::Approved);
    let after = stats(&server).await.figures;
    assert_eq!(
        after.verified_minutes_this_year.0,
        before.verified_minutes_this_year.0 + 60
    );
    assert_eq!(
        after.pending_minutes_this_year.0,
        before.pending_minutes_this_year.0 - 60
    );

    // The audit log holds who, what, before and after, and nobody can edit it.
    let log = audit_log(&server, &coordinator).await;
    let entry = (log.iter())
        .find(|entry| entry.subject == format!("attendance/{attendance}"))
        .expect("the review is in the audit log");
    assert_eq!(entry.action, AuditAction::AttendanceApprove);
    assert_eq!(entry.login, "coordinator");
    let shown = |json: &Option<Value>| json.as_ref().unwrap().to_string();
    assert!(shown(&entry.before).contains("pending") && shown(&entry.after).contains("approved"));
    // The database's own guard, beneath every rule: statements that bypass the API.
    let db = server.db().await;
    let edit = sqlx::query("UPDATE audit_log SET action = 'nothing'")
        .execute(&db)
        .await;
    assert!(edit.is_err(), "the audit log is append-only");
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(&db)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn adjusting_needs_a_reason_and_fits_the_shift_and_rejected_minutes_never_count() {
    let server = TestServer::start().await;
    let (_, unit, attendance, _) = served_an_hour(&server).await;
    create(
        &server,
        "coordinator",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    let coordinator = sign_in(&server, "coordinator").await;
    let path = format!("/api/staff/attendance/{attendance}/review");

    let no_reason = post(
        &server,
        Some(&coordinator),
        &path,
        json!({"decision": "adjust", "minutes": 30}),
    )
    .await;
    assert_eq!(no_reason.status(), 422);
    let body: ApiErrorBody = no_reason.json().await.unwrap();
    assert_eq!(body.fields[0].field, "reason");
    let too_long = json!({"decision": "adjust", "minutes": 200, "reason": "多记了时长"});
    let too_long = post(&server, Some(&coordinator), &path, too_long).await;
    assert_eq!(
        too_long.status(),
        422,
        "a 3-hour shift holds 180 minutes at most"
    );

    let before = stats(&server).await.figures;
    let adjusted = json!({"decision": "adjust", "minutes": 30, "reason": "提前半小时离岗"});
    let adjusted: ReviewItem = post(&server, Some(&coordinator), &path, adjusted)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (adjusted.minutes, adjusted.status),
        (Minutes(30), ReviewStatus::Approved)
    );
    assert_eq!(adjusted.review_reason.unwrap().as_str(), "提前半小时离岗");
    let after = stats(&server).await.figures;
    assert_eq!(
        after.verified_minutes_this_year.0,
        before.verified_minutes_this_year.0 + 30
    );

    let rejected = json!({"decision": "reject", "reason": "当日未到岗"});
    let rejected: ReviewItem = post(&server, Some(&coordinator), &path, rejected)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rejected.status, ReviewStatus::Rejected);
    let last = stats(&server).await.figures;
    assert_eq!(
        last.verified_minutes_this_year,
        before.verified_minutes_this_year
    );
    assert_eq!(
        last.pending_minutes_this_year.0,
        before.pending_minutes_this_year.0 - 60
    );
}

#[tokio::test]
async fn every_role_and_nobody_against_every_staff_endpoint() {
    let server = TestServer::start().await;
    let (_, unit, attendance, signup) = served_an_hour(&server).await;
    let other_unit = unit_at(&server, 2).await;
    create(&server, "admin", StaffRole::Administrator).await;
    create(
        &server,
        "own-unit",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    create(
        &server,
        "other-unit",
        StaffRole::Coordinator {
            unit_id: other_unit,
        },
    )
    .await;
    create(
        &server,
        "leader",
        StaffRole::PointLeader {
            point_id: PointId(1),
        },
    )
    .await;
    create(
        &server,
        "other-leader",
        StaffRole::PointLeader {
            point_id: PointId(2),
        },
    )
    .await;

    let review = format!("/api/staff/attendance/{attendance}/review");
    let check_in = format!("/api/staff/signups/{signup}/check-in");
    let check_out = format!("/api/staff/signups/{signup}/check-out");
    let approve = json!({"decision": "approve"});
    let bulk = json!({"ids": [attendance]});
    // (login, sees the record in its queue, may review, may mark attendance)
    let matrix = [
        ("admin", true, true, true),
        ("own-unit", true, true, true),
        ("other-unit", false, false, false),
        ("leader", true, false, true),
        ("other-leader", false, false, false),
    ];
    for (login, sees, reviews, marks) in matrix {
        let staff = sign_in(&server, login).await;
        // Pending until the first review, approved after it.
        let mut seen = false;
        for status in ["pending", "approved"] {
            let path = format!("/api/staff/attendance?point=1&status={status}");
            let queue: ReviewPage = get(&server, Some(&staff), &path)
                .await
                .json()
                .await
                .unwrap();
            seen |= queue.items.iter().any(|i| i.id == attendance);
        }
        assert_eq!(seen, sees, "{login} sees");
        let expected = |allowed: bool| if allowed { 200 } else { 403 };
        let answer = post(&server, Some(&staff), &review, approve.clone()).await;
        assert_eq!(
            answer.status().as_u16(),
            expected(reviews),
            "{login} reviews"
        );
        let answer = post(
            &server,
            Some(&staff),
            "/api/staff/attendance/approve",
            bulk.clone(),
        )
        .await;
        assert_eq!(
            answer.status().as_u16(),
            expected(reviews),
            "{login} approves in bulk"
        );
        // Already checked in and out: marking again changes nothing but is allowed.
        for path in [&check_in, &check_out] {
            let answer = post(&server, Some(&staff), path, Value::Null).await;
            assert_eq!(
                answer.status().as_u16(),
                expected(marks),
                "{login} marks {path}"
            );
        }
        let session = get(&server, Some(&staff), "/api/staff/session").await;
        assert_eq!(session.status(), 200);
        let log: Vec<AuditEntry> = get(&server, Some(&staff), "/api/staff/audit")
            .await
            .json()
            .await
            .unwrap();
        let about_it = log
            .iter()
            .any(|e| e.subject == format!("attendance/{attendance}"));
        assert_eq!(
            about_it, sees,
            "{login} reads the audit log of what it sees"
        );
    }

    // Nobody signed in: every endpoint asks to sign in.
    assert_eq!(
        error_of(get(&server, None, "/api/staff/attendance").await).await,
        (401, ErrorCode::StaffSignInRequired)
    );
    assert_eq!(get(&server, None, "/api/staff/session").await.status(), 401);
    assert_eq!(get(&server, None, "/api/staff/audit").await.status(), 401);
    for path in [
        review.as_str(),
        "/api/staff/attendance/approve",
        &check_in,
        &check_out,
    ] {
        let answer = post(&server, None, path, approve.clone()).await;
        assert_eq!(
            error_of(answer).await,
            (401, ErrorCode::StaffSignInRequired),
            "{path}"
        );
    }
    let sign_out = server
        .client
        .delete(server.url("/api/staff/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(sign_out.status(), 401);
}

#[tokio::test]
async fn a_leader_checks_a_volunteer_in_within_the_window_and_it_is_recorded_as_such() {
    let server = TestServer::start().await;
    let (volunteer, _, signup) = on_a_running_shift(&server, 10).await;
    create(
        &server,
        "leader",
        StaffRole::PointLeader {
            point_id: PointId(1),
        },
    )
    .await;
    let leader = sign_in(&server, "leader").await;
    let on_duty_before = stats(&server).await.figures.on_duty_now;
    let path = format!("/api/staff/signups/{signup}/check-in");
    let marked: ReviewItem = post(&server, Some(&leader), &path, Value::Null)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(marked.method, CheckInMethod::Leader);
    assert_eq!(stats(&server).await.figures.on_duty_now, on_duty_before + 1);
    let log: Vec<AuditEntry> = get(&server, Some(&leader), "/api/staff/audit")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (log[0].action.code(), log[0].login.as_str()),
        ("attendance.check_in", "leader"),
        "who marked it, in the audit log"
    );
    let record = server
        .get_as("/api/me", &volunteer.key)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        record.contains("\"method\":\"leader\""),
        "the volunteer sees how: {record}"
    );

    // Far outside the shift's window, a leader cannot check anyone in either.
    let (_, later_shift, later_signup) = on_a_running_shift(&server, -240).await;
    let path = format!("/api/staff/signups/{later_signup}/check-in");
    let early = post(&server, Some(&leader), &path, Value::Null).await;
    assert_eq!(
        error_of(early).await,
        (409, ErrorCode::CheckInTooEarly),
        "shift {later_shift}"
    );
}

#[tokio::test]
async fn forged_requests_are_refused_and_sessions_end_when_idle_or_signed_out() {
    let server = TestServer::start().await;
    let (_, unit, attendance, _) = served_an_hour(&server).await;
    create(
        &server,
        "coordinator",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    let staff = sign_in(&server, "coordinator").await;
    let path = server.url(&format!("/api/staff/attendance/{attendance}/review"));
    let approve = json!({"decision": "approve"});

    let without_token = server
        .client
        .post(&path)
        .header("Cookie", &staff.cookie)
        .json(&approve);
    assert_eq!(
        error_of(without_token.send().await.unwrap()).await,
        (403, ErrorCode::ForgeryCheckFailed)
    );
    let other_site = (server.client.post(&path).header("Cookie", &staff.cookie))
        .header("X-CSRF-Token", &staff.csrf)
        .header("Origin", "https://evil.example")
        .json(&approve);
    assert_eq!(
        error_of(other_site.send().await.unwrap()).await,
        (403, ErrorCode::ForgeryCheckFailed)
    );

    // Half an hour without a request ends the session.
    server.clock.advance(Duration::minutes(31));
    assert_eq!(
        get(&server, Some(&staff), "/api/staff/session")
            .await
            .status(),
        401
    );

    // Twelve hours after signing in, a session ends however busy it was.
    let staff = sign_in(&server, "coordinator").await;
    for _ in 0..28 {
        server.clock.advance(Duration::minutes(25));
        let session = get(&server, Some(&staff), "/api/staff/session").await;
        assert_eq!(session.status(), 200, "busy for 11 h 40 min");
    }
    server.clock.advance(Duration::minutes(21));
    assert_eq!(
        get(&server, Some(&staff), "/api/staff/session")
            .await
            .status(),
        401
    );

    // Signing in again renews the session; signing out ends it.
    let staff = sign_in(&server, "coordinator").await;
    let sign_out = (server.client.delete(server.url("/api/staff/session")))
        .header("Cookie", &staff.cookie)
        .header("X-CSRF-Token", &staff.csrf);
    let sign_out = sign_out.send().await.unwrap();
    assert_eq!(sign_out.status(), 204);
    assert!(
        sign_out.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        get(&server, Some(&staff), "/api/staff/session")
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn five_wrong_passwords_make_a_login_wait_and_an_unknown_login_learns_nothing() {
    let server = TestServer::start().await;
    create(&server, "admin", StaffRole::Administrator).await;
    let unknown = sign_in_with(&server, "nobody", PASSWORD).await;
    let wrong = sign_in_with(&server, "admin", "not the password").await;
    assert_eq!(error_of(unknown).await, (401, ErrorCode::SignInFailed));
    assert_eq!(error_of(wrong).await, (401, ErrorCode::SignInFailed));
    for _ in 0..4 {
        assert_eq!(
            sign_in_with(&server, "admin", "still wrong!")
                .await
                .status(),
            401
        );
    }
    let waiting = sign_in_with(&server, "admin", PASSWORD).await;
    // 30 seconds from the fifth wrong password, less the time this request took to come:
    // a password check in a debug build on a busy machine takes a second or more.
    let retry_after: u64 = waiting.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (20..=30).contains(&retry_after),
        "Retry-After: {retry_after}"
    );
    assert_eq!(error_of(waiting).await, (429, ErrorCode::TooManySignIns));
}
