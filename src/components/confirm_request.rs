//! A request the volunteer makes with their personal link ([`OnceRequest`]), and the
//! control that asks once more before it acts ([`ConfirmRequest`]: cancelling a sign-up,
//! withdrawing the consent to a story): its button, then the question with "yes" and
//! "no", and a refusal in an alert.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::status::problem_text;
use crate::i18n::{Locale, t_string, use_i18n};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// A write sent under one idempotency key across retries after no answer (a repeated tap
/// is the same request), and a new key once the server has answered.
pub struct OnceRequest<T: 'static> {
    action: Action<String, Result<T, ApiError>>,
    pending: Memo<bool>,
    key: StoredValue<String>,
}

impl<T: 'static> Clone for OnceRequest<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for OnceRequest<T> {}

impl<T: Clone + 'static> OnceRequest<T> {
    /// `send` sends the request under the key it is given; `on_done` hears the answer.
    pub fn new<Sender, Sending>(send: Sender, on_done: Callback<T>) -> Self
    where
        Sender: Fn(String) -> Sending + 'static,
        Sending: Future<Output = Result<T, ApiError>> + 'static,
    {
        let key = StoredValue::new(api::new_idempotency_key());
        let action = Action::new_local(move |request_key: &String| {
            let sending = send(request_key.clone());
            async move {
                let result = sending.await;
                if !matches!(result, Err(ApiError::Network)) {
                    key.set_value(api::new_idempotency_key());
                }
                if let Ok(answer) = &result {
                    // The page may have been left while the request was out.
                    let _ = on_done.try_run(answer.clone());
                }
                result
            }
        });
        let pending = action.pending();
        OnceRequest {
            action,
            pending,
            key,
        }
    }

    /// Sends it, unless it is on its way already.
    pub fn send(self) {
        if !self.pending.get_untracked() {
            self.action.dispatch_local(self.key.get_value());
        }
    }

    /// Whether it is on its way, for `aria-disabled`.
    pub fn busy(self) -> String {
        self.pending.get().to_string()
    }

    /// Why the last try failed, in words to show beside the control.
    pub fn problem(self, i18n: I18nContext<Locale>) -> Option<String> {
        self.action.value().with(|answer| match answer {
            Some(Err(ApiError::Unauthorized)) => {
                Some(t_string!(i18n, error_personal_link).to_owned())
            }
            Some(Err(error)) => Some(problem_text(i18n, error.clone())),
            _ => None,
        })
    }
}

#[component]
pub fn ConfirmRequest<T, Sender, Sending>(
    /// The id of the first button, unique on the page; the others' ids start with it.
    #[prop(into)]
    id: String,
    /// The first button's words, the question it then asks, and the answers' words.
    #[prop(into)]
    label: ViewFn,
    #[prop(into)] question: ViewFn,
    #[prop(into)] yes: ViewFn,
    #[prop(into)] no: ViewFn,
    /// Sends the request under the idempotency key it is given.
    send: Sender,
    /// Called with what the server answered.
    #[prop(into)]
    on_done: Callback<T>,
) -> impl IntoView
where
    T: Clone + 'static,
    Sender: Fn(String) -> Sending + 'static,
    Sending: Future<Output = Result<T, ApiError>> + 'static,
{
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let request = OnceRequest::new(send, on_done);
    let (yes_id, question_id) = (format!("{id}-yes"), format!("{id}-question"));
    let controls = move || {
        if asking.get() {
            let (id, question, yes, no) = (id.clone(), question.clone(), yes.clone(), no.clone());
            view! {
                <div class="confirm" role="group" aria-labelledby=question_id.clone()>
                    <p id=question_id.clone()>{move || question.run()}</p>
                    <button type="button" class="danger" id=yes_id.clone() aria-disabled=move || request.busy()
                        on:click=move |_| request.send()>{move || yes.run()}</button>
                    <button type="button" on:click=move |_| {
                        asking.set(false);
                        browser::focus_soon(id.clone());
                    }>{move || no.run()}</button>
                </div>
            }
            .into_any()
        } else {
            let (yes_id, label) = (yes_id.clone(), label.clone());
            view! {
                <button type="button" id=id.clone() on:click=move |_| {
                    asking.set(true);
                    browser::focus_soon(yes_id.clone());
                }>{move || label.run()}</button>
            }
            .into_any()
        }
    };
    view! {
        {controls}
        <div role="alert">{move || request.problem(i18n)}</div>
    }
}
