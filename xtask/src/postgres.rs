//! The PostgreSQL the server's tests run on: the one at `HULI_TEST_POSTGRES_URL` (by
//! default 127.0.0.1:5432, trust authentication) where one answers; otherwise a
//! throwaway cluster of our own, from Debian's `postgresql` package, in a temporary
//! folder, stopped and removed when the run ends.

use crate::bootstrap::apt_install_missing;
use crate::{Result, output, status};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A PostgreSQL server for the tests, and the cluster started for them, if any.
pub struct TestPostgres {
    pub url: String,
    _own: Option<OwnCluster>,
}

/// Finds the configured server, or starts one.
pub fn for_tests() -> Result<TestPostgres> {
    let url = std::env::var("HULI_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.into());
    if answers(&url) {
        return Ok(TestPostgres { url, _own: None });
    }
    println!("no PostgreSQL answers at {url}; starting a throwaway cluster for the tests");
    let own = OwnCluster::start()?;
    Ok(TestPostgres {
        url: format!("postgres://postgres@127.0.0.1:{}/postgres", own.port),
        _own: Some(own),
    })
}

/// Whether something accepts connections at the host and port of `url`.
fn answers(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let after_user = after_scheme
        .rsplit_once('@')
        .map_or(after_scheme, |(_, rest)| rest);
    let host_port = after_user.split(['/', '?']).next().unwrap_or_default();
    let address = if host_port.contains(':') {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    let Some(address) = address
        .to_socket_addrs()
        .ok()
        .and_then(|mut all| all.next())
    else {
        return false;
    };
    TcpStream::connect_timeout(&address, Duration::from_secs(2)).is_ok()
}

struct OwnCluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl OwnCluster {
    fn start() -> Result<OwnCluster> {
        apt_install_missing(&[("postgresql", "/usr/lib/postgresql")])?;
        let bin = newest_bin_dir()?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("finding a free port: {e}"))?
            .port();
        let dir = std::env::temp_dir().join(format!("huli-test-postgres-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let cluster = OwnCluster { dir, bin, port };
        // PostgreSQL refuses to run as root: then its own `postgres` user runs it.
        if running_as_root() {
            status(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&cluster.dir),
            )?;
        }
        let data = cluster.dir.join("data");
        status(
            cluster
                .command("initdb")
                .args(["--username=postgres", "--auth=trust", "--encoding=UTF8"])
                .args(["--locale=C", "--no-sync", "--pgdata"])
                .arg(&data),
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            cluster.dir.display()
        );
        status(
            cluster
                .command("pg_ctl")
                .args(["--wait", "--pgdata"])
                .arg(&data)
                .arg("--log")
                .arg(cluster.dir.join("log"))
                .args(["--options", &options, "start"]),
        )?;
        Ok(cluster)
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

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = status(
            self.command("pg_ctl")
                .args(["--pgdata"])
                .arg(&data)
                .args(["--mode=immediate", "stop"]),
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn running_as_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// `/usr/lib/postgresql/<newest version>/bin`.
fn newest_bin_dir() -> Result<PathBuf> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_that_nothing_answers_is_told_apart() {
        let closed = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        assert!(!answers(&format!(
            "postgres://postgres@127.0.0.1:{closed}/postgres"
        )));
        let open = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = open.local_addr().unwrap().port();
        assert!(answers(&format!(
            "postgres://u:p@127.0.0.1:{port}/db?sslmode=disable"
        )));
    }

    /// The fallback itself: a cluster of our own starts, answers, and goes away.
    #[test]
    fn an_own_cluster_starts_answers_and_is_removed() {
        let cluster = OwnCluster::start().unwrap();
        let dir = cluster.dir.clone();
        assert!(answers(&format!(
            "postgres://postgres@127.0.0.1:{}/postgres",
            cluster.port
        )));
        drop(cluster);
        assert!(!dir.exists());
    }
}
