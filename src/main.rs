//! The Huli volunteer service in the browser: a Leptos app rendered on the client,
//! built to wasm by Trunk and served by `huli-server` from the same origin as its API.

// The widgets' build (`embed-widgets`) is the public app's map and sign-up alone: what
// it leaves out is used, and checked for dead code, in the public build.
#![cfg_attr(feature = "embed-widgets", allow(dead_code))]

mod api;
mod app;
mod browser;
mod components;
mod format;
mod labels;
mod language;
mod live;
mod pages;
mod personal_link;
mod point_filter;

// The typed translation keys `build.rs` generates from `locales/*.json`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
