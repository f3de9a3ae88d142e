//! `/embed/map`: the points on the map and in a list for another site's page, optionally
//! of one sub-district or category (`?sub_district=…&category=…`); compact, the map alone.

use crate::api;
use crate::components::layout::set_title;
use crate::components::point_explorer::PointExplorer;
use crate::components::status::loaded;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::embed::Embed;
use leptos::prelude::*;

#[component]
pub fn EmbedMapPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, embed_map_heading).to_owned());
    let map_only = use_context::<Embed>().is_some_and(|embed| embed.compact);
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    view! {
        <h1 class="embed-heading">{t!(i18n, embed_map_heading)}</h1>
        {loaded(points, move |points| view! { <PointExplorer points map_only /> })}
    }
}
