//! Scheduling a training session from the console: which training, the organising unit
//! (one the account manages), when (in Huli's time), where, who teaches it, how many
//! places, and how long the training then holds. The contract's own parser checks the
//! form before it is sent, so the message under each field is the server's; the
//! server's own refusals land in the same places.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::status::{WriteOutcome, problem_text};
use crate::i18n::{t, use_i18n};
use crate::labels;
use crate::point_filter::enum_name;
use huli_contract::{Problem, Training, TrainingSessionForm, UnitView};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

type FieldProblems = RwSignal<Vec<(String, Problem)>>;

/// A `datetime-local` value, read as Huli's time, in RFC 3339 with Huli's offset.
fn huli_moment(local: &str) -> String {
    match local.len() {
        0 => String::new(),
        // Minutes only, as the control gives them by default.
        16 => format!("{local}:00+08:00"),
        _ => format!("{local}+08:00"),
    }
}

/// A whole number typed in a field: `None` when left blank.
fn whole(field: &str, raw: &str, found: &mut Vec<(String, Problem)>) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let number = raw.parse().ok();
    if number.is_none() {
        found.push((field.to_owned(), Problem::NotAnInteger));
    }
    number
}

/// `units`: the units the account schedules for.
#[component]
pub fn SessionPlanner(
    units: Vec<UnitView>,
    csrf: StoredValue<String>,
    #[prop(into)] on_scheduled: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let unit = RwSignal::new(units.first().map(|u| u.unit.id));
    let units = StoredValue::new(units);
    let (training, starts, ends) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let (place, trainer) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (capacity, years) = (RwSignal::new("30".to_owned()), RwSignal::new(String::new()));
    let problems: FieldProblems = RwSignal::new(Vec::new());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let schedule = Action::new_local(move |form: &TrainingSessionForm| {
        let (form, locale) = (form.clone(), i18n.get_locale_untracked());
        async move {
            let answer = api::schedule_training_session(&form, &csrf.get_value(), locale).await;
            match answer {
                Ok(_) => {
                    place.set(String::new());
                    outcome.set(Some(Ok(())));
                    // The page may have been left while the request was out.
                    let _ = on_scheduled.try_run(());
                }
                Err(ApiError::Refused(body)) if !body.fields.is_empty() => {
                    let found = body.fields.into_iter().map(|f| (f.field, f.problem));
                    problems.set(found.collect());
                    browser::focus_soon("session-form-problems");
                }
                Err(error) => outcome.set(Some(Err(problem_text(i18n, error)))),
            }
        }
    });
    let pending = schedule.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        let form = TrainingSessionForm {
            training: training.get_untracked(),
            organiser_unit_id: unit.get_untracked(),
            starts_at: huli_moment(&starts.get_untracked()),
            ends_at: huli_moment(&ends.get_untracked()),
            place: place.get_untracked(),
            trainer: trainer.get_untracked(),
            capacity: whole("capacity", &capacity.get_untracked(), &mut found),
            valid_years: whole("valid_years", &years.get_untracked(), &mut found),
        };
        outcome.set(None);
        if let Err(more) = form.parse(chrono::Utc::now()) {
            found.extend(more);
        }
        problems.set(found);
        if problems.with_untracked(Vec::is_empty) {
            schedule.dispatch_local(form);
        } else {
            browser::focus_soon("session-form-problems");
        }
    };
    let problem = move |field: &'static str| {
        move || {
            problems.with(|all| {
                (all.iter())
                    .find(|(f, _)| f == field)
                    .map(|(_, p)| crate::language::written(i18n.get_locale(), p.message(lang())))
            })
        }
    };
    let invalid = move |field: &'static str| move || problem(field)().is_some().to_string();
    let summary = move || {
        (!problems.with(Vec::is_empty)).then(|| view! { <p>{t!(i18n, form_has_errors)}</p> })
    };
    view! {
        <form class="staff-exports" novalidate on:submit=submit data-testid="session-planner">
            <h2>{t!(i18n, sessions.plan_heading)}</h2>
            <div class="form-alert" id="session-form-problems" tabindex="-1">{summary}</div>
            <label for="session-training">{t!(i18n, sessions.training)}</label>
            <select id="session-training" aria-describedby="session-training-error" aria-invalid=invalid("training")
                on:change=move |ev| training.set(event_target_value(&ev))>
                <option value="" selected>{t!(i18n, record.staff_choose)}</option>
                {Training::ALL.map(|option| view! {
                    <option value=enum_name(&option)>{move || labels::training(i18n.get_locale(), option)}</option>
                }).to_vec()}
            </select>
            <p class="field-error" id="session-training-error">{problem("training")}</p>
            <label for="session-unit">{t!(i18n, plan_unit)}</label>
            <select id="session-unit" aria-describedby="session-unit-error" aria-invalid=invalid("organiser_unit_id")
                on:change=move |ev| unit.set(event_target_value(&ev).parse().ok())>
                {move || units.with_value(|units| units.iter().map(|u| {
                    let id = u.unit.id;
                    view! {
                        <option value=id.to_string() selected=move || unit.get() == Some(id)>
                            {u.unit.name.get(lang()).to_owned()}
                        </option>
                    }
                }).collect_view())}
            </select>
            <p class="field-error" id="session-unit-error">{problem("organiser_unit_id")}</p>
            <label for="session-starts">{t!(i18n, sessions.starts)}</label>
            <input id="session-starts" type="datetime-local" aria-describedby="session-starts-error"
                aria-invalid=invalid("starts_at") prop:value=starts on:input=move |ev| starts.set(event_target_value(&ev)) />
            <p class="field-error" id="session-starts-error">{problem("starts_at")}</p>
            <label for="session-ends">{t!(i18n, sessions.ends)}</label>
            <input id="session-ends" type="datetime-local" aria-describedby="session-ends-error"
                aria-invalid=invalid("ends_at") prop:value=ends on:input=move |ev| ends.set(event_target_value(&ev)) />
            <p class="field-error" id="session-ends-error">{problem("ends_at")}</p>
            <label for="session-place">{t!(i18n, sessions.place_label)}</label>
            <input id="session-place" type="text" maxlength="120" aria-describedby="session-place-error"
                aria-invalid=invalid("place") prop:value=place on:input=move |ev| place.set(event_target_value(&ev)) />
            <p class="field-error" id="session-place-error">{problem("place")}</p>
            <label for="session-trainer">{t!(i18n, sessions.trainer_label)}</label>
            <input id="session-trainer" type="text" maxlength="60" aria-describedby="session-trainer-error"
                aria-invalid=invalid("trainer") prop:value=trainer on:input=move |ev| trainer.set(event_target_value(&ev)) />
            <p class="field-error" id="session-trainer-error">{problem("trainer")}</p>
            <label for="session-capacity">{t!(i18n, plan_capacity)}</label>
            <input id="session-capacity" type="number" min="1" max="200" inputmode="numeric"
                aria-describedby="session-capacity-error" aria-invalid=invalid("capacity")
                prop:value=capacity on:input=move |ev| capacity.set(event_target_value(&ev)) />
            <p class="field-error" id="session-capacity-error">{problem("capacity")}</p>
            <label for="session-years">{t!(i18n, sessions.valid_years_label)}</label>
            <p class="hint" id="session-years-hint">{t!(i18n, sessions.valid_years_hint)}</p>
            <input id="session-years" type="number" min="1" max="10" inputmode="numeric"
                aria-describedby="session-years-hint session-years-error" aria-invalid=invalid("valid_years")
                prop:value=years on:input=move |ev| years.set(event_target_value(&ev)) />
            <p class="field-error" id="session-years-error">{problem("valid_years")}</p>
            <button type="submit" class="primary" aria-disabled=move || pending.get().to_string()>
                {t!(i18n, sessions.plan_submit)}
            </button>
            <WriteOutcome outcome>{t!(i18n, sessions.scheduled)}</WriteOutcome>
        </form>
    }
}
