//! One attendance record under review, with what a reviewer needs to judge it (who,
//! where, which duty, which unit organised it, how they checked in, the times) and the
//! decisions: approve as measured, adjust with a reason, or reject with a reason.

use crate::api;
use crate::components::review_queue::Notice;
use crate::components::status::problem_text;
use crate::format::{clock_time, shift_window};
use crate::i18n::{t, use_i18n};
use crate::labels;
use huli_contract::{ReviewForm, ReviewItem, china_standard_time};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which decision's form is open.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Adjust,
    Reject,
}

#[component]
pub fn ReviewEntry(
    item: ReviewItem,
    may_review: bool,
    csrf: String,
    #[prop(into)] on_reviewed: Callback<Notice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let id = item.id;
    let open = RwSignal::new(Open::Nothing);
    let minutes = RwSignal::new(item.minutes.0.to_string());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let name = StoredValue::new(item.volunteer_name.clone());
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
                Ok(_) => {
                    let notice = Notice::Reviewed {
                        name: labels::volunteer_name(
                            i18n.get_locale_untracked(),
                            // The entry may have been left while the request was out.
                            name.try_get_value().flatten().as_deref(),
                        ),
                        // A plain approval can be taken back for a few minutes.
                        undo: (decision == "approve").then_some(id),
                    };
                    // The page may have been left while the request was out.
                    let _ = on_reviewed.try_run(notice);
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
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
    let (window, duty, method) = (item.shift, item.duty, item.method);
    let (point, unit) = (item.point_name, item.unit_name);
    let lang = move || api::lang_of(locale());
    let reason_id = StoredValue::new(format!("review-reason-{id}"));
    let minutes_id = StoredValue::new(format!("review-minutes-{id}"));
    view! {
        <li class="review-item" data-testid="review-item" data-minutes=item.minutes.0>
            <p class="review-who">
                <strong>{move || labels::volunteer_name(locale(), name.get_value().as_deref())}</strong>
                " "<span class="note">{item.phone_masked}</span>
                {item.auto_closed.then(|| view! { " "<span class="badge">{t!(i18n, review_auto_closed)}</span> })}
            </p>
            <p class="review-where">
                {move || point.get(lang()).to_owned()}" · "{move || labels::duty(locale(), duty)}
            </p>
            <p class="review-when">
                {move || shift_window(locale(), window)}
                " · "{t!(i18n, review_served, times = times.clone(), minutes = item.minutes.0)}
            </p>
            <p class="note review-how">
                {move || unit.get(lang()).to_owned()}" · "{move || labels::check_in_method(locale(), method)}
            </p>
            <Show when=move || may_review>
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
            </Show>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
        </li>
    }
}
