//! The service points as a list of links: the way to every point page that works with
//! any screen reader, keyboard or screen size.

use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::PointSummary;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PointList(points: Vec<PointSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let count = points.len();
    view! {
        <p class="points-count">{t!(i18n, points_count, count)}</p>
        <ul class="point-list" data-testid="point-list">
            {points.into_iter().map(|point| view! { <PointItem point /> }).collect_view()}
        </ul>
    }
}

#[component]
fn PointItem(point: PointSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/points/{}", point.id.0);
    let name = point.name.clone();
    let address = point.address.clone();
    let locale = move || i18n.get_locale();
    let lang = move || crate::api::lang_of(locale());
    view! {
        <li class="point-item">
            <A href=href attr:class="point-link">
                <span class="point-name">{move || name.get(lang()).to_owned()}</span>
            </A>
            <p class="point-meta">
                <span class="badge">{move || labels::category(locale(), point.category)}</span>
                <span>{move || labels::sub_district(locale(), point.sub_district)}</span>
            </p>
            <p class="point-address">{move || address.get(lang()).to_owned()}</p>
        </li>
    }
}
