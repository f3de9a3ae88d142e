//! `/staff/exports`: CSV downloads for spreadsheets (Excel and WPS read them as
//! UTF-8): verified hours by volunteer, team or unit for a period, and the volunteers.

use crate::api;
use crate::components::layout::set_title;
use crate::components::radio_choice::RadioChoice;
use crate::components::staff_gate::StaffGate;
use crate::i18n::{t, t_string, use_i18n};
use chrono::{Datelike, Utc};
use huli_contract::{HoursGrouping, Period, china_standard_time};
use leptos::prelude::*;

#[component]
pub fn StaffExportsPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, exports_title).to_owned());
    view! {
        <h1>{t!(i18n, exports_title)}</h1>
        <StaffGate page=|_| view! { <Exports /> } />
    }
}

#[component]
fn Exports() -> impl IntoView {
    let i18n = use_i18n();
    let today = Utc::now()
        .with_timezone(&china_standard_time())
        .date_naive();
    let year_start = today.with_ordinal(1).unwrap_or(today);
    let from = RwSignal::new(year_start.to_string());
    let to = RwSignal::new(today.to_string());
    let by = RwSignal::new(HoursGrouping::Unit);
    let period = Memo::new(move |_| Period::parse(&from.get(), &to.get()));
    let problem = move || {
        let lang = api::lang_of(i18n.get_locale());
        period.get().err().map(|problems| {
            problems
                .iter()
                .map(|(_, problem)| {
                    crate::language::written(i18n.get_locale(), problem.message(lang))
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    view! {
        <section class="staff-exports" aria-labelledby="hours-export">
            <h2 id="hours-export">{t!(i18n, exports_hours_heading)}</h2>
            <fieldset>
                <legend>{t!(i18n, exports_by)}</legend>
                {move || view! { <RadioChoice name="export-by" selected=by value=HoursGrouping::Unit label=t_string!(i18n, exports_by_unit) /> }}
                {move || view! { <RadioChoice name="export-by" selected=by value=HoursGrouping::Team label=t_string!(i18n, exports_by_team) /> }}
                {move || view! { <RadioChoice name="export-by" selected=by value=HoursGrouping::Volunteer label=t_string!(i18n, exports_by_volunteer) /> }}
            </fieldset>
            <label for="export-from">{t!(i18n, period_from)}</label>
            <input id="export-from" type="date" prop:value=from
                on:input=move |ev| from.set(event_target_value(&ev)) />
            <label for="export-to">{t!(i18n, period_to)}</label>
            <input id="export-to" type="date" prop:value=to
                on:input=move |ev| to.set(event_target_value(&ev)) />
            <p class="form-alert" role="alert">{problem}</p>
            {move || period.get().ok().map(|period| view! {
                <a class="button primary" data-testid="hours-export" download
                    href=api::hours_export_url(by.get(), period, i18n.get_locale())>
                    {t!(i18n, exports_download)}
                </a>
            })}
        </section>
        <section class="staff-exports" aria-labelledby="volunteers-export">
            <h2 id="volunteers-export">{t!(i18n, exports_volunteers_heading)}</h2>
            <p>{t!(i18n, exports_volunteers_note)}</p>
            <a class="button" download data-testid="volunteers-export"
                href=move || api::volunteers_export_url(i18n.get_locale())>
                {t!(i18n, exports_download)}
            </a>
        </section>
    }
}
