//! Public reads against the bar of a static file server: the release server on a fresh,
//! seeded SQLite file, and nginx (Debian's) on loopback serving the very bytes the server
//! answered, from files. wrk (2 threads, 64 connections) loads each path of each in
//! turn; the server should reach at least 0.8 times nginx's rate.
//!
//! Run it with `cargo xtask bench`, which installs nginx and wrk, builds the server and
//! the app, and sets `HULI_SERVER_BIN` and `HULI_DIST_DIR`.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::nginx::Nginx;

/// Each public path, and the file nginx serves its bytes from.
const PATHS: [(&str, &str); 5] = [
    ("/api/points", "points.json"),
    ("/api/points/1", "point-1.json"),
    ("/api/stats", "stats.json"),
    ("/", "index.html"),
    ("/points/1", "point-1.html"),
];
const WRK_SECONDS: u32 = 10;
const TARGET: f64 = 0.8;

/// What wrk measured.
struct Load {
    per_second: f64,
    p99: Duration,
}

#[tokio::main]
async fn main() {
    let mut server = support::start_server();
    let files = tempfile::tempdir().expect("a temporary folder");
    // nginx's workers drop root's rights: they must be able to read the files.
    std::fs::set_permissions(files.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let client = reqwest::Client::new();
    for (path, file) in PATHS {
        let response = (client.get(format!("{}{path}", server.base)).send().await)
            .and_then(reqwest::Response::error_for_status)
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let body = response.bytes().await.expect("the body");
        std::fs::write(files.path().join(file), &body).expect("writing the file");
    }
    let mut nginx = nginx_serving(files.path());

    println!(
        "\npublic reads: wrk -t2 -c64 -d{WRK_SECONDS}s over loopback, no compression asked; \
         nginx serves the same bytes from files"
    );
    println!(
        "{:<16}{:>14}{:>11}{:>14}{:>11}{:>9}  at least {TARGET}×",
        "path", "nginx req/s", "p99", "ours req/s", "p99", "ratio"
    );
    let mut short = Vec::new();
    for (path, _) in PATHS {
        let theirs = wrk(&format!("{}{path}", nginx.base));
        let ours = wrk(&format!("{}{path}", server.base));
        let ratio = ours.per_second / theirs.per_second;
        println!(
            "{path:<16}{:>14.0}{:>11}{:>14.0}{:>11}{:>9.2}  {}",
            theirs.per_second,
            shown(theirs.p99),
            ours.per_second,
            shown(ours.p99),
            ratio,
            if ratio >= TARGET { "yes" } else { "no" }
        );
        if ratio < TARGET {
            short.push(path);
        }
    }
    if !short.is_empty() {
        println!("below {TARGET}× nginx: {}", short.join(", "));
    }
    nginx.stop();
    server.stop();
}

fn shown(latency: Duration) -> String {
    format!("{:.2} ms", latency.as_secs_f64() * 1000.0)
}

/// nginx serving `files` at our paths.
fn nginx_serving(files: &Path) -> Nginx {
    let locations: String = PATHS
        .iter()
        .map(|(path, file)| format!("  location = {path} {{ try_files /{file} =404; }}\n"))
        .collect();
    Nginx::start(|port| {
        format!(
            "server {{\n  listen 127.0.0.1:{port};\n  root {};\n{locations} }}",
            files.display()
        )
    })
}

/// Loads `url` with wrk and reads its requests per second and 99th percentile.
fn wrk(url: &str) -> Load {
    let output = Command::new("wrk")
        .args([
            "-t2",
            "-c64",
            &format!("-d{WRK_SECONDS}s"),
            "--latency",
            url,
        ])
        .output()
        .expect("wrk runs (cargo xtask bench installs it)");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        !report.contains("Non-2xx"),
        "{url} answered errors:\n{report}"
    );
    let value_after = |label: &str| {
        (report.lines())
            .find_map(|line| line.trim().strip_prefix(label).map(str::trim))
            .unwrap_or_else(|| panic!("wrk printed no {label}:\n{report}"))
            .to_owned()
    };
    Load {
        per_second: value_after("Requests/sec:").parse().expect("a rate"),
        p99: duration(&value_after("99%")),
    }
}

/// wrk's durations: `850.00us`, `1.25ms`, `2.01s`.
fn duration(text: &str) -> Duration {
    let (number, scale) = [("us", 1e-6), ("ms", 1e-3), ("s", 1.0)]
        .iter()
        .find_map(|(unit, scale)| text.strip_suffix(unit).map(|n| (n, *scale)))
        .unwrap_or_else(|| panic!("a duration: {text}"));
    Duration::from_secs_f64(number.parse::<f64>().expect("a number") * scale)
}
