//! The Huli volunteer service's web app: Leptos components shared by every build.
//!
//! In the browser (`csr`), each build's entry point mounts [`App`]. On the server
//! (`ssr`), [`server_render`] renders the first screen of the public pages with the very
//! same components, so a shared link shows the page before any wasm has run.

// Taking over the server's page (hydration) nests the views' types deeply.
#![recursion_limit = "256"]
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
pub mod preloaded;
#[cfg(feature = "ssr")]
pub mod server_render;

// The typed translation keys `build.rs` generates from `locales/*.json`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use app::App;

/// The browser's start: the data the server put in the page, then the app, which takes
/// over the server's first screen where there is one, else draws the page itself.
pub fn start() {
    console_error_panic_hook::set_once();
    let preloaded = preloaded::take_from_page();
    let app = move || {
        preloaded::provide(preloaded);
        App()
    };
    #[cfg(feature = "hydrate")]
    if preloaded::server_drew_page() {
        leptos::mount::hydrate_body(app);
        return;
    }
    preloaded::clear_server_screen();
    leptos::mount::mount_to_body(app);
}
