//! "Withdraw consent and delete my account", in two steps: the button opens what
//! deletion does and asks for the last four digits of the volunteer's number; only
//! then does the server erase them (PIPL art. 15 and 47).

use crate::api;
use crate::browser;
use crate::components::status::problem_text;
use crate::i18n::{t, use_i18n};
use crate::personal_link;
use huli_contract::{AccessKey, ErasureRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AccountErasure(
    access: AccessKey,
    /// Called once the server erased the volunteer.
    #[prop(into)]
    on_erased: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let access = StoredValue::new(access);
    let confirming = RwSignal::new(false);
    let digits = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // One erasure, one key, kept across retries of the same attempt.
    let idempotency_key = StoredValue::new(api::new_idempotency_key());
    let open = move |_| {
        confirming.set(true);
        browser::focus_soon("erase-digits");
    };
    let close = move |_| {
        confirming.set(false);
        problem.set(None);
        browser::focus_soon("erase-start");
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let confirmation = ErasureRequest {
            phone_last_digits: digits.get_untracked(),
        };
        sending.set(true);
        problem.set(None);
        let (key, locale) = (access.get_value(), i18n.get_locale_untracked());
        let request_key = idempotency_key.get_value();
        spawn_local(async move {
            let result = api::erase_me(&key, &confirmation, &request_key, locale).await;
            sending.set(false);
            match result {
                Ok(_) => {
                    personal_link::forget();
                    let _ = on_erased.try_run(());
                }
                Err(error) => {
                    problem.set(Some(problem_text(i18n, error)));
                    browser::focus_soon("erase-digits");
                }
            }
        });
    };
    view! {
        <p>{t!(i18n, rights_erase_explain)}</p>
        {move || if confirming.get() {
            view! {
                <form class="registration" novalidate on:submit=on_submit data-testid="account-erasure">
                    <div class="field">
                        <label for="erase-digits">{t!(i18n, rights_erase_digits)}</label>
                        <input id="erase-digits" name="phone_last_digits" type="text" inputmode="numeric"
                            autocomplete="off" maxlength="4" aria-required="true"
                            aria-describedby="erase-digits-error"
                            aria-invalid=move || problem.with(Option::is_some).to_string()
                            prop:value=digits on:input=move |ev| digits.set(event_target_value(&ev)) />
                        <p class="field-error" id="erase-digits-error" role="alert">{move || problem.get()}</p>
                    </div>
                    <button type="submit" class="danger" aria-disabled=move || sending.get().to_string()>
                        {move || if sending.get() { t!(i18n, rights_erasing).into_any() } else { t!(i18n, rights_erase_confirm).into_any() }}
                    </button>
                    <button type="button" class="secondary" on:click=close>{t!(i18n, rights_erase_keep)}</button>
                </form>
            }.into_any()
        } else {
            view! {
                <button type="button" id="erase-start" class="secondary" on:click=open>{t!(i18n, rights_erase_start)}</button>
            }.into_any()
        }}
    }
}
