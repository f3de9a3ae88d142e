//! Training sessions: staff schedule them, volunteers sign up under the rules every
//! place keeps (capacity, waitlist, no overlap), and the attendance staff mark puts the
//! training on each volunteer's record. A session is not a shift: its hours are
//! learning, not service, and count towards no counter, certificate or star.

use crate::manage::{Checks, Refused, capacity, future_window, id, one_of, plain_text};
use crate::signup::{PlaceFacts, SignupStatus};
use crate::trainings::{TRAININGS, valid_years};
use crate::{LocalizedText, Problem, ShiftWindow, Training, VolunteerNumber};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct TrainingSessionId(pub i64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct TrainingSignupId(pub i64);

/// Most characters in a session's place or trainer.
pub const PLACE_MAX_CHARS: usize = 120;
pub const TRAINER_MAX_CHARS: usize = 60;
/// Attendance is marked from this long before a session starts: the sign-in sheet at
/// the door.
pub const ATTENDANCE_OPENS_MINUTES_BEFORE: i64 = 30;

/// A training session as anyone may see it: no names of who signed up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingSessionView {
    pub id: TrainingSessionId,
    pub training: Training,
    pub organiser_unit_id: i64,
    pub organiser: LocalizedText,
    pub window: ShiftWindow,
    /// Where it is held, as the organiser wrote it.
    pub place: String,
    /// Who teaches it, as the organiser wrote it.
    pub trainer: String,
    pub capacity: u32,
    pub confirmed: u32,
    pub waitlisted: u32,
    /// Years the training stays valid after attending; `None` when it holds.
    pub valid_years: Option<u32>,
}

impl TrainingSessionView {
    pub fn places_left(&self) -> u32 {
        self.capacity.saturating_sub(self.confirmed)
    }

    pub fn facts(&self) -> PlaceFacts {
        PlaceFacts {
            window: self.window,
            capacity: self.capacity,
            confirmed: self.confirmed,
        }
    }

    /// Whether attendance may be marked at `now`: from shortly before the start on.
    pub fn attendance_open(&self, now: DateTime<Utc>) -> bool {
        now >= self.window.starts_at() - Duration::minutes(ATTENDANCE_OPENS_MINUTES_BEFORE)
    }
}

/// `POST /api/training-signups`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
pub struct TrainingSignupRequest {
    pub session_id: TrainingSessionId,
}

/// One of the volunteer's own training sign-ups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingSignupView {
    pub id: TrainingSignupId,
    pub status: SignupStatus,
    /// 1 for the first in line; only while waitlisted.
    pub waitlist_position: Option<u32>,
    pub session: TrainingSessionView,
    /// Marked present by the organiser.
    pub attended: bool,
}

/// One volunteer on a session's list, as its organiser sees it: no phone number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingRosterLine {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HL0004217"))]
    pub volunteer_number: VolunteerNumber,
    /// `None` once the volunteer's data is erased.
    pub name: Option<String>,
    pub status: SignupStatus,
    pub attended: bool,
}

/// A session with its list of volunteers, for the organiser marking who came.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingRoster {
    pub session: TrainingSessionView,
    pub signups: Vec<TrainingRosterLine>,
}

/// `POST /api/staff/training-sessions/{id}/attendance`: one volunteer who came.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct TrainingAttendanceForm {
    pub volunteer_number: String,
}

impl TrainingAttendanceForm {
    pub fn parse(&self) -> Result<VolunteerNumber, Refused> {
        let mut checks = Checks::default();
        let number = match self.volunteer_number.trim() {
            "" => Err(Problem::Required),
            text => {
                VolunteerNumber::try_from(text.to_owned()).map_err(|_| Problem::NoSuchVolunteer)
            }
        };
        let number = checks.field("volunteer_number", number);
        checks.finish(number)
    }
}

/// `POST /api/staff/training-sessions`: one session to schedule. Times are RFC 3339
/// with their offset, e.g. `2026-03-07T09:00:00+08:00`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct TrainingSessionForm {
    /// `etiquette`, `first_aid`, `traffic_rules` or `online_publicity`.
    pub training: String,
    /// The partner unit that runs it; a coordinator schedules for its own unit only.
    pub organiser_unit_id: Option<i64>,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub trainer: String,
    /// 1 to 200 places.
    pub capacity: Option<i64>,
    /// Years the training stays valid after attending; left out, the training's usual
    /// validity.
    pub valid_years: Option<i64>,
}

/// A session that can be scheduled: it starts after the moment the form was parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTrainingSession {
    pub training: Training,
    pub organiser_unit_id: i64,
    pub window: ShiftWindow,
    pub place: String,
    pub trainer: String,
    pub capacity: u32,
    pub valid_years: Option<u32>,
}

impl TrainingSessionForm {
    /// Every field's problem at once.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<NewTrainingSession, Refused> {
        let mut checks = Checks::default();
        let training = checks.field("training", one_of::<Training>(&self.training, TRAININGS));
        let unit = checks.field("organiser_unit_id", id(self.organiser_unit_id));
        let window = future_window(&mut checks, &self.starts_at, &self.ends_at, now);
        let place = checks.field("place", plain_text(&self.place, PLACE_MAX_CHARS));
        let trainer = checks.field("trainer", plain_text(&self.trainer, TRAINER_MAX_CHARS));
        let capacity = checks.field("capacity", capacity(self.capacity));
        let years = checks.field("valid_years", valid_years(self.valid_years));
        let session = (|| {
            let training = training?;
            Some(NewTrainingSession {
                training,
                organiser_unit_id: unit?,
                window: window?,
                place: place?,
                trainer: trainer?,
                capacity: capacity?,
                valid_years: years?.or(training.default_valid_years()),
            })
        })();
        checks.finish(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn form() -> TrainingSessionForm {
        TrainingSessionForm {
            training: "first_aid".into(),
            organiser_unit_id: Some(3),
            starts_at: "2026-03-08T09:00:00+08:00".into(),
            ends_at: "2026-03-08T12:00:00+08:00".into(),
            place: " 湖里区红十字会培训室 ".into(),
            trainer: "陈老师".into(),
            capacity: Some(30),
            valid_years: None,
        }
    }

    #[test]
    fn a_session_takes_its_trainings_usual_validity_unless_given_one() {
        let now = Utc.with_ymd_and_hms(2026, 3, 7, 2, 0, 0).unwrap();
        let session = form().parse(now).unwrap();
        assert_eq!(session.training, Training::FirstAid);
        assert_eq!(session.valid_years, Some(3));
        assert_eq!(session.place, "湖里区红十字会培训室");
        let traffic = TrainingSessionForm {
            training: "traffic_rules".into(),
            ..form()
        };
        assert_eq!(traffic.parse(now).unwrap().valid_years, None);
        let two = TrainingSessionForm {
            valid_years: Some(2),
            ..traffic
        };
        assert_eq!(two.parse(now).unwrap().valid_years, Some(2));
    }

    #[test]
    fn every_problem_of_a_session_form_is_named_at_once() {
        let now = Utc.with_ymd_and_hms(2026, 3, 9, 2, 0, 0).unwrap();
        let wrong = TrainingSessionForm {
            training: "cooking".into(),
            place: String::new(),
            capacity: Some(0),
            valid_years: Some(11),
            ..form()
        };
        let fields: Vec<String> = wrong
            .parse(now)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            ["training", "starts_at", "place", "capacity", "valid_years"]
        );
        let attendance = TrainingAttendanceForm {
            volunteer_number: "HL12".into(),
        };
        assert_eq!(
            attendance.parse().unwrap_err(),
            [("volunteer_number".to_owned(), Problem::NoSuchVolunteer)]
        );
        let blank = TrainingAttendanceForm::default().parse().unwrap_err();
        assert_eq!(blank[0].1, Problem::Required);
    }
}
