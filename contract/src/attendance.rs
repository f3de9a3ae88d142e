//! Attendance: checking in at the point and out again. Served time counts only inside
//! the shift's window and stays pending until the organising unit approves it.

use crate::{Coordinate, ErrorCode, Minutes, ReviewStatus, ShiftWindow};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Check-in opens this long before a shift starts, for volunteers who arrive early.
pub const CHECK_IN_OPENS_MINUTES_BEFORE: i64 = 30;

/// How near the point a phone must be for a check-in by location, unless configured.
pub const DEFAULT_CHECK_IN_RADIUS_M: f64 = 200.0;

/// A check-out forgotten this long after the shift's end is closed at the end, and
/// flagged for the organiser's review.
pub const CHECK_OUT_GRACE_MINUTES: i64 = 30;

/// How a volunteer proves they are at the point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum CheckIn {
    /// The digits (or QR code) the point's display shows; they change every minute.
    RotatingCode { code: String },
    /// The phone's position, which must lie within the configured radius of the point.
    Location { location: Coordinate },
}

/// How a check-in was accepted, as recorded with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckInMethod {
    RotatingCode,
    Location,
    /// Marked by the shift leader or a coordinator.
    Leader,
}

impl CheckInMethod {
    pub const ALL: [CheckInMethod; 3] = [
        CheckInMethod::RotatingCode,
        CheckInMethod::Location,
        CheckInMethod::Leader,
    ];
}

/// Whether a check-in at `now` falls in the shift's check-in window.
pub fn check_in_window(window: ShiftWindow, now: DateTime<Utc>) -> Result<(), ErrorCode> {
    if now < window.starts_at() - Duration::minutes(CHECK_IN_OPENS_MINUTES_BEFORE) {
        Err(ErrorCode::CheckInTooEarly)
    } else if now >= window.ends_at() {
        Err(ErrorCode::ShiftEnded)
    } else {
        Ok(())
    }
}

/// A sign-up's attendance as its volunteer sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceView {
    pub checked_in_at: DateTime<Utc>,
    pub checked_out_at: Option<DateTime<Utc>>,
    pub method: CheckInMethod,
    /// Served inside the shift's window; 0 until checked out.
    pub minutes: Minutes,
    pub status: ReviewStatus,
    /// The check-out was forgotten and closed at the shift's end: the organiser checks it.
    pub auto_closed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn check_in_opens_half_an_hour_early_and_closes_at_the_end() {
        let at = |h: u32, m: u32| Utc.with_ymd_and_hms(2027, 3, 5, h, m, 0).unwrap();
        let window = ShiftWindow::new(at(8, 0), at(10, 0)).unwrap();
        assert_eq!(
            check_in_window(window, at(7, 29)),
            Err(ErrorCode::CheckInTooEarly)
        );
        assert_eq!(check_in_window(window, at(7, 30)), Ok(()));
        assert_eq!(check_in_window(window, at(9, 59)), Ok(()));
        assert_eq!(
            check_in_window(window, at(10, 0)),
            Err(ErrorCode::ShiftEnded)
        );
    }

    #[test]
    fn check_ins_serialise_with_their_method() {
        let code: CheckIn =
            serde_json::from_str(r#"{"method":"rotating_code","code":"123456"}"#).unwrap();
        assert_eq!(
            code,
            CheckIn::RotatingCode {
                code: "123456".into()
            }
        );
        let json = r#"{"method":"location","location":{"lat":24.51,"lon":118.14}}"#;
        assert!(matches!(
            serde_json::from_str::<CheckIn>(json).unwrap(),
            CheckIn::Location { .. }
        ));
    }
}
