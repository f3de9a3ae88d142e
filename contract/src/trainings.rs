//! Trainings on a volunteer's record: how long each stays valid, and the form staff use
//! to record one the volunteer did elsewhere.

use crate::manage::{Checks, Refused, date, one_of, plain_text};
use crate::{Problem, Training};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub(crate) const TRAININGS: &[&str] = &[
    "etiquette",
    "first_aid",
    "traffic_rules",
    "online_publicity",
];

/// The longest validity staff may give a training.
pub const MAX_VALID_YEARS: u32 = 10;
/// Most characters in the note of what shows a training was done.
pub const EVIDENCE_MAX_CHARS: usize = 200;

impl Training {
    pub const ALL: [Training; 4] = [
        Training::Etiquette,
        Training::FirstAid,
        Training::TrafficRules,
        Training::OnlinePublicity,
    ];

    /// How long the training stays valid unless staff say otherwise: first aid is
    /// renewed every three years, as the Red Cross certificate is; the others hold.
    pub fn default_valid_years(self) -> Option<u32> {
        match self {
            Training::FirstAid => Some(3),
            Training::Etiquette | Training::TrafficRules | Training::OnlinePublicity => None,
        }
    }

    /// The last day a training completed on `completed_on` is valid, after `years`.
    pub fn expiry(completed_on: NaiveDate, years: Option<u32>) -> Option<NaiveDate> {
        let years = years?;
        let anniversary = completed_on.checked_add_months(Months::new(years * 12))?;
        anniversary.pred_opt()
    }
}

/// A training on a volunteer's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingRecord {
    pub training: Training,
    pub completed_at: chrono::DateTime<chrono::Utc>,
    /// The last day it is valid (China Standard Time); `None` for a training that holds.
    pub expires_on: Option<NaiveDate>,
    /// What showed staff a training done elsewhere; `None` for one the programme ran.
    pub evidence: Option<String>,
}

impl TrainingRecord {
    /// Whether the training opens gated duty on `day`.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.expires_on.is_none_or(|last| day <= last)
    }
}

/// `POST /api/staff/volunteers/{number}/trainings`: a training the volunteer did
/// elsewhere, recorded by staff who saw the evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct TrainingEntryForm {
    pub training: String,
    /// `YYYY-MM-DD`: the day it was completed; not after today.
    pub completed_on: String,
    /// Years it stays valid; left out, the training's usual validity.
    pub valid_years: Option<i64>,
    /// What shows it was done: a certificate's number, the trainer, the organiser.
    pub evidence: String,
}

/// A training entry that passed every check the form alone can make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingEntry {
    pub training: Training,
    pub completed_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub evidence: String,
}

impl TrainingEntryForm {
    /// Every field's problem at once.
    pub fn parse(&self) -> Result<TrainingEntry, Refused> {
        let mut checks = Checks::default();
        let training = checks.field("training", one_of::<Training>(&self.training, TRAININGS));
        let completed_on = checks.field("completed_on", date(&self.completed_on));
        let valid_years = checks.field("valid_years", valid_years(self.valid_years));
        let evidence = checks.field("evidence", plain_text(&self.evidence, EVIDENCE_MAX_CHARS));
        let entry = (|| {
            let (training, completed_on) = (training?, completed_on?);
            let years = valid_years?.or(training.default_valid_years());
            Some(TrainingEntry {
                training,
                completed_on,
                expires_on: Training::expiry(completed_on, years),
                evidence: evidence?,
            })
        })();
        checks.finish(entry)
    }
}

pub(crate) fn valid_years(raw: Option<i64>) -> Result<Option<u32>, Problem> {
    let Some(years) = raw else { return Ok(None) };
    u32::try_from(years)
        .ok()
        .filter(|years| (1..=MAX_VALID_YEARS).contains(years))
        .map(Some)
        .ok_or(Problem::OutOfRange {
            min: 1,
            max: i64::from(MAX_VALID_YEARS),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn form() -> TrainingEntryForm {
        TrainingEntryForm {
            training: "first_aid".into(),
            completed_on: "2026-03-05".into(),
            valid_years: None,
            evidence: " 红十字会救护员证 No. 3502-118 ".into(),
        }
    }

    #[test]
    fn first_aid_lasts_three_years_to_the_day_before_its_anniversary() {
        let entry = form().parse().unwrap();
        assert_eq!(entry.training, Training::FirstAid);
        assert_eq!(entry.expires_on, Some(day("2029-03-04")));
        assert_eq!(entry.evidence, "红十字会救护员证 No. 3502-118");
        let leap = Training::expiry(day("2028-02-29"), Some(1));
        assert_eq!(leap, Some(day("2029-02-27")));
    }

    #[test]
    fn other_trainings_hold_unless_staff_give_a_validity() {
        let traffic = TrainingEntryForm {
            training: "traffic_rules".into(),
            ..form()
        };
        assert_eq!(traffic.parse().unwrap().expires_on, None);
        let two_years = TrainingEntryForm {
            valid_years: Some(2),
            ..traffic
        };
        assert_eq!(
            two_years.parse().unwrap().expires_on,
            Some(day("2028-03-04"))
        );
    }

    #[test]
    fn a_training_is_valid_through_its_last_day_only() {
        let record = TrainingRecord {
            training: Training::FirstAid,
            completed_at: "2026-03-05T02:00:00Z".parse().unwrap(),
            expires_on: Some(day("2029-03-04")),
            evidence: None,
        };
        assert!(record.valid_on(day("2029-03-04")));
        assert!(!record.valid_on(day("2029-03-05")));
    }

    #[test]
    fn every_refused_field_is_named() {
        let bad = TrainingEntryForm {
            training: "karate".into(),
            completed_on: "2026-3-5".into(),
            valid_years: Some(11),
            evidence: "  ".into(),
        };
        let fields: Vec<String> = (bad.parse().unwrap_err().into_iter())
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            ["training", "completed_on", "valid_years", "evidence"]
        );
    }
}
