//! The counter writes its few words itself, in the browser. For a reader of Traditional
//! characters it writes them from a table made here, with the converter the server uses
//! (`huli_contract::traditional`), so the counter never carries the dictionaries.

use huli_contract::traditional::word_table;
use std::error::Error;
use std::path::{Path, PathBuf};

/// The code whose Chinese words the counter writes: its own, its figures' labels and
/// the units of its numbers.
const SOURCES: [&str; 3] = [
    "src",
    "../contract/src/embed.rs",
    "../contract/src/numbers.rs",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    for source in SOURCES {
        println!("cargo::rerun-if-changed={source}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is set by cargo")?);
    let sources: Vec<&Path> = SOURCES.iter().map(Path::new).collect();
    std::fs::write(out.join("traditional_words.rs"), word_table(&sources)?)?;
    Ok(())
}
