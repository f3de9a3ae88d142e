//! What the benches share: the real server binary on a fresh, seeded SQLite file.
// Each bench includes this module and uses a different part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The server under test, stopped when the bench is done with it.
pub struct Server {
    pub child: Child,
    pub base: String,
    _dir: tempfile::TempDir,
    pub database: std::path::PathBuf,
}

pub fn start_server() -> Server {
    let bin = std::env::var("HULI_SERVER_BIN").expect("run through `cargo xtask bench`");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let database = dir.path().join("huli.sqlite3");
    let mut child = Command::new(bin)
        .args(["--listen", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}", database.display()))
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
        database,
    }
}

impl Server {
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
