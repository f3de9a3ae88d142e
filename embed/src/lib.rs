//! What runs inside an embed frame, on our origin, when another site frames one of our
//! widgets.

pub mod frame;

use huli_contract::Reading;

/// The reading of a widget whose URL names none: the first of the browser's languages
/// that we have, as `Accept-Language` would say.
pub fn browser_reading() -> Reading {
    let languages: Vec<String> = (web_sys::window().map(|w| w.navigator().languages()))
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default();
    Reading::from_accept_language(&languages.join(","))
}
