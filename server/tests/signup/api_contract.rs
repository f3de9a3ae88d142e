//! The OpenAPI document holds for every answer: schemathesis (installed by `cargo xtask
//! test`, named by `HULI_SCHEMATHESIS`) runs every check in every phase against the real
//! server, signed in as an administrator, a coordinator and a volunteer whose sessions
//! and key stay valid throughout: operations that would end them run as throwaway people
//! or leave these alone (`api_contract/hooks.py` says who runs what).

use crate::common::TestServer;
use crate::staff_client::{self, arranger, create, sign_in};
use crate::{register, staff_client::display_key, unit_at};
use huli_contract::{StaffRole, Stats};
use std::path::Path;

/// Examples per operation and phase; the issue asks for at least 100.
const EXAMPLES: u32 = 100;

#[tokio::test]
async fn every_answer_of_every_operation_is_the_documented_one() {
    let schemathesis = std::env::var("HULI_SCHEMATHESIS").expect(
        "HULI_SCHEMATHESIS names schemathesis's `st`; `cargo xtask test` installs it and sets it",
    );
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let unit = unit_at(&server, 1).await;
    create(
        &server,
        "fuzz-coordinator",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    let coordinator = sign_in(&server, "fuzz-coordinator").await;
    create(
        &server,
        "fuzz-leaving",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    let leaving = sign_in(&server, "fuzz-leaving").await;
    let volunteer = register(&server).await;
    let erasing = register(&server).await;
    let display = display_key(&server, &admin, 1).await;
    let protected = staff_client::get(&server, Some(&admin), "/api/staff/accounts").await;
    let accounts: Vec<huli_contract::AccountView> = protected.json().await.unwrap();
    let protected_ids: Vec<String> = (accounts.iter())
        .filter(|view| view.account.login != "fuzz-leaving")
        .map(|view| view.account.id.to_string())
        .collect();
    let volunteer_number = crate::number_of(&server, &volunteer).await;
    let links = staff_client::get(&server, Some(&admin), "/api/staff/points/1/display-links");
    let links: Vec<huli_contract::DisplayLinkView> = links.await.json().await.unwrap();

    let hooks = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/signup/api_contract");
    let mut run = std::process::Command::new(schemathesis);
    for (name, staff) in [
        ("ADMIN", &admin),
        ("COORDINATOR", &coordinator),
        ("LEAVING", &leaving),
    ] {
        run.env(format!("HULI_{name}_COOKIE"), &staff.cookie);
        run.env(format!("HULI_{name}_CSRF"), &staff.csrf);
    }
    run.current_dir(server.dir.path())
        .env("PYTHONPATH", &hooks)
        .env("SCHEMATHESIS_HOOKS", "hooks")
        .env("HULI_VOLUNTEER_KEY", &volunteer.key)
        .env("HULI_ERASING_KEY", &erasing.key)
        .env("HULI_DISPLAY_KEY", &display)
        .env("HULI_PROTECTED_ACCOUNTS", protected_ids.join(","))
        .env("HULI_PROTECTED_VOLUNTEER", volunteer_number.to_string())
        .env("HULI_PROTECTED_DISPLAY_LINK", links[0].id.to_string())
        .arg("--config-file")
        .arg(hooks.join("schemathesis.toml"))
        .arg("run")
        .arg(server.url("/api/openapi.json"))
        .args(["--checks", "all", "--mode", "all"])
        .args(["--phases", "examples,coverage,fuzzing,stateful"])
        .args(["--max-examples", &EXAMPLES.to_string()])
        .args(["--exclude-path", "/api/live", "--continue-on-failure"])
        .args(["--workers", "1", "--no-color", "--generation-deterministic"]);
    let outcome = tokio::task::spawn_blocking(move || run.output())
        .await
        .unwrap();
    let outcome = outcome.expect("schemathesis runs");
    let report = String::from_utf8_lossy(&outcome.stdout);
    assert!(
        outcome.status.success(),
        "schemathesis found failures:\n{report}\n{}",
        String::from_utf8_lossy(&outcome.stderr)
    );

    // The three stayed valid throughout.
    let me = staff_client::get(&server, Some(&admin), "/api/staff/session").await;
    assert_eq!(me.status(), 200, "the administrator is still signed in");
    let me = staff_client::get(&server, Some(&coordinator), "/api/staff/session").await;
    assert_eq!(me.status(), 200, "the coordinator is still signed in");
    let record = server.get_as("/api/me", &volunteer.key).await;
    assert_eq!(
        record.status(),
        200,
        "the volunteer's key still opens their record"
    );
    let device = staff_client::display(&server, &display).await;
    assert_eq!(device.status(), 200, "the display link still works");
    println!("{report}");
}

/// The live stream, which the fuzzer leaves out because it never ends: an event stream
/// whose first event comes within a second, and whose every event carries JSON figures,
/// the snapshot and those sent after a check-in and a check-out.
#[tokio::test]
async fn the_live_stream_sends_its_first_event_within_a_second_and_json_in_each() {
    let server = TestServer::start().await;
    let (volunteer, _, signup) = crate::attendance::on_a_running_shift(&server, 10).await;
    let second = std::time::Duration::from_secs(1);
    let subscribed = std::time::Instant::now();
    let mut live = server.get("/api/live?point=1").await;
    assert_eq!(live.status(), 200);
    assert_eq!(live.headers()["content-type"], "text/event-stream");
    let mut buffer = String::new();
    let first = tokio::time::timeout(second, next_event(&mut live, &mut buffer)).await;
    let first = first.expect("the first event arrives within a second");
    assert!(subscribed.elapsed() < second);
    let on_duty = first.figures.on_duty_now;

    let (status, body) = crate::attendance::check_in_with_code(&server, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    crate::attendance::check_out(&server, &volunteer, signup).await;
    // Each event after the snapshot parses as well; the last shows the check-out.
    let mut seen = Vec::new();
    while seen
        .last()
        .is_none_or(|stats: &Stats| stats.figures.on_duty_now != on_duty)
        || seen.len() < 2
    {
        let ten = std::time::Duration::from_secs(10);
        let event = tokio::time::timeout(ten, next_event(&mut live, &mut buffer)).await;
        seen.push(event.expect("the figures after each change arrive"));
    }
    assert!(
        seen.iter()
            .any(|stats| stats.figures.on_duty_now == on_duty + 1)
    );
}

/// The next event that carries data: its data must be JSON, and the figures.
async fn next_event(stream: &mut reqwest::Response, buffer: &mut String) -> Stats {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let data: Vec<&str> = (event.lines())
                .filter_map(|line| line.strip_prefix("data:"))
                .map(str::trim_start)
                .collect();
            if data.is_empty() {
                continue; // a comment that keeps proxies from closing the stream
            }
            let json: serde_json::Value = serde_json::from_str(&data.join("\n"))
                .unwrap_or_else(|error| panic!("an event's data is JSON ({error}): {event}"));
            return serde_json::from_value(json).expect("the event's JSON is the figures");
        }
        let chunk = (stream.chunk().await.unwrap()).expect("the stream stays open");
        buffer.push_str(std::str::from_utf8(&chunk).unwrap());
    }
}
