//! The volunteer's personal link (`/me#key=…`): the only way back to their sign-ups, as
//! the programme sends no SMS or e-mail. The key is drawn here, from Web Crypto, when
//! the volunteer registers; the server keeps only its hash. It lives in the URL's
//! fragment, which browsers never send to a server, and in this browser's local storage
//! until the volunteer asks this device to forget it.

use huli_contract::AccessKey;
use leptos::prelude::window;

const STORAGE_KEY: &str = "huli.access_key";
const FRAGMENT_PREFIX: &str = "#key=";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Fills `bytes` from the browser's cryptographic random source, if it has one.
pub fn fill_random(bytes: &mut [u8]) -> Option<()> {
    let crypto = window().crypto().ok()?;
    crypto.get_random_values_with_u8_array(bytes).ok()?;
    Some(())
}

/// A new personal link key; `None` where the browser has no Web Crypto, since a key
/// from a weaker source could be guessed.
pub fn new_key() -> Option<AccessKey> {
    let mut bytes = [0u8; AccessKey::HEX_DIGITS / 2];
    fill_random(&mut bytes)?;
    AccessKey::parse(&crate::api::hex(&bytes)).ok()
}

pub fn saved() -> Option<AccessKey> {
    let key = storage()?.get_item(STORAGE_KEY).ok()??;
    AccessKey::parse(&key).ok()
}

pub fn save(key: &AccessKey) {
    if let Some(storage) = storage() {
        // Private modes may refuse; the link itself still works.
        let _ = storage.set_item(STORAGE_KEY, key.as_str());
    }
}

pub fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// Forgets `key` if it is the one saved here, and leaves any other saved key alone: an
/// old link opened by mistake must not wipe the working one.
pub fn forget_if_saved(key: &AccessKey) {
    if saved().as_ref() == Some(key) {
        forget();
    }
}

/// A link whose key was cut short or mistyped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MalformedLink;

/// The key of a personal link just opened, if the page was opened by one. It is removed
/// from the address bar so it is not left in a screenshot or the history list; the
/// caller saves it once the server knows it.
pub fn take_from_url() -> Result<Option<AccessKey>, MalformedLink> {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let Some(key) = hash.strip_prefix(FRAGMENT_PREFIX) else {
        return Ok(None);
    };
    let key = AccessKey::parse(key).map_err(|_| MalformedLink);
    if let (Ok(history), Ok(path)) = (window().history(), location.pathname()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    key.map(Some)
}

/// The link to give the volunteer, on this site's own origin.
pub fn link(key: &AccessKey) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/me{FRAGMENT_PREFIX}{}", key.as_str())
}
