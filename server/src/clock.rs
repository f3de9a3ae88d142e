//! The time the server acts at. Every handler and background job reads it from here,
//! never from the system directly, so a test can move time forward (past a check-in
//! window, an undo's 10 minutes, a session's idle timeout) instead of editing rows.

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The system's time, plus an offset that only tests move. Clones share the offset.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    ahead_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.ahead_ms.load(Ordering::Relaxed))
    }

    /// Moves this clock, and every clone of it, `by` into the future.
    pub fn advance(&self, by: Duration) {
        self.ahead_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_moves_every_clone() {
        let clock = Clock::default();
        let shared = clock.clone();
        let before = shared.now();
        clock.advance(Duration::minutes(11));
        let moved = shared.now() - before;
        assert!(moved >= Duration::minutes(11) && moved < Duration::minutes(12));
    }
}
