//! The PostgreSQL the server's tests run on: the one at `HULI_TEST_POSTGRES_URL` (by
//! default 127.0.0.1:5432, trust authentication) where one answers; otherwise a
//! throwaway cluster of our own, from Debian's `postgresql` package, in a temporary
//! folder, stopped and removed when the run ends.

use crate::Result;
use crate::bootstrap::apt_install_missing;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

// The server's tests start such clusters too (to restart one under running servers).
#[allow(dead_code, reason = "restarting is the server tests' use, not ours")]
#[path = "../../server/tests/common/cluster.rs"]
mod cluster;
use cluster::Cluster;

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A PostgreSQL server for the tests, and the cluster started for them, if any.
pub struct TestPostgres {
    pub url: String,
    _own: Option<Cluster>,
}

/// Finds the configured server, or starts one.
pub fn for_tests() -> Result<TestPostgres> {
    let url = std::env::var("HULI_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.into());
    if answers(&url) {
        return Ok(TestPostgres { url, _own: None });
    }
    println!("no PostgreSQL answers at {url}; starting a throwaway cluster for the tests");
    apt_install_missing(&[("postgresql", "/usr/lib/postgresql")])?;
    let own = Cluster::start()?;
    Ok(TestPostgres {
        url: own.url(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

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
        let cluster = Cluster::start().unwrap();
        let url = cluster.url();
        assert!(answers(&url));
        drop(cluster);
        assert!(!answers(&url));
    }
}
