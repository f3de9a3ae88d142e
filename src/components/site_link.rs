//! A link to one of our own pages. The router follows it within the running build; a
//! page of another build (`app::Build`) is reached by a whole page load, which fetches
//! that build.

use crate::app::Build;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SiteLink(
    #[prop(into)] href: String,
    #[prop(optional)] class: Option<&'static str>,
    /// Marked as the current page only on `href` itself, not on the pages below it (a
    /// way back to a list from one of its items).
    #[prop(optional)]
    exact: bool,
    children: Children,
) -> impl IntoView {
    let in_this_build = use_context::<Build>().is_some_and(|build| build.serves(&href));
    // leptos_router leaves a link marked `external` to the browser.
    let rel = (!in_this_build).then_some("external");
    view! { <A href exact attr:class=class attr:rel=rel>{children()}</A> }
}
