//! Signing in to the staff console with a login name and password.

use crate::api::{self, ApiError};
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{LoginForm, StaffSession};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StaffSignIn(#[prop(into)] on_signed_in: Callback<StaffSession>) -> impl IntoView {
    let i18n = use_i18n();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
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
                prop:value=login on:input=move |ev| login.set(event_target_value(&ev)) />
            <label for="staff-password">{t!(i18n, staff_password)}</label>
            <input id="staff-password" type="password" autocomplete="current-password" required
                prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                {t!(i18n, staff_sign_in_button)}
            </button>
        </form>
    }
}
