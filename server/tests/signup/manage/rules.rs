//! Changing shifts that volunteers hold, and refused fields in both languages.

use super::{audit_log, cast, cst, huli_day, huli_time, shift_form};
use crate::common::TestServer;
use crate::staff_client::{error_of, get, post, send};
use crate::{NewShift, add_shift, register, signed_up};
use chrono::Timelike;
use huli_contract::{ApiErrorBody, AuditAction, ErrorCode, ShiftView, UnitView};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn a_held_shift_keeps_its_time_and_only_gains_places_which_the_waitlist_takes() {
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
    let moved = json!({ "starts_at": huli_time(5, 9), "ends_at": huli_time(5, 11) });
    assert_eq!(
        error_of(patch(moved).await).await,
        (409, ErrorCode::ShiftHasSignups)
    );
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
