//! The Huli volunteer service's web app: Leptos components shared by every build.
//!
//! On the server (`ssr`), [`server_render`] renders the first screen of the public pages
//! with these components, so a shared link shows the page before any wasm has run. In
//! the browser, [`start`] runs them: the residents' and the volunteers' builds (`hydrate`) take
//! over the page the server drew; the staff console and the widgets (`csr`) draw their
//! pages themselves. `app` says which pages each build has.

// Taking over the server's page (hydration) nests the views' types deeply.
#![recursion_limit = "256"]

mod api;
mod app;
mod browser;
mod components;
mod format;
mod labels;
mod language;
mod latest_answer;
mod live;
mod offline;
mod pages;
mod personal_link;
mod point_filter;
pub mod preloaded;
#[cfg(feature = "ssr")]
pub mod server_render;
mod url_query;

// The typed translation keys `build.rs` generates from `locales/*.json`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

#[cfg(feature = "staff-console")]
pub use app::StaffApp;
#[cfg(feature = "embed-widgets")]
pub use app::WidgetsApp;
pub use app::{Build, PublicApp, VolunteerApp};
use leptos::prelude::IntoView;

/// A build's start in the browser: the data the server put in the page, then the
/// build's `app`, which takes over the server's first screen where there is one, else
/// draws the page itself.
pub fn start<View: IntoView + 'static>(app: fn() -> View) {
    console_error_panic_hook::set_once();
    let preloaded = preloaded::take_from_page();
    #[cfg(feature = "hydrate")]
    let drawn_by_server = preloaded::server_drew_page(&preloaded);
    let app = move || {
        preloaded::provide(preloaded);
        app()
    };
    #[cfg(feature = "hydrate")]
    offline::register_service_worker();
    #[cfg(feature = "hydrate")]
    if drawn_by_server {
        leptos::mount::hydrate_body(app);
        return;
    }
    preloaded::clear_server_screen();
    leptos::mount::mount_to_body(app);
}
