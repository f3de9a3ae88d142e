//! The few browser APIs the app reaches through our own small JS modules: Leaflet for
//! the map, and the Geolocation API.

use huli_contract::Coordinate;
use leptos::prelude::{Effect, Owner, RwSignal, Set, Signal, untrack};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/js/map.js")]
extern "C" {
    /// A Leaflet map of the district with one marker per shown point.
    pub type PointMap;

    #[wasm_bindgen(constructor)]
    pub fn new(
        element: &web_sys::HtmlElement,
        tile_layers_json: &str,
        zoom_in_title: &str,
        zoom_out_title: &str,
    ) -> PointMap;

    #[wasm_bindgen(method, js_name = setOutline)]
    pub fn set_outline(this: &PointMap, geojson: &str);

    #[wasm_bindgen(method, js_name = setMarkers)]
    pub fn set_markers(
        this: &PointMap,
        markers_json: &str,
        cluster_label: &str,
        on_select: &js_sys::Function,
    );

    #[wasm_bindgen(method)]
    pub fn select(this: &PointMap, id: Option<f64>);

    /// Marks where the visitor is, and brings the nearest point into view with it;
    /// `None` takes the mark away.
    #[wasm_bindgen(method, js_name = showPosition)]
    pub fn show_position(
        this: &PointMap,
        lat: Option<f64>,
        lon: Option<f64>,
        label: &str,
        nearest_id: Option<f64>,
    );

    /// A marker staff drag to correct a point's place; `on_move(lat, lon)` after a drag.
    #[wasm_bindgen(method, js_name = setPlace)]
    pub fn set_place(this: &PointMap, lat: f64, lon: f64, on_move: &js_sys::Function);

    #[wasm_bindgen(method, js_name = movePlace)]
    pub fn move_place(this: &PointMap, lat: f64, lon: f64);

    #[wasm_bindgen(method, js_name = focusMarker)]
    pub fn focus_marker(this: &PointMap, id: f64);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &PointMap);
}

#[wasm_bindgen(module = "/src/js/locate.js")]
extern "C" {
    #[wasm_bindgen(js_name = locate)]
    fn locate_js(timeout_ms: u32) -> js_sys::Promise;
}

/// The element that has focus; none while the server renders a page.
pub fn focused_element() -> Option<web_sys::HtmlElement> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    leptos::prelude::document()
        .active_element()?
        .dyn_into()
        .ok()
}

/// Reads what only the browser holds (its storage, the address's fragment) with `read`,
/// and says whether it has. When the app takes over a page the server drew, its first
/// render must match the server's, which had nothing to read: the read then waits for
/// the takeover to end. Anywhere else (a page drawn in the app, a build that never takes
/// over) it reads at once, so the page never shows a needless "loading" step.
pub fn read_browser_state(read: impl Fn() + 'static) -> Signal<bool> {
    let done = RwSignal::new(false);
    let taking_over =
        Owner::current_shared_context().is_some_and(|shared| shared.during_hydration());
    if cfg!(target_arch = "wasm32") && !taking_over {
        untrack(&read);
        done.set(true);
    } else {
        // Effects never run on the server, and run after the takeover in the browser.
        Effect::new(move || {
            untrack(&read);
            done.set(true);
        });
    }
    done.into()
}

/// Focuses the element with `id` once the next frame is drawn: for after an action whose
/// control is gone (a button replaced by its outcome), so the focus does not fall back
/// to the top of the page.
pub fn focus_soon(id: impl Into<String>) {
    let id = id.into();
    leptos::prelude::request_animation_frame(move || focus_by_id(&id));
}

/// Focuses the element with `id` now, when it is already in the page.
pub fn focus_by_id(id: &str) {
    focus(leptos::prelude::document().get_element_by_id(id));
}

fn focus(element: Option<web_sys::Element>) {
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// After a move to another page in the app: focus goes to the new page's heading once
/// it is drawn (a page may wait for its data), else to the main landmark, so that
/// keyboard and screen reader users start on the new page, not on a link of the old.
pub fn focus_page_heading() {
    use leptos::prelude::{document, request_animation_frame, set_timeout};
    fn attempt(tries_left: u32) {
        let retry = move || attempt(tries_left.saturating_sub(1));
        let wait = std::time::Duration::from_millis(50);
        match document().query_selector("main h1").ok().flatten() {
            Some(heading) => {
                // Reachable by script, not by Tab.
                let _ = heading.set_attribute("tabindex", "-1");
                focus(Some(heading.clone()));
                // On a busy phone the old page may still have been drawn: once its
                // heading is gone, the new one takes the focus.
                if tries_left > 0 {
                    set_timeout(
                        move || {
                            if !heading.is_connected() {
                                retry();
                            }
                        },
                        wait,
                    );
                }
            }
            None if tries_left == 0 => focus_by_id("main"),
            None => set_timeout(retry, wait),
        }
    }
    // The new page is drawn in the next frame.
    request_animation_frame(|| attempt(40));
}

#[cfg(feature = "staff-console")]
/// The file chosen in the file input whose `change` is `event`, as the `Blob` every
/// `File` is (read by name: the app's web-sys features have no `FileList`).
pub fn chosen_file(event: &leptos::ev::Event) -> Option<web_sys::Blob> {
    let input: JsValue = event.target()?.into();
    let files = js_sys::Reflect::get(&input, &JsValue::from_str("files")).ok()?;
    let first = js_sys::Reflect::get(&files, &JsValue::from_f64(0.0)).ok()?;
    first.dyn_into().ok()
}

/// Why the visitor's position is not known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocateError {
    Denied,
    Unavailable,
}

pub async fn locate() -> Result<Coordinate, LocateError> {
    let result = JsFuture::from(locate_js(10_000)).await;
    match result {
        Ok(value) => {
            let pair = js_sys::Array::from(&value);
            let (lat, lon) = (pair.get(0).as_f64(), pair.get(1).as_f64());
            lat.zip(lon)
                .and_then(|(lat, lon)| Coordinate::new(lat, lon).ok())
                .ok_or(LocateError::Unavailable)
        }
        Err(reason) if reason.as_string().as_deref() == Some("denied") => Err(LocateError::Denied),
        Err(_) => Err(LocateError::Unavailable),
    }
}

/// Hands `bytes` to the browser as a file download named `file_name`: a link to them
/// in memory, clicked, then let go.
pub fn save_file(bytes: &[u8], file_name: &str, mime: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}
