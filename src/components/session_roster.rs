//! A training session's list in the console, opened on request: who signed up, and the
//! button that marks each one present (which puts the training on their record), from
//! 30 minutes before the start on.

use crate::api;
use crate::browser;
use crate::components::status::{loaded, problem_text};
use crate::format::huli_time;
use crate::i18n::{t, use_i18n};
use crate::labels;
use chrono::{Duration, Utc};
use huli_contract::training_sessions::ATTENDANCE_OPENS_MINUTES_BEFORE;
use huli_contract::{
    SignupStatus, TrainingRoster, TrainingRosterLine, TrainingSessionId, VolunteerNumber,
};
use leptos::prelude::*;

#[component]
pub fn SessionRoster(session: TrainingSessionId, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <details class="show-link" on:toggle=move |_| open.set(true)>
            <summary>{t!(i18n, sessions.roster_open)}</summary>
            {move || open.get().then(|| view! { <Opened session csrf /> })}
        </details>
    }
}

#[component]
fn Opened(session: TrainingSessionId, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let roster =
        LocalResource::new(move || api::training_roster(session, i18n.get_locale_untracked()));
    loaded(roster, move |roster| view! { <Lines roster csrf /> })
}

#[component]
fn Lines(roster: TrainingRoster, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = roster.session.id;
    let opens =
        roster.session.window.starts_at() - Duration::minutes(ATTENDANCE_OPENS_MINUTES_BEFORE);
    let not_yet = !roster.session.attendance_open(Utc::now());
    let lines = RwSignal::new(roster.signups);
    let mark = Action::new_local(move |volunteer: &VolunteerNumber| {
        let (volunteer, locale) = (*volunteer, i18n.get_locale_untracked());
        async move {
            let csrf = csrf.get_value();
            let answer = api::mark_training_attendance(session, volunteer, &csrf, locale).await;
            if let Ok(roster) = &answer {
                lines.set(roster.signups.clone());
                // The button is gone: its line's new state takes the focus it held.
                browser::focus_soon(present_id(session, volunteer));
            }
            answer.map(|_| ())
        }
    });
    let pending = mark.pending();
    let problem = move || match mark.value().get() {
        Some(Err(error)) => Some(problem_text(i18n, error)),
        _ => None,
    };
    let on_mark = Callback::new(move |volunteer: VolunteerNumber| {
        if !pending.get_untracked() {
            mark.dispatch_local(volunteer);
        }
    });
    view! {
        {not_yet.then(|| view! { <p class="note">{t!(i18n, sessions.attendance_from, time = huli_time(opens))}</p> })}
        <p class="form-alert" role="alert">{problem}</p>
        {move || lines.with(Vec::is_empty).then(|| view! { <p>{t!(i18n, sessions.roster_empty)}</p> })}
        <ul class="review-list" data-testid="training-roster">
            {move || lines.get().into_iter().map(|line| view! { <Line line session on_mark /> }).collect_view()}
        </ul>
    }
}

fn present_id(session: TrainingSessionId, volunteer: VolunteerNumber) -> String {
    format!("present-{}-{volunteer}", session.0)
}

#[component]
fn Line(
    line: TrainingRosterLine,
    session: TrainingSessionId,
    on_mark: Callback<VolunteerNumber>,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = line.volunteer_number;
    let name = move || labels::volunteer_name(i18n.get_locale(), line.name.as_deref());
    let status = match line.status {
        SignupStatus::Confirmed => t!(i18n, signup_state.confirmed).into_any(),
        SignupStatus::Waitlisted => t!(i18n, signup_state.waitlisted).into_any(),
        SignupStatus::Cancelled => t!(i18n, signup_state.cancelled).into_any(),
    };
    let state = match (line.attended, line.status) {
        (true, _) => view! {
            <p class="insured" id=present_id(session, number) tabindex="-1">{t!(i18n, sessions.attended)}</p>
        }
        .into_any(),
        (false, SignupStatus::Cancelled) => ().into_any(),
        (false, _) => view! {
            <button type="button" class="primary" on:click=move |_| on_mark.run(number)>
                {t!(i18n, sessions.mark_present)}
                // Read out with the control, so each button names its volunteer.
                <span class="visually-hidden">" "{name.clone()}</span>
            </button>
        }
        .into_any(),
    };
    view! {
        <li class="review-item" data-testid="training-roster-line">
            <p><strong>{name.clone()}</strong>" "<span class="note">{number.to_string()}</span></p>
            <p>{status}</p>
            {state}
        </li>
    }
}
