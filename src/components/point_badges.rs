//! The short facts shown with a point in the list, in its summary and on its page: open
//! or closed now and its hours, how far; and what it offers.

use crate::browser;
use crate::components::opening_hours::OpeningHoursText;
use crate::format::{distance, huli_time_now};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::{PointSummary, Service};
use leptos::prelude::*;

#[component]
pub fn PointBadges(
    point: PointSummary,
    /// How far the visitor is, when the browser told us where they are.
    #[prop(optional_no_strip)]
    distance_m: Option<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    // Open or closed is the browser's to say: the server's page may be an hour old.
    let hours = point.opening_hours;
    let open_now = RwSignal::new(None);
    browser::read_browser_state(move || open_now.set(Some(hours.is_open_at(huli_time_now()))));
    let open_class = move || match open_now.get() {
        Some(true) => "badge badge-open",
        Some(false) => "badge badge-closed",
        None => "badge badge-hours",
    };
    let open_text = move || match open_now.get() {
        Some(true) => {
            Some(view! { <span class="open-state">{t!(i18n, open_now)}" · "</span> }.into_any())
        }
        Some(false) => {
            Some(view! { <span class="open-state">{t!(i18n, closed_now)}" · "</span> }.into_any())
        }
        None => None,
    };
    let needs_volunteers = point.open_places_this_week > 0;
    view! {
        <p class="point-meta">
            <span class=open_class>{open_text}<OpeningHoursText hours /></span>
            <span class="badge">{move || labels::category(locale(), point.category)}</span>
            <span>{move || labels::sub_district(locale(), point.sub_district)}</span>
            {needs_volunteers.then(|| view! { <span class="badge badge-needs">{t!(i18n, filter_needs_volunteers)}</span> })}
            {distance_m.map(|metres| {
                let (amount, in_km) = distance(metres);
                if in_km {
                    t!(i18n, distance_km, distance = amount.clone()).into_any()
                } else {
                    t!(i18n, distance_m, distance = amount.clone()).into_any()
                }
            })}
        </p>
    }
}

/// What a point offers, as a row of small labels.
#[component]
pub fn PointServices(services: Vec<Service>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    view! {
        <ul class="point-services" aria-label=move || t_string!(i18n, services_offered)>
            {services.into_iter().map(|service| view! { <li>{move || labels::service(locale(), service)}</li> }).collect_view()}
        </ul>
    }
}
