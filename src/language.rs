//! The language the visitor chose, remembered in this browser (local storage, not a
//! cookie: nothing about it needs to reach the server).

use crate::i18n::Locale;

const KEY: &str = "huli.language";

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

pub fn remembered() -> Option<Locale> {
    match storage()?.get_item(KEY).ok()??.as_str() {
        "zh" => Some(Locale::zh),
        "en" => Some(Locale::en),
        _ => None,
    }
}

pub fn remember(locale: Locale) {
    let value = match locale {
        Locale::zh => "zh",
        Locale::en => "en",
    };
    if let Some(storage) = storage() {
        // Private modes may refuse to store; the choice then lasts for this page only.
        let _ = storage.set_item(KEY, value);
    }
}
