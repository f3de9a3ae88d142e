//! The language the visitor chose, remembered in a cookie so that the server renders
//! the next page's first screen in it too. Without a choice, both follow the browser's
//! languages (`Accept-Language`, `navigator.languages`).
//!
//! Three readings (`huli_contract::Reading`): Simplified Chinese, Traditional Chinese and
//! English. Text is written in two languages; Traditional Chinese is Simplified
//! converted: the catalogue when the app is built, what the server sends on its way out,
//! and the contract's own words that the app writes by [`written`].

use crate::i18n::Locale;
use huli_contract::{Lang, Reading};
use wasm_bindgen::JsCast;

include!(concat!(env!("OUT_DIR"), "/traditional_words.rs"));

/// The cookie's name; the server reads the same one.
pub const COOKIE: &str = "huli_lang";

fn document() -> Option<web_sys::HtmlDocument> {
    leptos::prelude::document().dyn_into().ok()
}

pub fn remembered() -> Option<Locale> {
    let cookies = document()?.cookie().ok()?;
    let value = cookies
        .split(';')
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))?;
    Reading::from_tag(value).map(locale_of)
}

pub fn remember(locale: Locale) {
    let tag = reading_of(locale).tag();
    if let Some(document) = document() {
        // A year; readable by our pages only, sent with same-site navigations.
        let cookie = format!("{COOKIE}={tag}; Path=/; Max-Age=31536000; SameSite=Lax");
        // Cookies switched off: the choice then lasts for this page only.
        let _ = document.set_cookie(&cookie);
    }
}

/// The app's own code of `reading` ("zh", "zh-Hant", "en"): the `lang` of the server's
/// page, which the app reads back to take the page over in the same reading.
pub fn code(reading: Reading) -> &'static str {
    leptos_i18n::Locale::as_str(locale_of(reading))
}

pub fn locale_of(reading: Reading) -> Locale {
    match reading {
        Reading::Simplified => Locale::zh,
        Reading::Traditional => Locale::zh_Hant,
        Reading::English => Locale::en,
    }
}

pub fn reading_of(locale: Locale) -> Reading {
    match locale {
        Locale::zh => Reading::Simplified,
        Locale::zh_Hant => Reading::Traditional,
        Locale::en => Reading::English,
    }
}

/// The language the page's text is written in: data from the server comes in it (and,
/// for a reader of Traditional characters, already converted).
pub fn lang_of(locale: Locale) -> Lang {
    reading_of(locale).lang()
}

/// `text`, which our code wrote in [`lang_of`] `locale` (a contract's error message, a
/// term of the glossary, a date or a duration), as the reader of `locale` reads it.
pub fn written(locale: Locale, text: impl Into<String>) -> String {
    let text = text.into();
    match locale {
        Locale::zh_Hant => huli_contract::lang::written_with(TRADITIONAL_WORDS, &text),
        Locale::zh | Locale::en => text,
    }
}
