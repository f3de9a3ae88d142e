//! Who may read records: every role, and nobody signed in, against every records
//! endpoint.

use super::{approved_hour, join_team, shift_day, unit_team};
use crate::common::TestServer;
use crate::staff_client::{create, get, post, sign_in};
use crate::{number_of, register, unit_at};
use huli_contract::{PointId, ServiceCertificate, StaffRole};
use serde_json::{Value, json};

/// The callers, in the order each case lists what they hear: administrator, the
/// organising unit's coordinator, another unit's coordinator, point 1's leader, point
/// 2's leader, nobody.
const CALLERS: usize = 6;

struct Case {
    path: String,
    body: Option<Value>,
    expected: [u16; CALLERS],
}

#[tokio::test]
async fn every_role_and_nobody_against_every_records_endpoint() {
    let server = TestServer::start().await;
    let (own, unit, number, volunteer) = approved_hour(&server).await;
    // The volunteer joins one of the unit's own teams, whose links it may replace.
    let team = unit_team(&server, &own, unit).await;
    join_team(&server, &volunteer, team).await;
    let other_unit = unit_at(&server, 2).await;
    let roles = [
        ("admin", StaffRole::Administrator),
        (
            "other",
            StaffRole::Coordinator {
                unit_id: other_unit,
            },
        ),
        (
            "leader",
            StaffRole::PointLeader {
                point_id: PointId(1),
            },
        ),
        (
            "elsewhere",
            StaffRole::PointLeader {
                point_id: PointId(2),
            },
        ),
    ];
    for (login, role) in roles {
        create(&server, login, role).await;
    }
    let mut callers = vec![Some(sign_in(&server, "admin").await), Some(own)];
    for login in ["other", "leader", "elsewhere"] {
        callers.push(Some(sign_in(&server, login).await));
    }
    callers.push(None);

    let day = shift_day(&server, &volunteer).await;
    let period = json!({ "from": day, "to": day });
    let issued = post(
        &server,
        callers[1].as_ref(),
        &format!("/api/staff/volunteers/{number}/certificates"),
        period.clone(),
    )
    .await;
    let certificate: ServiceCertificate = issued.json().await.unwrap();

    let case = |path: String, body: Option<Value>, expected| Case {
        path,
        body,
        expected,
    };
    let records = [200, 200, 200, 403, 403, 401];
    let own_volunteer = [200, 200, 404, 403, 403, 401];
    let at_point_1 = [200, 200, 403, 200, 403, 401];
    let cases = [
        case(format!("/api/staff/volunteers?q={number}"), None, records),
        case(
            format!("/api/staff/volunteers/{number}/certificates"),
            Some(period),
            own_volunteer,
        ),
        case(
            format!("/api/staff/certificates/{}", certificate.number),
            None,
            own_volunteer,
        ),
        case(
            format!("/api/staff/volunteers/{number}/record"),
            None,
            own_volunteer,
        ),
        case(
            format!("/api/staff/volunteers/{number}/trainings"),
            Some(json!({"training": "etiquette", "completed_on": day, "evidence": "结业证"})),
            own_volunteer,
        ),
        case(
            format!("/api/staff/volunteers/{number}/personal-link"),
            Some(json!({ "access_key": "" })),
            [204, 204, 404, 403, 403, 401],
        ),
        case("/api/staff/points/1/display-links".into(), None, at_point_1),
        case(
            "/api/staff/points/1/display-links".into(),
            Some(json!({ "label": "前台平板" })),
            [201, 201, 403, 201, 403, 401],
        ),
        case("/api/staff/points/1/roster".into(), None, at_point_1),
        case("/api/staff/exports/volunteers.csv".into(), None, records),
        case(
            format!("/api/staff/exports/hours.csv?by=team&from={day}&to={day}"),
            None,
            records,
        ),
    ];
    for case in cases {
        for (n, (caller, expected)) in callers.iter().zip(case.expected).enumerate() {
            let response = match &case.body {
                // Each caller draws its own new key, as the console does.
                Some(body) if body.get("access_key").is_some() => {
                    let key = json!({ "access_key": format!("{:064x}", n + 1) });
                    post(&server, caller.as_ref(), &case.path, key).await
                }
                Some(body) => post(&server, caller.as_ref(), &case.path, body.clone()).await,
                None => get(&server, caller.as_ref(), &case.path).await,
            };
            assert_eq!(
                response.status().as_u16(),
                expected,
                "caller {n} on {}",
                case.path
            );
        }
    }

    // Erasure, each caller on a volunteer of its own in the unit's team.
    let erase = [200, 200, 404, 403, 403, 401];
    for (n, (caller, expected)) in callers.iter().zip(erase).enumerate() {
        let volunteer = register(&server).await;
        join_team(&server, &volunteer, team).await;
        let number = number_of(&server, &volunteer).await;
        let path = format!("/api/staff/volunteers/{number}/erase");
        let response = post(&server, caller.as_ref(), &path, json!(null)).await;
        assert_eq!(response.status().as_u16(), expected, "caller {n} on {path}");
    }
}
