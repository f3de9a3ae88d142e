//! Any path the router does not know.

use crate::components::layout::set_title;
use crate::components::site_link::SiteLink;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, not_found_title).to_owned());
    view! {
        <h1>{t!(i18n, not_found_title)}</h1>
        <p>{t!(i18n, not_found_body)}</p>
        <p><SiteLink href="/">{t!(i18n, back_to_points)}</SiteLink></p>
    }
}
