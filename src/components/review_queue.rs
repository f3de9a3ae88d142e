//! The attendance the signed-in account may review, a page at a time with the true
//! total, under filters: flagged forgotten check-outs first. Each decision is said in
//! one place above the list, where an approval can be undone for a few minutes.

use crate::api;
use crate::browser;
use crate::components::bulk_approval::BulkApproval;
use crate::components::pager::{PageMove, Pager};
use crate::components::review_entry::ReviewEntry;
use crate::components::review_filters::ReviewFilters;
use crate::components::status::problem_text;
use crate::i18n::{t, use_i18n};
use crate::latest_answer::{LatestAnswer, answered};
use huli_contract::{ReviewPage, ReviewQuery, ReviewStatus, STAFF_PAGE, StaffRole, StaffSession};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last decision did, as the queue says it.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// One record reviewed; a plain approval can be undone.
    Reviewed {
        name: String,
        undo: Option<i64>,
    },
    /// The page's unflagged records approved at once.
    Approved {
        ids: Vec<i64>,
    },
    Undone {
        count: usize,
    },
}

impl Notice {
    fn undoable(&self) -> Vec<i64> {
        match self {
            Notice::Reviewed { undo, .. } => undo.iter().copied().collect(),
            Notice::Approved { ids } => ids.clone(),
            Notice::Undone { .. } => Vec::new(),
        }
    }
}

#[component]
pub fn ReviewQueue(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(ReviewQuery::default());
    let queue = LatestAnswer::new(move || {
        let query = query.get();
        async move { api::review_queue(&query, i18n.get_locale_untracked()).await }
    });
    let csrf = StoredValue::new(session.csrf_token);
    let notice = RwSignal::new(None::<Notice>);
    let undo_problem = RwSignal::new(None::<String>);
    // Focus goes to what the decision did, which also says it to a screen reader.
    let reviewed = Callback::new(move |done: Notice| {
        undo_problem.set(None);
        notice.set(Some(done));
        queue.ask_again();
        browser::focus_soon("queue-notice");
    });
    let undo = move |_| {
        let ids = notice.with_untracked(|n| n.as_ref().map(Notice::undoable).unwrap_or_default());
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::undo_approvals(&ids, &csrf.get_value(), locale).await {
                Ok(items) => reviewed.run(Notice::Undone { count: items.len() }),
                Err(error) => undo_problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    // Point leaders watch the queue; the organising unit decides.
    let role = session.account.role;
    let may_review = !matches!(role, StaffRole::PointLeader { .. });
    let moves = PageMove::new(move |offset| query.update(|q| q.offset = Some(offset)));
    let show_page = move |page: ReviewPage| {
        let pending = query.with_untracked(|q| q.status.unwrap_or(ReviewStatus::Pending))
            == ReviewStatus::Pending;
        view! { <QueuePage page may_review pending csrf=csrf.get_value() on_reviewed=reviewed moves /> }
    };
    view! {
        <section class="review-queue" aria-labelledby="queue-heading">
            <h2 id="queue-heading">{t!(i18n, review_queue_heading)}</h2>
            <ReviewFilters query role />
            <div id="queue-notice" role="status" tabindex="-1">
                {move || notice.get().map(|done| {
                    let undoable = !done.undoable().is_empty();
                    view! {
                        <div class="queue-notice">
                            <p>{notice_text(done)}</p>
                            {undoable.then(|| view! {
                                <button type="button" class="secondary" on:click=undo>{t!(i18n, review_undo)}</button>
                            })}
                        </div>
                    }
                })}
            </div>
            <p class="form-alert" role="alert">{move || undo_problem.get()}</p>
            {answered(queue, show_page)}
        </section>
    }
}

fn notice_text(done: Notice) -> impl IntoView {
    let i18n = use_i18n();
    match done {
        Notice::Reviewed { name, .. } => t!(i18n, review_done_one, name = name).into_any(),
        Notice::Approved { ids } => t!(i18n, review_done_many, count = ids.len()).into_any(),
        Notice::Undone { count } => t!(i18n, review_undone, count = count).into_any(),
    }
}

/// One page: where it lies in the whole, the bulk approval of its unflagged records,
/// and its records.
#[component]
fn QueuePage(
    page: ReviewPage,
    may_review: bool,
    /// The pending queue, where approving the page at once makes sense.
    pending: bool,
    csrf: String,
    on_reviewed: Callback<Notice>,
    moves: PageMove,
) -> impl IntoView {
    let i18n = use_i18n();
    let (offset, total, shown) = (page.offset, page.total, page.items.len() as u32);
    if shown == 0 {
        if offset > 0 {
            // The last page emptied by reviews: the one before it is the last now.
            request_animation_frame(move || moves.go_to.run(offset.saturating_sub(STAFF_PAGE)));
        }
        return view! { <p>{t!(i18n, review_queue_empty)}</p> }.into_any();
    }
    // Flagged records need a look each; the rest may go in one approval.
    let plain: Vec<_> = page.items.iter().filter(|i| !i.auto_closed).collect();
    let plain_minutes = plain.iter().map(|i| i.minutes.0).sum::<u64>();
    let plain: Vec<i64> = plain.iter().map(|i| i.id).collect();
    let bulk = (may_review && pending && plain.len() > 1).then(|| {
        view! { <BulkApproval ids=plain minutes=plain_minutes csrf=csrf.clone() on_reviewed /> }
    });
    view! {
        <Pager range_id="queue-range" offset shown total moves />
        {bulk}
        <ul class="review-list" data-testid="review-queue">
            {page.items.into_iter().map(|item| view! {
                <ReviewEntry item may_review csrf=csrf.clone() on_reviewed />
            }).collect_view()}
        </ul>
    }
    .into_any()
}
