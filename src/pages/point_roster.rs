//! `/staff/roster/:id`: today's shifts at a point with everyone confirmed on them, for
//! the leader to check a volunteer in or out whose phone cannot (no battery, no link).

use crate::api::{self, ApiError};
use crate::components::layout::set_title;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{loaded, problem_text};
use crate::format::{clock_time, shift_window};
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::{PointId, RosterEntry, RosterShift, StaffSession, china_standard_time};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PointRosterPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, roster_title).to_owned());
    view! {
        <h1>{t!(i18n, roster_title)}</h1>
        <StaffGate page=|session| view! { <Roster session /> } />
    }
}

#[component]
fn Roster(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let roster = LocalResource::new(move || {
        let point = params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<i64>().ok());
        let locale = i18n.get_locale_untracked();
        async move {
            match point {
                Some(point) => api::roster(PointId(point), locale).await,
                None => Err(ApiError::NotFound),
            }
        }
    });
    let csrf = StoredValue::new(session.csrf_token);
    let changed = Callback::new(move |()| roster.refetch());
    view! {
        {loaded(roster, move |shifts: Vec<RosterShift>| {
            if shifts.is_empty() {
                return view! { <p>{t!(i18n, display_no_shifts)}</p> }.into_any();
            }
            view! {
                <ul class="display-shifts" data-testid="roster">
                    {shifts.into_iter().map(|shift| view! {
                        <li>
                            <h2>
                                {move || shift_window(i18n.get_locale(), shift.window)}
                                " · "{move || labels::duty(i18n.get_locale(), shift.duty)}
                            </h2>
                            <ul class="review-list">
                                {shift.people.into_iter().map(|person| view! {
                                    <Person person csrf=csrf.get_value() on_changed=changed />
                                }).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}

#[component]
fn Person(
    person: RosterEntry,
    csrf: String,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let signup = person.signup_id;
    let busy = RwSignal::new(false);
    let mark = move |check_in: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let answer = api::mark_attendance(signup, check_in, &csrf.get_value(), locale).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_changed.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let local =
        |at: chrono::DateTime<chrono::Utc>| clock_time(at.with_timezone(&china_standard_time()));
    let state = match (person.checked_in_at, person.checked_out_at) {
        (None, _) => None,
        (Some(checked_in), None) => Some(local(checked_in)),
        (Some(checked_in), Some(out)) => Some(format!("{}–{}", local(checked_in), local(out))),
    };
    let (can_in, can_out) = (
        person.checked_in_at.is_none(),
        person.checked_in_at.is_some() && person.checked_out_at.is_none(),
    );
    view! {
        <li class="review-item" data-testid="roster-person">
            <p>
                <strong>{move || labels::volunteer_name(i18n.get_locale(), person.name.as_deref())}</strong>
                " "<span class="note">{person.phone_masked}</span>
            </p>
            <p>{match state {
                None => t!(i18n, roster_not_in).into_any(),
                Some(times) => t!(i18n, roster_times, times = times).into_any(),
            }}</p>
            <div class="review-actions">
                {can_in.then(|| view! {
                    <button type="button" class="primary" on:click=move |_| mark(true)>{t!(i18n, roster_check_in)}</button>
                })}
                {can_out.then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| mark(false)>{t!(i18n, roster_check_out)}</button>
                })}
            </div>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </li>
    }
}
