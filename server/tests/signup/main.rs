//! Registration, sign-up and attendance against the real server and a fresh database.
//! Shifts are arranged through the staff API, and time moves by the server's clock.

mod accounts;
mod api_contract;
mod attendance;
mod authenticator;
mod calendar_feed;
#[path = "../common/mod.rs"]
mod common;
mod counters;
mod database_restart;
mod forgery;
mod killed_server;
mod limits;
mod manage;
mod public_reads;
mod records;
mod registration;
mod rights;
mod rules;
mod second_factor;
mod server_process;
mod several_servers;
mod staff;
mod staff_client;
mod staff_lists;
mod stories;
mod traditional;
mod training_sessions;
mod trainings;
mod transport;

use chrono::{DateTime, Duration, Utc};
use common::TestServer;
use huli_contract::{
    ApiErrorBody, ErrorCode, PointId, ShiftView, SignupView, UnitView, VolunteerListing,
    VolunteerNumber, china_standard_time,
};
use serde_json::json;
use staff_client::arranger;
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

/// A registered volunteer: their personal link key and mobile number.
pub struct Volunteer {
    pub key: String,
    pub phone: String,
}

pub async fn register(server: &TestServer) -> Volunteer {
    let phone = fresh_phone();
    let form = registration(&phone);
    let response = server
        .post("/api/volunteers", None, &new_key(), &form)
        .await;
    assert_eq!(response.status(), 201);
    Volunteer {
        key: form["access_key"].as_str().unwrap().to_owned(),
        phone,
    }
}

/// The volunteer's number, as staff find it by their mobile number.
pub async fn number_of(server: &TestServer, volunteer: &Volunteer) -> VolunteerNumber {
    let admin = arranger(server).await;
    let path = format!("/api/staff/volunteers?q={}", volunteer.phone);
    let found = staff_client::get(server, Some(&admin), &path).await;
    let found: Vec<VolunteerListing> = found.json().await.unwrap();
    assert_eq!(found.len(), 1, "one volunteer has this number");
    found[0].number
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

/// Creates `shift` through the staff API, organised by the unit `unit_at` point 1 finds;
/// records insurance for high-risk duty when `insured`.
pub async fn add_shift(server: &TestServer, shift: NewShift) -> i64 {
    let starts_in = Duration::hours(shift.starts_in_hours);
    add_shift_starting_in(server, shift, starts_in).await
}

/// An ordinary shift starting in `minutes`.
pub async fn shift_starting_in_minutes(server: &TestServer, minutes: i64) -> i64 {
    add_shift_starting_in(server, NewShift::default(), Duration::minutes(minutes)).await
}

async fn add_shift_starting_in(server: &TestServer, shift: NewShift, starts_in: Duration) -> i64 {
    // Each shift starts a second after the one before would: the API answers a shift
    // asked for twice (same point, unit, duty and times) with the one already there.
    // A few seconds, so tests that time a shift to the minute stay within it.
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let apart = Duration::seconds(i64::from(NEXT.fetch_add(1, Ordering::Relaxed) % 30));
    add_shift_at(server, shift, server.clock.now() + starts_in + apart).await
}

/// Creates `shift` starting exactly at `starts`.
pub async fn add_shift_at(server: &TestServer, shift: NewShift, starts: DateTime<Utc>) -> i64 {
    let ends = starts + Duration::hours(shift.hours);
    let admin = arranger(server).await;
    let form = json!({
        "point_id": 1,
        "organiser_unit_id": unit_at(server, 1).await,
        "duty": shift.duty,
        "starts_at": starts.to_rfc3339(),
        "ends_at": ends.to_rfc3339(),
        "capacity": shift.capacity,
        "required_training": shift.training,
    });
    let created = staff_client::post(server, Some(&admin), "/api/staff/shifts", form).await;
    assert_eq!(created.status(), 201, "{}", created.text().await.unwrap());
    let id = created.json::<ShiftView>().await.unwrap().id.0;
    if shift.insured && ["traffic_duty", "emergency_relief"].contains(&shift.duty) {
        let huli = china_standard_time();
        let policy = json!({
            "shift_ids": [id],
            "insurer": "测试保险",
            "policy_number": format!("TEST-{id}"),
            "covers_from": starts.with_timezone(&huli).date_naive().to_string(),
            "covers_until": ends.with_timezone(&huli).date_naive().to_string(),
        });
        let recorded = staff_client::post(server, Some(&admin), "/api/staff/insurance", policy);
        let recorded = recorded.await;
        assert_eq!(recorded.status(), 201, "{}", recorded.text().await.unwrap());
    }
    id
}

/// The first partner unit (by id) that staffs `point`.
pub async fn unit_at(server: &TestServer, point: i64) -> i64 {
    let admin = arranger(server).await;
    let units = staff_client::get(server, Some(&admin), "/api/staff/units").await;
    let units: Vec<UnitView> = units.json().await.unwrap();
    (units.iter())
        .filter(|unit| unit.point_id == Some(PointId(point)))
        .map(|unit| unit.unit.id)
        .min()
        .expect("a unit staffs the point")
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

/// Which places of a shift to count.
#[derive(Clone, Copy)]
pub enum Places {
    Confirmed,
    Waitlisted,
}

/// How many places of `shift` are held (or waited for), as its public page says.
pub async fn count(server: &TestServer, places: Places, shift: i64) -> i64 {
    let shift: ShiftView =
        serde_json::from_value(server.get_json(&format!("/api/shifts/{shift}")).await).unwrap();
    i64::from(match places {
        Places::Confirmed => shift.confirmed,
        Places::Waitlisted => shift.waitlisted,
    })
}
