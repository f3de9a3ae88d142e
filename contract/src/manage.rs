//! Managing the programme: the forms staff send to change points, units, teams, shifts
//! and insurance records, parsed into values that cannot be invalid.
//!
//! Forms take every field as the browser sends it (strings, optional numbers), so that a
//! wrong value comes back as a refused field with its reason rather than as an unreadable
//! request; `parse` reports every refused field at once.

mod insurance;
mod points;
mod shifts;
mod templates;

pub use insurance::{
    INSURER_MAX_CHARS, InsuranceForm, InsurancePolicy, InsuranceRecord, MAX_INSURED_SHIFTS,
    POLICY_NUMBER_MAX_CHARS, POLICY_NUMBER_PUNCTUATION,
};
pub use points::{LocationForm, OPENING_HOURS_KINDS, OpeningHoursForm, PointChange, PointForm};
#[cfg(feature = "openapi")]
pub(crate) use shifts::DUTIES;
pub use shifts::{
    MAX_CAPACITY, NewShift, ShiftChange, ShiftChangeForm, ShiftForm, ShiftPage, ShiftShape,
};
pub(crate) use shifts::{capacity, future_window};
#[cfg(feature = "openapi")]
pub(crate) use templates::WEEKDAYS;
pub use templates::{MAX_TEMPLATE_WEEKS, TemplateForm, WeeklyShifts, WeeklyTemplate};

use crate::{LocalizedText, PartnerUnitRef, PointId, Problem, StaffRole, TeamKind, UnitKind};
use chrono::{NaiveDate, NaiveTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Refused fields, each with its reason, gathered while a form parses.
pub type Refused = Vec<(String, Problem)>;

impl StaffRole {
    /// Whether the role may manage what `unit` organises: its shifts, its teams, their
    /// insurance. Point leaders run attendance at their point and manage nothing.
    pub fn may_manage_unit(self, unit: i64) -> bool {
        // The same people who verify a unit's hours: its coordinator, the district.
        self.may_review(unit)
    }

    /// Whether the role may manage anything at all in the programme.
    pub fn may_manage(self) -> bool {
        self.unit_scope().is_some()
    }

    /// Units and their pairing with points are the district's to decide.
    pub fn is_administrator(self) -> bool {
        self == StaffRole::Administrator
    }
}

/// Gathers the reasons fields are refused, so one answer names all of them.
#[derive(Default)]
pub(crate) struct Checks(Refused);

impl Checks {
    /// The value, or `None` with the reason noted under `field`.
    pub(crate) fn field<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        result
            .map_err(|problem| self.0.push((field.to_owned(), problem)))
            .ok()
    }

    /// `value` if it is whole and nothing was refused.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Refused> {
        match value {
            Some(value) if self.0.is_empty() => Ok(value),
            _ => Err(self.0),
        }
    }
}

/// Most characters in a name (of a point, unit or team) in either language.
pub const NAME_MAX_CHARS: usize = 60;
/// Most characters in an address in either language.
pub const ADDRESS_MAX_CHARS: usize = 120;

/// Trimmed text of 1 to `max` characters without control characters. The limit counts
/// the characters as sent, white space included, as the API's schema says (`maxLength`).
pub(crate) fn plain_text(raw: &str, max: usize) -> Result<String, Problem> {
    if raw.chars().any(char::is_control) {
        return Err(Problem::NotPlainText);
    }
    let text = raw.trim();
    if text.is_empty() {
        Err(Problem::Required)
    } else if raw.chars().count() > max {
        Err(Problem::TooLong { max: max as u32 })
    } else {
        Ok(text.to_owned())
    }
}

/// One of the snake_case names a contract enum serialises to, spelled exactly (the
/// schema's `enum`); blank is a missing value.
pub(crate) fn one_of<T: DeserializeOwned>(raw: &str, allowed: &[&str]) -> Result<T, Problem> {
    serde_json::from_value(serde_json::Value::String(raw.to_owned())).map_err(|_| {
        match raw.trim() {
            "" => Problem::Required,
            _ => Problem::OneOf {
                allowed: allowed.iter().map(|name| (*name).to_owned()).collect(),
            },
        }
    })
}

/// A positive id the form must name.
pub(crate) fn id(raw: Option<i64>) -> Result<i64, Problem> {
    match raw {
        None => Err(Problem::Required),
        Some(id) if id < 1 => Err(Problem::OutOfRange {
            min: 1,
            max: i64::MAX,
        }),
        Some(id) => Ok(id),
    }
}

/// Whether `text` has ASCII digits where `shape` has `9`, and `shape`'s other bytes
/// where it has them: chrono alone would also take `9:5` or `2026-3-5`, which the
/// schema's pattern does not.
fn shaped(text: &str, shape: &str) -> bool {
    text.len() == shape.len()
        && (text.bytes().zip(shape.bytes())).all(|(b, s)| {
            if s == b'9' {
                b.is_ascii_digit()
            } else {
                b == s
            }
        })
}

/// Exactly `HH:MM`, China Standard Time.
pub(crate) fn time_of_day(raw: &str) -> Result<NaiveTime, Problem> {
    match raw {
        _ if raw.trim().is_empty() => Err(Problem::Required),
        text if shaped(text, "99:99") => {
            NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| Problem::InvalidTime)
        }
        _ => Err(Problem::InvalidTime),
    }
}

/// Exactly `YYYY-MM-DD`, a day in China Standard Time.
pub(crate) fn date(raw: &str) -> Result<NaiveDate, Problem> {
    match raw {
        _ if raw.trim().is_empty() => Err(Problem::Required),
        text if shaped(text, "9999-99-99") => {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Problem::NotADate)
        }
        _ => Err(Problem::NotADate),
    }
}

pub(crate) const UNIT_KINDS: &[&str] = &[
    "government_office",
    "public_institution",
    "school",
    "company",
];
pub(crate) const TEAM_KINDS: &[&str] = &[
    "unit",
    "community",
    "youth",
    "women",
    "science",
    "red_cross",
    "legal_aid",
    "environmental",
    "online_civility",
];

/// A new partner unit ("civilised unit").
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct UnitForm {
    pub name_zh: String,
    pub name_en: String,
    /// `government_office`, `public_institution`, `school` or `company`.
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewUnit {
    pub name: LocalizedText,
    pub kind: UnitKind,
}

fn name(checks: &mut Checks, zh: &str, en: &str) -> Option<LocalizedText> {
    let zh = checks.field("name_zh", plain_text(zh, NAME_MAX_CHARS));
    let en = checks.field("name_en", plain_text(en, NAME_MAX_CHARS));
    Some(LocalizedText { zh: zh?, en: en? })
}

impl UnitForm {
    pub fn parse(&self) -> Result<NewUnit, Refused> {
        let mut checks = Checks::default();
        let name = name(&mut checks, &self.name_zh, &self.name_en);
        let kind = checks.field("kind", one_of(&self.kind, UNIT_KINDS));
        let unit = name.zip(kind).map(|(name, kind)| NewUnit { name, kind });
        checks.finish(unit)
    }
}

/// Pairs a unit with the point it staffs, in place of any earlier pairing.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct PairingForm {
    pub point_id: Option<i64>,
}

impl PairingForm {
    pub fn parse(&self) -> Result<PointId, Refused> {
        let mut checks = Checks::default();
        let point = checks.field("point_id", id(self.point_id)).map(PointId);
        checks.finish(point)
    }
}

/// A partner unit and the point it staffs, if it is paired yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitView {
    pub unit: PartnerUnitRef,
    pub point_id: Option<PointId>,
}

/// A new volunteer team; a coordinator's team belongs to its own unit.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct TeamForm {
    pub name_zh: String,
    pub name_en: String,
    /// `unit`, `community`, `youth`, `women`, `science`, `red_cross`, `legal_aid`,
    /// `environmental` or `online_civility`.
    pub kind: String,
    /// The partner unit that formed the team, if one did.
    pub unit_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewTeam {
    pub name: LocalizedText,
    pub kind: TeamKind,
    pub unit_id: Option<i64>,
}

impl TeamForm {
    pub fn parse(&self) -> Result<NewTeam, Refused> {
        let mut checks = Checks::default();
        let name = name(&mut checks, &self.name_zh, &self.name_en);
        let kind = checks.field("kind", one_of(&self.kind, TEAM_KINDS));
        let unit_id = match self.unit_id {
            None => Some(None),
            unit => checks.field("unit_id", id(unit)).map(Some),
        };
        let team = (name.zip(kind).zip(unit_id)).map(|((name, kind), unit_id)| NewTeam {
            name,
            kind,
            unit_id,
        });
        checks.finish(team)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(refused: Refused) -> Vec<String> {
        refused.into_iter().map(|(field, _)| field).collect()
    }

    #[test]
    fn limits_count_text_as_sent_and_formats_are_read_exactly_as_the_schema_says() {
        let padded = format!(" {} ", "名".repeat(NAME_MAX_CHARS - 1));
        assert_eq!(
            plain_text(&padded, NAME_MAX_CHARS),
            Err(Problem::TooLong {
                max: NAME_MAX_CHARS as u32
            })
        );
        assert!(plain_text(&"名".repeat(NAME_MAX_CHARS), NAME_MAX_CHARS).is_ok());
        assert_eq!(plain_text("  ", NAME_MAX_CHARS), Err(Problem::Required));
        assert_eq!(
            time_of_day("09:30").map(|t| t.to_string()).as_deref(),
            Ok("09:30:00")
        );
        for loose in ["9:30", "09:3", " 09:30", "09:30 "] {
            assert_eq!(time_of_day(loose), Err(Problem::InvalidTime), "{loose}");
        }
        assert_eq!(time_of_day(" "), Err(Problem::Required));
        assert!(date("2026-03-05").is_ok());
        for loose in ["2026-3-5", "+2026-03-05", " 2026-03-05", "2026-02-30"] {
            assert_eq!(date(loose), Err(Problem::NotADate), "{loose}");
        }
        assert!(one_of::<UnitKind>("school", UNIT_KINDS).is_ok());
        assert!(matches!(
            one_of::<UnitKind>(" school", UNIT_KINDS),
            Err(Problem::OneOf { .. })
        ));
        assert_eq!(one_of::<UnitKind>(" ", UNIT_KINDS), Err(Problem::Required));
    }

    #[test]
    fn the_kind_names_offered_are_the_kinds_that_parse() {
        for name in UNIT_KINDS {
            assert!(one_of::<UnitKind>(name, UNIT_KINDS).is_ok(), "{name}");
        }
        for name in TEAM_KINDS {
            assert!(one_of::<TeamKind>(name, TEAM_KINDS).is_ok(), "{name}");
        }
    }

    #[test]
    fn units_and_teams_need_both_names_and_a_known_kind() {
        let unit = UnitForm {
            name_zh: "湖里区图书馆".into(),
            name_en: String::new(),
            kind: "library".into(),
        };
        assert_eq!(fields(unit.parse().unwrap_err()), ["name_en", "kind"]);
        let team = TeamForm {
            name_zh: "图书馆志愿队".into(),
            name_en: "Library volunteers".into(),
            kind: "unit".into(),
            unit_id: Some(3),
        };
        assert_eq!(team.parse().unwrap().unit_id, Some(3));
        assert_eq!(
            fields(PairingForm::default().parse().unwrap_err()),
            ["point_id"]
        );
    }

    #[test]
    fn only_administrators_and_the_own_unit_manage() {
        let coordinator = StaffRole::Coordinator { unit_id: 4 };
        assert!(coordinator.may_manage_unit(4) && !coordinator.may_manage_unit(5));
        let leader = StaffRole::PointLeader {
            point_id: PointId(1),
        };
        assert!(!leader.may_manage() && !leader.may_manage_unit(4));
        assert!(StaffRole::Administrator.is_administrator() && !coordinator.is_administrator());
    }
}
