//! One of the volunteer's own sign-ups on "my sign-ups": its status, its place on the
//! waitlist, "add to calendar" and a cancel that asks once more before it acts.

use crate::api;
use crate::components::attendance_controls::AttendanceControls;
use crate::components::calendar_link::CalendarLink;
use crate::components::cancel_signup::CancelSignup;
use crate::components::shift_summary::ShiftSummary;
use crate::i18n::{t, use_i18n};
use huli_contract::{AccessKey, SignupStatus, SignupView};
use leptos::prelude::*;

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
    let waitlisted = signup.status == SignupStatus::Waitlisted;
    // Only a shift with someone waiting hands the place on.
    let someone_waiting = signup.shift.waitlisted > 0;
    let active = signup.status != SignupStatus::Cancelled;
    let confirmed = signup.status == SignupStatus::Confirmed;
    let attendance_key = key.clone();
    let send = move |request_key: String| {
        let (key, locale) = (key.clone(), i18n.get_locale_untracked());
        async move {
            api::cancel(&key, id, &request_key, locale)
                .await
                .map(|_| ())
        }
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
    let window = signup.shift.window;
    view! {
        <li class="signup-item" data-status=format!("{:?}", signup.status).to_lowercase() data-testid="signup-item">
            <p class="signup-status"><strong><SignupState status=signup.status position=signup.waitlist_position /></strong></p>
            {confirmed.then(|| view! { <AttendanceControls signup=signup.clone() key=attendance_key on_changed /> })}
            <ShiftSummary shift=signup.shift />
            <p class="actions">{calendar}</p>
            {active.then(|| view! {
                <CancelSignup name=id.0.to_string() window question send on_cancelled=on_changed />
            })}
        </li>
    }
}

/// A sign-up's status in words: confirmed, the place on the waitlist, or cancelled.
#[component]
pub fn SignupState(status: SignupStatus, position: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    match status {
        SignupStatus::Confirmed => t!(i18n, status_confirmed).into_any(),
        SignupStatus::Waitlisted => {
            t!(i18n, status_waitlisted, position = position.unwrap_or(0)).into_any()
        }
        SignupStatus::Cancelled => t!(i18n, status_cancelled).into_any(),
    }
}
