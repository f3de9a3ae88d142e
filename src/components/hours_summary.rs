//! The headline of the district or of one point: verified volunteer hours this year, who
//! is on duty now and for how long, hours waiting for review, the year month by month,
//! and for the district the programme's size. The first figures come with the page;
//! after that, every change arrives through the live counters.

use crate::api;
use crate::components::month_chart::MonthChart;
use crate::components::on_duty_clock::OnDutyClock;
use crate::components::status::loaded_or_first;
use crate::format::{grouped, headline};
use crate::i18n::{t, use_i18n};
use crate::live::{Connection, LiveStats, live_stats};
use crate::preloaded;
use huli_contract::{Scope, Stats};
use leptos::prelude::*;

#[component]
pub fn HoursSummary(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let live = live_stats(scope);
    let first = preloaded::stats(scope);
    let load = move || api::stats(scope, i18n.get_locale_untracked());
    view! {
        <section class="hours-summary" aria-labelledby="hours-heading">
            <h2 id="hours-heading" class="visually-hidden">{t!(i18n, hours_heading)}</h2>
            {loaded_or_first(first, load, move |stats| view! { <Figures first=stats live /> })}
        </section>
    }
}

#[component]
fn Figures(first: Stats, live: LiveStats) -> impl IntoView {
    let i18n = use_i18n();
    let scope = first.scope;
    let district = scope == Scope::District;
    let stats = Memo::new(move |_| live.stats.get().unwrap_or_else(|| first.clone()));
    let year_hours =
        Memo::new(move |_| stats.with(|s| s.figures.verified_minutes_this_year.whole_hours()));
    let figure = move |pick: fn(&Stats) -> u64| move || grouped(stats.with(pick));
    let year = move || stats.with(|s| s.year);
    let offline = move || {
        (live.connection.get() == Connection::Offline)
            .then(|| view! { <p class="live-note">{t!(i18n, live_reconnecting)}</p> })
    };
    let label = move || match scope {
        Scope::District => t!(i18n, hours_this_year, year).into_any(),
        Scope::Point(_) => t!(i18n, point_hours_this_year, year).into_any(),
        Scope::Team(_) => t!(i18n, team_hours_this_year, year).into_any(),
        Scope::Unit(_) => t!(i18n, unit_hours_this_year, year).into_any(),
    };
    let programme_size = move || {
        district.then(|| {
            view! {
                <p class="programme-size">
                    {t!(
                        i18n,
                        programme_size,
                        points = move || stats.with(|s| s.service_points),
                        units = move || stats.with(|s| s.partner_units),
                        teams = move || stats.with(|s| s.teams),
                        volunteers = figure(|s| s.volunteers.into())
                    )}
                </p>
            }
        })
    };
    view! {
        <p class="hours-label">{label}</p>
        <p class="hours-figure" data-testid="verified-hours-this-year" data-hours=year_hours>
            // Made anew on each change, so the figure fades in calmly (not at all for
            // readers who asked for reduced motion).
            {move || view! {
                <span class="hours-number">{headline(i18n.get_locale(), year_hours.get())}</span>
            }}
            " "
            <span class="hours-unit">{t!(i18n, hours_unit)}</span>
        </p>
        <p class="hours-rolling">
            {t!(i18n, hours_last_12_months, hours = figure(|s| s.figures.verified_minutes_last_12_months.whole_hours()))}
        </p>
        <p class="hours-note">{t!(i18n, hours_verified_note)}</p>
        <p class="on-duty" data-testid="on-duty-now-total" data-count=move || stats.with(|s| s.figures.on_duty_now)>
            {t!(i18n, on_duty_total, count = figure(|s| s.figures.on_duty_now.into()))}
        </p>
        <OnDutyClock stats />
        <p class="hours-pending">
            {t!(i18n, hours_pending, hours = figure(|s| s.figures.pending_minutes_this_year.whole_hours()))}
        </p>
        {programme_size}
        <MonthChart stats />
        <div role="status" class="live-status">{offline}</div>
    }
}
