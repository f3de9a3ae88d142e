//! Live counters under load, against the real server binary (release build, fresh seeded
//! SQLite file) over loopback: many `/api/live` subscribers stay connected while
//! volunteers check in, and each check-in's new snapshot is timed until it has reached
//! half and 99% of the subscribers. The server's memory is read from /proc before, with
//! half and with all of the subscribers connected.
//!
//! Run it with `cargo xtask bench`, which builds the server and sets `HULI_SERVER_BIN`.

mod support;

use chrono::{Duration as Minutes, Utc};
use huli_contract::Stats;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

const SUBSCRIBERS: usize = 10_000;
const CHECK_INS: usize = 3;

/// The server's resident memory in KB.
fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// One subscriber: reports each snapshot's on-duty count as it arrives, with its number.
async fn subscribe(
    client: reqwest::Client,
    base: Arc<str>,
    number: usize,
    seen: mpsc::UnboundedSender<(usize, u32)>,
) {
    let mut response = client
        .get(format!("{base}/api/live"))
        .send()
        .await
        .expect("a stream");
    let mut buffer = String::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: "))
                && let Ok(stats) = serde_json::from_str::<Stats>(data)
            {
                let _ = seen.send((number, stats.figures.on_duty_now));
            }
        }
    }
}

/// Volunteers each with a confirmed sign-up on a shift running now at point 1, ready to
/// check in: registered and signed up through the API, then the shift is moved to now
/// in the database (the bench cannot wait for a real shift to start).
async fn volunteers_on_duty_soon(
    client: &reqwest::Client,
    base: &str,
    pool: &sqlx::SqlitePool,
) -> Vec<(String, i64)> {
    let mut ready = Vec::new();
    for n in 0..CHECK_INS {
        let starts = Utc::now() + Minutes::days(30 + n as i64);
        let (shift,): (i64,) = sqlx::query_as(
            "INSERT INTO shifts (point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, insured) \
             VALUES (1, (SELECT unit_id FROM point_partners WHERE point_id = 1 LIMIT 1), \
                     'point_service', ?, ?, 5, 1) RETURNING id",
        )
        .bind(starts.timestamp())
        .bind((starts + Minutes::hours(3)).timestamp())
        .fetch_one(pool)
        .await
        .expect("a shift");
        let key = format!("{:064x}", 0xbe_0000 + n);
        let form = json!({
            "name": format!("值班{n}"), "phone": format!("1650000{n:04}"), "team_id": 1,
            "consent": true, "consent_version": huli_contract::PRIVACY_NOTICE_VERSION,
            "access_key": key,
        });
        let registered = client
            .post(format!("{base}/api/volunteers"))
            .header("Idempotency-Key", format!("fanout-register-{n:08}"))
            .json(&form)
            .send()
            .await
            .expect("registered");
        assert_eq!(registered.status(), 201);
        let signup: huli_contract::SignupView = client
            .post(format!("{base}/api/signups"))
            .bearer_auth(&key)
            .header("Idempotency-Key", format!("fanout-signup-{n:010}"))
            .json(&json!({ "shift_id": shift }))
            .send()
            .await
            .expect("signed up")
            .json()
            .await
            .expect("a sign-up");
        let now = Utc::now().timestamp();
        sqlx::query("UPDATE shifts SET starts_at = ?, ends_at = ? WHERE id = ?")
            .bind(now - 600)
            .bind(now + 3 * 3600)
            .bind(shift)
            .execute(pool)
            .await
            .expect("the shift starts");
        ready.push((key, signup.id.0));
    }
    ready
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let mut server = support::start_server();
    let base: Arc<str> = server.base.clone().into();
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            (server.database_url)
                .parse::<sqlx::sqlite::SqliteConnectOptions>()
                .expect("a database URL")
                .busy_timeout(Duration::from_secs(10)),
        )
        .await
        .expect("the database opens");
    let client = reqwest::Client::new();
    let ready = volunteers_on_duty_soon(&client, &base, &pool).await;
    let (secret,): (Vec<u8>,) =
        sqlx::query_as("SELECT code_secret FROM service_points WHERE id = 1")
            .fetch_one(&pool)
            .await
            .expect("the point's secret");

    // Memory is read before anyone connects, with half connected and with all: the
    // second half's growth is what each further subscriber costs, without the one-off
    // growth (buffers and allocator pools) that the first connections bring.
    let memory_before = resident_kb(server.child.id());
    let (seen_tx, mut seen) = mpsc::unbounded_channel();
    let started = Instant::now();
    let mut memory_at_half = 0;
    for half in [0..SUBSCRIBERS / 2, SUBSCRIBERS / 2..SUBSCRIBERS] {
        let count = half.len();
        for number in half {
            tokio::spawn(subscribe(
                client.clone(),
                base.clone(),
                number,
                seen_tx.clone(),
            ));
        }
        // Everyone has the first snapshot before anything changes.
        for _ in 0..count {
            let wait = tokio::time::timeout(Duration::from_secs(60), seen.recv());
            wait.await
                .expect("every subscriber connects")
                .expect("open");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        if memory_at_half == 0 {
            memory_at_half = resident_kb(server.child.id());
        }
    }
    let connecting = started.elapsed();
    let memory_after = resident_kb(server.child.id());

    let mut rounds = Vec::new();
    for (n, (key, signup)) in ready.iter().enumerate() {
        let code = huli_server::rotating_code::code_at(&secret, Utc::now());
        let sent = Instant::now();
        let response = client
            .post(format!("{base}/api/signups/{signup}/check-in"))
            .bearer_auth(key)
            .header("Idempotency-Key", format!("fanout-check-in-{n:08}"))
            .json(&json!({ "method": "rotating_code", "code": code }))
            .send()
            .await
            .expect("checked in");
        assert_eq!(
            response.status(),
            200,
            "{}",
            response.text().await.unwrap_or_default()
        );
        // Each subscriber's first sight of the new figure; a repeat does not count twice.
        let mut arrived = vec![false; SUBSCRIBERS];
        let mut arrivals = Vec::with_capacity(SUBSCRIBERS);
        while arrivals.len() < SUBSCRIBERS {
            let wait = tokio::time::timeout(Duration::from_secs(30), seen.recv());
            let (number, on_duty) = wait.await.expect("snapshots keep coming").expect("open");
            if on_duty as usize == n + 1 && !std::mem::replace(&mut arrived[number], true) {
                arrivals.push(sent.elapsed());
            }
        }
        arrivals.sort();
        rounds.push(arrivals);
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("live fan-out: {SUBSCRIBERS} subscribers to /api/live, {CHECK_INS} check-ins");
    println!(
        "  connecting: all {SUBSCRIBERS} had their first snapshot after {:.1} s",
        connecting.as_secs_f64()
    );
    for (n, arrivals) in rounds.iter().enumerate() {
        println!(
            "  check-in {}: new snapshot at 50% of subscribers after {:.0} ms, 99% after {:.0} ms, all after {:.0} ms",
            n + 1,
            ms(percentile(arrivals, 0.5)),
            ms(percentile(arrivals, 0.99)),
            ms(arrivals[arrivals.len() - 1]),
        );
    }
    let half = (SUBSCRIBERS / 2) as f64;
    let marginal = memory_after.saturating_sub(memory_at_half) as f64 / half;
    let average = memory_after.saturating_sub(memory_before) as f64 / SUBSCRIBERS as f64;
    println!(
        "  server memory: {memory_before} KB before, {memory_at_half} KB with half the subscribers, {memory_after} KB with all"
    );
    println!(
        "  memory per subscriber: {marginal:.1} KB for each further one (second half), {average:.1} KB on average from none"
    );
    server.stop();
}
