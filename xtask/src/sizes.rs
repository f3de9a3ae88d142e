//! `cargo xtask bench`: what the first load of the app costs a phone, file by file, as
//! the server sends it (the precompressed copies), and in total.

use crate::Result;
use std::path::Path;

pub fn report(dist: &Path) -> Result {
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    let mut files = vec!["index.html".to_owned()];
    files.extend(referenced_files(&index));
    println!("first load of / (release build, as served from dist/)");
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let mut totals = [0u64; 3];
    for file in &files {
        let sizes = [
            size(&dist.join(file))?,
            size(&dist.join(format!("{file}.gz")))?,
            size(&dist.join(format!("{file}.br")))?,
        ];
        for (total, size) in totals.iter_mut().zip(sizes) {
            *total += size;
        }
        println!(
            "{file:<44} {:>10} {:>10} {:>10}",
            kb(sizes[0]),
            kb(sizes[1]),
            kb(sizes[2])
        );
    }
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "total",
        kb(totals[0]),
        kb(totals[1]),
        kb(totals[2])
    );
    Ok(())
}

/// Root-relative `href`/`src` targets in the built `index.html`: what the browser
/// fetches before the app can start.
fn referenced_files(html: &str) -> Vec<String> {
    let mut files = Vec::new();
    for attribute in ["href=", "src=", "module_or_path: '", "from '"] {
        for (position, _) in html.match_indices(attribute) {
            let rest = html[position + attribute.len()..].trim_start_matches(['"', '\'']);
            let end = rest.find(['"', '\'', ' ', '>']).unwrap_or(rest.len());
            if let Some(file) = rest[..end].strip_prefix('/')
                && !file.is_empty()
                && !files.iter().any(|known| known == file)
            {
                files.push(file.to_owned());
            }
        }
    }
    files
}

fn size(path: &Path) -> Result<u64> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}
