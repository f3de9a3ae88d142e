//! The button that signs the volunteer up for one shift, and what came of it.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::calendar_link::CalendarLink;
use crate::components::site_link::SiteLink;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{AccessKey, ShiftView, SignupStatus, SignupView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SignupAction(
    shift: ShiftView,
    key: AccessKey,
    /// Called when the server no longer knows the key (replaced by staff, say).
    #[prop(into)]
    on_key_rejected: Callback<()>,
    /// Called with the sign-up the server made, and the shift as it now stands.
    #[prop(into)]
    on_signed_up: Callback<SignupView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let availability = shift.availability(chrono::Utc::now());
    let shift_id = shift.id;
    let outcome = RwSignal::new(None::<SignupView>);
    let refusal = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // Kept while retrying after no answer (a repeated tap is the same request); a new
    // one once the server has answered, so a later try is asked afresh.
    let idempotency_key = StoredValue::new(api::new_idempotency_key());
    let send = move |_| {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        refusal.set(None);
        let (key, locale) = (key.clone(), i18n.get_locale_untracked());
        let request_key = idempotency_key.get_value();
        spawn_local(async move {
            let result = api::sign_up(&key, shift_id, &request_key, locale).await;
            sending.set(false);
            if !matches!(result, Err(ApiError::Network)) {
                idempotency_key.set_value(api::new_idempotency_key());
            }
            match result {
                Ok(signup) => {
                    let _ = on_signed_up.try_run(signup.clone());
                    outcome.set(Some(signup));
                    // The button is gone: the outcome takes the focus it held.
                    browser::focus_soon("signup-outcome");
                }
                Err(ApiError::Unauthorized) => {
                    // The page may have been left while the request was out.
                    let _ = on_key_rejected.try_run(());
                }
                Err(ApiError::Refused(body) | ApiError::Server(Some(body))) => {
                    refusal.set(Some(body.message));
                }
                Err(ApiError::Network) => {
                    refusal.set(Some(t_string!(i18n, error_network).to_owned()))
                }
                Err(_) => refusal.set(Some(t_string!(i18n, error_server).to_owned())),
            }
        });
    };
    let button = move || match availability {
        Ok(status) if outcome.with(Option::is_none) => {
            let label = move || match (sending.get(), status) {
                (true, _) => t!(i18n, signup_sending).into_any(),
                (false, SignupStatus::Waitlisted) => t!(i18n, signup_waitlist_button).into_any(),
                (false, _) => t!(i18n, signup_confirm_button).into_any(),
            };
            Some(view! {
                <button type="button" class="primary" aria-disabled=move || sending.get().to_string() on:click=send.clone()>
                    {label}
                </button>
            }.into_any())
        }
        Err(code) if outcome.with(Option::is_none) => Some(
            view! {
                <p class="notice">{move || code.message(api::lang_of(i18n.get_locale()))}</p>
            }
            .into_any(),
        ),
        _ => None,
    };
    let result = move || {
        outcome.get().map(|signup| {
            let calendar = (signup.status == SignupStatus::Confirmed)
                .then(|| view! { <CalendarLink shift=shift_id /> });
            let message = match signup.waitlist_position {
                Some(position) => t!(i18n, signup_waitlisted, position = position).into_any(),
                None => t!(i18n, signup_confirmed).into_any(),
            };
            view! {
                <p class="success" id="signup-outcome" tabindex="-1">{message}</p>
                <p class="actions">
                    {calendar}
                    <SiteLink href="/me">{t!(i18n, see_my_signups)}</SiteLink>
                </p>
            }
        })
    };
    view! {
        <div class="signup-action" data-testid="signup-action">
            {button}
            <div role="status" aria-live="polite">{result}</div>
            <div role="alert">{move || refusal.get().map(|m| view! { <p class="refusal">{m}</p> })}</div>
        </div>
    }
}
