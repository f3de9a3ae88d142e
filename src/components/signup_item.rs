//! One of the volunteer's own sign-ups on "my sign-ups": its status, its place on the
//! waitlist, "add to calendar" and a cancel that asks once more before it acts.

use crate::api::{self, AccessKey, ApiError};
use crate::components::shift_summary::ShiftSummary;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{SignupStatus, SignupView};
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
    let active = signup.status != SignupStatus::Cancelled;
    let asking = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let idempotency_key = StoredValue::new(api::new_idempotency_key());
    let cancel = move |_| {
        let (key, locale) = (key.clone(), i18n.get_locale_untracked());
        let request_key = idempotency_key.get_value();
        spawn_local(async move {
            match api::cancel(&key, id, &request_key, locale).await {
                Ok(_) => on_changed.run(()),
                Err(ApiError::Refused(body) | ApiError::Server(Some(body))) => {
                    problem.set(Some(body.message))
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
    let calendar = (signup.status == SignupStatus::Confirmed).then(|| {
        let shift = signup.shift.id;
        view! { <a href=move || api::shift_calendar_url(shift, i18n.get_locale()) download>{t!(i18n, add_to_calendar)}</a> }
    });
    let controls = move || {
        match (active, can_cancel, asking.get()) {
        (false, _, _) => None,
        (true, false, _) => Some(view! { <p class="note">{t!(i18n, cancel_closed)}</p> }.into_any()),
        (true, true, false) => Some(view! {
            <button type="button" on:click=move |_| asking.set(true)>{t!(i18n, cancel_signup)}</button>
        }.into_any()),
        (true, true, true) => Some(view! {
            <div class="confirm" role="group" aria-labelledby=format!("cancel-question-{}", id.0)>
                <p id=format!("cancel-question-{}", id.0)>{t!(i18n, cancel_confirm_question)}</p>
                <button type="button" class="danger" on:click=cancel.clone()>{t!(i18n, cancel_confirm_yes)}</button>
                <button type="button" on:click=move |_| asking.set(false)>{t!(i18n, cancel_confirm_no)}</button>
            </div>
        }.into_any()),
    }
    };
    view! {
        <li class="signup-item" data-status=format!("{:?}", signup.status).to_lowercase() data-testid="signup-item">
            <p class="signup-status"><strong>{status}</strong></p>
            <ShiftSummary shift=signup.shift />
            <p class="actions">{calendar}</p>
            {controls}
            <div role="alert">{move || problem.get()}</div>
        </li>
    }
}
