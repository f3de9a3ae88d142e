//! A volunteer's service record in the staff console, opened on request, with the form
//! that puts a training done elsewhere on it.

use crate::api;
use crate::components::service_record::ServiceRecordView;
use crate::components::status::{WriteOutcome, loaded, problem_text};
use crate::format::huli_today;
use crate::i18n::{t, use_i18n};
use crate::labels;
use crate::point_filter::enum_name;
use huli_contract::{Training, TrainingEntryForm, VolunteerNumber};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn VolunteerRecord(number: VolunteerNumber, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <details class="show-link" on:toggle=move |_| open.set(true)>
            <summary>{t!(i18n, record.staff_open)}</summary>
            {move || open.get().then(|| view! { <Opened number csrf /> })}
        </details>
    }
}

#[component]
fn Opened(number: VolunteerNumber, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let record =
        LocalResource::new(move || api::volunteer_record(number, i18n.get_locale_untracked()));
    view! {
        {loaded(record, |record| view! { <ServiceRecordView record /> })}
        <TrainingEntry number csrf on_recorded=move |()| record.refetch() />
    }
}

/// The form for a training done elsewhere: which, when, how long valid, and what
/// showed it.
#[component]
fn TrainingEntry(
    number: VolunteerNumber,
    csrf: StoredValue<String>,
    #[prop(into)] on_recorded: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let training = RwSignal::new(String::new());
    let completed_on = RwSignal::new(huli_today().to_string());
    let valid_years = RwSignal::new(String::new());
    let evidence = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let id = |field: &str| format!("{field}-{number}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // A blank validity is the training's usual one; a number the server checks.
        let years = valid_years.get_untracked();
        let form = TrainingEntryForm {
            training: training.get_untracked(),
            completed_on: completed_on.get_untracked(),
            valid_years: years.trim().parse().ok(),
            evidence: evidence.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let result = api::record_training(number, &form, &csrf.get_value(), locale).await;
            busy.set(false);
            if result.is_ok() {
                evidence.set(String::new());
                let _ = on_recorded.try_run(());
            }
            outcome.set(Some(
                result
                    .map(|_| ())
                    .map_err(|error| problem_text(i18n, error)),
            ));
        });
    };
    view! {
        <form class="training-entry" on:submit=submit>
            <h3>{t!(i18n, record.staff_entry_heading)}</h3>
            <label for=id("training")>{t!(i18n, record.staff_training)}</label>
            <select id=id("training") required on:change=move |ev| training.set(event_target_value(&ev))>
                <option value="" selected>{t!(i18n, record.staff_choose)}</option>
                {Training::ALL.map(|option| view! {
                    <option value=enum_name(&option)>{move || labels::training(i18n.get_locale(), option)}</option>
                }).to_vec()}
            </select>
            <label for=id("completed")>{t!(i18n, record.staff_completed_on)}</label>
            <input id=id("completed") type="date" required prop:value=completed_on
                on:input=move |ev| completed_on.set(event_target_value(&ev)) />
            <label for=id("years")>{t!(i18n, record.staff_valid_years)}</label>
            <input id=id("years") type="number" min="1" max="10" inputmode="numeric" prop:value=valid_years
                on:input=move |ev| valid_years.set(event_target_value(&ev)) />
            <label for=id("evidence")>{t!(i18n, record.staff_evidence)}</label>
            <input id=id("evidence") type="text" required maxlength="200" prop:value=evidence
                on:input=move |ev| evidence.set(event_target_value(&ev)) />
            <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                {t!(i18n, record.staff_record)}
            </button>
            <WriteOutcome outcome>{t!(i18n, record.staff_recorded)}</WriteOutcome>
        </form>
    }
}
