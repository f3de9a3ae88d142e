//! `/points/{id}`: one service point, shareable by URL.

use crate::api;
use crate::components::hours_summary::HoursSummary;
use crate::components::layout::set_title;
use crate::components::point_badges::PointBadges;
use crate::components::point_loader::PointLoader;
use crate::components::shift_item::ShiftItem;
use crate::components::site_link::SiteLink;
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::{Coordinate, LocalizedText, PointDetail, Scope, navigation_links};
use leptos::prelude::*;

#[component]
pub fn PointPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="back-link"><SiteLink href="/">{t!(i18n, back_to_points)}</SiteLink></p>
        <PointLoader render=|detail| view! { <PointDetails detail /> }.into_any() />
    }
}

#[component]
fn PointDetails(detail: PointDetail) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let lang = move || api::lang_of(locale());
    let point = detail.point;
    let (name, address) = (point.name.clone(), point.address.clone());
    let title_name = name.clone();
    set_title(move || title_name.get(lang()).to_owned());
    let scope = Scope::Point(point.id);
    let services = point.services.clone();
    let units = point.partner_units.clone();
    let shifts = detail.upcoming_shifts;
    let directions = (point.location, point.name.clone(), point.address.clone());
    view! {
        <article class="point-detail">
            <h1>{move || name.get(lang()).to_owned()}</h1>
            <PointBadges point=point.clone() />
            <dl class="facts">
                <dt>{t!(i18n, address)}</dt>
                <dd>
                    {move || address.get(lang()).to_owned()}
                    {point.location_approximate.then(|| view! {
                        <span class="note">" ("{t!(i18n, location_approximate)}")"</span>
                    })}
                </dd>
            </dl>
            <Directions at=directions />
            <section aria-labelledby="services-heading">
                <h2 id="services-heading">{t!(i18n, services_offered)}</h2>
                <ul class="chips" data-testid="services">
                    {services.into_iter().map(|s| view! { <li>{move || labels::service(locale(), s)}</li> }).collect_view()}
                </ul>
            </section>
            <HoursSummary scope />
            <section aria-labelledby="units-heading">
                <h2 id="units-heading">{t!(i18n, partner_units)}</h2>
                <ul data-testid="partner-units">
                    {units.into_iter().map(|unit| view! { <li>{move || unit.name.get(lang()).to_owned()}</li> }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="shifts-heading">
                <h2 id="shifts-heading">{t!(i18n, upcoming_shifts)}</h2>
                {if shifts.is_empty() {
                    view! { <p>{t!(i18n, no_upcoming_shifts)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="shift-list" data-testid="shifts">
                            {shifts.into_iter().map(|shift| view! { <ShiftItem shift /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}

/// Links that open the point in the navigation apps people use here.
#[component]
fn Directions(at: (Coordinate, LocalizedText, LocalizedText)) -> impl IntoView {
    let i18n = use_i18n();
    let (location, name, address) = at;
    let links = Memo::new(move |_| {
        let lang = api::lang_of(i18n.get_locale());
        navigation_links(location, name.get(lang), address.get(lang))
    });
    view! {
        <section aria-labelledby="directions-heading">
            <h2 id="directions-heading">{t!(i18n, navigate_heading)}</h2>
            <ul class="directions" data-testid="directions">
                <li><a href=move || links.with(|l| l.amap.clone()) rel="noopener" data-provider="amap">{t!(i18n, nav_amap)}</a></li>
                <li><a href=move || links.with(|l| l.baidu.clone()) rel="noopener" data-provider="baidu">{t!(i18n, nav_baidu)}</a></li>
                <li><a href=move || links.with(|l| l.apple.clone()) rel="noopener" data-provider="apple">{t!(i18n, nav_apple)}</a></li>
                <li><a href=move || links.with(|l| l.geo.clone()) data-provider="geo">{t!(i18n, nav_geo)}</a></li>
            </ul>
        </section>
    }
}
