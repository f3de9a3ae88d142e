//! The attendance waiting for the signed-in account's review (or already reviewed, by
//! status and point): flagged forgotten check-outs first, each approved as measured,
//! adjusted with a reason, or rejected with a reason.

use crate::api;
use crate::components::status::{loaded, problem_text};
use crate::format::{clock_time, shift_window};
use crate::i18n::{t, use_i18n};
use huli_contract::{
    PointId, ReviewForm, ReviewItem, ReviewStatus, StaffRole, StaffSession, china_standard_time,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ReviewQueue(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(ReviewStatus::Pending);
    let point = RwSignal::new(None::<PointId>);
    let queue = LocalResource::new(move || {
        api::review_queue(status.get(), point.get(), i18n.get_locale_untracked())
    });
    let points = LocalResource::new(move || api::points(i18n.get_locale_untracked()));
    let csrf = StoredValue::new(session.csrf_token);
    let reviewed = Callback::new(move |()| queue.refetch());
    // Point leaders watch the queue; the organising unit decides.
    let may_review = !matches!(session.account.role, StaffRole::PointLeader { .. });
    view! {
        <section class="review-queue" aria-labelledby="queue-heading">
            <h2 id="queue-heading">{t!(i18n, review_queue_heading)}</h2>
            <div class="review-filters">
                <label for="queue-status">{t!(i18n, review_filter_status)}</label>
                <select id="queue-status" on:change=move |ev| {
                    status.set(match event_target_value(&ev).as_str() {
                        "approved" => ReviewStatus::Approved,
                        "rejected" => ReviewStatus::Rejected,
                        _ => ReviewStatus::Pending,
                    })
                }>
                    <option value="pending">{t!(i18n, review_status_pending)}</option>
                    <option value="approved">{t!(i18n, review_status_approved)}</option>
                    <option value="rejected">{t!(i18n, review_status_rejected)}</option>
                </select>
                <label for="queue-point">{t!(i18n, review_filter_point)}</label>
                <select id="queue-point" on:change=move |ev| {
                    point.set(event_target_value(&ev).parse().ok().map(PointId))
                }>
                    <option value="">{t!(i18n, review_all_points)}</option>
                    {move || points.get().and_then(Result::ok).map(|points| {
                        let lang = api::lang_of(i18n.get_locale());
                        points.into_iter().map(|p| view! {
                            <option value=p.id.0.to_string()>{p.name.get(lang).to_owned()}</option>
                        }).collect_view()
                    })}
                </select>
            </div>
            {loaded(queue, move |items: Vec<ReviewItem>| {
                if items.is_empty() {
                    view! { <p>{t!(i18n, review_queue_empty)}</p> }.into_any()
                } else {
                    // Flagged records need a look each; the rest may go in one approval.
                    let plain: Vec<i64> =
                        items.iter().filter(|i| !i.auto_closed).map(|i| i.id).collect();
                    view! {
                        <p class="points-count">{t!(i18n, review_queue_count, count = items.len())}</p>
                        {(may_review && plain.len() > 1 && status.get_untracked() == ReviewStatus::Pending).then(|| view! {
                            <ApproveAll ids=plain csrf=csrf.get_value() on_reviewed=reviewed />
                        })}
                        <ul class="review-list" data-testid="review-queue">
                            {items.into_iter().map(|item| view! {
                                <ReviewEntry item may_review csrf=csrf.get_value() on_reviewed=reviewed />
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

/// Approves every record listed that is not flagged, in one request: all or none.
#[component]
fn ApproveAll(
    ids: Vec<i64>,
    csrf: String,
    #[prop(into)] on_reviewed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = ids.len();
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let (ids, csrf) = (StoredValue::new(ids), StoredValue::new(csrf));
    let approve = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            let answer = api::approve_many(&ids.get_value(), &csrf.get_value(), locale).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_reviewed.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    view! {
        <p>
            <button type="button" class="primary" data-testid="approve-all" on:click=approve
                aria-disabled=move || busy.get().to_string()>
                {t!(i18n, review_approve_all, count = count)}
            </button>
        </p>
        <p class="form-alert" role="alert">{move || problem.get()}</p>
    }
}

#[component]
fn ReviewEntry(
    item: ReviewItem,
    may_review: bool,
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
                Ok(_) => {
                    // The page may have been left while the request was out.
                    let _ = on_reviewed.try_run(());
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
