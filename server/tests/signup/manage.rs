//! The staff API that manages the programme: weekly templates in China Standard Time,
//! insurance opening high-risk duty, moving a point's marker, and the audit log of each.
//! Who may do what is in [`authorisation`]; changing held shifts and refused fields in
//! [`rules`].

mod authorisation;
mod rules;

use crate::common::TestServer;
use crate::staff_client::{Staff, create, get, post, send, sign_in};
use crate::{NewShift, add_shift, refused, register, signed_up, unit_at};
use chrono::{DateTime, Datelike, Duration, FixedOffset, Timelike, Utc, Weekday};
use huli_contract::{
    ApiErrorBody, AuditEntry, ErrorCode, PointDetail, PointId, ShiftView, StaffRole, WeeklyShifts,
    china_standard_time,
};
use reqwest::Method;
use serde_json::{Value, json};

/// Everyone the tests act as: an administrator, the coordinator of the unit paired with
/// point 1 (which `add_shift` organises by), one of a unit at point 2, point 1's leader.
pub struct Cast {
    pub admin: Staff,
    pub own: Staff,
    pub other: Staff,
    pub leader: Staff,
    pub unit: i64,
    pub other_unit: i64,
}

pub async fn cast(server: &TestServer) -> Cast {
    let (unit, other_unit) = (unit_at(server, 1).await, unit_at(server, 2).await);
    create(server, "admin", StaffRole::Administrator).await;
    create(server, "own-unit", StaffRole::Coordinator { unit_id: unit }).await;
    let other = StaffRole::Coordinator {
        unit_id: other_unit,
    };
    create(server, "other-unit", other).await;
    let leader = StaffRole::PointLeader {
        point_id: PointId(1),
    };
    create(server, "leader", leader).await;
    Cast {
        admin: sign_in(server, "admin").await,
        own: sign_in(server, "own-unit").await,
        other: sign_in(server, "other-unit").await,
        leader: sign_in(server, "leader").await,
        unit,
        other_unit,
    }
}

pub fn cst() -> FixedOffset {
    china_standard_time()
}

/// `hour`:00 in Huli, `days` from today.
pub fn huli_time(days: i64, hour: u32) -> String {
    let day = Utc::now().with_timezone(&cst()).date_naive() + Duration::days(days);
    format!("{day}T{hour:02}:00:00+08:00")
}

/// A day in Huli, `days` from today, as `YYYY-MM-DD`.
pub fn huli_day(days: i64) -> String {
    (Utc::now().with_timezone(&cst()).date_naive() + Duration::days(days)).to_string()
}

/// A two-hour shift at point 1 by `unit`, `days` from today at `hour`.
pub fn shift_form(unit: i64, duty: &str, days: i64, hour: u32) -> Value {
    json!({
        "point_id": 1,
        "organiser_unit_id": unit,
        "duty": duty,
        "starts_at": huli_time(days, hour),
        "ends_at": huli_time(days, hour + 2),
        "capacity": 4,
    })
}

pub async fn audit_log(server: &TestServer, staff: &Staff) -> Vec<AuditEntry> {
    get(server, Some(staff), "/api/staff/audit")
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_weekly_template_plans_saturdays_in_china_standard_time_and_a_retry_plans_nothing_twice()
{
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let template = json!({
        "point_id": 1,
        "organiser_unit_id": cast.unit,
        "duty": "community_event",
        "capacity": 6,
        "weekday": "saturday",
        "starts": "09:00",
        "ends": "11:00",
        "weeks": 4,
    });
    let first = post(
        &server,
        Some(&cast.own),
        "/api/staff/shift-templates",
        template.clone(),
    )
    .await;
    assert_eq!(first.status(), 201);
    let first: WeeklyShifts = first.json().await.unwrap();
    assert!(first.already_there.is_empty());
    assert_eq!(first.created.len(), 4);
    let now = Utc::now();
    let mut previous: Option<DateTime<Utc>> = None;
    for shift in &first.created {
        let starts = shift.window.starts_at().with_timezone(&cst());
        let ends = shift.window.ends_at().with_timezone(&cst());
        assert_eq!(starts.weekday(), Weekday::Sat, "{starts}");
        assert_eq!((starts.hour(), starts.minute()), (9, 0), "{starts}");
        assert_eq!((ends.hour(), ends.minute()), (11, 0), "{ends}");
        assert!(starts.to_rfc3339().ends_with("09:00:00+08:00"));
        assert_eq!((shift.capacity, shift.point_id), (6, PointId(1)));
        match previous {
            None => assert!(shift.window.starts_at() > now && starts < now + Duration::days(8)),
            Some(earlier) => assert_eq!(shift.window.starts_at() - earlier, Duration::days(7)),
        }
        previous = Some(shift.window.starts_at());
        // Planned shifts are public at once.
        let public = server.get(&format!("/api/shifts/{}", shift.id.0)).await;
        assert_eq!(public.status(), 200);
    }

    let count = || async {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM shifts")
            .fetch_one(&server.db().await)
            .await
            .unwrap();
        n
    };
    let before = count().await;
    let retry = post(
        &server,
        Some(&cast.admin),
        "/api/staff/shift-templates",
        template,
    )
    .await;
    assert_eq!(retry.status(), 200, "nothing new to create");
    let retry: WeeklyShifts = retry.json().await.unwrap();
    assert!(retry.created.is_empty());
    let ids = |shifts: &[ShiftView]| shifts.iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(ids(&retry.already_there), ids(&first.created));
    assert_eq!(count().await, before);

    let log = audit_log(&server, &cast.own).await;
    let planned = log
        .iter()
        .filter(|e| e.action.code() == "shift.create")
        .count();
    assert_eq!(
        planned, 4,
        "one entry per shift created, none for the retry"
    );
}

#[tokio::test]
async fn high_risk_duty_opens_for_sign_up_only_once_its_insurance_is_recorded() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let form = shift_form(cast.unit, "traffic_duty", 3, 7);
    let created = post(&server, Some(&cast.own), "/api/staff/shifts", form.clone()).await;
    assert_eq!(created.status(), 201);
    let shift: ShiftView = created.json().await.unwrap();
    assert!(!shift.insured);
    let again = post(&server, Some(&cast.own), "/api/staff/shifts", form).await;
    assert_eq!(
        again.status(),
        200,
        "the same shift asked for twice is one shift"
    );
    assert_eq!(again.json::<ShiftView>().await.unwrap().id, shift.id);

    let volunteer = register(&server).await;
    assert_eq!(
        refused(&server, &volunteer, shift.id.0).await,
        ErrorCode::ShiftNotInsured
    );

    let mut insurance = json!({
        "shift_ids": [shift.id.0],
        "insurer": "中国人民财产保险厦门分公司",
        "policy_number": "PICC-2026-0001",
        "covers_from": huli_day(4),
        "covers_until": huli_day(30),
    });
    let late = post(
        &server,
        Some(&cast.own),
        "/api/staff/insurance",
        insurance.clone(),
    )
    .await;
    let body: ApiErrorBody = late.json().await.unwrap();
    assert_eq!(
        body.fields[0].field, "covers_from",
        "a cover that starts too late"
    );
    let ordinary = add_shift(&server, NewShift::default()).await;
    insurance["shift_ids"] = json!([ordinary]);
    let body: ApiErrorBody = post(
        &server,
        Some(&cast.own),
        "/api/staff/insurance",
        insurance.clone(),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        body.fields[0].field, "shift_ids",
        "only high-risk duty is insured"
    );

    insurance["shift_ids"] = json!([shift.id.0]);
    insurance["covers_from"] = json!(huli_day(0));
    let recorded = post(
        &server,
        Some(&cast.own),
        "/api/staff/insurance",
        insurance.clone(),
    )
    .await;
    assert_eq!(recorded.status(), 201);
    let again = post(&server, Some(&cast.own), "/api/staff/insurance", insurance).await;
    assert!(again.status().is_success(), "a retry is answered");
    let path = format!("/api/shifts/{}", shift.id.0);
    let public: ShiftView = server.get(&path).await.json().await.unwrap();
    assert!(public.insured);
    signed_up(&server, &volunteer, shift.id.0).await;

    let log = audit_log(&server, &cast.admin).await;
    let insured = log
        .iter()
        .find(|e| e.action.code() == "shift.insure" && e.subject == format!("shift/{}", shift.id.0))
        .expect("the insurance is in the audit log");
    let entries = log
        .iter()
        .filter(|e| e.action.code() == "shift.insure")
        .count();
    assert_eq!(entries, 1, "the retry recorded nothing twice");
    let (policies,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM insurance_policies")
        .fetch_one(&server.db().await)
        .await
        .unwrap();
    assert_eq!(policies, 1);
    assert_eq!(
        insured.after.as_ref().unwrap()["policy_number"],
        "PICC-2026-0001"
    );
    assert_eq!(insured.before.as_ref().unwrap()["insured"], false);
}

#[tokio::test]
async fn a_marker_moves_only_inside_the_district_and_is_then_no_longer_approximate() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let point: PointDetail = server.get("/api/points/1").await.json().await.unwrap();
    assert!(point.point.location_approximate);
    let beijing = json!({ "location": { "lat": 39.9087, "lon": 116.3975 } });
    let outside = send(
        &server,
        Some(&cast.own),
        Method::PATCH,
        "/api/staff/points/1",
        Some(beijing.clone()),
    )
    .await;
    assert_eq!(outside.status(), 422);
    let body: ApiErrorBody = outside.json().await.unwrap();
    assert_eq!(body.fields[0].field, "location");
    assert!(
        body.fields[0].message.contains("湖里区"),
        "{}",
        body.fields[0].message
    );

    // Point 2's marker is in the district, a few streets away.
    let elsewhere: PointDetail = server.get("/api/points/2").await.json().await.unwrap();
    let (lat, lon) = (
        elsewhere.point.location.lat(),
        elsewhere.point.location.lon(),
    );
    let change = json!({
        "location": { "lat": lat, "lon": lon },
        "name_en": "Point one, corrected",
        "opening_hours": { "kind": "daily", "opens": "07:30", "closes": "19:00" },
        "services": ["directions", "umbrella"],
    });
    let moved = send(
        &server,
        Some(&cast.own),
        Method::PATCH,
        "/api/staff/points/1",
        Some(change),
    )
    .await;
    assert_eq!(moved.status(), 200);
    let public: PointDetail = server.get("/api/points/1").await.json().await.unwrap();
    assert!(!public.point.location_approximate);
    assert_eq!(
        (public.point.location.lat(), public.point.location.lon()),
        (lat, lon)
    );
    assert_eq!(public.point.name.en, "Point one, corrected");
    assert_eq!(public.point.services.len(), 2);
    assert_eq!(
        public.point.name.zh, point.point.name.zh,
        "what was left out stays"
    );

    let log = audit_log(&server, &cast.own).await;
    let entry = log
        .iter()
        .find(|e| e.action.code() == "point.change")
        .expect("logged");
    assert_eq!(entry.subject, "point/1");
    assert_eq!(entry.before.as_ref().unwrap()["location_approximate"], 1);
    assert_eq!(entry.after.as_ref().unwrap()["location_approximate"], 0);
    let others = audit_log(&server, &cast.other).await;
    assert!(
        others.iter().all(|e| e.subject != "point/1"),
        "another unit's coordinator"
    );
}
