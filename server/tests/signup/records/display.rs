//! The point display and the leader's roster.

use crate::attendance::on_a_running_shift;
use crate::common::TestServer;
use crate::staff_client::{arranger, create, error_of, get, send, sign_in};
use crate::unit_at;
use chrono::Utc;
use huli_contract::{ErrorCode, PointDisplay, PointId, RosterShift, SignupId, StaffRole};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_point_display_shows_a_working_code_and_the_roster_who_checked_in() {
    let server = TestServer::start().await;
    let (volunteer, _, signup) = on_a_running_shift(&server, 30).await;
    let leader_role = StaffRole::PointLeader {
        point_id: PointId(1),
    };
    create(&server, "leader", leader_role).await;
    let leader = sign_in(&server, "leader").await;
    let other_role = StaffRole::PointLeader {
        point_id: PointId(2),
    };
    create(&server, "elsewhere", other_role).await;
    let elsewhere = sign_in(&server, "elsewhere").await;

    let path = "/api/staff/points/1/display";
    let (status, _) = error_of(get(&server, None, path).await).await;
    assert_eq!(status, 401);
    let (status, code) = error_of(get(&server, Some(&elsewhere), path).await).await;
    assert_eq!((status, code), (403, ErrorCode::NotAllowed));

    let display: PointDisplay = get(&server, Some(&leader), path)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(display.code.len(), 6);
    assert!(
        display
            .check_in_url
            .ends_with(&format!("/me?code={}", display.code))
    );
    assert!(display.qr_svg.contains("<svg") && display.qr_svg.contains("<path"));
    assert!(display.next_code_at > Utc::now());
    let shift = display
        .shifts
        .iter()
        .find(|s| s.confirmed >= 1)
        .expect("today's shift");
    assert!(shift.checked_in.is_empty());
    let roster = "/api/staff/points/1/roster";
    let (status, _) = error_of(get(&server, Some(&elsewhere), roster).await).await;
    assert_eq!(status, 403, "another point's roster");
    let on_roster = |shifts: Vec<RosterShift>| {
        let people = shifts.into_iter().flat_map(|s| s.people);
        people
            .into_iter()
            .find(|p| p.signup_id == SignupId(signup))
            .expect("on the roster")
    };
    let entry = on_roster(
        get(&server, Some(&leader), roster)
            .await
            .json()
            .await
            .unwrap(),
    );
    assert_eq!(
        entry.phone_masked,
        Some(format!(
            "{}****{}",
            &volunteer.phone[..3],
            &volunteer.phone[7..]
        ))
    );
    assert_eq!(entry.checked_in_at, None);

    let check_in = format!("/api/signups/{signup}/check-in");
    let proof = json!({"method": "rotating_code", "code": display.code});
    let answer = server
        .post(&check_in, Some(&volunteer.key), &crate::new_key(), &proof)
        .await;
    assert_eq!(answer.status(), 200, "the displayed code checks in");
    let display: PointDisplay = get(&server, Some(&leader), path)
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&String> = display.shifts.iter().flat_map(|s| &s.checked_in).collect();
    assert_eq!(
        names,
        ["测****"],
        "first character only, on a public screen"
    );
    let entry = on_roster(
        get(&server, Some(&leader), roster)
            .await
            .json()
            .await
            .unwrap(),
    );
    assert!(
        entry.checked_in_at.is_some(),
        "the roster shows the check-in"
    );
}

#[tokio::test]
async fn a_partner_coordinator_sees_only_its_own_units_shifts_on_the_roster() {
    let server = TestServer::start().await;
    let (_, _, signup) = on_a_running_shift(&server, 30).await;
    // Shifts at point 1 are organised by this unit.
    let organiser = unit_at(&server, 1).await;
    // Another unit now also staffs point 1.
    let other = unit_at(&server, 2).await;
    let admin = arranger(&server).await;
    let pair = format!("/api/staff/units/{other}/point");
    let paired = send(
        &server,
        Some(&admin),
        Method::PUT,
        &pair,
        Some(json!({"point_id": 1})),
    );
    assert_eq!(paired.await.status(), 200);
    create(
        &server,
        "partner",
        StaffRole::Coordinator { unit_id: other },
    )
    .await;
    let partner = sign_in(&server, "partner").await;
    create(
        &server,
        "organiser",
        StaffRole::Coordinator { unit_id: organiser },
    )
    .await;
    let own = sign_in(&server, "organiser").await;

    let roster = "/api/staff/points/1/roster";
    let signups = |shifts: Vec<RosterShift>| -> Vec<SignupId> {
        shifts
            .into_iter()
            .flat_map(|s| s.people)
            .map(|p| p.signup_id)
            .collect()
    };
    let seen = signups(
        get(&server, Some(&partner), roster)
            .await
            .json()
            .await
            .unwrap(),
    );
    assert!(
        !seen.contains(&SignupId(signup)),
        "another unit's volunteers stay hidden"
    );
    let seen = signups(get(&server, Some(&own), roster).await.json().await.unwrap());
    assert!(
        seen.contains(&SignupId(signup)),
        "the organiser sees its own"
    );
}
