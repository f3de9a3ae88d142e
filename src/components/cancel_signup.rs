//! Cancelling one of the volunteer's sign-ups, for a shift or a training session: offered
//! until the cancel deadline (then said to be closed), and asked once more before it acts.

use crate::api::ApiError;
use crate::components::confirm_request::ConfirmRequest;
use crate::i18n::{t, use_i18n};
use huli_contract::{ShiftWindow, cancel_deadline};
use leptos::prelude::*;

#[component]
pub fn CancelSignup<Sender, Sending>(
    /// Tells this control's elements apart from the others' on the page.
    #[prop(into)]
    name: String,
    /// When what was signed up for takes place: cancelling closes before it starts.
    window: ShiftWindow,
    /// The question asked before cancelling.
    #[prop(into)]
    question: ViewFn,
    /// Sends the cancellation under the idempotency key it is given.
    send: Sender,
    /// Called after a cancellation, so the page reloads the list (a promotion may follow).
    #[prop(into)]
    on_cancelled: Callback<()>,
) -> impl IntoView
where
    Sender: Fn(String) -> Sending + 'static,
    Sending: Future<Output = Result<(), ApiError>> + 'static,
{
    let i18n = use_i18n();
    if chrono::Utc::now() >= cancel_deadline(window) {
        return view! { <p class="note">{t!(i18n, cancel_closed)}</p> }.into_any();
    }
    view! {
        <ConfirmRequest id=format!("cancel-{name}") label=move || t!(i18n, cancel_signup) question
            yes=move || t!(i18n, cancel_confirm_yes) no=move || t!(i18n, cancel_confirm_no)
            send on_done=on_cancelled />
    }
    .into_any()
}
