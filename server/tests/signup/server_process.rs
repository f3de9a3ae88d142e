//! `huli-server` as its own process, as deployed: for the tests that stop it the hard
//! way or take its database away under it.

use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// `huli-server` running as its own process.
pub struct ServerProcess {
    pub base: String,
    child: Child,
    /// Its (empty) web-app folder and its log.
    dir: TempDir,
}

impl ServerProcess {
    /// Starts the binary on `database_url` and waits until it answers.
    pub async fn start(database_url: &str, seed: bool) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let log = std::fs::File::create(dir.path().join("log")).expect("a log file");
        let child = Command::new(env!("CARGO_BIN_EXE_huli-server"))
            .env("DATABASE_URL", database_url)
            .env("HULI_LISTEN", format!("127.0.0.1:{port}"))
            .env("HULI_DIST_DIR", dir.path().join("dist"))
            .env("HULI_SEED", seed.to_string())
            // Every test client is 127.0.0.1: the per-client limits would stop the
            // tests' own traffic, not what they test.
            .env("HULI_RATE_LIMITS", "false")
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(log.try_clone().expect("the log file"))
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let mut server = ServerProcess {
            base: format!("http://127.0.0.1:{port}"),
            child,
            dir,
        };
        // Seeding the sample programme takes a few seconds.
        for _ in 0..1200 {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the server exited ({status}):\n{}", server.log());
            }
            let answer = reqwest::get(format!("{}/api/stats", server.base)).await;
            if answer.is_ok_and(|answer| answer.status() == 200) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "the server did not answer within 2 minutes:\n{}",
            server.log()
        );
    }

    /// SIGKILL: no graceful shutdown, as when the machine fails.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
