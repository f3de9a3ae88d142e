//! The task runner. The README's two commands are `cargo xtask run` and
//! `cargo xtask test`; both first install whatever this machine is missing (and nothing
//! it already has), then do their job.

mod bootstrap;
mod build;
mod postgres;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <task> [args]

  run [server args]  build the app (release) and start the server at http://127.0.0.1:8080
                     on an SQLite file in var/, created and seeded on first start
  test               formatting, lints, unit, server and browser tests
  bench              what the map page's first load transfers, file by file (real server,
                     release build, headless Chromium), and a return visit; what a district
                     page embedding the counter or the map downloads from us; Lighthouse
                     (mobile) on the residents' pages; public reads under wrk, beside nginx
                     serving the same bytes from files; the sign-up rush: 20,000 sign-ups
                     on 100 shifts against the release server; a flood of 20,000 hostile
                     requests while volunteers sign up; then 10,000 live-counter
                     subscribers timed through three check-ins
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let result = match task.as_str() {
        "run" => run(&rest),
        "test" => test(),
        "bench" => bench(),
        _ => {
            eprint!("{USAGE}");
            return if task == "help" || task == "--help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

fn run(server_args: &[String]) -> Result {
    let root = workspace_root();
    bootstrap::app_tools(&root)?;
    build::app(&root)?;
    cargo(&root, &["build", "--release", "--package", "huli-server"])?;
    eprintln!("xtask: starting the server (Ctrl-C stops it)");
    let mut server = Command::new(root.join("target/release/huli-server"));
    // The sample programme, unless the command line says otherwise.
    let seed_given = server_args.iter().any(|arg| arg.starts_with("--seed"));
    server.args(server_args).current_dir(&root);
    if !seed_given {
        server.arg("--seed");
    }
    status(&mut server)
}

fn test() -> Result {
    let root = workspace_root();
    bootstrap::app_tools(&root)?;
    bootstrap::browser(&root)?;
    let api_fuzzer = bootstrap::api_fuzzer(&root)?;
    cargo(&root, &["fmt", "--all", "--", "--check"])?;
    cargo(
        &root,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // Every build of the app for the browser: the residents' and the volunteers' (which
    // take over the server's first screen), the staff console, the embedded widgets.
    // (The workspace's lint above covers the server's rendering.)
    for features in ["hydrate", "csr,staff-console", "csr,embed-widgets"] {
        cargo(
            &root,
            &[
                "clippy",
                "--package",
                "huli-app",
                "--target",
                "wasm32-unknown-unknown",
                "--features",
                features,
                "--",
                "-D",
                "warnings",
            ],
        )?;
    }
    // The embeddable counter's own build.
    cargo(
        &root,
        &[
            "clippy",
            "--package",
            "huli-embed",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // Every test, the server's on SQLite; then the server's again on PostgreSQL, a
    // throwaway database per test server. Both runs need PostgreSQL (two servers on one
    // database are tested in each): the local one (`HULI_TEST_POSTGRES_URL`, by default
    // 127.0.0.1:5432), or a cluster of our own where none answers.
    let postgres = postgres::for_tests()?;
    // The second run selects the same packages as the first, so it reuses the first's
    // build: selecting the server alone unifies features differently and builds the whole
    // dependency tree a second time (disk and half an hour).
    let runs: [(&[&str], &str); 2] = [
        (&["test", "--workspace"], "sqlite"),
        (&["test", "--workspace", "--tests"], "postgres"),
    ];
    for (args, database) in runs {
        let mut run = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        run.args(args)
            .current_dir(&root)
            .env("PATH", bootstrap::tool_path(&root))
            .env("HULI_TEST_DATABASE", database)
            .env("HULI_TEST_POSTGRES_URL", &postgres.url)
            .env("HULI_SCHEMATHESIS", &api_fuzzer)
            // The same environment's Python, with `icalendar`: the calendar tests parse
            // what the server writes with a real calendar parser.
            .env("HULI_TEST_PYTHON", api_fuzzer.with_file_name("python"));
        status(&mut run)?;
    }
    drop(postgres);
    // The browser tests drive the real release build through the real server.
    build::app(&root)?;
    cargo(&root, &["build", "--package", "huli-server"])?;
    let mut browser = Command::new("npm");
    browser.args(["run", "--silent", "test:browser"]);
    with_server_env(&root, &mut browser);
    status(&mut browser)
}

fn bench() -> Result {
    let root = workspace_root();
    bootstrap::app_tools(&root)?;
    bootstrap::browser(&root)?;
    build::app(&root)?;
    // Everything is measured on the optimised server, as it runs in production.
    cargo(&root, &["build", "--release", "--package", "huli-server"])?;
    let server = root.join("target/release/huli-server");
    for page_bench in ["first-load.mjs", "embedded-widgets.mjs", "lighthouse.mjs"] {
        let mut load = Command::new("node");
        load.arg(format!("tests/browser/bench/{page_bench}"));
        with_server_env(&root, &mut load);
        load.env("HULI_SERVER_BIN", &server);
        status(&mut load)?;
    }
    bootstrap::load_tools()?;
    let postgres = postgres::for_tests()?;
    // The sign-up rush on each backend, one after the other; a flood of hostile
    // requests during sign-ups; the live fan-out on one server, then on two behind nginx.
    let runs = [
        ("public_reads", "sqlite"),
        ("signup_rush", "sqlite"),
        ("signup_rush", "postgres"),
        ("flood", "sqlite"),
        ("live_fanout", "sqlite"),
        ("live_fanout", "postgres"),
    ];
    for (bench, database) in runs {
        let mut run = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        run.args(["bench", "--package", "huli-server", "--bench", bench])
            .current_dir(&root)
            .env("HULI_SERVER_BIN", &server)
            .env("HULI_DIST_DIR", root.join("dist"))
            .env("HULI_BENCH_DATABASE", database)
            .env("HULI_TEST_POSTGRES_URL", &postgres.url);
        status(&mut run)?;
    }
    Ok(())
}

/// Where the browser tests and benches find the server binary and the built app.
fn with_server_env(root: &Path, command: &mut Command) {
    command
        .current_dir(root)
        .env("HULI_SERVER_BIN", root.join("target/debug/huli-server"))
        .env("HULI_DIST_DIR", root.join("dist"))
        .env("PATH", bootstrap::tool_path(root));
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_owned()
}

/// Runs cargo with the bootstrapped tools on PATH.
fn cargo(root: &Path, args: &[&str]) -> Result {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(args)
        .current_dir(root)
        .env("PATH", bootstrap::tool_path(root));
    status(&mut command)
}

/// Runs a command to completion; a non-zero exit is an error naming the command.
fn status(command: &mut Command) -> Result {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
fn output(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
