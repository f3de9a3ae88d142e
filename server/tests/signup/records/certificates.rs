//! Numbered service certificates, and replacing a lost personal link.

use super::{AWKWARD_NAME, approved_hour, join_team, shift_day, unit_team};
use crate::common::TestServer;
use crate::staff_client::{create, error_of, get, logged, post, sign_in};
use chrono::Utc;
use huli_contract::{
    AuditEntry, ErrorCode, Minutes, ServiceCertificate, StaffRole, VolunteerListing,
    china_standard_time,
};
use serde_json::json;

#[tokio::test]
async fn a_certificate_is_numbered_from_verified_hours_and_kept_as_issued() {
    let server = TestServer::start().await;
    let (coordinator, _, number, volunteer) = approved_hour(&server).await;
    create(&server, "admin", StaffRole::Administrator).await;
    let admin = sign_in(&server, "admin").await;
    create(&server, "stranger", StaffRole::Coordinator { unit_id: 46 }).await;
    let stranger = sign_in(&server, "stranger").await;
    let day = shift_day(&server, &volunteer).await;
    let period = json!({"from": day, "to": day});
    let path = format!("/api/staff/volunteers/{number}/certificates");

    let issued = post(&server, Some(&coordinator), &path, period.clone()).await;
    assert_eq!(issued.status(), 200);
    let certificate: ServiceCertificate = issued.json().await.unwrap();
    let year = Utc::now()
        .with_timezone(&china_standard_time())
        .format("%Y");
    assert_eq!(
        certificate.number.to_string(),
        format!("HLZY-{year}-000001")
    );
    assert_eq!(certificate.volunteer_name.as_deref(), Some(AWKWARD_NAME));
    assert_eq!(certificate.volunteer_number, number);
    assert_eq!(certificate.total_minutes, Minutes(60));
    assert_eq!(certificate.entries.len(), 1);
    assert!(certificate.issuing_unit.is_some());
    assert_eq!(
        certificate.star_level,
        Some(0),
        "one verified hour earns no star yet"
    );

    let again: ServiceCertificate = post(&server, Some(&coordinator), &path, period.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        again.number, certificate.number,
        "a repeat uses no new number"
    );
    let district: ServiceCertificate = post(&server, Some(&admin), &path, period.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(district.number.sequence(), 2);
    assert_eq!(district.issuing_unit, None);

    let (status, code) = error_of(post(&server, Some(&stranger), &path, period).await).await;
    assert_eq!(
        (status, code),
        (404, ErrorCode::NotFound),
        "another unit's volunteer"
    );
    let empty = json!({"from": "2020-01-01", "to": "2020-12-31"});
    let (status, code) = error_of(post(&server, Some(&coordinator), &path, empty).await).await;
    assert_eq!((status, code), (409, ErrorCode::NoVerifiedHours));

    let reprint = format!("/api/staff/certificates/{}", certificate.number);
    let kept: ServiceCertificate = get(&server, Some(&coordinator), &reprint)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kept, certificate);
    let (status, _) = error_of(get(&server, Some(&stranger), &reprint).await).await;
    assert_eq!(status, 404, "another unit's certificate");
    let district_reprint = format!("/api/staff/certificates/{}", district.number);
    let (status, _) = error_of(get(&server, Some(&coordinator), &district_reprint).await).await;
    assert_eq!(
        status, 404,
        "a coordinator reads its own unit's certificates"
    );

    // The database's own guard, beneath every rule.
    let changed = sqlx::query("UPDATE certificates SET content = '{}'")
        .execute(&server.db().await)
        .await;
    assert!(changed.is_err(), "certificates cannot be edited");
    assert_eq!(logged(&server, "certificate.issue").await.len(), 2);
    let own: Vec<AuditEntry> = get(&server, Some(&coordinator), "/api/staff/audit")
        .await
        .json()
        .await
        .unwrap();
    let issued: Vec<&str> = own
        .iter()
        .filter(|e| e.action.code() == "certificate.issue")
        .map(|e| e.subject.as_str())
        .collect();
    let own_number = format!("certificate/{}", certificate.number);
    assert_eq!(
        issued,
        [own_number.as_str()],
        "a coordinator reads its own unit's entries"
    );
}

#[tokio::test]
async fn staff_find_a_volunteer_and_replace_a_lost_link() {
    let server = TestServer::start().await;
    let (coordinator, unit, number, volunteer) = approved_hour(&server).await;
    let phone = volunteer.phone.clone();
    create(&server, "stranger", StaffRole::Coordinator { unit_id: 46 }).await;
    let stranger = sign_in(&server, "stranger").await;

    // Four digits (shown anyway) or the whole number find; any other length would let
    // a search uncover a masked number digit by digit.
    let five = format!("/api/staff/volunteers?q={}", &phone[6..]);
    let found: Vec<VolunteerListing> = get(&server, Some(&coordinator), &five)
        .await
        .json()
        .await
        .unwrap();
    assert!(found.is_empty(), "five digits find nobody");
    let whole = format!("/api/staff/volunteers?q={phone}");
    let found: Vec<VolunteerListing> = get(&server, Some(&coordinator), &whole)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "the whole number finds");

    let search = format!("/api/staff/volunteers?q={}", &phone[7..]);
    let found: Vec<VolunteerListing> = get(&server, Some(&coordinator), &search)
        .await
        .json()
        .await
        .unwrap();
    let listing = found
        .iter()
        .find(|v| v.number == number)
        .expect("found by the last digits");
    assert_eq!(
        listing.phone_masked,
        format!("{}****{}", &phone[..3], &phone[7..])
    );
    let by_number = format!("/api/staff/volunteers?q={number}");
    let found: Vec<VolunteerListing> = get(&server, Some(&stranger), &by_number)
        .await
        .json()
        .await
        .unwrap();
    assert!(found.is_empty(), "another unit does not see the volunteer");

    let new_key = "ab".repeat(32);
    let path = format!("/api/staff/volunteers/{number}/personal-link");
    let body = json!({ "access_key": new_key });
    let (status, code) = error_of(post(&server, Some(&stranger), &path, body.clone()).await).await;
    assert_eq!((status, code), (404, ErrorCode::NotFound));
    // Signing up for a unit's shift does not put a volunteer's link in its hands.
    let (status, _) = error_of(post(&server, Some(&coordinator), &path, body.clone()).await).await;
    assert_eq!(status, 404, "only the unit's own teams");
    let team = unit_team(&server, &coordinator, unit).await;
    join_team(&server, &volunteer, team).await;
    let bad = json!({ "access_key": "short" });
    let (status, _) = error_of(post(&server, Some(&coordinator), &path, bad).await).await;
    assert_eq!(status, 422);
    let forged = server
        .client
        .post(server.url(&path))
        .header("Cookie", &coordinator.cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(forged).await, (403, ErrorCode::ForgeryCheckFailed));

    let replaced = post(&server, Some(&coordinator), &path, body).await;
    assert_eq!(replaced.status(), 204);
    assert_eq!(server.get_as("/api/me", &new_key).await.status(), 200);
    let old = server.get_as("/api/me", &volunteer.key).await;
    assert_eq!(old.status(), 401, "the old link no longer opens anything");
    assert_eq!(
        logged(&server, "volunteer.replace_personal_link").await,
        [format!("volunteer/{number}")]
    );
}
