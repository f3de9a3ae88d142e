//! The live counters: one hub per server that recomputes every scope's figures after
//! anything that may change them and fans the new snapshot out to every `/api/live`
//! subscriber through a `tokio::sync::broadcast` channel. Snapshots are absolute, so a
//! subscriber that lags or reconnects just takes the newest one.
//!
//! One background task recomputes, and requests that arrive while it runs are answered
//! together by the next run: a burst of check-ins costs two recomputations, not one
//! each. Approved minutes (a year of attendance to read) are reread only after a review
//! and once a minute; a check-in or check-out rereads only what it can change.

use crate::clock::Clock;
use crate::figures::AllFigures;
use crate::storage::{CountingPeriod, StorageResult, Store, TallyGroup};
use std::sync::Arc;
use tokio::sync::{broadcast, watch};

/// Snapshots kept for a subscriber that has not read yet; one that falls further behind
/// skips to the newest.
const BACKLOG: usize = 16;

pub use crate::storage::Change;

pub struct Live {
    store: Arc<dyn Store>,
    requests: watch::Sender<Requests>,
    published: Arc<watch::Sender<Published>>,
    sender: broadcast::Sender<Arc<AllFigures>>,
    /// Set when the server shuts down: streams end, so a graceful shutdown can finish.
    closing: watch::Sender<bool>,
}

/// How many recomputations were asked for so far, and how many of them for approved
/// minutes.
#[derive(Clone, Copy, Default)]
struct Requests {
    all: u64,
    approved: u64,
}

/// The newest snapshot and the last request it answers.
#[derive(Clone, Default)]
struct Published {
    answers_request: u64,
    figures: Option<Arc<AllFigures>>,
}

impl Live {
    /// The hub, with its recomputing task on the current runtime.
    pub fn new(store: Arc<dyn Store>, clock: Clock) -> Arc<Live> {
        let (requests, pending) = watch::channel(Requests::default());
        let published = Arc::new(watch::Sender::new(Published::default()));
        let (sender, _) = broadcast::channel(BACKLOG);
        tokio::spawn(recompute_on_request(
            store.clone(),
            clock,
            pending,
            published.clone(),
            sender.clone(),
        ));
        Arc::new(Live {
            store,
            requests,
            published,
            sender,
            closing: watch::Sender::new(false),
        })
    }

    /// Ends every stream: the server is shutting down.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Completes once [`Live::close`] was called.
    pub async fn closed(&self) {
        let mut closing = self.closing.subscribe();
        // An error means the hub is gone, which is closed too.
        let _ = closing.wait_for(|closing| *closing).await;
    }

    /// Tells the other servers on the database, then recomputes the figures, sends them
    /// to every subscriber if they changed, and returns once a recomputation that
    /// started after this call has been published, so whoever wrote before calling reads
    /// their own write. Never fails: a write that succeeded stays a success even if the
    /// counters could not be recomputed this time (the error is logged and the next
    /// write or minute tries again).
    pub async fn refresh_after_write(&self, change: Change) {
        if let Err(error) = self.store.announce(change).await {
            tracing::error!(%error, "telling the other servers of a change");
        }
        self.refresh_here(change).await;
    }

    /// Recomputes as [`Live::refresh_after_write`] does, without telling anyone: for
    /// what every server does by itself (the minute passing) or heard from another.
    pub async fn refresh_here(&self, change: Change) {
        let request = self.refresh_soon(change);
        let mut published = self.published.subscribe();
        // An error means the recomputing task is gone, with the runtime.
        let _ = published
            .wait_for(|published| published.answers_request >= request)
            .await;
    }

    /// Asks for a recomputation without waiting for it; returns the request's number.
    /// Requests made while one runs are answered together by the next.
    pub fn refresh_soon(&self, change: Change) -> u64 {
        let mut request = 0;
        self.requests.send_modify(|requests| {
            requests.all += 1;
            if change == Change::Approved {
                requests.approved += 1;
            }
            request = requests.all;
        });
        request
    }

    /// As [`Live::refresh_after_write`], for a writer that does not wait for the figures.
    pub fn refresh_soon_after_write(self: &Arc<Self>, change: Change) {
        let live = self.clone();
        tokio::spawn(async move {
            if let Err(error) = live.store.announce(change).await {
                tracing::error!(%error, "telling the other servers of a change");
            }
        });
        self.refresh_soon(change);
    }

    /// The newest figures, computing them first if nothing was published yet.
    pub async fn current(&self) -> Option<Arc<AllFigures>> {
        if let Some(figures) = self.published.borrow().figures.clone() {
            return Some(figures);
        }
        self.refresh_here(Change::Attendance).await;
        self.published.borrow().figures.clone()
    }

    /// A new subscriber: the current figures to start with, and the channel of changes.
    /// A change published in between may arrive twice; subscribers skip repeats.
    pub async fn subscribe(
        &self,
    ) -> Option<(Arc<AllFigures>, broadcast::Receiver<Arc<AllFigures>>)> {
        let receiver = self.sender.subscribe();
        Some((self.current().await?, receiver))
    }

    /// Sends `figures` as if the database had changed to them.
    #[cfg(test)]
    pub fn publish(&self, figures: AllFigures) {
        let figures = Arc::new(figures);
        self.published
            .send_modify(|published| published.figures = Some(figures.clone()));
        let _ = self.sender.send(figures);
    }
}

/// The recomputing task: runs until the hub is dropped.
async fn recompute_on_request(
    store: Arc<dyn Store>,
    clock: Clock,
    mut requests: watch::Receiver<Requests>,
    published: Arc<watch::Sender<Published>>,
    sender: broadcast::Sender<Arc<AllFigures>>,
) {
    let mut approved: Option<(u64, Arc<Vec<TallyGroup>>)> = None;
    while requests.changed().await.is_ok() {
        // Every request up to this one is answered by a recomputation that starts now.
        let asked = *requests.borrow_and_update();
        let period = CountingPeriod::ending_at(clock.now());
        let reuse = approved
            .as_ref()
            .filter(|(answered, _)| *answered == asked.approved)
            .map(|(_, groups)| groups.clone());
        match recompute(&*store, period, reuse).await {
            Ok((fresh, groups)) => {
                approved = Some((asked.approved, groups));
                let fresh = Arc::new(fresh);
                let changed = (published.borrow().figures.as_ref())
                    .is_none_or(|old| !old.same_figures(&fresh));
                if changed {
                    // Nobody listening is fine: the next subscriber starts from `published`.
                    let _ = sender.send(fresh.clone());
                }
                published.send_replace(Published {
                    answers_request: asked.all,
                    figures: Some(fresh),
                });
            }
            Err(error) => {
                tracing::error!(%error, "recomputing the live counters");
                published.send_modify(|published| published.answers_request = asked.all);
            }
        }
    }
}

/// The figures as of `period`, rereading approved minutes unless `approved` is given.
async fn recompute(
    store: &dyn Store,
    period: CountingPeriod,
    approved: Option<Arc<Vec<TallyGroup>>>,
) -> StorageResult<(AllFigures, Arc<Vec<TallyGroup>>)> {
    let approved = match approved {
        Some(groups) => groups,
        None => Arc::new(store.approved_tally(period).await?),
    };
    let current = store.current_tally(period).await?;
    Ok((AllFigures::add_up(&approved, &current, period), approved))
}
