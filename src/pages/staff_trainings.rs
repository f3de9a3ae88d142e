//! `/staff/trainings`: scheduling training sessions for the units the account manages,
//! and the sessions in its scope (from those that ended in the last 30 days on), each
//! with its list of volunteers to mark present.

use crate::api;
use crate::components::layout::set_title;
use crate::components::session_planner::SessionPlanner;
use crate::components::session_roster::SessionRoster;
use crate::components::staff_gate::StaffGate;
use crate::components::status::loaded;
use crate::components::training_session_summary::TrainingSessionSummary;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::{StaffSession, TrainingSessionView, UnitView};
use leptos::prelude::*;

#[component]
pub fn StaffTrainingsPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, sessions.staff_title).to_owned());
    view! {
        <h1>{t!(i18n, sessions.staff_title)}</h1>
        <StaffGate page=|session| view! { <Trainings session /> } />
    }
}

#[component]
fn Trainings(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    // A point leader schedules nothing and holds no unit's sessions.
    if session.account.role.unit_scope().is_none() {
        return view! { <p class="notice">{t!(i18n, sessions.staff_not_for_leaders)}</p> }
            .into_any();
    }
    let csrf = StoredValue::new(session.csrf_token);
    let units = LocalResource::new(move || api::managed_units(i18n.get_locale_untracked()));
    let sessions =
        LocalResource::new(move || api::managed_training_sessions(i18n.get_locale_untracked()));
    let scheduled = Callback::new(move |()| sessions.refetch());
    view! {
        {loaded(units, move |units: Vec<UnitView>| view! {
            <SessionPlanner units csrf on_scheduled=scheduled />
        })}
        <section aria-labelledby="managed-sessions-heading">
            <h2 id="managed-sessions-heading">{t!(i18n, sessions.staff_list_heading)}</h2>
            {loaded(sessions, move |list: Vec<TrainingSessionView>| {
                if list.is_empty() {
                    return view! { <p>{t!(i18n, sessions.staff_none)}</p> }.into_any();
                }
                view! {
                    <ul class="review-list" data-testid="managed-sessions">
                        {list.into_iter().map(|session| view! { <SessionRow session csrf /> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
    .into_any()
}

#[component]
fn SessionRow(session: TrainingSessionView, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, training) = (session.id, session.training);
    let (confirmed, capacity, waitlisted) =
        (session.confirmed, session.capacity, session.waitlisted);
    view! {
        <li class="review-item" data-testid="managed-session">
            <h3>{move || labels::training(i18n.get_locale(), training)}</h3>
            <TrainingSessionSummary session />
            <p>{t!(i18n, shifts_places, confirmed = confirmed, capacity = capacity, waitlisted = waitlisted)}</p>
            <SessionRoster session=id csrf />
        </li>
    }
}
