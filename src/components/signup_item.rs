//! One of the volunteer's own sign-ups on "my sign-ups": its status, its place on the
//! waitlist, "add to calendar" and a cancel that asks once more before it acts.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::attendance_controls::AttendanceControls;
use crate::components::calendar_link::CalendarLink;
use crate::components::shift_summary::ShiftSummary;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{AccessKey, SignupStatus, SignupView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SignupItem(
    signup: SignupView,
    key: AccessKey,
    /// Called after a cancellation, so the page reloads the list (a promotion may follow).
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = signup.id;
    let can_cancel = signup.can_cancel(chrono::Utc::now());
    let waitlisted = signup.status == SignupStatus::Waitlisted;
    // Only a shift with someone waiting hands the place on.
    let someone_waiting = signup.shift.waitlisted > 0;
    let active = signup.status != SignupStatus::Cancelled;
    let confirmed = signup.status == SignupStatus::Confirmed;
    let attendance_key = key.clone();
    let asking = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    // Kept across retries after no answer; a new one once the server has answered.
    let idempotency_key = StoredValue::new(api::new_idempotency_key());
    let (cancel_id, yes_id) = (format!("cancel-{}", id.0), format!("cancel-yes-{}", id.0));
    let cancel = move |_| {
        let (key, locale) = (key.clone(), i18n.get_locale_untracked());
        let request_key = idempotency_key.get_value();
        spawn_local(async move {
            let result = api::cancel(&key, id, &request_key, locale).await;
            if !matches!(result, Err(ApiError::Network)) {
                idempotency_key.set_value(api::new_idempotency_key());
            }
            match result {
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_changed.try_run(());
                }
                Err(ApiError::Refused(body) | ApiError::Server(Some(body))) => {
                    problem.set(Some(body.message))
                }
                Err(ApiError::Unauthorized) => {
                    problem.set(Some(t_string!(i18n, error_personal_link).to_owned()))
                }
                Err(ApiError::Network) => {
                    problem.set(Some(t_string!(i18n, error_network).to_owned()))
                }
                Err(_) => problem.set(Some(t_string!(i18n, error_server).to_owned())),
            }
        });
    };
    let status = match (signup.status, signup.waitlist_position) {
        (SignupStatus::Confirmed, _) => t!(i18n, status_confirmed).into_any(),
        (SignupStatus::Waitlisted, position) => {
            t!(i18n, status_waitlisted, position = position.unwrap_or(0)).into_any()
        }
        (SignupStatus::Cancelled, _) => t!(i18n, status_cancelled).into_any(),
    };
    let calendar = (signup.status == SignupStatus::Confirmed)
        .then(|| view! { <CalendarLink shift=signup.shift.id /> });
    let question = move || {
        if waitlisted {
            t!(i18n, cancel_confirm_question_waitlisted).into_any()
        } else if someone_waiting {
            t!(i18n, cancel_confirm_question).into_any()
        } else {
            t!(i18n, cancel_confirm_question_no_waitlist).into_any()
        }
    };
    let controls = move || match (active, can_cancel, asking.get()) {
        (false, _, _) => None,
        (true, false, _) => {
            Some(view! { <p class="note">{t!(i18n, cancel_closed)}</p> }.into_any())
        }
        (true, true, false) => {
            let yes_id = yes_id.clone();
            Some(
                view! {
                    <button type="button" id=cancel_id.clone() on:click=move |_| {
                        asking.set(true);
                        browser::focus_soon(yes_id.clone());
                    }>{t!(i18n, cancel_signup)}</button>
                }
                .into_any(),
            )
        }
        (true, true, true) => {
            let cancel_id = cancel_id.clone();
            Some(view! {
                <div class="confirm" role="group" aria-labelledby=format!("cancel-question-{}", id.0)>
                    <p id=format!("cancel-question-{}", id.0)>{question}</p>
                    <button type="button" class="danger" id=yes_id.clone() on:click=cancel.clone()>{t!(i18n, cancel_confirm_yes)}</button>
                    <button type="button" on:click=move |_| {
                        asking.set(false);
                        browser::focus_soon(cancel_id.clone());
                    }>{t!(i18n, cancel_confirm_no)}</button>
                </div>
            }.into_any())
        }
    };
    view! {
        <li class="signup-item" data-status=format!("{:?}", signup.status).to_lowercase() data-testid="signup-item">
            <p class="signup-status"><strong>{status}</strong></p>
            {confirmed.then(|| view! { <AttendanceControls signup=signup.clone() key=attendance_key on_changed /> })}
            <ShiftSummary shift=signup.shift />
            <p class="actions">{calendar}</p>
            {controls}
            <div role="alert">{move || problem.get()}</div>
        </li>
    }
}
