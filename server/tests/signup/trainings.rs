//! Trainings on a volunteer's record, and the service record volunteers and staff read.

use crate::common::TestServer;
use crate::records::approved_hour;
use crate::staff_client::{arranger, create, error_of, get, post, sign_in};
use crate::{NewShift, add_shift, number_of, refused, register, signed_up, unit_at};
use chrono::{Duration, Months};
use huli_contract::{
    ApiErrorBody, AuditEntry, ErrorCode, Minutes, MyRecord, Problem, ReviewStatus, ServiceRecord,
    SignupStatus, StaffRole, Training, TrainingRecord, VolunteerNumber, huli_date,
};
use serde_json::{Value, json};

async fn record_training(
    server: &TestServer,
    volunteer: VolunteerNumber,
    form: Value,
) -> reqwest::Response {
    let admin = arranger(server).await;
    let path = format!("/api/staff/volunteers/{volunteer}/trainings");
    post(server, Some(&admin), &path, form).await
}

async fn recorded(
    server: &TestServer,
    volunteer: VolunteerNumber,
    form: Value,
) -> Vec<TrainingRecord> {
    let response = record_training(server, volunteer, form).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

async fn my_service_record(server: &TestServer, key: &str) -> ServiceRecord {
    let response = server.get_as("/api/me/record", key).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn first_aid_shift(starts_in_hours: i64) -> NewShift {
    NewShift {
        starts_in_hours,
        training: Some("first_aid"),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_recorded_training_opens_gated_duty_on_the_days_it_is_valid_and_expires_by_the_clock() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;
    let number = number_of(&server, &volunteer).await;
    let today = huli_date(server.clock.now());
    // First aid lasts three years: done three years ago less two days, its last valid
    // day is tomorrow.
    let completed_on = (today + Duration::days(2))
        .checked_sub_months(Months::new(36))
        .unwrap();
    let soon = add_shift(&server, first_aid_shift(20)).await;
    let after_expiry = add_shift(&server, first_aid_shift(72)).await;
    assert_eq!(
        refused(&server, &volunteer, soon).await,
        ErrorCode::TrainingRequired
    );

    let trainings = recorded(
        &server,
        number,
        json!({"training": "first_aid", "completed_on": completed_on.to_string(), "evidence": "红十字会救护员证 3502-118"}),
    )
    .await;
    assert_eq!(trainings.len(), 1);
    assert_eq!(trainings[0].expires_on, Some(today + Duration::days(1)));
    assert_eq!(
        trainings[0].evidence.as_deref(),
        Some("红十字会救护员证 3502-118")
    );

    assert_eq!(
        signed_up(&server, &volunteer, soon).await.status,
        SignupStatus::Confirmed
    );
    assert_eq!(
        refused(&server, &volunteer, after_expiry).await,
        ErrorCode::TrainingRequired,
        "the shift falls after the training's last valid day"
    );
    let me: MyRecord = server
        .get_as("/api/me", &volunteer.key)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.trainings, [Training::FirstAid]);

    // Two days on, the training has expired: a new shift tomorrow is refused, and the
    // volunteer's own record says so.
    server.clock.advance(Duration::days(2));
    let next = add_shift(&server, first_aid_shift(20)).await;
    assert_eq!(
        refused(&server, &volunteer, next).await,
        ErrorCode::TrainingRequired
    );
    let me: MyRecord = server
        .get_as("/api/me", &volunteer.key)
        .await
        .json()
        .await
        .unwrap();
    assert!(me.trainings.is_empty(), "no training valid today");
    let record = my_service_record(&server, &volunteer.key).await;
    assert!(!record.trainings[0].valid_on(huli_date(server.clock.now())));
}

#[tokio::test]
async fn staff_record_a_training_with_its_evidence_and_a_renewal_replaces_what_it_renews() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;
    let number = number_of(&server, &volunteer).await;
    let today = huli_date(server.clock.now());
    let day = |days_ago: i64| (today - Duration::days(days_ago)).to_string();

    let refused = record_training(
        &server,
        number,
        json!({"training": "karate", "completed_on": "2026-2-30", "valid_years": 0, "evidence": " "}),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body: ApiErrorBody = refused.json().await.unwrap();
    let fields: Vec<&str> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["training", "completed_on", "valid_years", "evidence"]
    );
    let tomorrow = (today + Duration::days(1)).to_string();
    let future = record_training(
        &server,
        number,
        json!({"training": "traffic_rules", "completed_on": tomorrow, "evidence": "交警大队培训签到表"}),
    )
    .await;
    let body: ApiErrorBody = future.json().await.unwrap();
    assert_eq!(body.fields[0].field, "completed_on");
    assert_eq!(body.fields[0].problem, Problem::InTheFuture);

    let entry = |completed_on: String, years: Option<u32>, evidence: &str| json!({"training": "traffic_rules", "completed_on": completed_on, "valid_years": years, "evidence": evidence});
    let first = recorded(
        &server,
        number,
        entry(day(30), Some(2), "交警大队培训签到表"),
    )
    .await;
    let again = recorded(
        &server,
        number,
        entry(day(30), Some(2), "交警大队培训签到表"),
    )
    .await;
    assert_eq!(
        first, again,
        "recording the same entry again changes nothing"
    );
    let two_years = Training::expiry(today - Duration::days(30), Some(2));
    assert_eq!(first[0].expires_on, two_years);
    let older = recorded(&server, number, entry(day(400), None, "旧证书")).await;
    assert_eq!(
        older, first,
        "an older completion does not replace a later one"
    );
    let renewed = recorded(&server, number, entry(day(1), None, "复训签到表")).await;
    assert_eq!(renewed.len(), 1);
    assert_eq!(
        (renewed[0].expires_on, renewed[0].evidence.as_deref()),
        (None, Some("复训签到表"))
    );

    let admin = arranger(&server).await;
    let audit: Vec<AuditEntry> = get(&server, Some(&admin), "/api/staff/audit")
        .await
        .json()
        .await
        .unwrap();
    let entries: Vec<&AuditEntry> = (audit.iter())
        .filter(|entry| entry.action == huli_contract::AuditAction::TrainingRecord)
        .collect();
    assert_eq!(entries.len(), 4, "each accepted entry is audited");
    assert_eq!(entries[0].subject, format!("volunteer/{number}"));
    let logged = serde_json::to_string(&audit).unwrap();
    assert!(
        !logged.contains("签到表"),
        "the evidence stays out of the log"
    );
}

#[tokio::test]
async fn the_service_record_shows_past_shifts_totals_trainings_and_star_progress() {
    let server = TestServer::start().await;
    let (coordinator, _, number, volunteer) = approved_hour(&server).await;
    let upcoming = add_shift(&server, NewShift::default()).await;
    signed_up(&server, &volunteer, upcoming).await;
    recorded(
        &server,
        number,
        json!({"training": "etiquette", "completed_on": huli_date(server.clock.now()).to_string(), "evidence": "礼仪培训结业证"}),
    )
    .await;

    let record = my_service_record(&server, &volunteer.key).await;
    assert_eq!(record.volunteer_number, number);
    assert_eq!(
        record.past_service.len(),
        1,
        "only shifts that have started"
    );
    assert_eq!(record.past_service[0].review, Some(ReviewStatus::Approved));
    assert_eq!(record.past_service[0].verified(), Minutes(60));
    assert_eq!(record.verified_this_year, Minutes(60));
    assert_eq!(record.stars.stars, 0);
    assert_eq!(record.stars.verified, Minutes(60));
    assert_eq!(record.stars.to_next_star(), Some(Minutes(99 * 60)));
    assert_eq!(record.trainings[0].training, Training::Etiquette);

    // Staff in scope read the very same record; others do not find the volunteer.
    let path = format!("/api/staff/volunteers/{number}/record");
    let seen: ServiceRecord = get(&server, Some(&coordinator), &path)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen, record);
    let other_unit = unit_at(&server, 2).await;
    create(
        &server,
        "other",
        StaffRole::Coordinator {
            unit_id: other_unit,
        },
    )
    .await;
    let other = sign_in(&server, "other").await;
    let (status, code) = error_of(get(&server, Some(&other), &path).await).await;
    assert_eq!((status, code), (404, ErrorCode::NotFound));
    let nobody = server.get_as("/api/me/record", &"0".repeat(64)).await;
    assert_eq!(nobody.status(), 401);
}
