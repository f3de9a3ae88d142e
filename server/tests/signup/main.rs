//! Registration, sign-up and attendance against the real server and a fresh SQLite file.
//! Shifts and trainings are arranged in the database directly, as the staff console
//! will do through its own API.

mod attendance;
#[path = "../common/mod.rs"]
mod common;
mod counters;
mod forgery;
mod manage;
mod public_reads;
mod records;
mod registration;
mod rules;
mod several_servers;
mod staff;
mod staff_client;
mod staff_lists;

use chrono::Duration;
use common::TestServer;
use huli_contract::{ApiErrorBody, ErrorCode, SignupView};
use serde_json::json;
use std::sync::atomic::{AtomicU32, Ordering};

/// Fresh numbers for test volunteers; the 199 prefix is not in the seed's sample.
static NEXT_PHONE: AtomicU32 = AtomicU32::new(0);

pub fn fresh_phone() -> String {
    format!("1990000{:04}", NEXT_PHONE.fetch_add(1, Ordering::Relaxed))
}

fn random_hex(bytes: usize) -> String {
    use rand::TryRngCore;
    let mut buffer = vec![0u8; bytes];
    rand::rngs::OsRng.try_fill_bytes(&mut buffer).unwrap();
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

/// A random idempotency key, as a client makes one per action.
pub fn new_key() -> String {
    random_hex(16)
}

/// A registration form with a fresh personal link key, as the browser draws one.
pub fn registration(phone: &str) -> serde_json::Value {
    json!({
        "name": "测试 志愿者",
        "phone": phone,
        "team_id": 1,
        "skills": ["first_aid", "sign_language"],
        "consent": true,
        "consent_version": huli_contract::PRIVACY_NOTICE_VERSION,
        "access_key": random_hex(32),
    })
}

/// A registered volunteer: their personal link key and database id.
pub struct Volunteer {
    pub key: String,
    pub id: i64,
    pub phone: String,
}

pub async fn register(server: &TestServer) -> Volunteer {
    let phone = fresh_phone();
    let form = registration(&phone);
    let response = server
        .post("/api/volunteers", None, &new_key(), &form)
        .await;
    assert_eq!(response.status(), 201);
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM volunteers WHERE phone = $1")
        .bind(&phone)
        .fetch_one(&server.db().await)
        .await
        .unwrap();
    Volunteer {
        key: form["access_key"].as_str().unwrap().to_owned(),
        id,
        phone,
    }
}

pub async fn register_many(server: &TestServer, count: usize) -> Vec<Volunteer> {
    let mut people = Vec::with_capacity(count);
    for _ in 0..count {
        people.push(register(server).await);
    }
    people
}

/// A shift to arrange for a test.
pub struct NewShift {
    pub duty: &'static str,
    pub starts_in_hours: i64,
    pub hours: i64,
    pub capacity: i64,
    pub insured: bool,
    pub training: Option<&'static str>,
}

impl Default for NewShift {
    fn default() -> Self {
        NewShift {
            duty: "point_service",
            starts_in_hours: 48,
            hours: 3,
            capacity: 2,
            insured: true,
            training: None,
        }
    }
}

pub async fn add_shift(server: &TestServer, shift: NewShift) -> i64 {
    let starts = server.clock.now() + Duration::hours(shift.starts_in_hours);
    let ends = starts + Duration::hours(shift.hours);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO shifts (point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, \
                             insured, required_training) \
         VALUES (1, (SELECT unit_id FROM point_partners WHERE point_id = 1 LIMIT 1), $1, $2, $3, $4, $5, $6) \
         RETURNING id",
    )
    .bind(shift.duty)
    .bind(starts.timestamp())
    .bind(ends.timestamp())
    .bind(shift.capacity)
    .bind(i64::from(shift.insured))
    .bind(shift.training)
    .fetch_one(&server.db().await)
    .await
    .unwrap();
    id
}

/// An ordinary shift starting in `hours`.
pub async fn shift_starting_in(server: &TestServer, hours: i64) -> i64 {
    let shift = NewShift {
        starts_in_hours: hours,
        ..Default::default()
    };
    add_shift(server, shift).await
}

/// An ordinary shift with `capacity` places.
pub async fn shift_with_capacity(server: &TestServer, capacity: i64) -> i64 {
    let shift = NewShift {
        capacity,
        ..Default::default()
    };
    add_shift(server, shift).await
}

/// Signs up and returns the HTTP status with the body as text.
pub async fn sign_up(
    server: &TestServer,
    volunteer: &Volunteer,
    shift: i64,
    key: &str,
) -> (u16, String) {
    let response = server
        .post(
            "/api/signups",
            Some(&volunteer.key),
            key,
            &json!({ "shift_id": shift }),
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

pub async fn signed_up(server: &TestServer, volunteer: &Volunteer, shift: i64) -> SignupView {
    let (status, body) = sign_up(server, volunteer, shift, &new_key()).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

pub async fn refused(server: &TestServer, volunteer: &Volunteer, shift: i64) -> ErrorCode {
    let (status, body) = sign_up(server, volunteer, shift, &new_key()).await;
    assert_eq!(status, 409, "{body}");
    serde_json::from_str::<ApiErrorBody>(&body).unwrap().error
}

pub async fn cancel(server: &TestServer, volunteer: &Volunteer, signup: i64) -> reqwest::Response {
    cancel_with_key(server, volunteer, signup, &new_key()).await
}

pub async fn cancel_with_key(
    server: &TestServer,
    volunteer: &Volunteer,
    signup: i64,
    key: &str,
) -> reqwest::Response {
    let path = format!("/api/signups/{signup}/cancel");
    server
        .post(&path, Some(&volunteer.key), key, &json!(null))
        .await
}

pub async fn count(server: &TestServer, sql: &str, shift: i64) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(shift)
        .fetch_one(&server.db().await)
        .await
        .unwrap();
    n
}

pub const CONFIRMED: &str =
    "SELECT COUNT(*) FROM signups WHERE shift_id = $1 AND status = 'confirmed'";
pub const WAITLISTED: &str =
    "SELECT COUNT(*) FROM signups WHERE shift_id = $1 AND status = 'waitlisted'";
