//! What the benches share: the real server binary on a fresh, seeded database: an
//! SQLite file, or with `HULI_BENCH_DATABASE=postgres` a new database on the
//! PostgreSQL at `HULI_TEST_POSTGRES_URL` (by default 127.0.0.1:5432), dropped after.
// Each bench includes this module and uses a different part of it.
#![allow(dead_code)]

pub mod nginx;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

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

pub fn start_server() -> Server {
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
    spawn(database_url, postgres, dir)
}

fn spawn(database_url: String, postgres: Option<String>, dir: tempfile::TempDir) -> Server {
    let bin = std::env::var("HULI_SERVER_BIN").expect("run through `cargo xtask bench`");
    let mut child = Command::new(bin)
        .args(["--listen", "127.0.0.1:0", "--database-url", &database_url])
        // Thousands of volunteers from one address: the per-client limits would stop
        // the rush itself, not what it measures.
        .args(["--seed", "--rate-limits", "false"])
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
        spawn(self.database_url.clone(), None, dir)
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(name) = self.postgres.take() {
            on_postgres_server(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}
