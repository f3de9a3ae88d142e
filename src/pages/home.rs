//! `/`: finding a service point (search, filters, the map and the list of all 30),
//! then the year's verified hours and the latest volunteer story.

use crate::api;
use crate::components::hours_summary::HoursSummary;
use crate::components::latest_story::LatestStory;
use crate::components::layout::set_title;
use crate::components::point_explorer::PointExplorer;
use crate::components::status::loaded_or_first;
use crate::i18n::{t, t_string, use_i18n};
use crate::preloaded;
use huli_contract::Scope;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, home_title).to_owned());
    let load_points = move || api::points(i18n.get_locale_untracked());
    view! {
        <h1>{t!(i18n, home_title)}</h1>
        <p class="intro">{t!(i18n, home_intro)}</p>
        {loaded_or_first(preloaded::points(), load_points, |points| view! { <PointExplorer points /> })}
        <HoursSummary scope=Scope::District />
        <LatestStory />
    }
}
