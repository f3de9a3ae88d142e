//! The attendance waiting for the signed-in account's review: flagged forgotten
//! check-outs first, each approved as measured, adjusted with a reason, or rejected with
//! a reason.

use crate::api::{self, ApiError};
use crate::components::status::loaded;
use crate::format::{clock_time, shift_window};
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::{ReviewForm, ReviewItem, StaffSession, china_standard_time};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ReviewQueue(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let queue = LocalResource::new(move || api::review_queue(i18n.get_locale_untracked()));
    let csrf = StoredValue::new(session.csrf_token);
    let reviewed = Callback::new(move |()| queue.refetch());
    view! {
        <section class="review-queue" aria-labelledby="queue-heading">
            <h2 id="queue-heading">{t!(i18n, review_queue_heading)}</h2>
            {loaded(queue, move |items: Vec<ReviewItem>| {
                if items.is_empty() {
                    view! { <p>{t!(i18n, review_queue_empty)}</p> }.into_any()
                } else {
                    view! {
                        <p class="points-count">{t!(i18n, review_queue_count, count = items.len())}</p>
                        <ul class="review-list" data-testid="review-queue">
                            {items.into_iter().map(|item| view! {
                                <ReviewEntry item csrf=csrf.get_value() on_reviewed=reviewed />
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// Which decision's form is open.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Adjust,
    Reject,
}

#[component]
fn ReviewEntry(
    item: ReviewItem,
    csrf: String,
    #[prop(into)] on_reviewed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id;
    let open = RwSignal::new(Open::Nothing);
    let minutes = RwSignal::new(item.minutes.0.to_string());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let decide = move |decision: &'static str| {
        let form = ReviewForm {
            decision: decision.to_owned(),
            minutes: (decision == "adjust")
                .then(|| minutes.get_untracked().trim().parse().unwrap_or(-1)),
            reason: (decision != "approve").then(|| reason.get_untracked()),
        };
        problem.set(None);
        spawn_local(async move {
            let answer =
                api::review(id, &form, &csrf.get_value(), i18n.get_locale_untracked()).await;
            match answer {
                Ok(_) => on_reviewed.run(()),
                Err(ApiError::Refused(body)) => {
                    let fields: Vec<String> = body.fields.into_iter().map(|f| f.message).collect();
                    let message = if fields.is_empty() {
                        body.message
                    } else {
                        fields.join(" ")
                    };
                    problem.set(Some(message));
                }
                Err(ApiError::Network) => {
                    problem.set(Some(t_string!(i18n, error_network).to_owned()))
                }
                Err(_) => problem.set(Some(t_string!(i18n, error_server).to_owned())),
            }
        });
    };
    let local =
        |at: chrono::DateTime<chrono::Utc>| clock_time(at.with_timezone(&china_standard_time()));
    let times = format!(
        "{}–{}",
        local(item.checked_in_at),
        item.checked_out_at.map(local).unwrap_or_default()
    );
    let window = item.shift;
    let reason_id = StoredValue::new(format!("review-reason-{id}"));
    let minutes_id = StoredValue::new(format!("review-minutes-{id}"));
    view! {
        <li class="review-item" data-testid="review-item" data-minutes=item.minutes.0>
            <p class="review-who">
                <strong>{item.volunteer_name}</strong>" "<span class="note">{item.phone_masked}</span>
                {item.auto_closed.then(|| view! { " "<span class="badge">{t!(i18n, review_auto_closed)}</span> })}
            </p>
            <p class="review-when">
                {move || shift_window(i18n.get_locale(), window)}
                " · "{t!(i18n, review_served, times = times.clone(), minutes = item.minutes.0)}
            </p>
            <div class="review-actions">
                <button type="button" class="primary" on:click=move |_| decide("approve")>{t!(i18n, review_approve)}</button>
                <button type="button" class="secondary" aria-expanded=move || (open.get() == Open::Adjust).to_string()
                    on:click=move |_| open.set(Open::Adjust)>{t!(i18n, review_adjust)}</button>
                <button type="button" class="secondary" aria-expanded=move || (open.get() == Open::Reject).to_string()
                    on:click=move |_| open.set(Open::Reject)>{t!(i18n, review_reject)}</button>
            </div>
            <Show when=move || open.get() != Open::Nothing>
                <form class="review-form" on:submit=move |ev| {
                    ev.prevent_default();
                    decide(if open.get_untracked() == Open::Adjust { "adjust" } else { "reject" });
                }>
                    <Show when=move || open.get() == Open::Adjust>
                        <label for=minutes_id.get_value()>{t!(i18n, review_minutes)}</label>
                        <input id=minutes_id.get_value() type="number" inputmode="numeric" min="0"
                            prop:value=minutes on:input=move |ev| minutes.set(event_target_value(&ev)) />
                    </Show>
                    <label for=reason_id.get_value()>{t!(i18n, review_reason)}</label>
                    <input id=reason_id.get_value() type="text" maxlength="200"
                        prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) />
                    <button type="submit" class="primary">{t!(i18n, review_confirm)}</button>
                </form>
            </Show>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </li>
    }
}
