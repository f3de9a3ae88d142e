//! Abuse resistance: bounded input, per-client limits, a lockout strangers cannot turn
//! on the owner, caps on open sign-ups and live subscribers, connection timeouts, cookies
//! that cost no write, and backups that restore.

use crate::common::TestServer;
use crate::staff_client::{PASSWORD, create, error_of, sign_in_with};
use crate::{fresh_phone, new_key, refused, register, registration, shift_starting_in, signed_up};
use chrono::Duration;
use huli_contract::{ErrorCode, StaffRole};
use huli_server::config::Config;
use serde_json::json;
use std::time::Duration as StdDuration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn limits_on(config: &mut Config) {
    config.rate_limits = true;
}

fn behind_our_proxy(config: &mut Config) {
    config.rate_limits = true;
    config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
}

async fn count(server: &TestServer, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&server.db().await)
        .await
        .unwrap()
}

/// Registers a new volunteer as the client `from` says it is.
async fn register_from(server: &TestServer, from: &str) -> reqwest::Response {
    let request = (server.client.post(server.url("/api/volunteers")))
        .header("Idempotency-Key", new_key())
        .header("X-Forwarded-For", from)
        .json(&registration(&fresh_phone()));
    request.send().await.unwrap()
}

async fn sign_in_from(server: &TestServer, from: &str, password: &str) -> reqwest::Response {
    let request = (server.client.post(server.url("/api/staff/session")))
        .header("X-Forwarded-For", from)
        .json(&json!({ "login": "admin", "password": password }));
    request.send().await.unwrap()
}

#[tokio::test]
async fn oversized_bodies_and_strings_get_413_or_422_and_store_nothing() {
    let server = TestServer::start().await;
    let huge = json!({ "login": "x".repeat(1_000_000), "password": "p" });
    let response = server
        .client
        .post(server.url("/api/staff/session"))
        .json(&huge)
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(response).await, (413, ErrorCode::BodyTooLarge));
    let long_login = sign_in_with(&server, &"x".repeat(41), "password").await;
    assert_eq!(
        error_of(long_login).await,
        (422, ErrorCode::ValidationFailed)
    );
    let long_password = sign_in_with(&server, "admin", &"p".repeat(129)).await;
    assert_eq!(
        error_of(long_password).await,
        (422, ErrorCode::ValidationFailed)
    );
    assert_eq!(count(&server, "failed_sign_ins").await, 0);

    let volunteers = count(&server, "volunteers").await;
    let mut form = registration(&fresh_phone());
    form["name"] = json!("名".repeat(100_000));
    let response = server
        .post("/api/volunteers", None, &new_key(), &form)
        .await;
    assert_eq!(error_of(response).await, (413, ErrorCode::BodyTooLarge));
    form["name"] = json!("名".repeat(500));
    let response = server
        .post("/api/volunteers", None, &new_key(), &form)
        .await;
    assert_eq!(error_of(response).await, (422, ErrorCode::ValidationFailed));
    assert_eq!(count(&server, "volunteers").await, volunteers);
}

/// `Retry-After` says about `seconds`: counted from the request that used the last
/// allowance, less the time the requests since took, which on a busy machine (a debug
/// build, the whole suite at once) is a second or more.
fn assert_waits(response: &reqwest::Response, seconds: u64) {
    let header = response.headers()["retry-after"].to_str().unwrap();
    let waits: u64 = header.parse().unwrap();
    assert!(
        (seconds - 10..=seconds).contains(&waits),
        "Retry-After: {waits}, not about {seconds}"
    );
}

#[tokio::test]
async fn limits_answer_429_and_let_the_client_back_in_after_retry_after() {
    let server = TestServer::start_with(limits_on).await;
    // Nobody trusts these headers: every request is the one client 127.0.0.1.
    for n in 0..20 {
        let response = register_from(&server, &format!("198.51.100.{n}")).await;
        assert_eq!(response.status(), 201, "registration {n}");
    }
    let limited = register_from(&server, "198.51.100.200").await;
    assert_waits(&limited, 20);
    assert_eq!(error_of(limited).await, (429, ErrorCode::TooManyRequests));
    server.clock.advance(Duration::seconds(20));
    assert_eq!(register_from(&server, "198.51.100.201").await.status(), 201);
    assert_eq!(register_from(&server, "198.51.100.202").await.status(), 429);
}

#[tokio::test]
async fn a_trusted_proxy_tells_its_clients_apart() {
    let server = TestServer::start_with(behind_our_proxy).await;
    for n in 0..25 {
        let response = register_from(&server, &format!("198.51.100.{n}")).await;
        assert_eq!(response.status(), 201, "client {n} registers once");
    }
}

#[tokio::test]
async fn the_owner_signs_in_while_a_strangers_failures_pile_up() {
    let server = TestServer::start_with(behind_our_proxy).await;
    create(&server, "admin", StaffRole::Administrator).await;
    let stranger = "198.51.100.66";
    for _ in 0..5 {
        let response = sign_in_from(&server, stranger, "a wrong guess").await;
        assert_eq!(error_of(response).await, (401, ErrorCode::SignInFailed));
    }
    let waiting = sign_in_from(&server, stranger, PASSWORD).await;
    assert_waits(&waiting, 30);
    assert_eq!(error_of(waiting).await, (429, ErrorCode::TooManySignIns));
    let owner = sign_in_from(&server, "203.0.113.10", PASSWORD).await;
    assert_eq!(
        owner.status(),
        200,
        "the stranger's failures are not the owner's"
    );

    server.clock.advance(Duration::seconds(30));
    let again = sign_in_from(&server, stranger, "another guess").await;
    assert_eq!(error_of(again).await, (401, ErrorCode::SignInFailed));
    let longer = sign_in_from(&server, stranger, PASSWORD).await;
    assert_waits(&longer, 60); // each failure doubles the wait

    // A day later the failures are forgotten, and deleted by the minute's job.
    server.clock.advance(Duration::hours(25));
    let server = server.restart().await;
    assert_eq!(
        sign_in_from(&server, stranger, PASSWORD).await.status(),
        200
    );
    for _ in 0..100 {
        if count(&server, "failed_sign_ins").await == 0 {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    panic!("day-old failed sign-ins are deleted");
}

#[tokio::test]
async fn the_ninth_upcoming_sign_up_is_refused_until_one_is_cancelled() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;
    let mut held = Vec::new();
    for day in 1..=8 {
        let shift = shift_starting_in(&server, 24 * day).await;
        held.push(signed_up(&server, &volunteer, shift).await);
    }
    let ninth = shift_starting_in(&server, 24 * 9).await;
    assert_eq!(
        refused(&server, &volunteer, ninth).await,
        ErrorCode::TooManyOpenSignups
    );
    let cancelled = crate::cancel(&server, &volunteer, held[0].id.0).await;
    assert_eq!(cancelled.status(), 200);
    signed_up(&server, &volunteer, ninth).await;
}

#[tokio::test]
async fn past_the_subscriber_cap_the_answer_is_503() {
    let server = TestServer::start_with(|config| config.max_live_subscribers = 1).await;
    let first = server.get("/api/live").await;
    assert_eq!(first.status(), 200);
    let second = server.get("/api/live").await;
    assert_eq!(second.headers()["retry-after"], "30");
    assert_eq!(error_of(second).await, (503, ErrorCode::ServerBusy));
    drop(first);
    for _ in 0..100 {
        if server.get("/api/live").await.status() == 200 {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    panic!("a closed stream gives its place back");
}

#[tokio::test]
async fn a_client_that_stalls_mid_header_or_sits_idle_is_cut_off() {
    let server = TestServer::start_with(|config| config.header_timeout_secs = 1).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stalled = tokio::net::TcpStream::connect(&address).await.unwrap();
    stalled
        .write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut idle = tokio::net::TcpStream::connect(&address).await.unwrap();
    for stream in [&mut stalled, &mut idle] {
        let mut buffer = Vec::new();
        let read = tokio::time::timeout(StdDuration::from_secs(5), stream.read_to_end(&mut buffer));
        let read = read.await.expect("the server closes the connection");
        assert!(
            read.is_err() || !buffer.starts_with(b"HTTP/1.1 200"),
            "no answer"
        );
    }
}

#[tokio::test]
async fn an_unknown_cookie_writes_nothing() {
    let server = TestServer::start().await;
    create(&server, "admin", StaffRole::Administrator).await;
    let signed_in = sign_in_with(&server, "admin", PASSWORD).await;
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    // Someone holds the sessions table against writes; reads go on.
    let pool = server.db().await;
    let mut holder = pool.acquire().await.unwrap();
    if server.database_url().starts_with("sqlite:") {
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut *holder)
            .await
            .unwrap();
    } else {
        sqlx::query("BEGIN").execute(&mut *holder).await.unwrap();
        sqlx::query("LOCK TABLE staff_sessions IN EXCLUSIVE MODE")
            .execute(&mut *holder)
            .await
            .unwrap();
    }
    let made_up = format!("huli_staff={}", "ab".repeat(32));
    for (cookie, expected) in [(made_up.as_str(), 401), (cookie.as_str(), 200)] {
        let request = (server.client.get(server.url("/api/staff/session")))
            .header("Cookie", cookie)
            .timeout(StdDuration::from_secs(5));
        let response = request.send().await.expect("answered without a write");
        assert_eq!(response.status(), expected);
    }
    sqlx::query("ROLLBACK").execute(&mut *holder).await.unwrap();
}

#[tokio::test]
async fn a_backup_restores_to_the_same_data() {
    let server = TestServer::start().await;
    if !server.database_url().starts_with("sqlite:") {
        return; // PostgreSQL is backed up with pg_dump.
    }
    register(&server).await;
    let copy = server.dir.path().join("backup.sqlite3");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_huli-server"))
        .env("DATABASE_URL", server.database_url())
        .arg("backup")
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    let restored = sqlx::any::AnyPoolOptions::new()
        .connect(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    for table in [
        "volunteers",
        "signups",
        "attendance",
        "shifts",
        "audit_log",
        "staff_accounts",
    ] {
        let summary = format!("SELECT COUNT(*), COALESCE(SUM(id), 0) FROM {table}");
        let original: (i64, i64) = sqlx::query_as(&summary)
            .fetch_one(&server.db().await)
            .await
            .unwrap();
        let copied: (i64, i64) = sqlx::query_as(&summary).fetch_one(&restored).await.unwrap();
        assert_eq!(original, copied, "{table}");
    }
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_huli-server"))
        .env("DATABASE_URL", server.database_url())
        .arg("backup")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );
}
