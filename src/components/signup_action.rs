//! The button that signs the volunteer up for one shift or one training session, and
//! what came of it: the outcome in the button's place, or the refusal beside it.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::status::problem_text;
use crate::i18n::{t, use_i18n};
use huli_contract::{ErrorCode, SignupStatus};
use leptos::prelude::*;

#[component]
pub fn SignupAction<T, Sender, Sending, Show, Shown>(
    /// What a sign-up now would get, as far as anyone can tell: a place, the waitlist,
    /// or the rule that closes it (said instead of a button).
    availability: Result<SignupStatus, ErrorCode>,
    /// Sends the sign-up under the idempotency key it is given.
    send: Sender,
    /// The button's words for a place and for the waitlist.
    #[prop(into)]
    confirm: ViewFn,
    #[prop(into)] waitlist: ViewFn,
    /// What came of it, in the button's place.
    show: Show,
    /// The id of the element `show` draws, which takes the focus the button held.
    #[prop(into)]
    outcome_id: String,
    /// Called when the server no longer knows the key (replaced by staff, say).
    #[prop(into)]
    on_key_rejected: Callback<()>,
    /// Called with the sign-up the server made.
    #[prop(into)]
    on_signed_up: Callback<T>,
    /// Called with the rule a refusal names.
    #[prop(optional, into)]
    on_refused: Option<Callback<ErrorCode>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Sender: Fn(String) -> Sending + 'static,
    Sending: Future<Output = Result<T, ApiError>> + 'static,
    Show: Fn(T) -> Shown + Clone + Send + Sync + 'static,
    Shown: IntoView + 'static,
{
    let i18n = use_i18n();
    // Kept while retrying after no answer (a repeated tap is the same request); a new
    // one once the server has answered, so a later try is asked afresh.
    let idempotency_key = StoredValue::new(api::new_idempotency_key());
    let request = Action::new_local(move |request_key: &String| {
        let sending = send(request_key.clone());
        let outcome_id = outcome_id.clone();
        async move {
            let result = sending.await;
            if !matches!(result, Err(ApiError::Network)) {
                idempotency_key.set_value(api::new_idempotency_key());
            }
            // The page may have been left while the request was out.
            match &result {
                Ok(signup) => {
                    let _ = on_signed_up.try_run(signup.clone());
                    // The button is gone: the outcome takes the focus it held.
                    browser::focus_soon(outcome_id);
                }
                Err(ApiError::Unauthorized) => {
                    let _ = on_key_rejected.try_run(());
                }
                Err(ApiError::Refused(body)) => {
                    if let Some(refused) = on_refused {
                        let _ = refused.try_run(body.error);
                    }
                }
                Err(_) => {}
            }
            result
        }
    });
    let (pending, answer) = (request.pending(), request.value());
    // A memo, so that a refusal leaves the button (and the focus on it) in place.
    let done = Memo::new(move |_| answer.with(|answer| matches!(answer, Some(Ok(_)))));
    let send = move |_| {
        if !pending.get_untracked() {
            request.dispatch_local(idempotency_key.get_value());
        }
    };
    let button = move || {
        match availability {
        _ if done.get() => None,
        Ok(status) => {
            let (confirm, waitlist) = (confirm.clone(), waitlist.clone());
            let label = move || match (pending.get(), status) {
                (true, _) => t!(i18n, signup_sending).into_any(),
                (false, SignupStatus::Waitlisted) => waitlist.run(),
                (false, _) => confirm.run(),
            };
            Some(view! {
                <button type="button" class="primary" aria-disabled=move || pending.get().to_string() on:click=send>
                    {label}
                </button>
            }.into_any())
        }
        Err(code) => Some(
            view! {
                <p class="notice">{move || crate::language::written(i18n.get_locale(), code.message(api::lang_of(i18n.get_locale())))}</p>
            }
            .into_any(),
        ),
    }
    };
    let result = move || match answer.get() {
        Some(Ok(signup)) => Some(show.clone()(signup)),
        _ => None,
    };
    // A refusal is said again after each try; a key the server does not know is the
    // page's to handle.
    let refusal = move || match answer.get() {
        _ if pending.get() => None,
        Some(Err(ApiError::Unauthorized)) | Some(Ok(_)) | None => None,
        Some(Err(error)) => Some(view! { <p class="refusal">{problem_text(i18n, error)}</p> }),
    };
    view! {
        <div class="signup-action" data-testid="signup-action">
            {button}
            <div role="status" aria-live="polite">{result}</div>
            <div role="alert">{refusal}</div>
        </div>
    }
}
