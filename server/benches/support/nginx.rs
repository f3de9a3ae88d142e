//! nginx (Debian's, which `cargo xtask bench` installs) in the foreground on a free
//! loopback port, in a folder of its own.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Nginx {
    child: Child,
    pub base: String,
    _dir: tempfile::TempDir,
}

impl Nginx {
    /// Starts nginx with `site(port)` as the contents of its `http` block.
    pub fn start(site: impl FnOnce(u16) -> String) -> Nginx {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let prefix = dir.path().display();
        // Each live subscriber through a proxy holds two connections.
        let config = format!(
            "daemon off;\nworker_processes auto;\n\
             pid {prefix}/nginx.pid;\nerror_log stderr warn;\n\
             events {{ worker_connections 32768; }}\n\
             http {{\n access_log off;\n sendfile on;\n tcp_nopush on;\n keepalive_requests 1000000;\n\
             types {{ application/json json; text/html html; }}\n\
             client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;\n\
             fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;\n\
             {}\n}}\n",
            site(port)
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, config).expect("writing nginx.conf");
        let child = Command::new("nginx")
            .arg("-e")
            .arg("stderr")
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .spawn()
            .expect("nginx starts (cargo xtask bench installs it)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        }
    }

    /// A fast shutdown (SIGTERM): the master stops its workers too, which SIGKILL would
    /// leave running.
    pub fn stop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// The deployment's own configuration (`server/deploy/nginx.conf`, shown in the README)
/// in front of two instances at `upstreams` (`host:port`), listening on loopback `port`.
pub fn deployed_site(port: u16, upstreams: [&str; 2]) -> String {
    let deployed = include_str!("../../deploy/nginx.conf");
    let replaced = [
        ("listen 80;", format!("listen 127.0.0.1:{port};")),
        (
            "server 127.0.0.1:8081 ",
            format!("server {} ", upstreams[0]),
        ),
        (
            "server 127.0.0.1:8082 ",
            format!("server {} ", upstreams[1]),
        ),
    ];
    replaced
        .iter()
        .fold(deployed.to_owned(), |site, (from, to)| {
            assert_eq!(site.matches(from).count(), 1, "{from} in deploy/nginx.conf");
            site.replace(from, to)
        })
}
