//! The volunteer's personal link (`/me#key=…`): the only way back to their sign-ups, as
//! the programme sends no SMS or e-mail. The key lives in the URL's fragment, which
//! browsers never send to a server, and in this browser's local storage, until the
//! volunteer asks this device to forget it.

use crate::api::AccessKey;
use leptos::prelude::window;

const STORAGE_KEY: &str = "huli.access_key";
const FRAGMENT_PREFIX: &str = "#key=";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn saved() -> Option<AccessKey> {
    let key = storage()?.get_item(STORAGE_KEY).ok()??;
    (!key.is_empty()).then_some(AccessKey(key))
}

pub fn save(key: &AccessKey) {
    if let Some(storage) = storage() {
        // Private modes may refuse; the link itself still works.
        let _ = storage.set_item(STORAGE_KEY, &key.0);
    }
}

pub fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// The key of a personal link just opened, saved for next time and removed from the
/// address bar, so it is not left in a screenshot or the history list.
pub fn take_from_url() -> Option<AccessKey> {
    let location = window().location();
    let hash = location.hash().ok()?;
    let key = hash.strip_prefix(FRAGMENT_PREFIX)?.to_owned();
    let path = location.pathname().ok()?;
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    let key = AccessKey(key);
    save(&key);
    Some(key)
}

/// The link to give the volunteer, on this site's own origin.
pub fn link(key: &AccessKey) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/me{FRAGMENT_PREFIX}{}", key.0)
}
