//! The point display, through a display link scoped to one point and revocable, and
//! the leader's roster.

use crate::attendance::on_a_running_shift;
use crate::common::TestServer;
use crate::staff_client::{
    arranger, create, display, display_key, error_of, get, post, send, sign_in, whole_audit_log,
};
use crate::unit_at;
use chrono::Utc;
use huli_contract::{
    DisplayLinkView, ErrorCode, PointDisplay, PointId, RosterShift, SignupId, StaffRole,
};
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

    // The device shows the display through a link of its own, made by the point's staff.
    let links = "/api/staff/points/1/display-links";
    let (status, _) = error_of(get(&server, None, links).await).await;
    assert_eq!(status, 401);
    let made = post(&server, Some(&elsewhere), links, json!({"label": "平板"})).await;
    assert_eq!(error_of(made).await, (403, ErrorCode::NotAllowed));
    let key = display_key(&server, &leader, 1).await;
    assert_eq!(
        error_of(display(&server, &"0".repeat(64)).await).await,
        (401, ErrorCode::DisplayLinkInvalid)
    );
    let display_now = || async {
        let shown = display(&server, &key).await;
        assert_eq!(shown.status(), 200);
        shown.json::<PointDisplay>().await.unwrap()
    };
    let display = display_now().await;
    assert_eq!(display.point_id, PointId(1));
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
    let display = display_now().await;
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

#[tokio::test]
async fn a_display_link_opens_one_points_display_only_until_it_is_revoked() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let unit = unit_at(&server, 1).await;
    create(&server, "coord-d", StaffRole::Coordinator { unit_id: unit }).await;
    let coordinator = sign_in(&server, "coord-d").await;
    let point_2 = StaffRole::PointLeader {
        point_id: PointId(2),
    };
    create(&server, "leader-2", point_2).await;
    let leader_2 = sign_in(&server, "leader-2").await;

    // The point's partner unit's coordinator makes a link for point 1; it shows point
    // 1's display and opens nothing of the staff API.
    let key = display_key(&server, &coordinator, 1).await;
    let shown: PointDisplay = display(&server, &key).await.json().await.unwrap();
    assert_eq!(shown.point_id, PointId(1));
    let as_staff = server.client.get(server.url("/api/staff/session"));
    let as_staff = as_staff.bearer_auth(&key).send().await.unwrap();
    assert_eq!(as_staff.status(), 401);
    let links: Vec<DisplayLinkView> =
        get(&server, Some(&admin), "/api/staff/points/1/display-links")
            .await
            .json()
            .await
            .unwrap();
    let link = links
        .iter()
        .find(|l| l.label == "前台平板")
        .expect("listed");
    assert_eq!(link.created_by, "coord-d");
    assert!(link.last_seen_at.is_some(), "the device's use is seen");
    let listed = serde_json::to_string(&links).unwrap();
    assert!(!listed.contains(&key), "the key is shown only when made");

    // Another point's leader can neither see nor revoke it; nor can it be revoked under
    // another point.
    let link = link.id;
    let revoke = async |staff, point: i64| {
        let path = format!("/api/staff/points/{point}/display-links/{link}");
        send(&server, Some(staff), Method::DELETE, &path, None).await
    };
    let listed = get(
        &server,
        Some(&leader_2),
        "/api/staff/points/1/display-links",
    )
    .await;
    assert_eq!(listed.status(), 403);
    assert_eq!(revoke(&leader_2, 1).await.status(), 403);
    assert_eq!(revoke(&leader_2, 2).await.status(), 404);
    assert_eq!(display(&server, &key).await.status(), 200);

    // An administrator revokes it: the device's next request is refused.
    assert_eq!(revoke(&admin, 1).await.status(), 204);
    assert_eq!(
        error_of(display(&server, &key).await).await,
        (401, ErrorCode::DisplayLinkInvalid)
    );
    assert_eq!(revoke(&admin, 1).await.status(), 404, "revoked already");
    let log = whole_audit_log(&server).await;
    let actions: Vec<_> = log.iter().map(|entry| entry.action.code()).collect();
    assert!(actions.contains(&"display.link_create") && actions.contains(&"display.link_revoke"));
    assert!(!serde_json::to_string(&log).unwrap().contains(&key));
}
