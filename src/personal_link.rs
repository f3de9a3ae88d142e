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

/// The key in what a volunteer pasted: their whole link, perhaps with words from the
/// chat it was kept in around it, or the key alone.
pub fn from_pasted(text: &str) -> Result<AccessKey, MalformedLink> {
    let text = text.trim();
    let from_key = match text.find(FRAGMENT_PREFIX) {
        Some(at) => &text[at + FRAGMENT_PREFIX.len()..],
        None => text,
    };
    let key: String = from_key
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    AccessKey::parse(&key).map_err(|_| MalformedLink)
}

/// The link to give the volunteer, on this site's own origin.
pub fn link(key: &AccessKey) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/me{FRAGMENT_PREFIX}{}", key.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn a_pasted_link_gives_its_key_whatever_surrounds_it() {
        for pasted in [
            format!("https://huli.example/me#key={KEY}"),
            format!("  我的志愿者链接：https://huli.example/me#key={KEY} 请保存"),
            KEY.to_uppercase(),
            format!("{KEY}\n"),
        ] {
            assert_eq!(
                from_pasted(&pasted).map(|k| k.as_str().to_owned()),
                Ok(KEY.to_owned()),
                "{pasted}"
            );
        }
    }

    #[test]
    fn a_link_cut_short_is_refused() {
        for pasted in [
            "",
            "https://huli.example/me",
            &format!("https://huli.example/me#key={}", &KEY[..40]),
        ] {
            assert_eq!(from_pasted(pasted), Err(MalformedLink), "{pasted}");
        }
    }
}
