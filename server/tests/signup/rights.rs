//! A volunteer's rights over their data, under their personal link: seeing and
//! downloading everything, correcting it, withdrawing consent and erasure; erasure at
//! a request made to staff; and the retention limit, run by the clock.

use crate::common::TestServer;
use crate::records::{approved_hour, shift_day};
use crate::staff_client::{
    arranger, create, error_of, get, logged, post, sign_in, whole_audit_log,
};
use crate::{
    Places, Volunteer, count, fresh_phone, new_key, register, registration, shift_with_capacity,
    signed_up,
};
use chrono::Duration;
use huli_contract::{
    ApiErrorBody, Erased, ErrorCode, MyData, MyRecord, PointId, Problem, ReviewStatus,
    ServiceCertificate, SignupStatus, Skill, StaffRole, Stats, TeamId,
};
use serde_json::{Value, json};

async fn my_data(server: &TestServer, volunteer: &Volunteer) -> MyData {
    let response = server.get_as("/api/me/data", &volunteer.key).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    response.json().await.unwrap()
}

async fn correct(server: &TestServer, volunteer: &Volunteer, form: Value) -> reqwest::Response {
    (server.client.put(server.url("/api/me")))
        .bearer_auth(&volunteer.key)
        .json(&form)
        .send()
        .await
        .unwrap()
}

async fn erase(server: &TestServer, volunteer: &Volunteer, digits: &str) -> reqwest::Response {
    let body = json!({ "phone_last_digits": digits });
    server
        .post("/api/me/erase", Some(&volunteer.key), &new_key(), &body)
        .await
}

fn last_four(volunteer: &Volunteer) -> &str {
    &volunteer.phone[7..]
}

async fn stats(server: &TestServer) -> Stats {
    server.get("/api/stats").await.json().await.unwrap()
}

/// The figures once they count `volunteers`: the live counters recompute a moment
/// after a write, so the test waits for them (at most 10 s) instead of guessing.
async fn stats_counting(server: &TestServer, volunteers: u32) -> Stats {
    let reading = async {
        loop {
            let stats = stats(server).await;
            if stats.volunteers == volunteers {
                return stats;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), reading)
        .await
        .expect("the figures count the volunteers within 10 s")
}

#[tokio::test]
async fn a_volunteer_sees_and_downloads_everything_held_about_them() {
    let server = TestServer::start().await;
    let (_, _, number, volunteer) = approved_hour(&server).await;
    let shift = shift_with_capacity(&server, 2).await;
    signed_up(&server, &volunteer, shift).await;

    let data = my_data(&server, &volunteer).await;
    assert_eq!(data.volunteer_number, number);
    assert_eq!(
        data.phone.as_str(),
        volunteer.phone,
        "whole: their own copy"
    );
    assert_eq!(data.team.map(|team| team.id), Some(TeamId(1)));
    assert_eq!(data.skills, vec![Skill::FirstAid, Skill::SignLanguage]);
    let consent = data.consent.expect("consent given online is on record");
    assert_eq!(
        consent.notice_version,
        huli_contract::PRIVACY_NOTICE_VERSION
    );
    assert!(consent.given_at <= server.clock.now());
    assert_eq!(data.service.len(), 2, "the past shift and the coming one");
    let served = &data.service[0];
    assert_eq!(served.review, Some(ReviewStatus::Approved));
    assert_eq!(served.minutes.0, 60);
    assert!(served.checked_in_at.is_some() && served.checked_out_at.is_some());
    assert_eq!(data.service[1].status, SignupStatus::Confirmed);
    assert_eq!(data.service[1].review, None);
    assert_eq!(data.verified_minutes.0, 60);

    let csv = (server.client.get(server.url("/api/me/data.csv?lang=en")))
        .bearer_auth(&volunteer.key)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.headers()["cache-control"], "no-store");
    let disposition = csv.headers()["content-disposition"].to_str().unwrap();
    assert_eq!(
        disposition,
        format!("attachment; filename=\"huli-my-data-{number}.csv\"")
    );
    let bytes = csv.bytes().await.unwrap();
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).expect("a BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let rows: Vec<Vec<String>> = (reader.records())
        .map(|row| row.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let row_of = |first: &str| {
        (rows.iter())
            .find(|row| row[0] == first)
            .unwrap_or_else(|| panic!("a row {first:?} in {rows:?}"))
            .clone()
    };
    assert_eq!(row_of("Mobile")[1], volunteer.phone);
    assert_eq!(row_of("Volunteer number")[1], number.to_string());
    assert_eq!(row_of("Skills")[1], "First aid, Sign language");
    assert_eq!(row_of("Verified hours")[1], "1.00");
    let service_header = row_of("Shift starts");
    assert_eq!(service_header.len(), 10);
    let position = rows
        .iter()
        .position(|row| row[0] == "Shift starts")
        .unwrap();
    assert_eq!(rows[position + 1][4], "Confirmed");
    assert_eq!(rows[position + 1][9], "Approved");
    assert_eq!(rows[position + 1][8], "60");

    let chinese = (server.client.get(server.url("/api/me/data.csv")))
        .bearer_auth(&volunteer.key)
        .header("Accept-Language", "zh-CN")
        .send()
        .await
        .unwrap();
    let chinese = chinese.text().await.unwrap();
    assert!(
        chinese.contains("手机号码") && chinese.contains("已通过"),
        "{chinese}"
    );

    for path in ["/api/me/data", "/api/me/data.csv"] {
        assert_eq!(server.get(path).await.status(), 401, "{path}");
        assert_eq!(server.get_as(path, &"0".repeat(64)).await.status(), 401);
    }
}

#[tokio::test]
async fn a_volunteer_corrects_their_name_team_and_skills() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;

    let bad = correct(
        &server,
        &volunteer,
        json!({"name": " ", "team_id": 2, "individual": true}),
    )
    .await;
    assert_eq!(bad.status(), 422);
    let bad: ApiErrorBody = bad.json().await.unwrap();
    let fields: Vec<_> = (bad.fields.iter())
        .map(|f| (f.field.as_str(), &f.problem))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", &Problem::Required),
            ("team_id", &Problem::TeamOrIndividual)
        ]
    );
    let no_team = correct(
        &server,
        &volunteer,
        json!({"name": "林小雨", "team_id": 99999}),
    )
    .await;
    assert_eq!(no_team.status(), 422);
    let no_team: ApiErrorBody = no_team.json().await.unwrap();
    assert_eq!(no_team.fields[0].problem, Problem::NotOnTheList);
    let unread = (server.client.put(server.url("/api/me")))
        .bearer_auth(&volunteer.key)
        .header("Content-Type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(unread.status(), 400);
    let before: MyRecord = server
        .get_as("/api/me", &volunteer.key)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        before.name, "测试 志愿者",
        "a refused correction changes nothing"
    );

    let form = json!({"name": " 林  小雨 ", "individual": true, "skills": ["photography"]});
    let corrected = correct(&server, &volunteer, form.clone()).await;
    assert_eq!(corrected.status(), 200);
    let record: MyRecord = corrected.json().await.unwrap();
    assert_eq!(record.name, "林 小雨");
    assert_eq!(record.team, None);
    assert_eq!(record.skills, vec![Skill::Photography]);
    let again = correct(&server, &volunteer, form).await;
    assert_eq!(
        again.json::<MyRecord>().await.unwrap(),
        record,
        "the same twice"
    );
    let to_team = json!({"name": "林小雨", "team_id": 3, "skills": []});
    let moved: MyRecord = correct(&server, &volunteer, to_team)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(moved.team.map(|team| team.id), Some(TeamId(3)));
    assert!(moved.skills.is_empty());
    assert_eq!(
        correct(
            &server,
            &Volunteer {
                key: "0".repeat(64),
                phone: String::new()
            },
            json!({})
        )
        .await
        .status(),
        401
    );
}

#[tokio::test]
async fn withdrawing_consent_erases_the_volunteer_and_keeps_their_minutes() {
    let server = TestServer::start().await;
    let (_, _, number, volunteer) = approved_hour(&server).await;
    let admin = arranger(&server).await;
    let day = shift_day(&server, &volunteer).await;
    let period = json!({"from": day, "to": day});
    let path = format!("/api/staff/volunteers/{number}/certificates");
    let certificate: ServiceCertificate = post(&server, Some(&admin), &path, period)
        .await
        .json()
        .await
        .unwrap();
    let shift = shift_with_capacity(&server, 1).await;
    let held = signed_up(&server, &volunteer, shift).await;
    let next = register(&server).await;
    let waiting = signed_up(&server, &next, shift).await;
    assert_eq!(waiting.status, SignupStatus::Waitlisted);
    // The registrations above reach the figures a moment later: the database says
    // how many volunteers they count once they do.
    let registered: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM volunteers WHERE erased_at IS NULL")
            .fetch_one(&server.db().await)
            .await
            .unwrap();
    let registered = u32::try_from(registered).unwrap();
    let before = stats_counting(&server, registered).await;

    let not_theirs = if last_four(&volunteer) == "0000" {
        "1111"
    } else {
        "0000"
    };
    let wrong = erase(&server, &volunteer, not_theirs).await;
    assert_eq!(wrong.status(), 422);
    let wrong: ApiErrorBody = wrong.json().await.unwrap();
    assert_eq!(wrong.fields[0].field, "phone_last_digits");
    assert_eq!(wrong.fields[0].problem, Problem::ConfirmationMismatch);
    assert_eq!(server.get_as("/api/me", &volunteer.key).await.status(), 200);

    let erased = erase(&server, &volunteer, last_four(&volunteer)).await;
    assert_eq!(erased.status(), 200);
    let erased: Erased = erased.json().await.unwrap();
    assert_eq!(erased.cancelled_signups, 1);
    for path in ["/api/me", "/api/me/data", "/api/me/data.csv"] {
        let after = server.get_as(path, &volunteer.key).await;
        assert_eq!(after.status(), 401, "{path}: the link opens nothing");
    }
    assert_eq!(
        erase(&server, &volunteer, last_four(&volunteer))
            .await
            .status(),
        401
    );
    assert_eq!(
        count(&server, Places::Confirmed, shift).await,
        1,
        "the place went on"
    );
    let promoted: MyRecord = server
        .get_as("/api/me", &next.key)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(promoted.signups[0].status, SignupStatus::Confirmed);
    assert_ne!(promoted.signups[0].id, held.id);

    let after = stats_counting(&server, before.volunteers - 1).await;
    let minutes = |stats: &Stats| {
        let figures = &stats.figures;
        (
            figures.verified_minutes_this_year,
            figures.verified_minutes_last_12_months,
            figures.pending_minutes_this_year,
        )
    };
    assert_eq!(minutes(&after), minutes(&before), "the minutes stay");
    let found = get(
        &server,
        Some(&admin),
        &format!("/api/staff/volunteers?q={number}"),
    )
    .await;
    assert_eq!(
        found.json::<Vec<Value>>().await.unwrap().len(),
        0,
        "staff find nobody"
    );
    let exported = get(&server, Some(&admin), "/api/staff/exports/volunteers.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(!exported.contains(&volunteer.phone));
    let reprint = get(
        &server,
        Some(&admin),
        &format!("/api/staff/certificates/{}", certificate.number),
    )
    .await;
    let reprint: ServiceCertificate = reprint.json().await.unwrap();
    assert_eq!(
        reprint.volunteer_name, None,
        "checkable by number, without a name"
    );
    assert_eq!(reprint.total_minutes, certificate.total_minutes);
    assert_eq!(reprint.entries, certificate.entries);

    // The number is free again: its owner may register anew, as a new volunteer.
    let form = registration(&volunteer.phone);
    let again = server
        .post("/api/volunteers", None, &new_key(), &form)
        .await;
    assert_eq!(again.status(), 201);
    let key = form["access_key"].as_str().unwrap();
    assert_eq!(server.get_as("/api/me", key).await.status(), 200);

    // What the database holds: nothing that names them, and a certificate that may
    // lose the name but nothing else.
    let db = server.db().await;
    let row: (Option<String>, Option<String>, Option<Vec<u8>>, Option<i64>) = sqlx::query_as(
        "SELECT name, phone, access_key_hash, consented_at FROM volunteers WHERE id = $1",
    )
    .bind(number.id())
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(row, (None, None, None, None));
    let skills: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM volunteer_skills WHERE volunteer_id = $1")
            .bind(number.id())
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(skills, 0);
    let tampered =
        sqlx::query("UPDATE certificates SET issued_at = issued_at + 1 WHERE volunteer_id = $1")
            .bind(number.id())
            .execute(&db)
            .await;
    assert!(
        tampered.is_err(),
        "an erased holder's certificate is still kept as issued"
    );
}

#[tokio::test]
async fn staff_erase_at_a_request_made_at_a_point_and_the_log_names_nobody() {
    let server = TestServer::start().await;
    let (coordinator, _, number, volunteer) = approved_hour(&server).await;
    create(&server, "stranger", StaffRole::Coordinator { unit_id: 46 }).await;
    let stranger = sign_in(&server, "stranger").await;
    create(
        &server,
        "leader",
        StaffRole::PointLeader {
            point_id: PointId(1),
        },
    )
    .await;
    let leader = sign_in(&server, "leader").await;
    let path = format!("/api/staff/volunteers/{number}/erase");

    let cases = [
        (None, (401, ErrorCode::StaffSignInRequired)),
        (Some(&leader), (403, ErrorCode::NotAllowed)),
        (Some(&stranger), (404, ErrorCode::NotFound)),
    ];
    for (staff, expected) in cases {
        assert_eq!(
            error_of(post(&server, staff, &path, json!(null)).await).await,
            expected
        );
    }
    assert_eq!(server.get_as("/api/me", &volunteer.key).await.status(), 200);

    let erased = post(&server, Some(&coordinator), &path, json!(null)).await;
    assert_eq!(erased.status(), 200);
    assert_eq!(server.get_as("/api/me", &volunteer.key).await.status(), 401);
    let again = post(&server, Some(&coordinator), &path, json!(null)).await;
    assert_eq!(again.status(), 404, "nobody is left to erase");

    assert_eq!(
        logged(&server, "volunteer.erase").await,
        [format!("volunteer/{number}")]
    );
    let log = serde_json::to_string(&whole_audit_log(&server).await).unwrap();
    // The volunteer's name (see `AWKWARD_NAME`) and number appear nowhere.
    assert!(
        !log.contains(&volunteer.phone[7..]) && !log.contains("王小明"),
        "{log}"
    );
}

#[tokio::test]
async fn volunteers_are_erased_three_years_after_their_last_shift() {
    let server = TestServer::start().await;
    let quiet = register(&server).await;
    let serving = register(&server).await;
    // A shift two years on keeps the second volunteer a year longer.
    server.clock.advance(Duration::days(2 * 365));
    let later = shift_with_capacity(&server, 2).await;
    signed_up(&server, &serving, later).await;
    let server = server.restart().await;
    assert_eq!(server.get_as("/api/me", &quiet.key).await.status(), 200);

    // Three years after registering, the daily job erases the one who never served.
    server.clock.advance(Duration::days(365 + 2));
    let server = server.restart().await;
    assert_eq!(server.get_as("/api/me", &quiet.key).await.status(), 401);
    assert_eq!(server.get_as("/api/me", &serving.key).await.status(), 200);

    server.clock.advance(Duration::days(3 * 365));
    let server = server.restart().await;
    assert_eq!(server.get_as("/api/me", &serving.key).await.status(), 401);
    let fresh = registration(&fresh_phone());
    let response = server
        .post("/api/volunteers", None, &new_key(), &fresh)
        .await;
    assert_eq!(response.status(), 201, "registration goes on as before");
}
