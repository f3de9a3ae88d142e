//! What the benches share: the real server binary on a fresh, seeded database: an
//! SQLite file, or with `HULI_BENCH_DATABASE=postgres` a new database on the
//! PostgreSQL at `HULI_TEST_POSTGRES_URL` (by default 127.0.0.1:5432), dropped after.
// Each bench includes this module and uses a different part of it.
#![allow(dead_code)]

pub mod nginx;

use huli_contract::{DutyKind, PointDetail, ShiftId};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The server under test, stopped when the bench is done with it.
pub struct Server {
    pub child: Child,
    pub base: String,
    _dir: tempfile::TempDir,
    pub database_url: String,
    /// The PostgreSQL database made for this run, dropped when it stops.
    postgres: Option<String>,
}

/// Which database this run measures: `sqlite` or `postgres`.
pub fn database_kind() -> String {
    std::env::var("HULI_BENCH_DATABASE").unwrap_or_else(|_| "sqlite".into())
}

fn postgres_server_url() -> String {
    std::env::var("HULI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Runs one statement on the PostgreSQL server, outside any database of ours.
fn on_postgres_server(sql: String) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            use sqlx::{Connection, Executor};
            let mut admin = sqlx::PgConnection::connect(&postgres_server_url())
                .await
                .expect("PostgreSQL answers at HULI_TEST_POSTGRES_URL");
            admin
                .execute(sql.as_str())
                .await
                .expect("the statement runs");
        });
    })
    .join()
    .expect("the statement runs");
}

/// The server as the load benches run it: thousands of volunteers from one address,
/// whom the per-client limits would stop, rather than measure.
pub fn start_server() -> Server {
    start_server_with(&["--rate-limits", "false"])
}

/// The server with `flags` added to the bench's own.
pub fn start_server_with(flags: &[&str]) -> Server {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (database_url, postgres) = if database_kind() == "postgres" {
        let name = format!("huli_bench_{}", std::process::id());
        on_postgres_server(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        // The C collation sorts text by its bytes, as SQLite does.
        on_postgres_server(format!(
            "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
        ));
        let server = postgres_server_url();
        let base = server
            .rsplit_once('/')
            .map_or(server.as_str(), |(base, _)| base);
        (format!("{base}/{name}"), Some(name))
    } else {
        let file = dir.path().join("huli.sqlite3");
        (format!("sqlite://{}", file.display()), None)
    };
    spawn(database_url, postgres, dir, flags)
}

fn spawn(
    database_url: String,
    postgres: Option<String>,
    dir: tempfile::TempDir,
    flags: &[&str],
) -> Server {
    let bin = std::env::var("HULI_SERVER_BIN").expect("run through `cargo xtask bench`");
    let mut child = Command::new(bin)
        .args(["--listen", "127.0.0.1:0", "--database-url", &database_url])
        .arg("--seed")
        .args(flags)
        .arg("--dist-dir")
        // The built app where `cargo xtask bench` names it; else none (the API alone).
        .arg(std::env::var_os("HULI_DIST_DIR").unwrap_or_else(|| dir.path().join("dist").into()))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
    let base = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("listening on ").map(str::to_owned))
        .expect("the server says where it listens");
    // Keep draining, so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Server {
        child,
        base,
        _dir: dir,
        database_url,
        postgres,
    }
}

impl Server {
    /// Another server on the same PostgreSQL database, as behind a load balancer.
    pub fn another_on_the_same_database(&self) -> Server {
        let dir = tempfile::tempdir().expect("a temporary folder");
        spawn(
            self.database_url.clone(),
            None,
            dir,
            &["--rate-limits", "false"],
        )
    }

    /// The server's resident memory in KB, from /proc.
    pub fn resident_kb(&self) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).expect("/proc");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(name) = self.postgres.take() {
            on_postgres_server(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// `count` open point-duty shifts without a training, taken in turn from each point.
pub async fn open_shifts(client: &reqwest::Client, base: &str, count: usize) -> Vec<ShiftId> {
    let mut per_point = Vec::new();
    for id in 1..=30 {
        let detail: PointDetail = client
            .get(format!("{base}/api/points/{id}"))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .expect("a point")
            .json()
            .await
            .expect("its JSON");
        per_point.push(
            detail
                .upcoming_shifts
                .into_iter()
                .filter(|s| s.duty == DutyKind::PointService && s.required_training.is_none())
                .map(|s| s.id)
                .collect::<Vec<_>>(),
        );
    }
    let mut shifts = Vec::new();
    for round in 0.. {
        let before = shifts.len();
        shifts.extend(per_point.iter().filter_map(|list| list.get(round)));
        if shifts.len() >= count || shifts.len() == before {
            break;
        }
    }
    shifts.truncate(count);
    assert_eq!(shifts.len(), count, "the seed has enough open shifts");
    shifts
}

/// Runs `job(i)` for every `i` below `count` on `workers` concurrent tasks; the results
/// in the order of `i`.
pub async fn on_workers<T, F, Fut>(workers: usize, count: usize, job: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let job = Arc::new(job);
    let workers: Vec<_> = (0..workers)
        .map(|_| {
            let (next, job) = (next.clone(), job.clone());
            tokio::spawn(async move {
                let mut done = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        break done;
                    }
                    done.push((i, job(i).await));
                }
            })
        })
        .collect();
    let mut all = Vec::with_capacity(count);
    for worker in workers {
        all.extend(worker.await.expect("a worker finishes"));
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, value)| value).collect()
}

/// The `p` quantile (0 to 1) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}
