//! Compiles the message catalogues into the typed `i18n` module (leptos_i18n), so a
//! missing or misspelt translation key is a build error, not a blank on a page.
//!
//! Traditional Chinese is made here, from the Simplified text, with the converter the
//! server uses (`huli_contract::traditional`): the catalogue `zh-Hant` from
//! `locales/zh.json`, and a table of the contract's own Chinese words (its error messages,
//! glossary terms, units of numbers) and of the app's code (dates, durations), which the
//! app writes in the browser. The browser
//! carries those few words, never the dictionaries.

use huli_contract::traditional::to_traditional;
use leptos_i18n_build::{Config, TranslationsInfos};
use serde_json::Value;
use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=locales");
    println!("cargo::rerun-if-changed=contract/src");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is set by cargo")?);

    let locales = out.join("locales");
    fs::create_dir_all(&locales)?;
    for name in ["zh.json", "en.json"] {
        fs::copy(Path::new("locales").join(name), locales.join(name))?;
    }
    let simplified: Value = serde_json::from_str(&fs::read_to_string("locales/zh.json")?)?;
    let traditional = serde_json::to_string_pretty(&converted(simplified))?;
    fs::write(locales.join("zh-Hant.json"), traditional)?;

    let config = Config::new("zh")?
        .add_locale("en")?
        .add_locale("zh-Hant")?
        .locales_path(locales);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.generate_i18n_module(out.join("i18n"))?;

    fs::write(out.join("contract_words.rs"), contract_words()?)?;
    Ok(())
}

/// Every text of `value` in Traditional characters.
fn converted(value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(to_traditional(&text)),
        Value::Object(entries) => Value::Object(
            (entries.into_iter())
                .map(|(key, value)| (key, converted(value)))
                .collect(),
        ),
        other => other,
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// `CONTRACT_WORDS`: each run of Chinese characters in the code of the contract and of
/// the app (comments and tests left out), and each of its characters, with its
/// Traditional form, where the two differ; sorted, for a binary search.
fn contract_words() -> Result<String, Box<dyn Error>> {
    let mut words = BTreeMap::new();
    let mut files = rust_files(Path::new("contract/src"))?;
    files.extend(rust_files(Path::new("src"))?);
    for file in files {
        let source = fs::read_to_string(&file)?;
        let before_tests = source.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String = (before_tests.lines())
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for run in code
            .split(|c: char| !is_han(c))
            .filter(|run| !run.is_empty())
        {
            let pieces = std::iter::once(run.to_owned()).chain(run.chars().map(String::from));
            for piece in pieces {
                let traditional = to_traditional(&piece);
                if traditional != piece {
                    words.insert(piece, traditional);
                }
            }
        }
    }
    let mut table = String::from(
        "/// The Chinese words of our code and their Traditional forms (made by `build.rs`).\n\
         pub static CONTRACT_WORDS: &[(&str, &str)] = &[\n",
    );
    for (simplified, traditional) in &words {
        writeln!(table, "    ({simplified:?}, {traditional:?}),")?;
    }
    table.push_str("];\n");
    Ok(table)
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    Ok(files)
}
