//! Offline: our service worker (`public/sw.js`) keeps copies of the pages and of the
//! API's reads, each marked with when it was saved, and opens them when the network
//! fails. This module registers it, and tells the offline notice when what the page
//! shows came from such a copy.

use chrono::{DateTime, Utc};
use wasm_bindgen::prelude::*;

// The residents' and the volunteers' builds only: the console and the widgets (framed
// by other sites) keep nothing offline.
#[cfg(feature = "hydrate")]
#[wasm_bindgen(module = "/src/js/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker_js();
}

/// The header of a saved answer, and the `<meta>` name in a saved page (`public/sw.js`).
pub const SAVED_AT: &str = "huli-saved-at";
/// The window event that says an answer shown came from a saved copy; its detail is the
/// time the copy was saved.
pub const SAVED_COPY_EVENT: &str = "huli-saved-copy";

#[cfg(feature = "hydrate")]
pub fn register_service_worker() {
    register_service_worker_js();
}

/// When the page itself is a copy saved on this device: when it was saved.
pub fn page_saved_at() -> Option<DateTime<Utc>> {
    let selector = format!("meta[name=\"{SAVED_AT}\"]");
    let meta = leptos::prelude::document()
        .query_selector(&selector)
        .ok()??;
    parse(&meta.get_attribute("content")?)
}

/// Says that an answer came from a copy saved at `at` (the header's value).
pub fn announce_saved_copy(at: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(at));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(SAVED_COPY_EVENT, &init) {
        let _ = leptos::prelude::window().dispatch_event(&event);
    }
}

/// The time an event sent by [`announce_saved_copy`] carries.
pub fn saved_at_of(event: &web_sys::Event) -> Option<DateTime<Utc>> {
    let event: &web_sys::CustomEvent = event.dyn_ref()?;
    parse(&event.detail().as_string()?)
}

fn parse(at: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}
