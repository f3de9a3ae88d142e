//! Compiles the message catalogues into the typed `i18n` module (leptos_i18n), so a
//! missing or misspelt translation key is a build error, not a blank on a page.
//!
//! Traditional Chinese is made here, from the Simplified text, with the converter the
//! server uses (`huli_contract::traditional`): the catalogue `zh-Hant` from
//! `locales/zh.json`, and a table of the contract's own Chinese words (its error messages,
//! glossary terms, units of numbers) and of the app's code (dates, durations), which the
//! app writes in the browser. The browser carries those few words, never the
//! dictionaries.

use huli_contract::traditional::{to_traditional, word_table};
use leptos_i18n_build::{Config, TranslationsInfos};
use serde_json::Value;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=locales");
    println!("cargo::rerun-if-changed=contract/src");
    // The table of words is made from the app's code too.
    println!("cargo::rerun-if-changed=src");
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

    // The contract's words and the app's own, which the app writes in the browser.
    let words = word_table(&[Path::new("contract/src"), Path::new("src")])?;
    fs::write(out.join("traditional_words.rs"), words)?;
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
