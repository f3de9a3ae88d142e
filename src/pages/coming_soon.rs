//! Routes whose features are still being built say so plainly, in both languages,
//! rather than showing an empty form that cannot work.

use crate::components::layout::set_title;
use crate::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

#[component]
pub fn SignupPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, coming_title_signup).to_owned());
    view! {
        <h1>{t!(i18n, coming_title_signup)}</h1>
        <p class="notice" role="status">{t!(i18n, coming_body_signup)}</p>
    }
}

#[component]
pub fn MePage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, coming_title_me).to_owned());
    view! {
        <h1>{t!(i18n, coming_title_me)}</h1>
        <p class="notice" role="status">{t!(i18n, coming_body_me)}</p>
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, coming_title_staff).to_owned());
    view! {
        <h1>{t!(i18n, coming_title_staff)}</h1>
        <p class="notice" role="status">{t!(i18n, coming_body_staff)}</p>
    }
}
