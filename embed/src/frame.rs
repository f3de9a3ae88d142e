//! The frame's side of the loader's size protocol. Once listening, the widget tells the
//! window that frames it that it is ready (a bare word, no data); the loader answers, as
//! it also does when the frame has loaded, with [`HELLO_MESSAGE`]. If the hello came
//! from the window that frames us, and from a site we let embed us (or from our own
//! origin, as the staff's preview is), we answer with our height and send it again
//! whenever it changes. We never send our height to any other origin, and the loader
//! checks that sizes come from ours.

use huli_contract::embed::{EmbedSites, HELLO_MESSAGE, READY_MESSAGE, SIZE_MESSAGE};
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{MessageEvent, ResizeObserver, Window};

thread_local! {
    /// The origin we report our size to, once the loader has said hello.
    static PARENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Starts listening for the loader. Call once, when the widget starts.
pub fn answer_the_loader() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let from_parent = match (event.source(), web_sys::window().and_then(parent)) {
            (Some(source), Some(parent)) => Object::is(&source, &parent),
            _ => false,
        };
        if from_parent && event.data().as_string().as_deref() == Some(HELLO_MESSAGE) {
            let origin = event.origin();
            // The loader says hello twice (the frame loaded, the widget is ready).
            if PARENT.with_borrow(|parent| parent.as_ref() == Some(&origin)) {
                report_size();
                return;
            }
            spawn_local(async move {
                if may_embed(&origin).await {
                    start_reporting(origin);
                }
            });
        }
    });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    // It listens for as long as the page lives.
    on_message.forget();
    if let Some(parent) = parent(window) {
        // The hello sent when the frame loaded may have come before we listened.
        let _ = parent.post_message(&READY_MESSAGE.into(), "*");
    }
}

/// The window that frames this one, if any.
fn parent(window: Window) -> Option<Window> {
    let parent = window.parent().ok()??;
    (!Object::is(&parent, &window)).then_some(parent)
}

/// Our own origin, or one of the sites the server lets frame us.
async fn may_embed(origin: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if window.location().origin().is_ok_and(|own| own == origin) {
        return true;
    }
    allowed_sites(&window)
        .await
        .is_some_and(|sites| sites.sites.iter().any(|site| site.as_str() == origin))
}

async fn allowed_sites(window: &Window) -> Option<EmbedSites> {
    let response = JsFuture::from(window.fetch_with_str("/api/embed/sites"))
        .await
        .ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}

fn start_reporting(origin: String) {
    let first_hello = PARENT.with_borrow_mut(|parent| parent.replace(origin).is_none());
    report_size();
    if !first_hello {
        return;
    }
    let on_resize = Closure::<dyn FnMut()>::new(report_size);
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref());
    let root = web_sys::window().and_then(|w| w.document()?.document_element());
    if let (Ok(observer), Some(root)) = (observer, root) {
        observer.observe(&root);
    }
    on_resize.forget();
}

/// Sends the page's height (its root element's, in CSS pixels) to the parent.
fn report_size() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(origin) = PARENT.with_borrow(Clone::clone) else {
        return;
    };
    let height = (window.document().and_then(|d| d.document_element()))
        .map(|root| root.get_bounding_client_rect().height().ceil())
        .unwrap_or_default();
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &SIZE_MESSAGE.into());
    let _ = Reflect::set(&message, &"height".into(), &height.into());
    if let Some(parent) = parent(window) {
        let _ = parent.post_message(&message, &origin);
    }
}
