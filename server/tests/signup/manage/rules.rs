//! Changing and moving shifts that volunteers hold, and refused fields in both languages.

use super::{audit_log, cast, cst, huli_day, huli_time, shift_form};
use crate::common::TestServer;
use crate::staff_client::{arranger, error_of, get, post, send};
use crate::{NewShift, add_shift, add_shift_at, register, signed_up};
use chrono::{DateTime, Duration, Timelike, Utc};
use huli_contract::{ApiErrorBody, AuditAction, ErrorCode, Problem, ShiftView, UnitView};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn a_held_shift_only_gains_places_which_the_waitlist_takes() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let held = add_shift(
        &server,
        NewShift {
            capacity: 1,
            ..Default::default()
        },
    )
    .await;
    let (first, second) = (register(&server).await, register(&server).await);
    signed_up(&server, &first, held).await;
    let second_signup = signed_up(&server, &second, held).await.id.0;
    let path = format!("/api/staff/shifts/{held}");
    let patch = |body: Value| send(&server, Some(&cast.own), Method::PATCH, &path, Some(body));
    assert_eq!(
        patch(json!({ "capacity": 1 })).await.status(),
        200,
        "not lowered"
    );
    let grown: ShiftView = patch(json!({ "capacity": 3 })).await.json().await.unwrap();
    assert_eq!(
        (grown.capacity, grown.confirmed, grown.waitlisted),
        (3, 2, 0)
    );
    let log = audit_log(&server, &cast.own).await;
    let change = (log.iter())
        .find(|entry| entry.action == AuditAction::ShiftChange)
        .expect("the change is in the audit log");
    let promoted = change.after.as_ref().unwrap()["promoted_signups"].to_string();
    assert_eq!(
        promoted,
        format!("[{second_signup}]"),
        "the log names who moved up"
    );
    let fewer = patch(json!({ "capacity": 2 })).await;
    assert_eq!(error_of(fewer).await, (409, ErrorCode::ShiftHasSignups));
    let delete = send(&server, Some(&cast.own), Method::DELETE, &path, None).await;
    assert_eq!(error_of(delete).await, (409, ErrorCode::ShiftHasSignups));

    let free = add_shift(&server, NewShift::default()).await;
    let path = format!("/api/staff/shifts/{free}");
    let moved =
        json!({ "starts_at": huli_time(6, 14), "ends_at": huli_time(6, 17), "capacity": 1 });
    let moved = send(&server, Some(&cast.own), Method::PATCH, &path, Some(moved)).await;
    let moved: ShiftView = moved.json().await.unwrap();
    assert_eq!(moved.window.starts_at().with_timezone(&cst()).hour(), 14);
    assert_eq!(moved.capacity, 1);
    let deleted = send(&server, Some(&cast.own), Method::DELETE, &path, None).await;
    assert_eq!(deleted.status(), 204);
    assert_eq!(
        server.get(&format!("/api/shifts/{free}")).await.status(),
        404
    );

    let log = audit_log(&server, &cast.own).await;
    let actions: Vec<&str> = (log.iter())
        .filter(|entry| entry.login == "own-unit")
        .map(|entry| entry.action.code())
        .collect();
    assert_eq!(
        actions,
        [
            "shift.delete",
            "shift.change",
            "shift.change",
            "shift.change"
        ]
    );
    assert!(log[0].after.is_none() && log[0].before.is_some());
}

#[tokio::test]
async fn refused_fields_are_named_in_chinese_and_in_english() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let mut form = shift_form(cast.unit, "parade", 2, 9);
    form["capacity"] = json!(0);
    form["starts_at"] = json!("next Saturday");
    let ask = |lang: &'static str| {
        let request = server
            .client
            .post(server.url("/api/staff/shifts"))
            .json(&form);
        let request = request.header("Cookie", &cast.admin.cookie);
        (request.header("X-CSRF-Token", &cast.admin.csrf)).header("Accept-Language", lang)
    };
    let zh = ask("zh-CN").send().await.unwrap();
    assert_eq!(zh.status(), 422);
    let zh: ApiErrorBody = zh.json().await.unwrap();
    let fields: Vec<&str> = zh.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["duty", "capacity", "starts_at"]);
    assert!(zh.fields.iter().all(|f| !f.message.is_ascii()), "{zh:?}");
    let en: ApiErrorBody = ask("en").send().await.unwrap().json().await.unwrap();
    assert_eq!(en.fields[1].message, "Enter a number from 1 to 200.");
    assert!(en.fields.iter().all(|f| f.message.is_ascii()), "{en:?}");

    let units = get(&server, Some(&cast.admin), "/api/staff/units").await;
    let taken = units.json::<Vec<UnitView>>().await.unwrap()[0]
        .unit
        .name
        .zh
        .clone();
    let unit = json!({ "name_zh": taken, "name_en": "Again", "kind": "school" });
    let body: ApiErrorBody = post(&server, Some(&cast.admin), "/api/staff/units", unit)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (body.fields[0].field.as_str(), &body.error),
        ("name_zh", &ErrorCode::ValidationFailed)
    );

    // A body that does not even read is refused in the same shape.
    let unreadable = json!({ "capacity": "six" });
    let answer = send(
        &server,
        Some(&cast.admin),
        Method::PATCH,
        "/api/staff/shifts/1",
        Some(unreadable),
    )
    .await;
    assert_eq!(error_of(answer).await, (400, ErrorCode::BadRequest));
}

#[tokio::test]
async fn moved_high_risk_duty_stays_open_only_inside_its_recorded_cover() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let created = post(
        &server,
        Some(&cast.own),
        "/api/staff/shifts",
        shift_form(cast.unit, "traffic_duty", 3, 7),
    )
    .await;
    let shift: ShiftView = created.json().await.unwrap();
    let insurance = json!({
        "shift_ids": [shift.id.0],
        "insurer": "中国人民财产保险厦门分公司",
        "policy_number": "PICC-2026-0002",
        "covers_from": huli_day(0),
        "covers_until": huli_day(10),
    });
    let recorded = post(&server, Some(&cast.own), "/api/staff/insurance", insurance).await;
    assert_eq!(recorded.status(), 201);

    let path = format!("/api/staff/shifts/{}", shift.id.0);
    let move_to = |day: i64| {
        let window = json!({ "starts_at": huli_time(day, 7), "ends_at": huli_time(day, 9) });
        send(&server, Some(&cast.own), Method::PATCH, &path, Some(window))
    };
    let outside: ShiftView = move_to(12).await.json().await.unwrap();
    assert!(!outside.insured, "the cover ends before the new date");
    let volunteer = register(&server).await;
    assert_eq!(
        crate::refused(&server, &volunteer, shift.id.0).await,
        ErrorCode::ShiftNotInsured
    );
    let inside: ShiftView = move_to(6).await.json().await.unwrap();
    assert!(inside.insured, "back inside the recorded cover");
    signed_up(&server, &volunteer, shift.id.0).await;
}

/// A refused move: 422, on `starts_at`, for `problem`.
async fn refused_move(response: reqwest::Response) -> Problem {
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.fields.len(), 1, "{body:?}");
    assert_eq!(body.fields[0].field, "starts_at");
    body.fields[0].problem.clone()
}

/// Asks, as the arranger, to move shift `id` to `starts`, for three hours.
async fn move_shift(server: &TestServer, id: i64, starts: DateTime<Utc>) -> reqwest::Response {
    let window = json!({
        "starts_at": starts.to_rfc3339(),
        "ends_at": (starts + Duration::hours(3)).to_rfc3339(),
    });
    let path = format!("/api/staff/shifts/{id}");
    let arranger = arranger(server).await;
    send(server, Some(&arranger), Method::PATCH, &path, Some(window)).await
}

#[tokio::test]
async fn a_held_shift_moves_while_its_volunteers_can_cancel_to_a_time_they_are_free() {
    let server = TestServer::start().await;
    let now = server.clock.now();
    let held = add_shift_at(&server, NewShift::default(), now + Duration::hours(48)).await;
    let elsewhere = add_shift_at(&server, NewShift::default(), now + Duration::hours(96)).await;
    let (busy, free) = (register(&server).await, register(&server).await);
    signed_up(&server, &busy, held).await;
    signed_up(&server, &free, held).await;
    signed_up(&server, &busy, elsewhere).await;

    // One of the two holds another shift at 97 h from now.
    let problem = refused_move(move_shift(&server, held, now + Duration::hours(97)).await).await;
    assert_eq!(problem, Problem::HoldersBusy { volunteers: 1 });
    // Too close for them to cancel if the new time does not suit them.
    let problem = refused_move(move_shift(&server, held, now + Duration::hours(1)).await).await;
    assert_eq!(problem, Problem::TooLateToMove { hours: 2 });
    // Times are kept to the second.
    let in_hours = |hours: i64| (now + Duration::hours(hours)).timestamp();
    assert_eq!(
        shift_of(&server, held).await.window.starts_at().timestamp(),
        in_hours(48),
        "a refused move leaves the shift where it was"
    );

    let moved = move_shift(&server, held, now + Duration::hours(120)).await;
    assert_eq!(moved.status(), 200, "{}", moved.text().await.unwrap());
    let moved: ShiftView = moved.json().await.unwrap();
    assert_eq!(moved.window.starts_at().timestamp(), in_hours(120));
    assert_eq!(
        (moved.confirmed, moved.waitlisted),
        (2, 0),
        "both keep their places"
    );
    let log = audit_log(&server, &arranger(&server).await).await;
    let change = (log.iter())
        .find(|entry| entry.action == AuditAction::ShiftChange)
        .expect("the move is in the audit log");
    let before: ShiftView = serde_json::from_value(change.before.clone().unwrap()).unwrap();
    assert_eq!(before.window.starts_at().timestamp(), in_hours(48));

    // Within two hours of its (new) start, the time stands.
    server.clock.advance(Duration::hours(119));
    let problem =
        refused_move(move_shift(&server, held, server.clock.now() + Duration::hours(30)).await)
            .await;
    assert_eq!(problem, Problem::TooLateToMove { hours: 2 });
}

#[tokio::test]
async fn held_high_risk_duty_moves_only_within_its_insurance() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let relief = NewShift {
        duty: "emergency_relief",
        ..Default::default()
    };
    let starts = DateTime::parse_from_rfc3339(&huli_time(3, 9)).unwrap();
    let starts = starts.with_timezone(&Utc);
    let held = add_shift_at(&server, relief, starts).await;
    signed_up(&server, &register(&server).await, held).await;
    let path = format!("/api/staff/shifts/{held}");
    let move_by = |hours: i64| {
        let window = json!({
            "starts_at": (starts + Duration::hours(hours)).to_rfc3339(),
            "ends_at": (starts + Duration::hours(hours + 3)).to_rfc3339(),
        });
        send(&server, Some(&cast.own), Method::PATCH, &path, Some(window))
    };
    // The policy covers the shift's day only: the next day would leave its volunteer
    // on uninsured duty.
    assert_eq!(refused_move(move_by(24).await).await, Problem::NotCovered);
    let later: ShiftView = move_by(4).await.json().await.unwrap();
    assert!(later.insured, "the same day stays covered");
}

async fn shift_of(server: &TestServer, id: i64) -> ShiftView {
    let response = get(server, None, &format!("/api/shifts/{id}")).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}
