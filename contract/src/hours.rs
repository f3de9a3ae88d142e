//! Hour arithmetic. Volunteer time is counted in whole minutes, the unit the national
//! volunteer-record rules round to, and only inside a shift's window.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::Add;

/// A count of volunteer minutes. Serialised as a plain integer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Minutes(pub u64);

impl Minutes {
    /// Whole hours, rounded down: what a counter shows.
    pub fn whole_hours(self) -> u64 {
        self.0 / 60
    }
}

impl Add for Minutes {
    type Output = Minutes;
    fn add(self, other: Minutes) -> Minutes {
        Minutes(self.0 + other.0)
    }
}

impl Sum for Minutes {
    fn sum<I: Iterator<Item = Minutes>>(iter: I) -> Minutes {
        iter.fold(Minutes(0), Add::add)
    }
}

/// Where a record of served time stands. Only approved time counts as verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Waiting for a coordinator of the organising unit.
    Pending,
    Approved,
    Rejected,
}

/// The time a shift runs: it starts before it ends and lasts at most
/// [`ShiftWindow::MAX_HOURS`] hours, so a typo cannot create a three-day shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawShiftWindow")]
pub struct ShiftWindow {
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct RawShiftWindow {
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

impl TryFrom<RawShiftWindow> for ShiftWindow {
    type Error = &'static str;
    fn try_from(raw: RawShiftWindow) -> Result<Self, Self::Error> {
        ShiftWindow::new(raw.starts_at, raw.ends_at)
    }
}

impl ShiftWindow {
    pub const MAX_HOURS: i64 = 12;

    pub fn new(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Result<Self, &'static str> {
        if ends_at <= starts_at {
            return Err("a shift must end after it starts");
        }
        if ends_at - starts_at > chrono::Duration::hours(Self::MAX_HOURS) {
            return Err("a shift lasts at most 12 hours");
        }
        Ok(ShiftWindow { starts_at, ends_at })
    }

    pub fn starts_at(self) -> DateTime<Utc> {
        self.starts_at
    }

    pub fn ends_at(self) -> DateTime<Utc> {
        self.ends_at
    }

    pub fn overlaps(self, other: ShiftWindow) -> bool {
        self.starts_at < other.ends_at && other.starts_at < self.ends_at
    }

    /// Minutes actually served: the part of `[checked_in, checked_out)` inside the window,
    /// so arriving early or staying late (travel, waiting) never counts.
    pub fn served_minutes(self, checked_in: DateTime<Utc>, checked_out: DateTime<Utc>) -> Minutes {
        let from = checked_in.max(self.starts_at);
        let to = checked_out.min(self.ends_at);
        Minutes(u64::try_from((to - from).num_minutes()).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 5, hour, minute, 0).unwrap()
    }

    #[test]
    fn window_must_be_forward_and_bounded() {
        assert!(ShiftWindow::new(at(1, 0), at(3, 0)).is_ok());
        assert!(ShiftWindow::new(at(3, 0), at(3, 0)).is_err());
        assert!(ShiftWindow::new(at(3, 0), at(1, 0)).is_err());
        assert!(ShiftWindow::new(at(0, 0), at(12, 1)).is_err());
        let json = r#"{"starts_at":"2026-03-05T03:00:00Z","ends_at":"2026-03-05T01:00:00Z"}"#;
        assert!(serde_json::from_str::<ShiftWindow>(json).is_err());
    }

    #[test]
    fn overlap_is_strict_at_the_edges() {
        let morning = ShiftWindow::new(at(1, 0), at(3, 0)).unwrap();
        let late_morning = ShiftWindow::new(at(3, 0), at(5, 0)).unwrap();
        let straddling = ShiftWindow::new(at(2, 59), at(4, 0)).unwrap();
        assert!(
            !morning.overlaps(late_morning),
            "back-to-back shifts may both be held"
        );
        assert!(morning.overlaps(straddling));
        assert!(straddling.overlaps(late_morning));
    }

    #[test]
    fn served_minutes_are_clipped_to_the_window() {
        let window = ShiftWindow::new(at(1, 0), at(3, 0)).unwrap();
        assert_eq!(window.served_minutes(at(0, 40), at(3, 25)), Minutes(120));
        assert_eq!(window.served_minutes(at(1, 10), at(2, 55)), Minutes(105));
        assert_eq!(window.served_minutes(at(3, 10), at(3, 50)), Minutes(0));
        assert_eq!(window.served_minutes(at(2, 0), at(1, 30)), Minutes(0));
    }

    #[test]
    fn minutes_add_up_and_convert() {
        let total: Minutes = [Minutes(90), Minutes(45), Minutes(5)].into_iter().sum();
        assert_eq!(total, Minutes(140));
        assert_eq!(total.whole_hours(), 2);
    }
}
