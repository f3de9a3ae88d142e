//! Signing in to the staff console with a login name and password, and for an account
//! with two-step verification, the code from its authenticator app (or a recovery
//! code), asked for once the password is right.

use crate::api::{self, ApiError};
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{ErrorCode, LoginForm, StaffSession};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StaffSignIn(#[prop(into)] on_signed_in: Callback<StaffSession>) -> impl IntoView {
    let i18n = use_i18n();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);
    let code_field = NodeRef::<leptos::html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let form = LoginForm {
            login: login.get_untracked(),
            password: password.get_untracked(),
            code: code.get_untracked(),
        };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let answer = api::staff_sign_in(&form, i18n.get_locale_untracked()).await;
            busy.set(false);
            match answer {
                Ok(session) => {
                    // The page may have been left while the request was out.
                    let _ = on_signed_in.try_run(session);
                }
                Err(ApiError::Refused(body) | ApiError::Server(Some(body))) => {
                    if matches!(
                        body.error,
                        ErrorCode::SecondFactorNeeded | ErrorCode::SecondFactorFailed
                    ) {
                        needs_code.set(true);
                        code.set(String::new());
                        // Where the next thing to type goes, once it is drawn.
                        request_animation_frame(move || {
                            if let Some(field) = code_field.get_untracked() {
                                let _ = field.focus();
                            }
                        });
                    }
                    problem.set(Some(body.message))
                }
                Err(ApiError::Network) => {
                    problem.set(Some(t_string!(i18n, error_network).to_owned()))
                }
                Err(_) => problem.set(Some(t_string!(i18n, error_server).to_owned())),
            }
        });
    };
    view! {
        <form class="staff-sign-in" on:submit=submit data-testid="staff-sign-in">
            <h2>{t!(i18n, staff_sign_in_heading)}</h2>
            <label for="staff-login">{t!(i18n, staff_login)}</label>
            <input id="staff-login" type="text" autocomplete="username" required
                prop:value=login on:input=move |ev| {
                    login.set(event_target_value(&ev));
                    // Another account: its own password first.
                    needs_code.set(false);
                    code.set(String::new());
                } />
            <label for="staff-password">{t!(i18n, staff_password)}</label>
            <input id="staff-password" type="password" autocomplete="current-password" required
                prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
            <Show when=move || needs_code.get()>
                <label for="staff-code">{t!(i18n, staff_code)}</label>
                <p class="hint" id="staff-code-hint">{t!(i18n, staff_code_hint)}</p>
                <input id="staff-code" type="text" autocomplete="one-time-code" required
                    autocapitalize="off" spellcheck="false" aria-describedby="staff-code-hint"
                    node_ref=code_field
                    prop:value=code on:input=move |ev| code.set(event_target_value(&ev)) />
            </Show>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                {t!(i18n, staff_sign_in_button)}
            </button>
        </form>
    }
}
