//! The headline: verified volunteer hours this year, and the programme's size.

use crate::api::ApiError;
use crate::components::status::loaded;
use crate::format::{grouped, headline};
use crate::i18n::{t, use_i18n};
use huli_contract::Stats;
use leptos::prelude::*;

#[component]
pub fn HoursSummary(stats: LocalResource<Result<Stats, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="hours-summary" aria-labelledby="hours-heading">
            <h2 id="hours-heading" class="visually-hidden">{t!(i18n, hours_heading)}</h2>
            {loaded(stats, |stats| view! { <Figures stats /> })}
        </section>
    }
}

#[component]
fn Figures(stats: Stats) -> impl IntoView {
    let i18n = use_i18n();
    let year_hours = stats.verified_minutes_this_year.whole_hours();
    let rolling_hours = grouped(stats.verified_minutes_last_12_months.whole_hours());
    let (points, units, teams, volunteers) = (
        stats.service_points,
        stats.partner_units,
        stats.teams,
        grouped(stats.volunteers.into()),
    );
    view! {
        <p class="hours-label">{t!(i18n, hours_this_year, year = stats.year)}</p>
        <p class="hours-figure" data-testid="verified-hours-this-year" data-hours=year_hours>
            <span class="hours-number">{move || headline(i18n.get_locale(), year_hours)}</span>
            " "
            <span class="hours-unit">{t!(i18n, hours_unit)}</span>
        </p>
        <p class="hours-rolling">{t!(i18n, hours_last_12_months, hours = rolling_hours.clone())}</p>
        <p class="hours-note">{t!(i18n, hours_verified_note)}</p>
        <p class="programme-size">
            {t!(i18n, programme_size, points, units, teams, volunteers = volunteers.clone())}
        </p>
    }
}
