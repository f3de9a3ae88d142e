//! Boots the real server (real database, real TCP socket on port 0) for a test.
//!
//! The database is a fresh SQLite file, or with `HULI_TEST_DATABASE=postgres` a fresh
//! PostgreSQL database (see [`sqlite`] and [`postgres`]), each a copy of the sample
//! programme seeded once per test binary: `cargo xtask test` runs the server's tests
//! once with each.
// Each test binary includes this module and uses a different part of it.
#![allow(dead_code)]

pub mod built_app;
pub mod cluster;
pub mod postgres;
pub mod sqlite;

use huli_contract::embed::SiteOrigin;
use huli_server::Server;
use huli_server::clock::Clock;
use huli_server::config::{Config, LogFormat, MapTiles};

/// The one site every test server lets frame its widgets.
pub const EMBEDDING_SITE: &str = "https://district.example";
use std::path::PathBuf;
use tempfile::TempDir;
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    database_url: String,
    /// Drops a PostgreSQL database when the test ends, unless the server was stopped to
    /// be started again on it.
    database: DatabaseGuard,
    pub client: reqwest::Client,
    /// The database file and built-app folder live here until the test ends.
    pub dir: TempDir,
    /// The server's clock: move it forward rather than editing times in the database.
    pub clock: Clock,
    /// The staff session the tests arrange the programme with, once made.
    pub arranger: tokio::sync::Mutex<Option<KeptSession>>,
    /// What this test changed in the configuration; kept across restarts.
    configure: fn(&mut Config),
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    /// A server on a fresh, seeded database, serving the web app from `dir/dist`.
    pub async fn start() -> TestServer {
        let dir = test_dir();
        Self::start_in(dir).await
    }

    /// A server on the database of `dir`: the one a stopped server used there, or a
    /// fresh one.
    pub async fn start_in(dir: TempDir) -> TestServer {
        Self::start_in_at(dir, Clock::default()).await
    }

    /// A server on a fresh, seeded database, configured as the test server is and then
    /// by `configure` (per-client limits on, a short timeout, trusted proxies).
    pub async fn start_with(configure: fn(&mut Config)) -> TestServer {
        let dir = test_dir();
        Self::start_configured(dir, Clock::default(), configure).await
    }

    /// Stops the server and starts it again on the same database, at the time its clock
    /// had reached.
    pub async fn restart(self) -> TestServer {
        let (clock, configure) = (self.clock.clone(), self.configure);
        Self::start_configured(self.stop().await, clock, configure).await
    }

    async fn start_in_at(dir: TempDir, clock: Clock) -> TestServer {
        Self::start_configured(dir, clock, |_| {}).await
    }

    async fn start_configured(
        dir: TempDir,
        clock: Clock,
        configure: fn(&mut Config),
    ) -> TestServer {
        // The server's log, shown with a failing test's output.
        let _ = tracing_subscriber::fmt().with_test_writer().try_init();
        let database_url = database_of(&dir).await;
        let mut config = config(&database_url, &dir);
        configure(&mut config);
        let server = Server::start_at(&config, clock)
            .await
            .expect("the server starts");
        let base = format!("http://{}", server.local_addr());
        let clock = server.clock();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            server
                .serve(async {
                    let _ = stopped.await;
                })
                .await;
        });
        TestServer {
            base,
            client: reqwest::Client::new(),
            database: DatabaseGuard(
                (database_url.starts_with("postgres:")).then(|| database_url.clone()),
            ),
            database_url,
            dir,
            clock,
            arranger: Default::default(),
            configure,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the server answers")
    }

    /// GET with one request header set (a language, an encoding, a validator).
    pub async fn get_with(&self, path: &str, header: &str, value: &str) -> reqwest::Response {
        let request = self.client.get(self.url(path)).header(header, value);
        request.send().await.expect("the server answers")
    }

    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.expect("a JSON body")
    }

    /// Stops serving (gracefully) and hands back the folder, for a restart on the same database.
    pub async fn stop(mut self) -> TempDir {
        self.database.0 = None;
        let _ = self.stop.take().expect("running").send(());
        self.task
            .take()
            .expect("running")
            .await
            .expect("the server task ends cleanly");
        self.dir
    }

    /// POST JSON as a volunteer (`key`, if any) under an idempotency key.
    pub async fn post(
        &self,
        path: &str,
        key: Option<&str>,
        idempotency_key: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url(path))
            .header("Idempotency-Key", idempotency_key)
            .json(body);
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        request.send().await.expect("the server answers")
    }

    /// GET as a volunteer.
    pub async fn get_as(&self, path: &str, key: &str) -> reqwest::Response {
        let request = self.client.get(self.url(path)).bearer_auth(key);
        request.send().await.expect("the server answers")
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone()
    }

    /// The same database the server uses, for arranging what the API cannot yet
    /// (shifts, trainings: the staff console's work) and for checking what was stored.
    /// Statements are written once for both databases, with `$1`-style placeholders.
    pub async fn db(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        let mut options = sqlx::any::AnyPoolOptions::new().max_connections(1);
        if self.database_url.starts_with("sqlite:") {
            options = options.after_connect(|connection, _| {
                Box::pin(async move {
                    sqlx::Executor::execute(connection, "PRAGMA busy_timeout = 10000")
                        .await
                        .map(|_| ())
                })
            });
        }
        (options.connect(&self.database_url).await).expect("the test database opens")
    }

    /// Where the server looks for the built web app.
    pub fn dist(&self) -> PathBuf {
        self.dir.path().join("dist")
    }
}

/// A signed-in staff session kept for reuse, and when it was last used (by the server's
/// clock: a session idle for 30 minutes ends).
#[derive(Clone)]
pub struct KeptSession {
    pub cookie: String,
    pub csrf: String,
    pub signed_in_at: chrono::DateTime<chrono::Utc>,
    pub last_used: chrono::DateTime<chrono::Utc>,
}

/// A folder for a test server's database and files: in memory where the machine has
/// `/dev/shm`. The server syncs every commit to disk (`synchronous = FULL`), which tests
/// of behaviour need not wait for: on disk the suite takes three times as long.
pub fn test_dir() -> TempDir {
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    };
    dir.expect("a temporary folder")
}

/// A test server's configuration: any free port, a seeded database, the web app from
/// `dir/dist`.
pub fn config(database_url: &str, dir: &TempDir) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: database_url.to_owned(),
        dist_dir: dir.path().join("dist"),
        seed: true,
        map_tiles: MapTiles::None,
        tianditu_key: None,
        log_format: LogFormat::Text,
        check_in_radius_m: huli_contract::DEFAULT_CHECK_IN_RADIUS_M,
        embed_sites: vec![SiteOrigin::parse(EMBEDDING_SITE).unwrap()],
        trusted_proxies: Vec::new(),
        // Every test client is 127.0.0.1; the tests of the limits turn them on.
        rate_limits: false,
        max_connections: 1024,
        max_live_subscribers: 1024,
        header_timeout_secs: 10,
        retention_years: 3,
        command: None,
    }
}

/// Starts a server on `config`'s database, which seeds it, and stops it again: on a
/// runtime of its own, which ends with every task the server started (the live
/// counters, the minute's job, a listener), so nothing stays connected to the database.
pub fn seed_on_its_own_runtime(config: Config) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            Server::start(&config)
                .await
                .expect("the database is seeded");
        });
    })
    .join()
    .expect("the database is seeded");
}

/// Two servers on one fresh PostgreSQL database, as behind a load balancer, whichever
/// database the other tests use.
pub async fn two_servers_on_postgres() -> (TestServer, TestServer) {
    let url = postgres::fresh_database().await;
    let dirs = [test_dir(), test_dir()];
    for dir in &dirs {
        let record = dir.path().join("postgres-database-url");
        std::fs::write(record, &url).expect("the database's name is recorded");
    }
    let [first, second] = dirs;
    // Their clocks agree, as servers' clocks do.
    let clock = Clock::default();
    let first = TestServer::start_in_at(first, clock.clone()).await;
    let mut second = TestServer::start_in_at(second, clock).await;
    // The first drops the database; the second only uses it.
    second.database.0 = None;
    (first, second)
}

struct DatabaseGuard(Option<String>);

impl Drop for DatabaseGuard {
    fn drop(&mut self) {
        if let Some(url) = self.0.take() {
            postgres::drop_database(&url);
        }
    }
}

/// The database a server in `dir` uses: SQLite's file in it, or the PostgreSQL database
/// named in it, made (a copy of the seeded one) on first use.
async fn database_of(dir: &TempDir) -> String {
    let record = dir.path().join("postgres-database-url");
    if let Ok(url) = std::fs::read_to_string(&record) {
        return url;
    }
    if !postgres::chosen() {
        let file = dir.path().join("huli.sqlite3");
        if !file.exists() {
            sqlite::copy_seeded(&file).await;
        }
        return format!("sqlite://{}", file.display());
    }
    let url = postgres::fresh_database().await;
    std::fs::write(&record, &url).expect("the database's name is recorded");
    url
}
