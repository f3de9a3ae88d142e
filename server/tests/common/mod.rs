//! Boots the real server (real SQLite file, real TCP socket on port 0) for a test.
// Each test binary includes this module and uses a different part of it.
#![allow(dead_code)]

pub mod built_app;

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
    pub client: reqwest::Client,
    /// The database file and built-app folder live here until the test ends.
    pub dir: TempDir,
    /// The server's clock: move it forward rather than editing times in the database.
    pub clock: Clock,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    /// A server on a fresh, seeded database, serving the web app from `dir/dist`.
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("a temporary folder");
        Self::start_in(dir).await
    }

    pub async fn start_in(dir: TempDir) -> TestServer {
        let config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            database_url: format!("sqlite://{}", dir.path().join("huli.sqlite3").display()),
            dist_dir: dir.path().join("dist"),
            seed: true,
            map_tiles: MapTiles::None,
            tianditu_key: None,
            log_format: LogFormat::Text,
            check_in_radius_m: huli_contract::DEFAULT_CHECK_IN_RADIUS_M,
            embed_sites: vec![SiteOrigin::parse(EMBEDDING_SITE).unwrap()],
            command: None,
        };
        let server = Server::start(&config).await.expect("the server starts");
        let base = format!("http://{}", server.local_addr());
        let clock = server.clock();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            server
                .serve(async {
                    let _ = stopped.await;
                })
                .await
                .expect("the server serves");
        });
        TestServer {
            base,
            client: reqwest::Client::new(),
            dir,
            clock,
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
        format!(
            "sqlite://{}",
            self.dir.path().join("huli.sqlite3").display()
        )
    }

    /// The same database file the server uses, for arranging what the API cannot yet
    /// (shifts, trainings: the staff console's work) and for checking what was stored.
    pub async fn db(&self) -> sqlx::SqlitePool {
        let options: sqlx::sqlite::SqliteConnectOptions = self.database_url().parse().unwrap();
        sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.busy_timeout(std::time::Duration::from_secs(10)))
            .await
            .expect("the test database opens")
    }

    /// Where the server looks for the built web app.
    pub fn dist(&self) -> PathBuf {
        self.dir.path().join("dist")
    }
}
