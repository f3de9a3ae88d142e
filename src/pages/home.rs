//! `/`: the year's verified hours, then the map and the list of all 30 service points.

use crate::api;
use crate::components::hours_summary::HoursSummary;
use crate::components::layout::set_title;
use crate::components::point_explorer::PointExplorer;
use crate::components::status::loaded;
use crate::i18n::{t, t_string, use_i18n};
use crate::live::live_stats;
use huli_contract::Scope;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, home_title).to_owned());
    let stats =
        LocalResource::new(move || api::stats(Scope::District, i18n.get_locale_untracked()));
    let live = live_stats(Scope::District);
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    view! {
        <h1>{t!(i18n, home_title)}</h1>
        <p class="intro">{t!(i18n, home_intro)}</p>
        <HoursSummary stats live />
        {loaded(points, |points| view! { <PointExplorer points /> })}
    }
}
