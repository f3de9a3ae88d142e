//! Two servers on one PostgreSQL database: what one writes, the other shows at once,
//! without waiting for its answers kept in memory to age (30 s) or for its minute's
//! recompute of the counters, and its live subscribers hear of it within a second.

use crate::attendance::{check_in_with_code, next_stats, on_a_running_shift};
use crate::common::{TestServer, two_servers_on_postgres};
use crate::{
    NewShift, add_shift, new_key, register, shift_starting_in_minutes, sign_up, signed_up,
};
use futures_util::future::join_all;
use huli_contract::{MyRecord, PointDetail, ShiftView, Stats};
use huli_contract::{SignupStatus, SignupView};
use std::future::Future;
use std::time::Duration;

/// Asks `read` again until it gives `wanted`; fails after 10 s.
async fn eventually<T, F, Fut>(what: &str, wanted: T, read: F)
where
    T: PartialEq + std::fmt::Debug,
    F: Fn() -> Fut,
    Fut: Future<Output = T>,
{
    let mut last = read().await;
    for _ in 0..100 {
        if last == wanted {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        last = read().await;
    }
    assert_eq!(last, wanted, "{what}");
}

async fn confirmed_on(server: &TestServer, shift: i64) -> Option<u32> {
    let detail: PointDetail = server.get("/api/points/1").await.json().await.unwrap();
    (detail.upcoming_shifts.iter())
        .find(|s| s.id.0 == shift)
        .map(|s| s.confirmed)
}

async fn on_duty_at_point_1(server: &TestServer) -> u32 {
    let stats: Stats = server.get("/api/stats?point=1").await.json().await.unwrap();
    stats.figures.on_duty_now
}

#[tokio::test]
async fn a_sign_up_and_a_check_in_on_one_server_show_on_the_other() {
    let (first, second) = two_servers_on_postgres().await;
    // Check-ins open 30 minutes before the start.
    let shift = shift_starting_in_minutes(&first, 20).await;
    let volunteer = register(&first).await;
    // The second server keeps this answer in memory from now on.
    assert_eq!(confirmed_on(&second, shift).await, Some(0));

    let signup = signed_up(&first, &volunteer, shift).await.id.0;
    eventually("the point page of the other server", Some(1), || {
        confirmed_on(&second, shift)
    })
    .await;

    let before = on_duty_at_point_1(&second).await;
    let (status, body) = check_in_with_code(&first, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    eventually("the live counters of the other server", before + 1, || {
        on_duty_at_point_1(&second)
    })
    .await;
}

#[tokio::test]
async fn a_check_in_on_one_server_reaches_a_live_subscriber_of_the_other_within_a_second() {
    let (first, second) = two_servers_on_postgres().await;
    let (volunteer, _, signup) = on_a_running_shift(&first, 10).await;
    let mut live = second.get("/api/live").await;
    let mut buffer = String::new();
    next_stats(&mut live, &mut buffer).await;
    // The first server counts its own writes before it answers.
    let before: Stats = first.get("/api/stats").await.json().await.unwrap();

    let (status, body) = check_in_with_code(&first, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    let wanted = before.figures.on_duty_now + 1;
    // Snapshots of earlier writes may still be on their way; the check-in's follows.
    let reached = tokio::time::timeout(Duration::from_secs(1), async {
        while next_stats(&mut live, &mut buffer).await.figures.on_duty_now != wanted {}
    })
    .await;
    assert!(
        reached.is_ok(),
        "no snapshot with {wanted} on duty reached the other server's subscriber within 1 s"
    );
}

/// Sign-ups that several servers take at once, for the same shifts, answer and store
/// exactly as one server would: no shift over capacity, every acknowledged sign-up
/// stored once, and a retry sent to the other server with the same key answered alike.
#[tokio::test]
async fn a_sign_up_rush_split_over_two_servers_overbooks_loses_and_doubles_nothing() {
    const SHIFTS: i64 = 100;
    const PER_SHIFT: usize = 4;
    const CAPACITY: i64 = 2;
    let servers = two_servers_on_postgres().await;
    let servers = [&servers.0, &servers.1];
    let mut shifts = Vec::new();
    for i in 0..SHIFTS {
        // Four hours apart, so one volunteer's sign-ups never overlap.
        let shift = NewShift {
            starts_in_hours: 48 + 4 * i,
            capacity: CAPACITY,
            ..NewShift::default()
        };
        shifts.push(add_shift(servers[0], shift).await);
    }
    let mut people = Vec::new();
    for i in 0..shifts.len() {
        people.push(register(servers[i % 2]).await);
    }
    // Each volunteer signs up for PER_SHIFT shifts; each shift gets PER_SHIFT requests.
    let requests: Vec<(usize, i64, String)> = (0..people.len() * PER_SHIFT)
        .map(|n| {
            (
                n % people.len(),
                shifts[(n + n / people.len()) % shifts.len()],
                new_key(),
            )
        })
        .collect();
    let answers = join_all(requests.iter().enumerate().map(|(n, (who, shift, key))| {
        let people = &people;
        async move {
            let first = sign_up(servers[n % 2], &people[*who], *shift, key).await;
            // Every tenth client retries on the other server, with the same key.
            let retry = if n % 10 == 0 {
                Some(sign_up(servers[(n + 1) % 2], &people[*who], *shift, key).await)
            } else {
                None
            };
            (first, retry)
        }
    }))
    .await;

    let mut acknowledged = Vec::new();
    for ((status, body), retry) in &answers {
        assert_eq!(*status, 200, "{body}");
        if let Some(again) = retry {
            assert_eq!(again, &(*status, body.clone()), "a retry is answered alike");
        }
        acknowledged.push(serde_json::from_str::<SignupView>(body).unwrap());
    }
    let confirmed = (acknowledged.iter())
        .filter(|view| view.status == SignupStatus::Confirmed)
        .count();
    assert_eq!(confirmed, shifts.len() * usize::try_from(CAPACITY).unwrap());

    for &shift in &shifts {
        let view: ShiftView =
            serde_json::from_value(servers[0].get_json(&format!("/api/shifts/{shift}")).await)
                .unwrap();
        assert!(
            view.confirmed <= view.capacity,
            "shift {shift} over capacity"
        );
    }
    // What is stored, as each volunteer's own record lists it.
    let mut stored = Vec::new();
    for (n, person) in people.iter().enumerate() {
        let me = servers[n % 2].get_as("/api/me", &person.key).await;
        let record: MyRecord = me.json().await.unwrap();
        for signup in record.signups {
            let status = serde_json::to_value(signup.status).unwrap();
            stored.push((signup.id.0, status.as_str().unwrap().to_owned()));
        }
    }
    stored.sort();
    let mut answered: Vec<(i64, String)> = (acknowledged.iter())
        .map(|view| {
            let status = serde_json::to_value(view.status).unwrap();
            (view.id.0, status.as_str().unwrap().to_owned())
        })
        .collect();
    answered.sort();
    assert_eq!(
        stored, answered,
        "each acknowledged sign-up stored once, as answered"
    );
}
