//! The live counters: one hub per server that recomputes the headline figures after
//! anything that may change them and fans the new snapshot out to every `/api/live`
//! subscriber through a `tokio::sync::broadcast` channel. Snapshots are absolute, so a
//! subscriber that lags or reconnects just takes the newest one.

use crate::storage::{CountingPeriod, StorageResult, Store};
use chrono::{DateTime, Datelike};
use huli_contract::{Stats, china_standard_time};
use std::sync::Arc;
use tokio::sync::{Mutex, broadcast, watch};

/// Snapshots kept for a subscriber that has not read yet; one that falls further behind
/// skips to the newest.
const BACKLOG: usize = 16;

pub struct Live {
    store: Arc<dyn Store>,
    sender: broadcast::Sender<Arc<Stats>>,
    /// The last snapshot sent. Held across recompute-and-send, so snapshots go out in order.
    latest: Mutex<Option<Arc<Stats>>>,
    /// Set when the server shuts down: streams end, so a graceful shutdown can finish.
    closing: watch::Sender<bool>,
}

/// The programme's figures as of now.
pub async fn current_stats(store: &dyn Store) -> StorageResult<Stats> {
    let period = CountingPeriod::ending_now();
    let totals = store.totals(period).await?;
    Ok(Stats {
        year: period.now.with_timezone(&china_standard_time()).year(),
        verified_minutes_this_year: totals.verified_this_year,
        verified_minutes_last_12_months: totals.verified_last_12_months,
        pending_minutes_this_year: totals.pending_this_year,
        on_duty_now: totals.on_duty_now,
        service_points: totals.service_points,
        partner_units: totals.partner_units,
        teams: totals.teams,
        volunteers: totals.volunteers,
        as_of: period.now,
    })
}

/// Whether two snapshots differ in anything but the moment they were taken.
fn same_figures(a: &Stats, b: &Stats) -> bool {
    let undated = |s: &Stats| Stats {
        as_of: DateTime::UNIX_EPOCH,
        ..s.clone()
    };
    undated(a) == undated(b)
}

impl Live {
    pub fn new(store: Arc<dyn Store>) -> Arc<Live> {
        let (sender, _) = broadcast::channel(BACKLOG);
        Arc::new(Live {
            store,
            sender,
            latest: Mutex::new(None),
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

    /// A new subscriber: the current snapshot to start with, and the channel of changes.
    pub async fn subscribe(&self) -> StorageResult<(Arc<Stats>, broadcast::Receiver<Arc<Stats>>)> {
        let mut latest = self.latest.lock().await;
        let receiver = self.sender.subscribe();
        let snapshot = match latest.as_ref() {
            Some(snapshot) => snapshot.clone(),
            None => {
                let snapshot = Arc::new(current_stats(&*self.store).await?);
                *latest = Some(snapshot.clone());
                snapshot
            }
        };
        Ok((snapshot, receiver))
    }

    /// The newest snapshot sent, for a subscriber that fell behind.
    pub async fn latest(&self) -> Option<Arc<Stats>> {
        self.latest.lock().await.clone()
    }

    /// Recomputes the figures and sends them to every subscriber if they changed.
    pub async fn refresh(&self) -> StorageResult<()> {
        let mut latest = self.latest.lock().await;
        let fresh = current_stats(&*self.store).await?;
        if latest.as_ref().is_some_and(|old| same_figures(old, &fresh)) {
            return Ok(());
        }
        Self::send(&mut latest, &self.sender, fresh);
        Ok(())
    }

    fn send(latest: &mut Option<Arc<Stats>>, sender: &broadcast::Sender<Arc<Stats>>, fresh: Stats) {
        let fresh = Arc::new(fresh);
        *latest = Some(fresh.clone());
        // Nobody listening is fine: the next subscriber starts from `latest`.
        let _ = sender.send(fresh);
    }

    /// Sends `stats` as if the database had changed to them.
    #[cfg(test)]
    pub async fn publish(&self, stats: Stats) {
        let mut latest = self.latest.lock().await;
        Self::send(&mut latest, &self.sender, stats);
    }

    /// Refreshes, logging rather than failing: a write that succeeded stays a success
    /// even if the counters could not be recomputed this time.
    pub async fn refresh_after_write(&self) {
        if let Err(error) = self.refresh().await {
            tracing::error!(%error, "recomputing the live counters");
        }
    }
}
