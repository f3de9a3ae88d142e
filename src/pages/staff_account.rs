//! `/staff/account`: everyone's own account: change the password (every other session
//! then ends), end the other sessions, such as a phone left signed in, and set up (or,
//! but for administrators, switch off) two-step verification.

use crate::api;
use crate::components::layout::set_title;
use crate::components::second_factor_setup::SecondFactorSetup;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{WriteOutcome, problem_text};
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{PasswordChange, SecondFactorStatus, StaffSession};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StaffAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, account_title).to_owned());
    view! {
        <h1>{t!(i18n, account_title)}</h1>
        <StaffGate page=|session| view! { <OwnAccount session /> } />
    }
}

#[component]
fn OwnAccount(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let second_factor = view! { <SecondFactor session=session.clone() /> };
    let csrf = StoredValue::new(session.csrf_token);
    let (current, new) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let problem = RwSignal::new(None::<String>);
    // What came of the last action: whether the password changed, and how many other
    // sessions ended.
    let done = RwSignal::new(None::<(bool, u32)>);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::change_own_password(&form, &csrf.get_value(), locale).await {
                Ok(ended) => {
                    current.set(String::new());
                    new.set(String::new());
                    problem.set(None);
                    done.set(Some((true, ended.ended)));
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let end_others = move |_| {
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::end_other_sessions(&csrf.get_value(), locale).await {
                Ok(ended) => {
                    problem.set(None);
                    done.set(Some((false, ended.ended)));
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    view! {
        <form class="staff-exports" on:submit=change data-testid="change-password">
            <h2>{t!(i18n, account_change_password)}</h2>
            <label for="current-password">{t!(i18n, account_current_password)}</label>
            <input id="current-password" type="password" autocomplete="current-password" required
                prop:value=current on:input=move |ev| current.set(event_target_value(&ev)) />
            <label for="new-password">{t!(i18n, account_new_password)}</label>
            <p class="hint" id="new-password-hint">{t!(i18n, accounts_password_hint)}</p>
            <input id="new-password" type="password" autocomplete="new-password" required minlength="12"
                aria-describedby="new-password-hint"
                prop:value=new on:input=move |ev| new.set(event_target_value(&ev)) />
            <button type="submit" class="primary">{t!(i18n, account_change_password)}</button>
        </form>
        <section class="staff-exports">
            <h2>{t!(i18n, account_other_sessions)}</h2>
            <p>{t!(i18n, account_other_sessions_hint)}</p>
            <button type="button" class="secondary" on:click=end_others data-testid="end-other-sessions">
                {t!(i18n, account_end_other_sessions)}
            </button>
        </section>
        {second_factor}
        <p class="form-alert" role="alert">{move || problem.get()}</p>
        <p role="status">
            {move || done.get().map(|(changed, ended)| view! {
                {changed.then(|| view! { {t!(i18n, account_password_changed)}" " })}
                {t!(i18n, account_sessions_ended, count = ended)}
            })}
        </p>
    }
}

/// Two-step verification: whether it is on, setting it up (again), and switching it
/// off with the password, which administrators may not.
#[component]
fn SecondFactor(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(session.second_factor);
    let may_switch_off = !session.account.role.is_administrator();
    let csrf = StoredValue::new(session.csrf_token);
    let password = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let switch_off = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let typed = password.get_untracked();
            let answer = api::switch_off_second_factor(&typed, &csrf.get_value(), locale).await;
            if answer.is_ok() {
                password.set(String::new());
                status.set(SecondFactorStatus::Off);
            }
            outcome.set(Some(answer.map_err(|error| problem_text(i18n, error))));
        });
    };
    view! {
        <section class="staff-exports" data-testid="second-factor">
            <h2>{t!(i18n, second_factor_heading)}</h2>
            <p>
                {move || match status.get() {
                    SecondFactorStatus::On => t_string!(i18n, second_factor_is_on),
                    _ => t_string!(i18n, second_factor_is_off),
                }}
            </p>
            <p class="hint">{t!(i18n, second_factor_intro)}</p>
            {move || {
                let on = status.get() == SecondFactorStatus::On;
                view! {
                    <SecondFactorSetup csrf=csrf.get_value() again=on
                        on_done=move || status.set(SecondFactorStatus::On) />
                }
            }}
            <Show when=move || may_switch_off && status.get() == SecondFactorStatus::On>
                <form on:submit=switch_off data-testid="second-factor-off">
                    <label for="second-factor-password">{t!(i18n, account_current_password)}</label>
                    <input id="second-factor-password" type="password" autocomplete="current-password" required
                        prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
                    <button type="submit" class="secondary">{t!(i18n, second_factor_switch_off)}</button>
                </form>
            </Show>
            <WriteOutcome outcome>{t!(i18n, second_factor_switched_off)}</WriteOutcome>
        </section>
    }
}
