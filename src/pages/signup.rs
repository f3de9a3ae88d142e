//! `/signup` and `/signup?shift=ID`: register once, then sign up for the chosen shift.

use crate::components::layout::set_title;
use crate::components::signup_flow::SignupFlow;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::ShiftId;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignupPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, signup_title).to_owned());
    let query = use_query_map();
    let shift = Signal::derive(move || {
        query
            .read()
            .get("shift")
            .and_then(|raw| raw.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .map(ShiftId)
    });
    view! {
        <h1>{t!(i18n, signup_title)}</h1>
        <p>{t!(i18n, signup_intro)}</p>
        <SignupFlow shift />
    }
}
