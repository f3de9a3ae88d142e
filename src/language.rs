//! The language the visitor chose, remembered in a cookie so that the server renders
//! the next page's first screen in it too. Without a choice, both follow the browser's
//! languages (`Accept-Language`, `navigator.languages`).

use crate::i18n::Locale;
use huli_contract::Lang;
use wasm_bindgen::JsCast;

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
    Lang::from_tag(value).map(locale_of)
}

pub fn remember(locale: Locale) {
    let tag = crate::api::lang_of(locale).tag();
    if let Some(document) = document() {
        // A year; readable by our pages only, sent with same-site navigations.
        let cookie = format!("{COOKIE}={tag}; Path=/; Max-Age=31536000; SameSite=Lax");
        // Cookies switched off: the choice then lasts for this page only.
        let _ = document.set_cookie(&cookie);
    }
}

/// The app's own code of `lang` ("zh", "en"): the `lang` of the server's page, which
/// the app reads back to take the page over in the same language.
pub fn code(lang: Lang) -> &'static str {
    leptos_i18n::Locale::as_str(locale_of(lang))
}

pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::Zh => Locale::zh,
        Lang::En => Locale::en,
    }
}
