//! The web app's message catalogues (`locales/*.json`), read by the server for the few
//! texts it writes itself, such as the column names of a volunteer's data download.
//! One catalogue per language for browser and server, so their words cannot drift.

use huli_contract::Lang;
use serde::Serialize;
use serde_json::Value;
use std::sync::LazyLock;

static ZH: LazyLock<Value> = LazyLock::new(|| parse(include_str!("../../locales/zh.json")));
static EN: LazyLock<Value> = LazyLock::new(|| parse(include_str!("../../locales/en.json")));

fn parse(catalogue: &str) -> Value {
    serde_json::from_str(catalogue).expect("the message catalogues are JSON")
}

/// The text at `path` (`group.key`) in `lang`'s catalogue; `?` if it has none, which
/// the tests of each caller rule out for every path it asks for.
pub fn text(lang: Lang, path: &str) -> &'static str {
    let catalogue = match lang {
        Lang::Zh => &*ZH,
        Lang::En => &*EN,
    };
    let found = (path.split('.')).try_fold(catalogue, |value, key| value.get(key));
    match found.and_then(Value::as_str) {
        Some(text) => text,
        None => {
            tracing::error!(path, "no text in the catalogue");
            "?"
        }
    }
}

/// The name of a contract enum value: the text at `prefix` followed by its snake_case
/// code (`duty.` + `traffic_duty`, `review_status_` + `approved`).
pub fn name_of(lang: Lang, prefix: &str, value: &impl Serialize) -> &'static str {
    let code = serde_json::to_value(value).ok();
    let code = code.as_ref().and_then(Value::as_str).unwrap_or_default();
    text(lang, &format!("{prefix}{code}"))
}

#[cfg(test)]
pub(crate) fn has(lang: Lang, path: &str) -> bool {
    text(lang, path) != "?"
}
