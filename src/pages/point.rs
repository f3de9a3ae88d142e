//! `/points/{id}`: one service point, shareable by URL.

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::status::{LoadError, Loading};
use crate::format::{clock_time, grouped, huli_time_now, shift_window};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::{OpeningHours, PointDetail, PointId, UpcomingShift};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PointPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .map(PointId)
    };
    let detail = LocalResource::new(move || {
        let id = id();
        let locale = i18n.get_locale_untracked();
        async move {
            match id {
                Some(id) => api::point(id, locale).await,
                None => Err(ApiError::NotFound),
            }
        }
    });
    view! {
        <p class="back-link"><A href="/">{t!(i18n, back_to_points)}</A></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <PointDetails detail /> }.into_any(),
                    Err(ApiError::NotFound) => {
                        set_title(move || t_string!(i18n, point_not_found).to_owned());
                        view! { <h1>{t!(i18n, point_not_found)}</h1> }.into_any()
                    }
                    Err(error) => view! { <LoadError error retry=move || detail.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
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
    let hours = grouped(detail.verified_minutes_this_year.whole_hours());
    let open_now = point.opening_hours.is_open_at(huli_time_now());
    let services = point.services.clone();
    let units = point.partner_units.clone();
    let shifts = detail.upcoming_shifts;
    view! {
        <article class="point-detail">
            <h1>{move || name.get(lang()).to_owned()}</h1>
            <p class="point-meta">
                <span class="badge">{move || labels::category(locale(), point.category)}</span>
                {open_now.then(|| view! { <span class="badge badge-open">{t!(i18n, open_now)}</span> })}
            </p>
            <dl class="facts">
                <dt>{t!(i18n, address)}</dt>
                <dd>
                    {move || address.get(lang()).to_owned()}
                    {point.location_approximate.then(|| view! {
                        <span class="note">" ("{t!(i18n, location_approximate)}")"</span>
                    })}
                </dd>
                <dt>{t!(i18n, sub_district_label)}</dt>
                <dd>{move || labels::sub_district(locale(), point.sub_district)}</dd>
                <dt>{t!(i18n, opening_hours)}</dt>
                <dd><OpeningHoursText hours=point.opening_hours /></dd>
                <dt>{t!(i18n, verified_here_this_year)}</dt>
                <dd data-testid="point-verified-hours">{hours}" "{t!(i18n, hours_unit)}</dd>
            </dl>
            <section aria-labelledby="services-heading">
                <h2 id="services-heading">{t!(i18n, services_offered)}</h2>
                <ul class="chips" data-testid="services">
                    {services.into_iter().map(|s| view! { <li>{move || labels::service(locale(), s)}</li> }).collect_view()}
                </ul>
            </section>
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
                        <ul class="shift-list">
                            {shifts.into_iter().map(|shift| view! { <ShiftItem shift /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}

#[component]
fn OpeningHoursText(hours: OpeningHours) -> impl IntoView {
    let i18n = use_i18n();
    match hours {
        OpeningHours::AllDay => t!(i18n, open_all_day).into_any(),
        OpeningHours::Daily { opens, closes } => {
            let (opens, closes) = (clock_time(opens), clock_time(closes));
            t!(
                i18n,
                open_daily,
                opens = opens.clone(),
                closes = closes.clone()
            )
            .into_any()
        }
    }
}

#[component]
fn ShiftItem(shift: UpcomingShift) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let (confirmed, capacity) = (shift.confirmed, shift.capacity);
    view! {
        <li class="shift-item">
            <span class="shift-when">{move || shift_window(locale(), shift.window)}</span>
            <span class="shift-duty">{move || labels::duty(locale(), shift.duty)}</span>
            <span class="shift-places">{t!(i18n, shift_places, confirmed, capacity)}</span>
        </li>
    }
}
