//! Routes whose features are still being built say so plainly, in both languages,
//! rather than showing an empty form that cannot work.

use crate::components::layout::set_title;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;

/// A page that names a feature and says it is not open yet.
fn coming_soon(title: fn() -> &'static str, body: fn() -> &'static str) -> impl IntoView {
    set_title(move || title().to_owned());
    view! {
        <h1>{title}</h1>
        <p class="notice" role="status">{body}</p>
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    coming_soon(
        || t_string!(use_i18n(), coming_title_staff),
        || t_string!(use_i18n(), coming_body_staff),
    )
}
