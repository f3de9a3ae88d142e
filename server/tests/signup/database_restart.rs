//! Two server processes (the real binary, as deployed behind a proxy) on one PostgreSQL
//! that restarts under them while volunteers register through both: each server
//! reconnects by itself, every live subscriber has a fresh snapshot within 5 s of the
//! database's return, and no acknowledged write is lost.
//!
//! The database is a cluster of this test's own, so restarting it disturbs no other test.

use crate::attendance::next_stats;
use crate::common::cluster::Cluster;
use crate::server_process::ServerProcess;
use crate::{fresh_phone, new_key, registration};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Registers one volunteer through `server`; their personal link key if acknowledged.
async fn registered(client: &reqwest::Client, server: &ServerProcess) -> Option<String> {
    let form = registration(&fresh_phone());
    let answer = client
        .post(format!("{}/api/volunteers", server.base))
        .header("Idempotency-Key", new_key())
        .json(&form)
        .send()
        .await;
    let acknowledged = answer.is_ok_and(|answer| answer.status() == 201);
    acknowledged.then(|| form["access_key"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn two_server_processes_ride_out_a_database_restart() {
    let cluster = tokio::task::spawn_blocking(Cluster::start)
        .await
        .unwrap()
        .expect("a PostgreSQL cluster of the test's own starts");
    let servers = Arc::new([
        ServerProcess::start(&cluster.url(), true).await,
        ServerProcess::start(&cluster.url(), false).await,
    ]);
    // A write may wait for the database's return, but not for ever.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .build()
        .unwrap();
    let streaming = reqwest::Client::new();
    let mut subscribers = Vec::new();
    for server in servers.iter() {
        let mut stream = (streaming.get(format!("{}/api/live", server.base)).send())
            .await
            .unwrap();
        let mut buffer = String::new();
        let first = next_stats(&mut stream, &mut buffer).await;
        subscribers.push((stream, buffer, first.volunteers));
    }
    let seeded = subscribers[0].2;

    // Volunteers register through one server and the other in turn, before and during
    // the restart; once the database is back, through the first only, for a moment: the
    // second's listening connection is still down then, so it hears nothing of those
    // and must recompute in full when it reconnects.
    let (restarted, stop) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    let writer = tokio::spawn({
        let (servers, client) = (servers.clone(), client.clone());
        let (restarted, stop) = (restarted.clone(), stop.clone());
        async move {
            let mut acknowledged = Vec::new();
            for turn in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let through = match restarted.load(Ordering::Relaxed) {
                    true => 0,
                    false => turn % 2,
                };
                if let Some(key) = registered(&client, &servers[through]).await {
                    acknowledged.push((key, Instant::now()));
                }
            }
            acknowledged
        }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let cluster = tokio::task::spawn_blocking(move || {
        cluster.restart().expect("PostgreSQL restarts");
        cluster
    })
    .await
    .unwrap();
    let back = Instant::now();
    restarted.store(true, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let acknowledged = writer.await.unwrap();
    assert!(
        acknowledged.iter().any(|(_, at)| *at < back),
        "registrations were acknowledged before the restart"
    );
    assert!(
        acknowledged.iter().any(|(_, at)| *at > back),
        "registrations were acknowledged again at once after the database's return"
    );

    // An answer that was lost on the way may still have been stored: at least.
    let wanted = seeded + u32::try_from(acknowledged.len()).unwrap();
    for (n, (stream, buffer, _)) in subscribers.iter_mut().enumerate() {
        let deadline = tokio::time::Instant::from_std(back + Duration::from_secs(5));
        let fresh = tokio::time::timeout_at(deadline, async {
            while next_stats(stream, buffer).await.volunteers < wanted {}
        })
        .await;
        assert!(
            fresh.is_ok(),
            "server {n}'s subscriber had no snapshot counting {wanted} volunteers within 5 s \
             of the database's return:\n{}",
            servers[n].log()
        );
    }
    for (key, _) in &acknowledged {
        for server in servers.iter() {
            let record = (client.get(format!("{}/api/me", server.base)))
                .bearer_auth(key)
                .send()
                .await
                .unwrap();
            assert_eq!(record.status(), 200, "an acknowledged volunteer is stored");
        }
    }
    drop(servers);
    drop(cluster);
}
