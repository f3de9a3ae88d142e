//! The server killed with SIGKILL, again and again, while volunteers register and sign
//! up over several connections: afterwards every acknowledged registration and sign-up
//! is there, once and as it was answered, and no shift holds more confirmed volunteers
//! than its capacity.
//!
//! A client whose request went unanswered sends it again, with the same idempotency key,
//! once a server answers: what the web app does after a dropped connection.

use crate::common::{postgres, test_dir};
use crate::server_process::ServerProcess;
use crate::{fresh_phone, new_key, registration};
use huli_contract::{DutyKind, MyRecord, PointDetail, ShiftView, SignupView};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::RwLock;

const CLIENTS: usize = 8;
const VOLUNTEERS_PER_CLIENT: usize = 40;
const KILLS: usize = 4;
/// Few shifts for many volunteers, so that capacity is contested at every kill.
const SHIFTS: usize = 4;

/// The server of the moment, replaced after each kill.
type Current = Arc<RwLock<ServerProcess>>;

/// Requests that got no answer, the first time or again: proof that the kills landed
/// mid-request.
static UNANSWERED: AtomicUsize = AtomicUsize::new(0);

/// Posts `body` until a server answers it: the answer's status and JSON body.
async fn answered(
    current: &Current,
    path: &str,
    bearer: Option<&str>,
    body: &Value,
) -> (u16, Value) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let idempotency_key = new_key();
    for _ in 0..600 {
        let base = current.read().await.base.clone();
        let mut request = client
            .post(format!("{base}{path}"))
            .header("Idempotency-Key", &idempotency_key)
            .json(body);
        if let Some(key) = bearer {
            request = request.bearer_auth(key);
        }
        // No answer, or the server was killed halfway through writing it.
        if let Ok(answer) = request.send().await {
            let status = answer.status().as_u16();
            if let Ok(body) = answer.json::<Value>().await
                && status < 500
            {
                return (status, body);
            }
        }
        UNANSWERED.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no server answered {path} for a minute");
}

/// Open point-duty shifts without a training, one at each of the first points, far
/// enough ahead that their waitlists stay open through the rush whatever the time of
/// day (a full shift within 2 hours of its start refuses, where the rush expects a
/// place on the waitlist).
async fn contested_shifts(base: &str) -> Vec<i64> {
    let waitlist_open = chrono::Utc::now() + chrono::Duration::hours(3);
    let mut shifts = Vec::new();
    for point in 1..=SHIFTS {
        let detail: PointDetail = reqwest::get(format!("{base}/api/points/{point}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let open = detail
            .upcoming_shifts
            .into_iter()
            .find(|s| {
                s.duty == DutyKind::PointService
                    && s.required_training.is_none()
                    && s.window.starts_at() > waitlist_open
            })
            .expect("the seed has an open shift at every point");
        shifts.push(open.id.0);
    }
    shifts
}

#[tokio::test]
async fn a_server_killed_during_a_rush_loses_no_acknowledged_sign_up() {
    let dir = test_dir();
    let database_url = match postgres::chosen() {
        true => postgres::fresh_database().await,
        false => format!("sqlite://{}", dir.path().join("huli.sqlite3").display()),
    };
    let first = ServerProcess::start(&database_url, true).await;
    let shifts = Arc::new(contested_shifts(&first.base).await);
    let current: Current = Arc::new(RwLock::new(first));
    let acknowledged_writes = Arc::new(AtomicUsize::new(0));

    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (current, shifts) = (current.clone(), shifts.clone());
            let acknowledged_writes = acknowledged_writes.clone();
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                for n in 0..VOLUNTEERS_PER_CLIENT {
                    let form = registration(&fresh_phone());
                    let (status, _) = answered(&current, "/api/volunteers", None, &form).await;
                    assert_eq!(status, 201, "a registration is acknowledged");
                    acknowledged_writes.fetch_add(1, Ordering::Relaxed);
                    let key = form["access_key"].as_str().unwrap().to_owned();
                    let shift = shifts[(client + n) % SHIFTS];
                    let body = json!({ "shift_id": shift });
                    let (status, body) =
                        answered(&current, "/api/signups", Some(&key), &body).await;
                    assert_eq!(status, 200, "a sign-up is acknowledged: {body}");
                    acknowledged_writes.fetch_add(1, Ordering::Relaxed);
                    let signup: SignupView = serde_json::from_value(body).unwrap();
                    acknowledged.push((key, signup));
                }
                acknowledged
            })
        })
        .collect();

    // Kill at even steps through the rush, whatever is in flight at that moment.
    let writes = 2 * CLIENTS * VOLUNTEERS_PER_CLIENT;
    for kill in 1..=KILLS {
        // A client that failed stops writing: the rush would never reach the next kill.
        let (mut seen, mut since) = (0, std::time::Instant::now());
        loop {
            let now = acknowledged_writes.load(Ordering::Relaxed);
            if now >= kill * writes / (KILLS + 1) {
                break;
            }
            if now != seen {
                (seen, since) = (now, std::time::Instant::now());
            }
            let failed = clients.iter().find(|client| client.is_finished());
            if failed.is_some() && since.elapsed() > Duration::from_secs(30) {
                let failed = clients.into_iter().find(|client| client.is_finished());
                failed.unwrap().await.expect("a client finishes");
                panic!("the rush stalled at {now} acknowledged writes");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let mut serving = current.write().await;
        serving.kill();
        *serving = ServerProcess::start(&database_url, false).await;
    }

    let mut acknowledged = Vec::new();
    for client in clients {
        acknowledged.extend(client.await.expect("a client finishes"));
    }
    assert_eq!(acknowledged.len(), CLIENTS * VOLUNTEERS_PER_CLIENT);
    assert!(
        UNANSWERED.load(Ordering::Relaxed) > 0,
        "the kills cut requests off mid-way"
    );

    let server = current.read().await;
    let client = reqwest::Client::new();
    for (key, signup) in &acknowledged {
        let me: MyRecord = (client.get(format!("{}/api/me", server.base)))
            .bearer_auth(key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let stored: Vec<_> = me.signups.iter().map(|s| (s.id, s.status)).collect();
        assert_eq!(
            stored,
            [(signup.id, signup.status)],
            "an acknowledged volunteer holds exactly the sign-up they were answered, once"
        );
    }
    for shift in shifts.iter() {
        let view: ShiftView = reqwest::get(format!("{}/api/shifts/{shift}", server.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            view.confirmed <= view.capacity,
            "shift {shift} holds {} confirmed for {} places",
            view.confirmed,
            view.capacity
        );
    }
    drop(server);
    drop(current);
    if postgres::chosen() {
        postgres::drop_database(&database_url);
    }
}
