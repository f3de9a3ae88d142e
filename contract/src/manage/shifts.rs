//! Shifts as staff plan them one at a time, and change while nobody holds them.

use super::{Checks, Refused, id, one_of};
use crate::trainings::TRAININGS;
use crate::{DutyKind, PointId, Problem, ShiftView, ShiftWindow, Training};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Most places on one shift: a point is a stand, not a stadium.
pub const MAX_CAPACITY: u32 = 200;

pub(crate) const DUTIES: &[&str] = &[
    "point_service",
    "traffic_duty",
    "emergency_relief",
    "community_event",
];
/// Where, by whom and for how many a shift runs: what a single shift and a template
/// share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShiftShape {
    pub point_id: PointId,
    pub organiser_unit_id: i64,
    pub duty: DutyKind,
    pub capacity: u32,
    pub required_training: Option<Training>,
}

pub(crate) fn capacity(raw: Option<i64>) -> Result<u32, Problem> {
    let out_of_range = Problem::OutOfRange {
        min: 1,
        max: i64::from(MAX_CAPACITY),
    };
    let places = raw.ok_or(Problem::Required)?;
    u32::try_from(places)
        .ok()
        .filter(|places| (1..=MAX_CAPACITY).contains(places))
        .ok_or(out_of_range)
}

pub(super) fn shape(
    checks: &mut Checks,
    point_id: Option<i64>,
    organiser_unit_id: Option<i64>,
    duty: &str,
    places: Option<i64>,
    required_training: &Option<String>,
) -> Option<ShiftShape> {
    let point_id = checks.field("point_id", id(point_id));
    let organiser_unit_id = checks.field("organiser_unit_id", id(organiser_unit_id));
    let duty = checks.field("duty", one_of(duty, DUTIES));
    let capacity = checks.field("capacity", capacity(places));
    let required_training = match required_training.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(name) => checks
            .field("required_training", one_of(name, TRAININGS))
            .map(Some),
    };
    Some(ShiftShape {
        point_id: PointId(point_id?),
        organiser_unit_id: organiser_unit_id?,
        duty: duty?,
        capacity: capacity?,
        required_training: required_training?,
    })
}

/// RFC 3339 exactly as JSON Schema's `date-time` has it: chrono alone would also take
/// a space between the date and the time.
fn moment(raw: &str) -> Result<DateTime<Utc>, Problem> {
    match raw {
        _ if raw.trim().is_empty() => Err(Problem::Required),
        text if matches!(text.as_bytes().get(10), Some(b'T' | b't')) => {
            DateTime::parse_from_rfc3339(text)
                .map(|at| at.with_timezone(&Utc))
                .map_err(|_| Problem::InvalidDateTime)
        }
        _ => Err(Problem::InvalidDateTime),
    }
}

/// A window that starts after `now`; its problems are named under `starts_at` and `ends_at`.
pub(crate) fn future_window(
    checks: &mut Checks,
    starts_at: &str,
    ends_at: &str,
    now: DateTime<Utc>,
) -> Option<ShiftWindow> {
    let starts = checks.field("starts_at", moment(starts_at));
    let ends = checks.field("ends_at", moment(ends_at));
    let (starts, ends) = (starts?, ends?);
    let upcoming = checks.field(
        "starts_at",
        (starts > now).then_some(()).ok_or(Problem::InThePast),
    );
    let problem = if ends <= starts {
        Problem::EndsBeforeStart
    } else {
        Problem::ShiftTooLong {
            max_hours: ShiftWindow::MAX_HOURS as u32,
        }
    };
    let window = checks.field(
        "ends_at",
        ShiftWindow::new(starts, ends).map_err(|_| problem),
    );
    upcoming.and(window)
}

/// One shift to create. Times are RFC 3339 with their offset, e.g.
/// `2026-03-07T09:00:00+08:00`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct ShiftForm {
    pub point_id: Option<i64>,
    /// The partner unit that organises it; it must staff the point.
    pub organiser_unit_id: Option<i64>,
    /// `point_service`, `traffic_duty`, `emergency_relief` or `community_event`.
    pub duty: String,
    pub starts_at: String,
    pub ends_at: String,
    /// 1 to 200 places.
    pub capacity: Option<i64>,
    /// `etiquette`, `first_aid`, `traffic_rules` or `online_publicity`.
    pub required_training: Option<String>,
}

/// A shift that can be created: it starts after the moment the form was parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewShift {
    pub shape: ShiftShape,
    pub window: ShiftWindow,
}

impl ShiftForm {
    pub fn parse(&self, now: DateTime<Utc>) -> Result<NewShift, Refused> {
        let mut checks = Checks::default();
        let shape = shape(
            &mut checks,
            self.point_id,
            self.organiser_unit_id,
            &self.duty,
            self.capacity,
            &self.required_training,
        );
        let window = future_window(&mut checks, &self.starts_at, &self.ends_at, now);
        let shift = shape
            .zip(window)
            .map(|(shape, window)| NewShift { shape, window });
        checks.finish(shift)
    }
}

/// Changes to a shift: new times (both), more places, or both. A shift volunteers hold
/// keeps or gains places ([`crate::ErrorCode::ShiftHasSignups`]) and moves only while they
/// can still cancel ([`crate::Problem::TooLateToMove`]) to a time they are all free
/// ([`crate::Problem::HoldersBusy`]).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct ShiftChangeForm {
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub capacity: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShiftChange {
    pub window: Option<ShiftWindow>,
    pub capacity: Option<u32>,
}

impl ShiftChangeForm {
    pub fn parse(&self, now: DateTime<Utc>) -> Result<ShiftChange, Refused> {
        let mut checks = Checks::default();
        let window = match (&self.starts_at, &self.ends_at) {
            (None, None) => Some(None),
            (starts, ends) => {
                let (starts, ends) = (starts.as_deref(), ends.as_deref());
                future_window(&mut checks, starts.unwrap_or(""), ends.unwrap_or(""), now).map(Some)
            }
        };
        let capacity = match self.capacity {
            None if window == Some(None) => checks.field("capacity", Err(Problem::Required)),
            None => Some(None),
            places => checks.field("capacity", capacity(places)).map(Some),
        };
        let change = window
            .zip(capacity)
            .map(|(window, capacity)| ShiftChange { window, capacity });
        checks.finish(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_shift_starts_in_the_future_and_lasts_at_most_twelve_hours() {
        let now = Utc.with_ymd_and_hms(2026, 3, 7, 2, 0, 0).unwrap();
        let form = ShiftForm {
            point_id: Some(1),
            organiser_unit_id: Some(1),
            duty: "traffic_duty".into(),
            starts_at: "2026-03-07T09:00:00+08:00".into(),
            ends_at: "2026-03-08T09:00:00+08:00".into(),
            capacity: Some(4),
            required_training: Some("traffic_rules".into()),
        };
        assert_eq!(
            form.parse(now).unwrap_err(),
            [
                ("starts_at".to_owned(), Problem::InThePast),
                (
                    "ends_at".to_owned(),
                    Problem::ShiftTooLong { max_hours: 12 }
                )
            ]
        );
        let fine = ShiftForm {
            starts_at: "2026-03-08T09:00:00+08:00".into(),
            ends_at: "2026-03-08T11:00:00+08:00".into(),
            ..form
        };
        let shift = fine.parse(now).unwrap();
        assert_eq!(shift.shape.required_training, Some(Training::TrafficRules));
        assert_eq!(shift.shape.duty, DutyKind::TrafficDuty);
    }

    #[test]
    fn moments_have_a_t_between_date_and_time() {
        assert!(moment("2026-03-08T09:00:00+08:00").is_ok());
        assert!(moment("2026-03-08t09:00:00z").is_ok());
        for loose in ["2026-03-08 09:00:00+08:00", " 2026-03-08T09:00:00+08:00"] {
            assert_eq!(moment(loose), Err(Problem::InvalidDateTime), "{loose}");
        }
        assert_eq!(moment(""), Err(Problem::Required));
    }

    #[test]
    fn a_change_names_what_changes() {
        let now = Utc.with_ymd_and_hms(2026, 3, 7, 2, 0, 0).unwrap();
        let nothing = ShiftChangeForm::default().parse(now).unwrap_err();
        assert_eq!(nothing, [("capacity".to_owned(), Problem::Required)]);
        let more = ShiftChangeForm {
            capacity: Some(8),
            ..Default::default()
        };
        assert_eq!(more.parse(now).unwrap().capacity, Some(8));
        let half = ShiftChangeForm {
            starts_at: Some("2026-03-08T09:00:00+08:00".into()),
            ..Default::default()
        };
        assert_eq!(half.parse(now).unwrap_err()[0].0, "ends_at");
    }
}

/// One page of the shifts an account manages, and how many the whole filtered list
/// holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShiftPage {
    pub total: u32,
    /// How many shifts come before this page.
    pub offset: u32,
    pub items: Vec<ShiftView>,
}
