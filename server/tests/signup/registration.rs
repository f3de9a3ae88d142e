//! Registration: validation in the user's language, the personal link stored only as a
//! hash, idempotent retries, and phone numbers kept out of public responses.

use crate::common::TestServer;
use crate::{add_shift, fresh_phone, new_key, number_of, register, registration, signed_up};
use huli_contract::{ApiErrorBody, ErrorCode, MyRecord, Problem, Registered};
use serde_json::json;
use sha2::{Digest, Sha256};

async fn volunteers(server: &TestServer) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM volunteers")
        .fetch_one(&server.db().await)
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn every_bad_field_is_named_with_a_reason_in_the_users_language() {
    let server = TestServer::start().await;
    let before = volunteers(&server).await;
    let bad = json!({
        "name": "  ", "phone": "138 1234", "team_id": null,
        "skills": [], "consent": false, "consent_version": ""
    });
    let response = server
        .client
        .post(server.url("/api/volunteers"))
        .header("Idempotency-Key", new_key())
        .header("Accept-Language", "en-GB,en;q=0.9")
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::ValidationFailed);
    let fields: Vec<_> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["name", "phone", "team_id", "consent", "access_key"]
    );
    let phone = &body.fields[1];
    assert_eq!(phone.problem, Problem::InvalidPhone);
    assert!(phone.message.starts_with("Enter an 11-digit"), "{phone:?}");

    let response = server.post("/api/volunteers", None, &new_key(), &bad).await;
    let body: ApiErrorBody = response.json().await.unwrap();
    assert!(
        body.fields[1].message.starts_with("请填写 11 位"),
        "Chinese by default"
    );

    let mut unknown_team = registration(&fresh_phone());
    unknown_team["team_id"] = json!(9999);
    let response = server
        .post("/api/volunteers", None, &new_key(), &unknown_team)
        .await;
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.fields[0].field, "team_id");
    assert_eq!(body.fields[0].problem, Problem::NotOnTheList);
    assert_eq!(volunteers(&server).await, before, "nothing half-written");
}

#[tokio::test]
async fn malformed_json_or_a_missing_key_is_a_400() {
    let server = TestServer::start().await;
    let response = server
        .client
        .post(server.url("/api/volunteers"))
        .header("Idempotency-Key", new_key())
        .header("Content-Type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::BadRequest);

    let response = server
        .client
        .post(server.url("/api/volunteers"))
        .json(&registration(&fresh_phone()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.fields[0].field, "Idempotency-Key");
}

#[tokio::test]
async fn the_personal_link_is_stored_only_as_a_hash_and_a_phone_number_opens_nothing() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;

    let (stored,): (Vec<u8>,) =
        sqlx::query_as("SELECT access_key_hash FROM volunteers WHERE id = $1")
            .bind(number_of(&server, &volunteer).await.id())
            .fetch_one(&server.db().await)
            .await
            .unwrap();
    assert_eq!(stored, Sha256::digest(volunteer.key.as_bytes()).to_vec());

    let me = server.get_as("/api/me", &volunteer.key).await;
    assert_eq!(me.status(), 200);
    assert_eq!(me.headers()["cache-control"], "no-store");
    let record: MyRecord = me.json().await.unwrap();
    assert_eq!(record.name, "测试 志愿者");
    assert_eq!(
        record.phone_masked,
        format!("{}****{}", &volunteer.phone[..3], &volunteer.phone[7..])
    );

    for wrong in [volunteer.phone.as_str(), &"0".repeat(64), "", "Basic abc"] {
        let response = server.get_as("/api/me", wrong).await;
        assert_eq!(response.status(), 401, "{wrong:?}");
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
    }
    assert_eq!(server.get("/api/me").await.status(), 401);
}

#[tokio::test]
async fn a_retried_registration_registers_once_and_answers_as_the_first_time() {
    let server = TestServer::start().await;
    let before = volunteers(&server).await;
    let form = registration(&fresh_phone());
    let idempotency_key = new_key();
    let mut answers = Vec::new();
    for _ in 0..2 {
        let response = server
            .post("/api/volunteers", None, &idempotency_key, &form)
            .await;
        assert_eq!(response.status(), 201);
        answers.push(response.json::<Registered>().await.unwrap());
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(volunteers(&server).await, before + 1);
    let key = form["access_key"].as_str().unwrap();
    assert_eq!(server.get_as("/api/me", key).await.status(), 200);

    let (id, consent_version, consented_at): (i64, String, i64) =
        sqlx::query_as("SELECT id, consent_version, consented_at FROM volunteers WHERE phone = $1")
            .bind(form["phone"].as_str().unwrap())
            .fetch_one(&server.db().await)
            .await
            .unwrap();
    let skills: Vec<String> = sqlx::query_scalar(
        "SELECT skill FROM volunteer_skills WHERE volunteer_id = $1 ORDER BY skill",
    )
    .bind(id)
    .fetch_all(&server.db().await)
    .await
    .unwrap();
    assert_eq!(skills, ["first_aid", "sign_language"]);
    assert_eq!(consent_version, huli_contract::PRIVACY_NOTICE_VERSION);
    assert!((chrono::Utc::now().timestamp() - consented_at).abs() < 60);

    let other = registration(&fresh_phone());
    let response = server
        .post("/api/volunteers", None, &idempotency_key, &other)
        .await;
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::IdempotencyKeyReused);

    // A number registered before is answered exactly like a new one, so registration
    // tells nobody whether a number is registered; nothing is written for it.
    let mut same_phone = registration(form["phone"].as_str().unwrap());
    same_phone["name"] = json!("另一个人");
    let mut new_phone = registration(&fresh_phone());
    new_phone["name"] = json!("另一个人");
    let known = server
        .post("/api/volunteers", None, &new_key(), &same_phone)
        .await;
    let unknown = server
        .post("/api/volunteers", None, &new_key(), &new_phone)
        .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.status(), 201);
    let headers = |response: &reqwest::Response| {
        let mut headers: Vec<(String, String)> = (response.headers().iter())
            .filter(|(name, _)| *name != "date")
            .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
            .collect();
        headers.sort();
        headers
    };
    assert_eq!(headers(&known), headers(&unknown));
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    let strangers_key = same_phone["access_key"].as_str().unwrap();
    assert_eq!(server.get_as("/api/me", strangers_key).await.status(), 401);
    assert_eq!(
        server.get_as("/api/me", key).await.status(),
        200,
        "the owner's link still opens"
    );
    assert_eq!(volunteers(&server).await, before + 2);
}

#[tokio::test]
async fn a_form_with_fields_missing_is_a_422_naming_each() {
    let server = TestServer::start().await;
    let response = server
        .post(
            "/api/volunteers",
            None,
            &new_key(),
            &json!({ "name": "林小雨" }),
        )
        .await;
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    let fields: Vec<_> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["phone", "team_id", "consent", "access_key"]);
}

#[tokio::test]
async fn no_public_response_holds_a_phone_number() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;
    let shift = add_shift(&server, Default::default()).await;
    signed_up(&server, &volunteer, shift).await;
    let seeded: Vec<(String,)> = sqlx::query_as("SELECT phone FROM volunteers")
        .fetch_all(&server.db().await)
        .await
        .unwrap();
    let phones: std::collections::HashSet<String> = seeded.into_iter().map(|(p,)| p).collect();
    assert!(phones.contains(&volunteer.phone));
    let mut public = vec![
        "/api/points".to_owned(),
        "/api/teams".to_owned(),
        "/api/stats".to_owned(),
        format!("/api/shifts/{shift}"),
        format!("/api/shifts/{shift}/calendar.ics"),
        "/api/openapi.json".to_owned(),
    ];
    public.extend((1..=30).map(|id| format!("/api/points/{id}")));
    for path in public {
        let body = server.get(&path).await.text().await.unwrap();
        let digits: Vec<char> = body.chars().collect();
        for run in digits.split(|c| !c.is_ascii_digit()) {
            let run: String = run.iter().collect();
            assert!(!phones.contains(&run), "{path} exposes a phone number");
        }
    }
}

#[tokio::test]
async fn an_individual_resident_registers_without_a_team_and_signs_up() {
    let server = TestServer::start().await;
    let mut form = registration(&fresh_phone());
    form["team_id"] = json!(null);
    form["individual"] = json!(true);
    let response = server
        .post("/api/volunteers", None, &new_key(), &form)
        .await;
    assert_eq!(response.status(), 201);
    let key = form["access_key"].as_str().unwrap();
    let record: MyRecord = server.get_as("/api/me", key).await.json().await.unwrap();
    assert_eq!(record.team, None);

    let shift = add_shift(&server, Default::default()).await;
    let response = server
        .post(
            "/api/signups",
            Some(key),
            &new_key(),
            &json!({ "shift_id": shift }),
        )
        .await;
    assert_eq!(response.status(), 200);

    // A team and "individual" at once is a contradiction, named on the team field.
    let mut both = registration(&fresh_phone());
    both["individual"] = json!(true);
    let response = server
        .post("/api/volunteers", None, &new_key(), &both)
        .await;
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.fields[0].field, "team_id");
    assert_eq!(body.fields[0].problem, Problem::TeamOrIndividual);
}

/// The migration that makes the team optional rebuilds `volunteers`; with foreign keys
/// on, dropping the old table would cascade into every volunteer's skills and trainings.
#[tokio::test]
async fn making_the_team_optional_keeps_every_volunteers_skills_and_trainings() {
    use huli_server::storage::SqlStore;
    use sqlx::migrate::Migrator;
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{Connection, SqliteConnection};
    use std::path::Path;

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.sqlite3");
    let options = SqliteConnectOptions::new()
        .filename(&file)
        .create_if_missing(true)
        .foreign_keys(true);
    let mut db = SqliteConnection::connect_with(&options).await.unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut before = Migrator::new(folder.as_path()).await.unwrap();
    before.migrations = (before.migrations.iter())
        .filter(|m| m.version < 7)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&mut db).await.unwrap();
    sqlx::raw_sql(
        "INSERT INTO teams (id, name_zh, name_en, kind) VALUES (1, '队', 'Team', 'community');
         INSERT INTO volunteers (id, name, phone, team_id, registered_at) \
             VALUES (1, '林', '13800000001', 1, 0);
         INSERT INTO volunteer_skills VALUES (1, 'first_aid');
         INSERT INTO volunteer_trainings VALUES (1, 'first_aid', 0);",
    )
    .execute(&mut db)
    .await
    .unwrap();
    db.close().await.unwrap();

    // The server's own start migrates the rest.
    SqlStore::open(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();

    let mut db = SqliteConnection::connect_with(&options).await.unwrap();
    let kept: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT team_id FROM volunteers WHERE id = 1), \
                (SELECT COUNT(*) FROM volunteer_skills), (SELECT COUNT(*) FROM volunteer_trainings)",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(kept, (1, 1, 1));
    sqlx::query(
        "INSERT INTO volunteers (name, phone, team_id, registered_at) \
         VALUES ('王', '13800000002', NULL, 0)",
    )
    .execute(&mut db)
    .await
    .unwrap();
    let unknown_team = sqlx::query(
        "INSERT INTO volunteers (name, phone, team_id, registered_at) \
         VALUES ('李', '13800000003', 99, 0)",
    )
    .execute(&mut db)
    .await;
    assert!(
        unknown_team.is_err(),
        "the rebuilt table keeps its foreign key"
    );
}
