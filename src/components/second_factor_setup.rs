//! Setting up two-step verification: the password typed again, a new secret shown as a
//! QR code (and as a key to type), the app's first code to confirm it, then the
//! recovery codes, shown once.

use crate::api;
use crate::components::status::problem_text;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{RecoveryCodes, SecondFactorEnrolment};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone)]
enum Step {
    Start,
    Scan(SecondFactorEnrolment),
    Save(RecoveryCodes),
}

/// `on_done` runs once the recovery codes are saved.
#[component]
pub fn SecondFactorSetup(
    csrf: String,
    #[prop(into)] on_done: Callback<()>,
    /// What the start button says: set up, or set up again on another phone.
    #[prop(optional)]
    again: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let csrf = StoredValue::new(csrf);
    let step = RwSignal::new(Step::Start);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let switched_on = RwSignal::new(false);
    // One request at a time: a second click would show one secret while the server
    // holds the next.
    let busy = RwSignal::new(false);
    let code_field = NodeRef::<leptos::html::Input>::new();
    let begin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let typed = password.get_untracked();
            let answer = api::begin_second_factor(&typed, &csrf.get_value(), locale).await;
            busy.set(false);
            match answer {
                Ok(enrolment) => {
                    problem.set(None);
                    password.set(String::new());
                    step.set(Step::Scan(enrolment));
                    // The next thing to do, once it is drawn: type the app's code.
                    request_animation_frame(move || {
                        if let Some(field) = code_field.get_untracked() {
                            let _ = field.focus();
                        }
                    });
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let typed = code.get_untracked();
            let answer = api::confirm_second_factor(&typed, &csrf.get_value(), locale).await;
            busy.set(false);
            match answer {
                Ok(codes) => {
                    problem.set(None);
                    switched_on.set(true);
                    step.set(Step::Save(codes));
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let shown = move || {
        match step.get() {
        Step::Start => view! {
            <form on:submit=begin data-testid="second-factor-begin">
                <label for="second-factor-begin-password">{t!(i18n, account_current_password)}</label>
                <input id="second-factor-begin-password" type="password" autocomplete="current-password" required
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
                <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                    {move || if again { t_string!(i18n, second_factor_again) } else { t_string!(i18n, second_factor_begin) }}
                </button>
            </form>
        }
        .into_any(),
        Step::Scan(enrolment) => {
            // An image, not markup: nothing in the SVG can run in the page.
            let qr_src = format!(
                "data:image/svg+xml;charset=utf-8,{}",
                js_sys::encode_uri_component(&enrolment.qr_svg)
            );
            view! {
                <p>{t!(i18n, second_factor_scan)}</p>
                <img class="second-factor-qr" src=qr_src width="240" height="240"
                    alt=move || t_string!(i18n, second_factor_qr) />
                <p>
                    {t!(i18n, second_factor_key)}" "
                    <code class="second-factor-key" data-testid="second-factor-key">{enrolment.secret}</code>
                </p>
                <form on:submit=confirm data-testid="second-factor-confirm">
                    <label for="second-factor-code">{t!(i18n, second_factor_code)}</label>
                    <input id="second-factor-code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        required maxlength="7" node_ref=code_field
                        prop:value=code on:input=move |ev| code.set(event_target_value(&ev)) />
                    <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                        {t!(i18n, second_factor_confirm)}
                    </button>
                </form>
            }
            .into_any()
        }
        Step::Save(recovery) => view! {
            <h3>{t!(i18n, second_factor_recovery_heading)}</h3>
            <p>{t!(i18n, second_factor_recovery_hint)}</p>
            <ol class="recovery-codes" data-testid="recovery-codes">
                {recovery.codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ol>
            <button type="button" class="primary" on:click=move |_| on_done.run(())>
                {t!(i18n, second_factor_saved)}
            </button>
        }
        .into_any(),
    }
    };
    view! {
        <div class="second-factor-setup">
            <p role="status">{move || switched_on.get().then_some(t!(i18n, second_factor_switched_on))}</p>
            {shown}
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </div>
    }
}
