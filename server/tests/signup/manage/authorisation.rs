//! Who may manage what: every role, and nobody signed in, against every endpoint; and
//! writes without the anti-forgery token.

use super::{cast, huli_day, shift_form};
use crate::common::TestServer;
use crate::staff_client::{Staff, arranger, error_of, get, send};
use crate::{NewShift, add_shift};
use huli_contract::{AuditEntry, ErrorCode, UnitView};
use reqwest::Method;
use serde_json::{Value, json};

/// One request of the matrix and the status each of administrator, own-unit
/// coordinator, other-unit coordinator, point leader and nobody gets.
struct Case {
    name: &'static str,
    method: Method,
    path: String,
    body: Option<Value>,
    expected: [u16; 5],
}

/// Fresh requests for the `n`th caller, so that one caller's success (a name taken, a
/// shift deleted) does not change what the next one hears.
async fn cases(server: &TestServer, unit: i64, other_unit: i64, n: u32) -> Vec<Case> {
    let days = i64::from(n) + 2;
    let shift = add_shift(server, NewShift::default()).await;
    let deletable = add_shift(server, NewShift::default()).await;
    let risky = NewShift {
        duty: "traffic_duty",
        insured: false,
        ..Default::default()
    };
    let risky = add_shift(server, risky).await;
    let template = json!({
        "point_id": 1, "organiser_unit_id": unit, "duty": "point_service", "capacity": 3,
        "weekday": "wednesday", "starts": format!("{:02}:00", 6 + n), "ends": format!("{:02}:30", 6 + n),
        "weeks": 2,
    });
    let insurance = json!({
        "shift_ids": [risky], "insurer": "中国平安", "policy_number": format!("PA-{n}"),
        "covers_from": huli_day(0), "covers_until": huli_day(30),
    });
    let case = |name, method, path: &str, body, expected| Case {
        name,
        method,
        path: path.to_owned(),
        body,
        expected,
    };
    let shift_path = format!("/api/staff/shifts/{shift}");
    let delete_path = format!("/api/staff/shifts/{deletable}");
    let pair_path = format!("/api/staff/units/{other_unit}/point");
    vec![
        case(
            "list shifts",
            Method::GET,
            "/api/staff/shifts?point=1",
            None,
            [200, 200, 200, 403, 401],
        ),
        case(
            "create a shift",
            Method::POST,
            "/api/staff/shifts",
            Some(shift_form(unit, "point_service", days, 6)),
            [201, 201, 403, 403, 401],
        ),
        case(
            "plan weekly",
            Method::POST,
            "/api/staff/shift-templates",
            Some(template),
            [201, 201, 403, 403, 401],
        ),
        case(
            "change a shift",
            Method::PATCH,
            &shift_path,
            Some(json!({"capacity": 5})),
            [200, 200, 403, 403, 401],
        ),
        case(
            "delete a shift",
            Method::DELETE,
            &delete_path,
            None,
            [204, 204, 403, 403, 401],
        ),
        case(
            "record insurance",
            Method::POST,
            "/api/staff/insurance",
            Some(insurance),
            [201, 201, 403, 403, 401],
        ),
        case(
            "change the point",
            Method::PATCH,
            "/api/staff/points/1",
            Some(json!({"address_en": format!("Address {n}")})),
            [200, 200, 403, 403, 401],
        ),
        case(
            "list units",
            Method::GET,
            "/api/staff/units",
            None,
            [200, 200, 200, 403, 401],
        ),
        case(
            "create a unit",
            Method::POST,
            "/api/staff/units",
            Some(
                json!({"name_zh": format!("测试单位{n}"), "name_en": "Test unit", "kind": "school"}),
            ),
            [201, 403, 403, 403, 401],
        ),
        case(
            "pair a unit",
            Method::PUT,
            &pair_path,
            Some(json!({"point_id": 2})),
            [200, 403, 403, 403, 401],
        ),
        case(
            "create a team",
            Method::POST,
            "/api/staff/teams",
            Some(
                json!({"name_zh": format!("测试队{n}"), "name_en": "Test team", "kind": "unit", "unit_id": unit}),
            ),
            [201, 201, 403, 403, 401],
        ),
    ]
}

#[tokio::test]
async fn every_role_and_nobody_against_every_manage_endpoint() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let callers: [(&str, Option<&Staff>); 5] = [
        ("admin", Some(&cast.admin)),
        ("own-unit", Some(&cast.own)),
        ("other-unit", Some(&cast.other)),
        ("leader", Some(&cast.leader)),
        ("nobody", None),
    ];
    for (n, (who, staff)) in (0u32..).zip(callers) {
        for case in cases(&server, cast.unit, cast.other_unit, n).await {
            let answer = send(&server, staff, case.method, &case.path, case.body).await;
            let status = answer.status().as_u16();
            assert_eq!(status, case.expected[n as usize], "{who}: {}", case.name);
            let code = match status {
                401 => Some(ErrorCode::StaffSignInRequired),
                403 => Some(ErrorCode::NotAllowed),
                _ => None,
            };
            if let Some(code) = code {
                assert_eq!(
                    answer
                        .json::<huli_contract::ApiErrorBody>()
                        .await
                        .unwrap()
                        .error,
                    code
                );
            }
        }
    }

    // A coordinator lists its own unit's shifts and unit only.
    let own: huli_contract::ShiftPage = send(
        &server,
        Some(&cast.own),
        Method::GET,
        "/api/staff/shifts",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    let organisers: std::collections::HashSet<_> =
        own.items.iter().map(|s| s.organiser.zh.clone()).collect();
    assert_eq!(organisers.len(), 1, "{organisers:?}");
    let units: Vec<huli_contract::UnitView> = send(
        &server,
        Some(&cast.own),
        Method::GET,
        "/api/staff/units",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        units.iter().map(|u| u.unit.id).collect::<Vec<_>>(),
        [cast.unit]
    );

    // Every change was logged; the other unit's coordinator reads none of them.
    let log: Vec<AuditEntry> = send(
        &server,
        Some(&cast.admin),
        Method::GET,
        "/api/staff/audit",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    for action in [
        "shift.create",
        "shift.change",
        "shift.delete",
        "shift.insure",
        "point.change",
        "unit.create",
        "unit.pair",
        "team.create",
    ] {
        assert!(
            log.iter().any(|e| e.action.code() == action),
            "{action} is logged"
        );
    }
    let own_log: Vec<AuditEntry> = send(
        &server,
        Some(&cast.own),
        Method::GET,
        "/api/staff/audit",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        own_log.iter().any(|e| e.action.code() == "shift.insure"),
        "its own unit's entries"
    );
    let other_log: Vec<AuditEntry> = send(
        &server,
        Some(&cast.other),
        Method::GET,
        "/api/staff/audit",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        other_log
            .iter()
            .all(|e| !e.action.code().starts_with("shift.")),
        "{other_log:?}"
    );

    let openapi = server.get_json("/api/openapi.json").await;
    for path in [
        "/api/staff/shifts/{id}",
        "/api/staff/shift-templates",
        "/api/staff/insurance",
        "/api/staff/units/{id}/point",
    ] {
        assert!(openapi["paths"][path].is_object(), "{path} is documented");
    }
}

#[tokio::test]
async fn a_write_without_the_anti_forgery_token_is_refused() {
    let server = TestServer::start().await;
    let cast = cast(&server).await;
    let form = shift_form(cast.unit, "point_service", 3, 9);
    let requests = [
        (Method::POST, "/api/staff/shifts", form),
        (
            Method::PATCH,
            "/api/staff/points/1",
            json!({"name_en": "Forged"}),
        ),
        (
            Method::POST,
            "/api/staff/units",
            json!({"name_zh": "伪造单位", "name_en": "Forged", "kind": "school"}),
        ),
    ];
    for (method, path, body) in requests {
        let request = server.client.request(method, server.url(path)).json(&body);
        let answer = request
            .header("Cookie", &cast.admin.cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(
            error_of(answer).await,
            (403, ErrorCode::ForgeryCheckFailed),
            "{path}"
        );
    }
    let units = get(&server, Some(&arranger(&server).await), "/api/staff/units").await;
    let units: Vec<UnitView> = units.json().await.unwrap();
    assert!(units.iter().all(|u| u.unit.name.en != "Forged"));
}
