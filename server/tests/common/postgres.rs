//! Throwaway PostgreSQL databases for the server's tests, on the local server
//! (`HULI_TEST_POSTGRES_URL`, by default `postgres://postgres@127.0.0.1:5432/postgres`).
//!
//! Each test binary seeds one template database, once, and each test server gets a copy
//! of it (a file copy inside PostgreSQL, far quicker than seeding again). Databases are
//! named after the test process, so a binary's start drops those of finished ones.

use sqlx::{Connection, Executor, PgConnection};
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::OnceCell;

const PREFIX: &str = "huli_test_";

/// Whether this run tests against PostgreSQL.
pub fn chosen() -> bool {
    std::env::var("HULI_TEST_DATABASE").is_ok_and(|name| name == "postgres")
}

fn server_url() -> String {
    std::env::var("HULI_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// The URL of database `name` on the test server.
fn url_of(name: &str) -> String {
    let server = server_url();
    let base = server
        .rsplit_once('/')
        .map_or(server.as_str(), |(base, _)| base);
    format!("{base}/{name}")
}

async fn admin() -> PgConnection {
    PgConnection::connect(&server_url())
        .await
        .expect("PostgreSQL answers at HULI_TEST_POSTGRES_URL (or 127.0.0.1:5432)")
}

/// A new database, a copy of this binary's seeded template; its URL.
pub async fn fresh_database() -> String {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    static COPIES: AtomicU32 = AtomicU32::new(0);
    let template = TEMPLATE.get_or_init(seeded_template).await;
    let name = format!(
        "{PREFIX}{}_{}",
        std::process::id(),
        COPIES.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = admin().await;
    // PostgreSQL copies one template at a time; a parallel test waits its turn.
    for attempt in 0.. {
        let created = admin
            .execute(format!("CREATE DATABASE {name} TEMPLATE {template}").as_str())
            .await;
        match created {
            Ok(_) => break,
            Err(e) if attempt < 100 && e.to_string().contains("being accessed by other users") => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => panic!("creating {name}: {e}"),
        }
    }
    url_of(&name)
}

/// Drops `url`'s database, whoever is still connected to it.
pub fn drop_database(url: &str) {
    let name = url.rsplit('/').next().expect("a database name").to_owned();
    // Called from `Drop`, which cannot wait on the test's own runtime.
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let mut admin = admin().await;
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            admin
                .execute(sql.as_str())
                .await
                .expect("the test database drops");
        });
    })
    .join()
    .expect("the test database drops");
}

async fn seeded_template() -> String {
    let mut admin = admin().await;
    drop_leftovers(&mut admin).await;
    let name = format!("{PREFIX}{}_template", std::process::id());
    // The C collation sorts text by its bytes, as SQLite does.
    let create = format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
    admin
        .execute(create.as_str())
        .await
        .expect("the template is created");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = super::config(&url_of(&name), &dir);
    super::seed_on_its_own_runtime(config);
    // A template must have no one connected while it is copied.
    admin
        .execute(
            format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            )
            .as_str(),
        )
        .await
        .expect("the template's connections close");
    name
}

/// Drops the databases of test processes that have ended.
async fn drop_leftovers(admin: &mut PgConnection) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'huli\\_test\\_%'")
            .fetch_all(&mut *admin)
            .await
            .expect("the databases are listed");
    for name in names {
        let pid = (name.strip_prefix(PREFIX))
            .and_then(|rest| rest.split('_').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        let running = pid.is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists());
        if !running {
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            admin.execute(sql.as_str()).await.expect("a leftover drops");
        }
    }
}
