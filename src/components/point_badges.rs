//! The short facts shown with a point in the list and in its summary.

use crate::format::{distance, huli_time_now};
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::PointSummary;
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
    let open_now = point.opening_hours.is_open_at(huli_time_now());
    let needs_volunteers = point.open_places_this_week > 0;
    view! {
        <p class="point-meta">
            <span class="badge">{move || labels::category(locale(), point.category)}</span>
            <span>{move || labels::sub_district(locale(), point.sub_district)}</span>
            {open_now.then(|| view! { <span class="badge badge-open">{t!(i18n, open_now)}</span> })}
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
