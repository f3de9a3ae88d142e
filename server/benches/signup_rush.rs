//! The 3·5 sign-up rush, against the real server binary (release build, fresh seeded
//! database: SQLite, or PostgreSQL with `HULI_BENCH_DATABASE=postgres`) over loopback: many volunteers register, then many concurrent clients
//! sign them up for 100 shifts, every twentieth request sent twice with the same
//! idempotency key as a client retrying after a timeout. Afterwards the database itself
//! is read to check that no shift is over capacity and every acknowledged sign-up is
//! there exactly once.
//!
//! Run it with `cargo xtask bench`, which builds the server and sets `HULI_SERVER_BIN`.

mod support;

use huli_contract::{ApiErrorBody, ErrorCode, ShiftId, SignupStatus, SignupView};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SIGNUPS: usize = 20_000;
const SHIFTS: usize = 100;
const CLIENTS: usize = 64;
/// Every so many sign-ups are sent a second time with the same key.
const RETRY_EVERY: usize = 20;

fn key(prefix: &str, n: usize) -> String {
    format!("{prefix}-{n:012}-bench")
}

async fn register(client: reqwest::Client, base: Arc<str>, i: usize) -> String {
    // 199 numbers: the seed's sample never holds one.
    let phone = format!("199{i:08}");
    // Distinct, not secret: the bench's volunteers need no unguessable links.
    let access_key = format!("{i:064x}");
    let form = json!({
        "name": format!("志愿者{i}"), "phone": phone, "team_id": 1 + i % 163,
        "skills": [], "consent": true,
        "consent_version": huli_contract::PRIVACY_NOTICE_VERSION,
        "access_key": access_key,
    });
    let response = client
        .post(format!("{base}/api/volunteers"))
        .header("Idempotency-Key", key("register", i))
        .json(&form)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), 201, "volunteer {i} registers");
    access_key
}

enum Answer {
    Accepted(Box<SignupView>),
    Refused(ErrorCode),
    Failed(u16),
}

async fn sign_up(
    client: &reqwest::Client,
    base: &str,
    access: &str,
    shift: ShiftId,
    idempotency_key: &str,
) -> Answer {
    let response = client
        .post(format!("{base}/api/signups"))
        .bearer_auth(access)
        .header("Idempotency-Key", idempotency_key)
        .json(&json!({ "shift_id": shift }))
        .send()
        .await;
    match response {
        Ok(r) if r.status() == 200 => Answer::Accepted(r.json().await.expect("a sign-up")),
        Ok(r) if r.status() == 409 || r.status() == 422 => {
            let body: ApiErrorBody = r.json().await.expect("an error body");
            Answer::Refused(body.error)
        }
        Ok(r) => Answer::Failed(r.status().as_u16()),
        Err(_) => Answer::Failed(0),
    }
}

#[tokio::main]
async fn main() {
    let mut server = support::start_server();
    let base: Arc<str> = server.base.clone().into();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .expect("an HTTP client");
    let shifts = Arc::new(support::open_shifts(&client, &base, SHIFTS).await);
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&server.database_url)
        .await
        .expect("the database opens");
    let (seeded_volunteers,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM volunteers")
        .fetch_one(&pool)
        .await
        .expect("the seed's volunteers");

    let started = Instant::now();
    let (c, b) = (client.clone(), base.clone());
    let keys: Arc<Vec<String>> = Arc::new(
        support::on_workers(CLIENTS, SIGNUPS, move |i| register(c.clone(), b.clone(), i)).await,
    );
    let registering = started.elapsed();

    let started = Instant::now();
    let (c, b, k, s) = (client.clone(), base.clone(), keys.clone(), shifts.clone());
    let answers = support::on_workers(CLIENTS, SIGNUPS, move |i| {
        let (client, base, keys, shifts) = (c.clone(), b.clone(), k.clone(), s.clone());
        async move {
            let idempotency_key = key("signup", i);
            let shift = shifts[i % SHIFTS];
            let sent = Instant::now();
            let first = sign_up(&client, &base, &keys[i], shift, &idempotency_key).await;
            let latency = sent.elapsed();
            let retry_agrees = if i % RETRY_EVERY == 0 {
                let again = sign_up(&client, &base, &keys[i], shift, &idempotency_key).await;
                Some(match (&first, &again) {
                    (Answer::Accepted(a), Answer::Accepted(b)) => a == b,
                    (Answer::Refused(a), Answer::Refused(b)) => a == b,
                    _ => false,
                })
            } else {
                None
            };
            (latency, first, retry_agrees)
        }
    })
    .await;
    let rushing = started.elapsed();

    let mut latencies: Vec<Duration> = answers.iter().map(|(l, _, _)| *l).collect();
    latencies.sort();
    let (mut confirmed, mut waitlisted) = (0, 0);
    let mut refused: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures: Vec<u16> = Vec::new();
    let mut acknowledged = Vec::new();
    for (_, answer, _) in &answers {
        match answer {
            Answer::Accepted(view) => {
                match view.status {
                    SignupStatus::Confirmed => confirmed += 1,
                    _ => waitlisted += 1,
                }
                acknowledged.push((view.id.0, view.status));
            }
            Answer::Refused(code) => *refused.entry(format!("{code:?}")).or_default() += 1,
            // 0: no HTTP answer at all.
            Answer::Failed(status) => failures.push(*status),
        }
    }
    let retries = answers.iter().filter(|(_, _, r)| r.is_some()).count();
    let retries_agreeing = answers.iter().filter(|(_, _, r)| *r == Some(true)).count();

    // The database is the judge.
    let (overbooked,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM shifts sh WHERE sh.capacity < \
         (SELECT COUNT(*) FROM signups s WHERE s.shift_id = sh.id AND s.status = 'confirmed')",
    )
    .fetch_one(&pool)
    .await
    .expect("a count");
    let mut lost = 0;
    for (id, status) in &acknowledged {
        let stored: Option<(String,)> = sqlx::query_as("SELECT status FROM signups WHERE id = $1")
            .bind(id)
            .fetch_optional(&pool)
            .await
            .expect("a lookup");
        let expected = serde_json::to_value(status).expect("a status");
        if stored.map(|(s,)| s) != expected.as_str().map(str::to_owned) {
            lost += 1;
        }
    }
    let (rows_for_rush,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM signups WHERE volunteer_id > $1")
            .bind(seeded_volunteers)
            .fetch_one(&pool)
            .await
            .expect("a count");
    let doubled = rows_for_rush - acknowledged.len() as i64;

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let database = support::database_kind();
    println!(
        "sign-up rush on {database}: {SIGNUPS} volunteers, {SHIFTS} shifts, {CLIENTS} concurrent clients"
    );
    println!(
        "  registration: {SIGNUPS} in {:.1} s ({:.0}/s)",
        registering.as_secs_f64(),
        SIGNUPS as f64 / registering.as_secs_f64()
    );
    println!(
        "  sign-ups: {SIGNUPS} in {:.1} s ({:.0}/s), latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        rushing.as_secs_f64(),
        SIGNUPS as f64 / rushing.as_secs_f64(),
        ms(support::percentile(&latencies, 0.5)),
        ms(support::percentile(&latencies, 0.99)),
        ms(latencies[latencies.len() - 1]),
    );
    let failed = failures.len();
    let refused_total: usize = refused.values().sum();
    println!(
        "  outcomes: {confirmed} confirmed, {waitlisted} waitlisted, {refused_total} refused {refused:?}, {failed} failed"
    );
    if !failures.is_empty() {
        failures.sort_unstable();
        failures.dedup();
        println!("  failed with HTTP status (0 = no answer): {failures:?}");
    }
    println!(
        "  retries with the same key: {retries}, answered as the first time: {retries_agreeing}"
    );
    println!(
        "  database: {overbooked} shifts over capacity, {lost} acknowledged sign-ups missing, {doubled} doubled"
    );
    server.stop();
    let ok =
        overbooked == 0 && lost == 0 && doubled == 0 && failed == 0 && retries == retries_agreeing;
    if !ok {
        eprintln!("sign-up rush: FAILED its checks");
        std::process::exit(1);
    }
}
