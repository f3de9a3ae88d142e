//! Live counters under load, against the real server binary (release build, fresh seeded
//! database) over loopback: many `/api/live` subscribers stay connected while volunteers
//! check in, and each check-in's new snapshot is timed until it has reached half and 99%
//! of the subscribers. The servers' memory is read from /proc before, with half and with
//! all of the subscribers connected.
//!
//! On SQLite one server takes everything. With `HULI_BENCH_DATABASE=postgres` two servers
//! share the database behind nginx, configured by the deployment's own
//! `server/deploy/nginx.conf`: the subscribers are spread over both, and a check-in
//! reaches the other server's subscribers through PostgreSQL's notifications.
//!
//! Run it with `cargo xtask bench`, which builds the server and sets `HULI_SERVER_BIN`.

mod support;

use chrono::{Duration as Minutes, Utc};
use huli_contract::Stats;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::nginx::{Nginx, deployed_site};
use tokio::sync::mpsc;

const SUBSCRIBERS: usize = 10_000;
const CHECK_INS: usize = 3;

/// The servers' resident memory in KB, added up.
fn resident_kb(servers: &[support::Server]) -> u64 {
    servers.iter().map(support::Server::resident_kb).sum()
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
    pool: &sqlx::AnyPool,
) -> Vec<(String, i64)> {
    let mut ready = Vec::new();
    for n in 0..CHECK_INS {
        let starts = Utc::now() + Minutes::days(30 + n as i64);
        let (shift,): (i64,) = sqlx::query_as(
            "INSERT INTO shifts (point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, insured) \
             VALUES (1, (SELECT unit_id FROM point_partners WHERE point_id = 1 LIMIT 1), \
                     'point_service', $1, $2, 5, 1) RETURNING id",
        )
        .bind(starts.timestamp())
        .bind((starts + Minutes::hours(3)).timestamp())
        .fetch_one(pool)
        .await
        .expect("a shift");
        let key = format!("{:064x}", 0xbe_0000 + n);
        let form = json!({
            "name": format!("值班{n}"), "phone": format!("1980000{n:04}"), "team_id": 1,
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
        sqlx::query("UPDATE shifts SET starts_at = $1, ends_at = $2 WHERE id = $3")
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

#[tokio::main]
async fn main() {
    let mut servers = vec![support::start_server()];
    let mut nginx = None;
    if support::database_kind() == "postgres" {
        servers.push(servers[0].another_on_the_same_database());
        let upstreams = [0, 1].map(|n| servers[n].base.trim_start_matches("http://"));
        nginx = Some(Nginx::start(|port| deployed_site(port, upstreams)));
    }
    let base: Arc<str> = (nginx.as_ref())
        .map_or(&servers[0].base, |nginx| &nginx.base)
        .as_str()
        .into();
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&servers[0].database_url)
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
    let memory_before = resident_kb(&servers);
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
            memory_at_half = resident_kb(&servers);
        }
    }
    let connecting = started.elapsed();
    let memory_after = resident_kb(&servers);

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
    let through = match nginx {
        Some(_) => "two servers on PostgreSQL behind nginx",
        None => "one server on SQLite",
    };
    println!(
        "live fan-out, {through}: {SUBSCRIBERS} subscribers to /api/live, {CHECK_INS} check-ins"
    );
    println!(
        "  connecting: all {SUBSCRIBERS} had their first snapshot after {:.1} s",
        connecting.as_secs_f64()
    );
    for (n, arrivals) in rounds.iter().enumerate() {
        println!(
            "  check-in {}: new snapshot at 50% of subscribers after {:.0} ms, 99% after {:.0} ms, all after {:.0} ms",
            n + 1,
            ms(support::percentile(arrivals, 0.5)),
            ms(support::percentile(arrivals, 0.99)),
            ms(arrivals[arrivals.len() - 1]),
        );
    }
    let half = (SUBSCRIBERS / 2) as f64;
    let marginal = memory_after.saturating_sub(memory_at_half) as f64 / half;
    let average = memory_after.saturating_sub(memory_before) as f64 / SUBSCRIBERS as f64;
    println!(
        "  servers' memory: {memory_before} KB before, {memory_at_half} KB with half the subscribers, {memory_after} KB with all"
    );
    println!(
        "  memory per subscriber: {marginal:.1} KB for each further one (second half), {average:.1} KB on average from none"
    );
    if let Some(mut nginx) = nginx {
        nginx.stop();
    }
    // The first server drops the database; stop it last.
    for mut server in servers.into_iter().rev() {
        server.stop();
    }
}
