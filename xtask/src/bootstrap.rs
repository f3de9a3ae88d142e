//! Installs what the build and the tests need, only where it is missing, and only from
//! the package registries: rustup's wasm target, crates.io (Trunk, wasm-bindgen-cli),
//! npm (wasm-opt from binaryen, Leaflet, Playwright) and Debian (Chromium, CJK fonts;
//! nginx and wrk for the benches).

use crate::{Result, output, status};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Trunk 0.22 needs a newer rustc than these machines have.
const TRUNK_VERSION: &str = "0.21.14";

/// PATH with npm's binaries (wasm-opt) and cargo's installed binaries in front.
pub fn tool_path(root: &Path) -> OsString {
    let mut dirs = vec![root.join("node_modules/.bin"), cargo_bin_dir()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

fn tool(root: &Path, program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", tool_path(root)).current_dir(root);
    command
}

/// Everything `trunk build` needs.
pub fn app_tools(root: &Path) -> Result {
    let targets =
        output(tool(root, "rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|line| line.trim() == WASM_TARGET) {
        status(tool(root, "rustup").args(["target", "add", WASM_TARGET]))?;
    }

    let trunk = output(tool(root, "trunk").arg("--version")).unwrap_or_default();
    if trunk.trim() != format!("trunk {TRUNK_VERSION}") {
        status(tool(root, "cargo").args([
            "install",
            "--locked",
            &format!("trunk@{TRUNK_VERSION}"),
        ]))?;
    }

    // wasm-bindgen's CLI must be exactly the library's version in Cargo.lock. Its own
    // lock file names a crate the registry no longer serves, hence no --locked.
    let wanted = locked_version(root, "wasm-bindgen")?;
    let installed = output(tool(root, "wasm-bindgen").arg("--version")).unwrap_or_default();
    if installed.trim() != format!("wasm-bindgen {wanted}") {
        status(tool(root, "cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &format!("={wanted}"),
        ]))?;
    }

    if output(tool(root, "npm").arg("--version")).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    // npm writes this file after every successful install; it is older than the lock
    // file only when the lock changed since.
    let installed_marker = root.join("node_modules/.package-lock.json");
    if modified(&installed_marker) < modified(&root.join("package-lock.json")) {
        status(tool(root, "npm").args(["ci", "--no-audit", "--no-fund"]))?;
    }
    Ok(())
}

/// Debian's Chromium, which Playwright drives for the browser tests, and the fonts it
/// renders with: Noto Sans CJK, as a Chinese phone has. The tests show Chromium these
/// fonts alone, so layouts measure the same on every machine.
pub fn browser(_root: &Path) -> Result {
    apt_install_missing(&[
        ("chromium", "/usr/bin/chromium"),
        (
            "fonts-noto-cjk",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        ),
    ])
}

/// Where the API fuzzer's pinned requirements are, and the virtual environment they go in.
const FUZZER_REQUIREMENTS: &str = "server/tests/signup/api_contract/requirements.txt";
const FUZZER_VENV: &str = "target/schemathesis";

/// Schemathesis, which the server tests run against the OpenAPI document, and the
/// `icalendar` parser the calendar tests read feeds with, in a virtual environment of
/// their own with every package pinned; its `st` program (`python` is beside it).
pub fn api_fuzzer(root: &Path) -> Result<PathBuf> {
    let venv = root.join(FUZZER_VENV);
    let st = venv.join("bin/st");
    let requirements = root.join(FUZZER_REQUIREMENTS);
    // A copy of the requirements, made once pip has installed them all.
    let installed = venv.join("installed-requirements.txt");
    if st.exists() && modified(&installed) >= modified(&requirements) {
        return Ok(st);
    }
    let created = status(
        Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(&venv),
    );
    if created.is_err() {
        // Debian's Python keeps `venv` in a package of its own.
        apt_install(&["python3-venv"])?;
        status(
            Command::new("python3")
                .args(["-m", "venv", "--clear"])
                .arg(&venv),
        )?;
    }
    status(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
    )?;
    std::fs::copy(&requirements, &installed)
        .map_err(|e| format!("noting the fuzzer's install: {e}"))?;
    Ok(st)
}

/// The load benches' tools: wrk, and nginx as the bar a static file server sets.
pub fn load_tools() -> Result {
    apt_install_missing(&[("nginx", "/usr/sbin/nginx"), ("wrk", "/usr/bin/wrk")])
}

/// Installs each Debian package whose file is not on this machine.
pub fn apt_install_missing(wanted: &[(&str, &str)]) -> Result {
    let missing: Vec<&str> = (wanted.iter())
        .filter(|(_, installed)| !Path::new(installed).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    apt_install(&missing)
}

fn apt_install(packages: &[&str]) -> Result {
    let as_root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !as_root {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        status(&mut command)
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend_from_slice(packages);
    apt(&install)
}

/// The version of `package` that Cargo.lock pins.
fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let header = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == header
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_owned());
        }
    }
    Err(format!("Cargo.lock has no {package}"))
}

/// A file's modification time; a missing file is older than everything.
pub fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .unwrap_or(std::time::SystemTime::UNIX_EPOCH)
}
