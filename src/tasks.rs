//! Where Leptos runs its tasks in the browser. While the app takes over (or draws) the
//! first page, each effect and resource it starts begins in a browser task of its own (a
//! `setTimeout`), not in the one long task that drew the page: a phone then answers a tap
//! between them (Lighthouse's Total Blocking Time). After that, tasks start as
//! wasm-bindgen-futures starts them (a microtask), so a move to another page draws in
//! the order Leptos expects.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static DRAWING_FIRST_PAGE: Cell<bool> = const { Cell::new(false) };
}

struct ApartWhileDrawing;

impl CustomExecutor for ApartWhileDrawing {
    fn spawn(&self, future: PinnedFuture<()>) {
        self.spawn_local(future);
    }

    fn spawn_local(&self, future: PinnedLocalFuture<()>) {
        if DRAWING_FIRST_PAGE.get() {
            wasm_bindgen_futures::spawn_local(async move {
                next_task().await;
                future.await;
            });
        } else {
            wasm_bindgen_futures::spawn_local(future);
        }
    }

    fn poll_local(&self) {}
}

/// Resolves in a task of its own, after what the browser has queued (input included).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window: web_sys::Window = js_sys::global().unchecked_into();
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `draw_first_page`; what it starts begins apart, each in a task of its own.
/// Called once, before Leptos starts (it keeps the first executor it is given).
pub fn start_apart(draw_first_page: impl FnOnce()) {
    let _ = Executor::init_local_custom_executor(ApartWhileDrawing);
    DRAWING_FIRST_PAGE.set(true);
    draw_first_page();
    DRAWING_FIRST_PAGE.set(false);
}
