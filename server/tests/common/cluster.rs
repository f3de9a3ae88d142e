//! A PostgreSQL cluster of our own in a temporary folder, run with the machine's
//! PostgreSQL programs (Debian's `postgresql` package): for a test that restarts its
//! database under running servers, and for `cargo xtask test` on a machine where no
//! PostgreSQL answers (the task runner includes this file). Only the standard library,
//! so both can.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster; dropping it stops it and removes its folder.
pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    pub port: u16,
}

impl Cluster {
    /// Initialises and starts a cluster on a free port: trust authentication, C locale,
    /// no fsync (it is thrown away).
    pub fn start() -> Result<Cluster, String> {
        let bin = newest_bin_dir()?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("finding a free port: {e}"))?
            .port();
        let dir = std::env::temp_dir().join(format!("huli-postgres-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let cluster = Cluster { dir, bin, port };
        // PostgreSQL refuses to run as root: then its own `postgres` user runs it.
        if running_as_root() {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&cluster.dir))?;
        }
        run(cluster
            .command("initdb")
            .args(["--username=postgres", "--auth=trust", "--encoding=UTF8"])
            .args(["--locale=C", "--no-sync", "--pgdata"])
            .arg(cluster.data()))?;
        cluster.start_server()?;
        Ok(cluster)
    }

    /// The URL of its `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server at once, as a crash or a failover would, and starts it again;
    /// returns once it accepts connections.
    pub fn restart(&self) -> Result<(), String> {
        self.stop()?;
        self.start_server()
    }

    fn start_server(&self) -> Result<(), String> {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.display()
        );
        run(self
            .command("pg_ctl")
            .args(["--wait", "--pgdata"])
            .arg(self.data())
            .arg("--log")
            .arg(self.dir.join("log"))
            .args(["--options", &options, "start"]))
    }

    fn stop(&self) -> Result<(), String> {
        run(self
            .command("pg_ctl")
            .args(["--wait", "--pgdata"])
            .arg(self.data())
            .args(["--mode=immediate", "stop"]))
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// One of PostgreSQL's programs, run as a user it accepts.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if running_as_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let output = (command.output()).map_err(|e| format!("{shown} could not start: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{shown} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    ))
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

/// `/usr/lib/postgresql/<newest version>/bin`.
fn newest_bin_dir() -> Result<PathBuf, String> {
    let root = Path::new("/usr/lib/postgresql");
    let entries =
        std::fs::read_dir(root).map_err(|e| format!("reading {}: {e}", root.display()))?;
    let newest = (entries.filter_map(|entry| entry.ok()))
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .max_by_key(|(version, _)| *version);
    newest
        .map(|(_, bin)| bin)
        .ok_or_else(|| format!("no PostgreSQL under {}", root.display()))
}
