//! Approving every unflagged record of the page at once: it asks first, with how many
//! records and minutes, and the queue offers to undo it afterwards.

use crate::api;
use crate::browser;
use crate::components::review_queue::Notice;
use crate::components::status::problem_text;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn BulkApproval(
    ids: Vec<i64>,
    /// The minutes the records hold together.
    minutes: u64,
    csrf: String,
    #[prop(into)] on_reviewed: Callback<Notice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = ids.len();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let (ids, csrf) = (StoredValue::new(ids), StoredValue::new(csrf));
    let ask = move |_| {
        problem.set(None);
        asking.set(true);
        browser::focus_soon("bulk-confirm");
    };
    let cancel = move |_| {
        asking.set(false);
        browser::focus_soon("approve-page");
    };
    let approve = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let chosen = ids.get_value();
            let answer = api::approve_many(&chosen, &csrf.get_value(), locale).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_reviewed.try_run(Notice::Approved { ids: chosen });
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    view! {
        <div class="bulk-approval">
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="primary" id="approve-page" data-testid="approve-all" on:click=ask>
                    {t!(i18n, review_approve_page, count = count)}
                </button>
            }>
                <div class="confirm" role="group" aria-labelledby="bulk-question">
                    <p id="bulk-question">{t!(i18n, review_confirm_bulk, count = count, minutes = minutes)}</p>
                    <button type="button" class="primary" id="bulk-confirm" on:click=approve
                        aria-disabled=move || busy.get().to_string()>
                        {t!(i18n, review_confirm_yes)}
                    </button>
                    " "
                    <button type="button" class="secondary" on:click=cancel>{t!(i18n, review_cancel)}</button>
                </div>
            </Show>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </div>
    }
}
