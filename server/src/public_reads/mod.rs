//! Public reads from memory. What every visitor asks for (the point list, a point, the
//! teams, the published stories, the map's configuration, the figures) is read from the database once, then
//! serialised, compressed and tagged once, and the same bytes answer everyone until
//! something they show changes.
//!
//! Two things make an answer old:
//! - a write: every state-changing request that succeeds (and the minute's job when it
//!   closes forgotten check-outs) calls [`PublicReads::something_changed`] after its
//!   commit. An answer prepared before that is never served again, so whoever reads
//!   after a write reads the write.
//! - time: which shifts are still open for sign-up changes as the clock moves, and
//!   another server on the same database may have written. An answer is remade after
//!   [`FRESH_FOR`]; while one request remakes it, the others are still served the old one.
//!
//! The figures come from the live hub, which recomputes them after every write; their
//! bytes are made once per snapshot and scope.

mod prepared;

pub use prepared::Prepared;

use crate::error::AppError;
use crate::figures::AllFigures;
use huli_contract::{PointId, Scope};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

/// How long an answer stands without a write. Shifts close for sign-up on the minute;
/// half a minute keeps the "places this week" a visitor sees close to the truth, at one
/// database read per half minute.
pub const FRESH_FOR: Duration = Duration::from_secs(30);

#[derive(Default)]
pub struct PublicReads {
    /// Counts the writes so far; an answer remembers the count it was made at.
    writes: AtomicU64,
    points: Slot,
    teams: Slot,
    stories: Slot,
    map: OnceLock<Arc<Prepared>>,
    /// One slot per point that exists (a made-up id never gets one).
    point_details: RwLock<HashMap<PointId, Arc<Slot>>>,
    figures: RwLock<FigureAnswers>,
}

/// The answers made from one snapshot of the live figures, by scope.
#[derive(Default)]
struct FigureAnswers {
    snapshot: Option<Arc<AllFigures>>,
    by_scope: HashMap<Scope, Arc<Prepared>>,
}

/// One answer and how it is remade.
#[derive(Default)]
struct Slot {
    current: RwLock<Option<Made>>,
    /// Held while the answer is remade, so that a crowd asking at once costs one read.
    remaking: tokio::sync::Mutex<()>,
}

#[derive(Clone)]
struct Made {
    /// The write count when the read began.
    writes: u64,
    at: Instant,
    answer: Arc<Prepared>,
}

impl Slot {
    fn current(&self) -> Option<Made> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl PublicReads {
    /// Called after every write commits: answers made before it are old.
    pub fn something_changed(&self) {
        self.writes.fetch_add(1, Ordering::AcqRel);
    }

    /// `GET /api/points`.
    pub async fn points<F, Fut>(&self, read: F) -> Result<Arc<Prepared>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Prepared, AppError>>,
    {
        self.answer(&self.points, read).await
    }

    /// `GET /api/teams`.
    pub async fn teams<F, Fut>(&self, read: F) -> Result<Arc<Prepared>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Prepared, AppError>>,
    {
        self.answer(&self.teams, read).await
    }

    /// `GET /api/stories`.
    pub async fn stories<F, Fut>(&self, read: F) -> Result<Arc<Prepared>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Prepared, AppError>>,
    {
        self.answer(&self.stories, read).await
    }

    /// `GET /api/map`: configuration that only a restart changes.
    pub fn map(&self, make: impl FnOnce() -> Prepared) -> Arc<Prepared> {
        self.map.get_or_init(|| Arc::new(make())).clone()
    }

    /// `GET /api/points/{id}`; `read` answers `AppError::NotFound` for no such point.
    pub async fn point_detail<F, Fut>(
        &self,
        id: PointId,
        read: F,
    ) -> Result<Arc<Prepared>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Prepared, AppError>>,
    {
        let known = self
            .point_details
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned();
        if let Some(slot) = known {
            return self.answer(&slot, read).await;
        }
        let slot = Arc::new(Slot::default());
        let answer = self.answer(&slot, read).await?;
        (self
            .point_details
            .write()
            .unwrap_or_else(|e| e.into_inner()))
        .entry(id)
        .or_insert(slot);
        Ok(answer)
    }

    /// `GET /api/stats`: one scope of the live hub's `snapshot`; `None` for no such scope.
    pub fn figures(&self, snapshot: &Arc<AllFigures>, scope: Scope) -> Option<Arc<Prepared>> {
        {
            let answers = self.figures.read().unwrap_or_else(|e| e.into_inner());
            let same = answers
                .snapshot
                .as_ref()
                .is_some_and(|s| Arc::ptr_eq(s, snapshot));
            if same && let Some(answer) = answers.by_scope.get(&scope) {
                return Some(answer.clone());
            }
        }
        let answer = Arc::new(Prepared::json(&snapshot.stats(scope)?));
        let mut answers = self.figures.write().unwrap_or_else(|e| e.into_inner());
        if !answers
            .snapshot
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(s, snapshot))
        {
            *answers = FigureAnswers {
                snapshot: Some(snapshot.clone()),
                by_scope: HashMap::new(),
            };
        }
        Some(answers.by_scope.entry(scope).or_insert(answer).clone())
    }

    /// The slot's answer if it is current, else a new one from `read`.
    async fn answer<F, Fut>(&self, slot: &Slot, read: F) -> Result<Arc<Prepared>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Prepared, AppError>>,
    {
        let writes = self.writes.load(Ordering::Acquire);
        let current = |made: &Made, since_writes: u64| {
            made.writes >= since_writes && made.at.elapsed() < FRESH_FOR
        };
        let remaking = match slot.current() {
            Some(made) if current(&made, writes) => return Ok(made.answer),
            // Old by time only: one request remakes it, the others need not wait.
            Some(made) if made.writes >= writes => match slot.remaking.try_lock() {
                Ok(remaking) => remaking,
                Err(_) => return Ok(made.answer),
            },
            // Older than a write (or never made): everyone waits for the new answer.
            _ => {
                let remaking = slot.remaking.lock().await;
                if let Some(made) = slot.current().filter(|made| current(made, writes)) {
                    return Ok(made.answer);
                }
                remaking
            }
        };
        // Counted before reading: a write that commits during the read makes this
        // answer old at once.
        let made = Made {
            writes: self.writes.load(Ordering::Acquire),
            at: Instant::now(),
            answer: Arc::new(read().await?),
        };
        *slot.current.write().unwrap_or_else(|e| e.into_inner()) = Some(made.clone());
        drop(remaking);
        Ok(made.answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    async fn points(reads: &PublicReads, count: &AtomicUsize) -> Arc<Prepared> {
        let made = reads
            .points(|| async {
                let n = count.fetch_add(1, Ordering::SeqCst);
                // A read takes time: others arrive meanwhile.
                tokio::task::yield_now().await;
                Ok(Prepared::json(&n))
            })
            .await;
        made.unwrap()
    }

    #[tokio::test]
    async fn an_answer_is_made_once_until_a_write() {
        let reads = PublicReads::default();
        let count = AtomicUsize::new(0);
        let first = points(&reads, &count).await;
        let again = points(&reads, &count).await;
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(count.load(Ordering::SeqCst), 1);

        reads.something_changed();
        let after = points(&reads, &count).await;
        assert_eq!(count.load(Ordering::SeqCst), 2);
        assert_ne!(after.etag(), first.etag());
    }

    #[tokio::test]
    async fn a_crowd_after_a_write_costs_one_read() {
        let reads = PublicReads::default();
        let count = AtomicUsize::new(0);
        points(&reads, &count).await;
        reads.something_changed();
        let crowd = (0..50).map(|_| points(&reads, &count));
        let answers = futures_util::future::join_all(crowd).await;
        assert_eq!(count.load(Ordering::SeqCst), 2);
        assert!(answers.iter().all(|a| Arc::ptr_eq(a, &answers[0])));
    }

    #[tokio::test]
    async fn a_failed_read_is_not_remembered_and_a_missing_point_gets_no_slot() {
        let reads = PublicReads::default();
        let missing = reads
            .point_detail(PointId(999), || async { Err(AppError::NotFound) })
            .await;
        assert!(matches!(missing, Err(AppError::NotFound)));
        assert!(reads.point_details.read().unwrap().is_empty());
        let found = reads
            .point_detail(PointId(1), || async { Ok(Prepared::json(&1)) })
            .await;
        assert!(found.is_ok());
        assert_eq!(reads.point_details.read().unwrap().len(), 1);
    }
}
