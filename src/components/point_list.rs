//! The shown points as a list of links: the way to every point page that works with
//! any screen reader, keyboard or screen size, beside or instead of the map.

use crate::components::point_badges::{PointBadges, PointServices};
use crate::i18n::{t, use_i18n};
use crate::point_filter::ShownPoint;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PointList(shown: Memo<Vec<ShownPoint>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || shown.with(|s| !s.is_empty()) fallback=move || view! { <p class="no-match">{t!(i18n, no_points_match)}</p> }>
            <ul class="point-list" data-testid="point-list">
                <For each=move || shown.get() key=|s| (s.point.id, s.distance_m.map(f64::to_bits)) let:item>
                    <PointItem item />
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn PointItem(item: ShownPoint) -> impl IntoView {
    let i18n = use_i18n();
    let point = item.point;
    let href = format!("/points/{}", point.id.0);
    let (name, address) = (point.name.clone(), point.address.clone());
    let lang = move || crate::api::lang_of(i18n.get_locale());
    view! {
        <li class="point-item">
            <A href=href attr:class="point-link">
                {move || name.get(lang()).to_owned()}
            </A>
            <PointBadges point=point.clone() distance_m=item.distance_m />
            <p class="point-address">{move || address.get(lang()).to_owned()}</p>
            <PointServices services=point.services />
        </li>
    }
}
