//! The browser app's release build: Trunk, then a brotli and a gzip copy of each file
//! for the server to send as they are (compressing a 600 KB wasm per request at
//! brotli's best level would take far too long).

use crate::bootstrap::{modified, tool_path};
use crate::{Result, status};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

/// What the app build reads; if none changed since the last build, it is skipped.
const INPUTS: [&str; 16] = [
    "src",
    "embed/src",
    "embed/index.html",
    "style",
    "public",
    "locales",
    "index.html",
    "volunteer.html",
    "staff.html",
    "widgets.html",
    "Trunk.toml",
    "build.rs",
    "Cargo.toml",
    "Cargo.lock",
    "contract/src",
    "contract/Cargo.toml",
];
const COMPRESSIBLE: [&str; 7] = ["html", "js", "wasm", "css", "svg", "json", "geojson"];

pub fn app(root: &Path) -> Result {
    let dist = root.join("dist");
    let stamp = root.join("target/xtask/app-build.stamp");
    let newest_input = INPUTS
        .iter()
        .map(|input| newest(&root.join(input)))
        .max()
        .unwrap_or(SystemTime::now());
    let built = [
        "index.html",
        "volunteer/index.html",
        "staff/index.html",
        "widgets/index.html",
        "counter/index.html",
    ]
    .iter()
    .all(|page| dist.join(page).is_file());
    if built && modified(&stamp) > newest_input {
        eprintln!("xtask: the app build in dist/ is up to date");
        return Ok(());
    }
    // The stamp carries the time the build began: a source saved while it ran is newer,
    // so the next run builds again.
    let started = SystemTime::now();
    // The residents' build first: Trunk replaces its whole dist folder, the others
    // included. Each other build has its own URL prefix, so nobody downloads another's
    // code: the volunteers' pages, the staff console (the `staff-console` feature), the
    // embedded map and sign-up (`embed-widgets`). The embeddable counter is a small crate
    // of its own, so district pages never download the app for one figure.
    let builds: [&[&str]; 5] = [
        &["build", "--release"],
        &[
            "build",
            "volunteer.html",
            "--release",
            "--dist",
            "dist/volunteer",
            "--public-url",
            "/volunteer-app/",
        ],
        &[
            "build",
            "staff.html",
            "--release",
            "--dist",
            "dist/staff",
            "--public-url",
            "/staff-app/",
        ],
        &[
            "build",
            "widgets.html",
            "--release",
            "--dist",
            "dist/widgets",
            "--public-url",
            "/widgets-app/",
        ],
        &[
            "build",
            "embed/index.html",
            "--release",
            "--dist",
            "dist/counter",
            "--public-url",
            "/counter-app/",
        ],
    ];
    // Trunk runs cargo offline (it must never download tools), so the crates only the
    // browser's target uses are fetched first, exactly as Cargo.lock pins them: a new
    // machine has none of them.
    status(
        Command::new("cargo")
            .args(["fetch", "--locked", "--target", "wasm32-unknown-unknown"])
            .current_dir(root),
    )?;
    for args in builds {
        // Trunk keeps wasm-bindgen's output of every build in one folder and ships all
        // the JS snippets it finds there: the counter would download the app's.
        let snippets = root.join("target/wasm-bindgen/release/snippets");
        if snippets.is_dir() {
            std::fs::remove_dir_all(&snippets)
                .map_err(|e| format!("clearing {}: {e}", snippets.display()))?;
        }
        let mut trunk = Command::new("trunk");
        trunk
            .args(args)
            .current_dir(root)
            .env("PATH", tool_path(root));
        status(&mut trunk)?;
    }
    precompress(&dist)?;
    std::fs::create_dir_all(root.join("target/xtask")).map_err(|e| e.to_string())?;
    let written = std::fs::File::create(&stamp).and_then(|file| file.set_modified(started));
    written.map_err(|e| format!("writing {}: {e}", stamp.display()))
}

/// The newest modification time of a file or of anything in a folder.
fn newest(path: &Path) -> SystemTime {
    let own = modified(path);
    match std::fs::read_dir(path) {
        Ok(entries) => entries
            .flatten()
            .map(|entry| newest(&entry.path()))
            .fold(own, SystemTime::max),
        Err(_) => own,
    }
}

fn precompress(dir: &Path) -> Result {
    for entry in std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| COMPRESSIBLE.contains(&ext));
        if !compressible {
            continue;
        }
        let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        write_beside(&path, "br", &brotli_bytes(&raw))?;
        write_beside(&path, "gz", &gzip_bytes(&raw))?;
    }
    Ok(())
}

pub fn brotli_bytes(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)
        .expect("compressing in memory cannot fail");
    out
}

pub fn gzip_bytes(raw: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(raw)
        .expect("compressing in memory cannot fail");
    encoder.finish().expect("compressing in memory cannot fail")
}

fn write_beside(path: &Path, extension: &str, bytes: &[u8]) -> Result {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    std::fs::write(&name, bytes).map_err(|e| format!("writing {}: {e}", Path::new(&name).display()))
}
