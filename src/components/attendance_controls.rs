//! Checking in and out on one of the volunteer's confirmed sign-ups, from their phone:
//! with the code the point's screen shows, or by the phone's location near the point.

use crate::api::{self, ApiError};
use crate::browser;
use crate::format::clock_time;
use crate::i18n::{t, t_string, use_i18n};
use chrono::Utc;
use huli_contract::{
    AccessKey, AttendanceView, CheckIn, ReviewStatus, SignupView, check_in_window,
    china_standard_time,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The check-in code of the point's QR code, which opens `/me?code=…`.
pub fn scanned_code() -> Option<String> {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("code")
        .filter(|code| code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()))
}

#[component]
pub fn AttendanceControls(
    signup: SignupView,
    key: AccessKey,
    /// Called with the sign-up as it stands after checking in or out.
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = signup.id;
    // Filled in from the QR code, so checking in takes one tap.
    let code = RwSignal::new(scanned_code().unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Checks in with `Some(proof)`, out with `None`.
    let send = Callback::new(move |proof: Option<CheckIn>| {
        let (key, locale) = (key.clone(), i18n.get_locale_untracked());
        // Each tap is a new request (a new code, a new position); `api` resends this key
        // itself if no answer comes.
        let request_key = api::new_idempotency_key();
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = match &proof {
                Some(proof) => api::check_in(&key, id, proof, &request_key, locale).await,
                None => api::check_out(&key, id, &request_key, locale).await,
            };
            busy.set(false);
            match result {
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_changed.try_run(());
                }
                Err(ApiError::Refused(body) | ApiError::Server(Some(body))) => {
                    problem.set(Some(body.message))
                }
                Err(ApiError::Network) => {
                    problem.set(Some(t_string!(i18n, error_network).to_owned()))
                }
                Err(_) => problem.set(Some(t_string!(i18n, error_server).to_owned())),
            }
        });
    });
    let by_location = move |_| {
        spawn_local(async move {
            match browser::locate().await {
                Ok(location) => send.run(Some(CheckIn::Location { location })),
                Err(_) => problem.set(Some(t_string!(i18n, check_in_no_location).to_owned())),
            }
        });
    };
    let controls = match signup.attendance {
        None if check_in_window(signup.shift.window, Utc::now()).is_ok() => {
            let code_id = format!("check-in-code-{}", id.0);
            Some(view! {
                <form class="check-in" on:submit=move |ev| {
                    ev.prevent_default();
                    send.run(Some(CheckIn::RotatingCode { code: code.get_untracked() }));
                }>
                    <label for=code_id.clone()>{t!(i18n, check_in_code_label)}</label>
                    <input id=code_id type="text" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="7" prop:value=code on:input=move |ev| code.set(event_target_value(&ev)) />
                    <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                        {t!(i18n, check_in_button)}
                    </button>
                    <button type="button" class="secondary" on:click=by_location>
                        {t!(i18n, check_in_by_location)}
                    </button>
                </form>
            }.into_any())
        }
        None => None,
        Some(attendance) => Some(
            view! { <AttendanceState attendance on_check_out=move || send.run(None) /> }.into_any(),
        ),
    };
    view! {
        {controls}
        <div role="alert">{move || problem.get().map(|m| view! { <p class="refusal">{m}</p> })}</div>
    }
}

#[component]
fn AttendanceState(
    attendance: AttendanceView,
    #[prop(into)] on_check_out: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let checked_in = clock_time(
        attendance
            .checked_in_at
            .with_timezone(&china_standard_time()),
    );
    let minutes = attendance.minutes.0;
    let review = match attendance.status {
        ReviewStatus::Pending => t!(i18n, attendance_pending, minutes = minutes).into_any(),
        ReviewStatus::Approved => t!(i18n, attendance_approved, minutes = minutes).into_any(),
        ReviewStatus::Rejected => t!(i18n, attendance_rejected).into_any(),
    };
    view! {
        <div class="attendance" data-testid="attendance">
            <p>{t!(i18n, checked_in_at, time = checked_in)}</p>
            {match attendance.checked_out_at {
                None => view! {
                    <button type="button" class="primary" on:click=move |_| on_check_out.run(())>
                        {t!(i18n, check_out_button)}
                    </button>
                }.into_any(),
                Some(_) => view! {
                    <p>{review}</p>
                    {attendance.auto_closed.then(|| view! { <p class="note">{t!(i18n, attendance_auto_closed)}</p> })}
                }.into_any(),
            }}
        </div>
    }
}
