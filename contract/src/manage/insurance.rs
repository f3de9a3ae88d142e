//! The organiser's accident insurance, without which high-risk duty stays closed.

use super::{Checks, Refused, date, plain_text};
use crate::{Problem, ShiftId, ShiftView};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The organiser's accident insurance for everyone on some high-risk shifts. Dates are
/// China Standard Time and inclusive.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct InsuranceForm {
    /// 1 to 100 shifts the policy covers.
    pub shift_ids: Vec<i64>,
    pub insurer: String,
    pub policy_number: String,
    /// `YYYY-MM-DD`.
    pub covers_from: String,
    /// `YYYY-MM-DD`, on or after `covers_from`.
    pub covers_until: String,
}

/// An insurance policy that can be recorded. Whether it covers each shift's dates is
/// the server's to check, as only it knows the shifts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InsurancePolicy {
    pub shift_ids: Vec<ShiftId>,
    pub insurer: String,
    pub policy_number: String,
    pub covers_from: NaiveDate,
    pub covers_until: NaiveDate,
}

/// The most shifts one policy is recorded for, counted as sent.
pub const MAX_INSURED_SHIFTS: usize = 100;
/// The most characters in the insurer's name.
pub const INSURER_MAX_CHARS: usize = 100;
/// The most characters in a policy number.
pub const POLICY_NUMBER_MAX_CHARS: usize = 64;
/// What a policy number is written with, besides ASCII letters and digits.
pub const POLICY_NUMBER_PUNCTUATION: &str = "-/";

fn policy_number(raw: &str) -> Result<String, Problem> {
    let number = plain_text(raw, POLICY_NUMBER_MAX_CHARS)?;
    let allowed = |c: char| c.is_ascii_alphanumeric() || POLICY_NUMBER_PUNCTUATION.contains(c);
    if number.chars().all(allowed) {
        Ok(number)
    } else {
        Err(Problem::NotPlainText)
    }
}

impl InsuranceForm {
    pub fn parse(&self) -> Result<InsurancePolicy, Refused> {
        let mut checks = Checks::default();
        let mut ids: Vec<i64> = self.shift_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        let max = MAX_INSURED_SHIFTS as i64;
        let shift_ids = checks.field(
            "shift_ids",
            // The limit counts the ids as sent, repeats included (the schema's `maxItems`).
            match ids.len() {
                0 => Err(Problem::Required),
                _ if self.shift_ids.len() > MAX_INSURED_SHIFTS => {
                    Err(Problem::OutOfRange { min: 1, max })
                }
                _ if ids[0] < 1 => Err(Problem::OutOfRange {
                    min: 1,
                    max: i64::MAX,
                }),
                _ => Ok(ids.into_iter().map(ShiftId).collect()),
            },
        );
        let insurer = checks.field("insurer", plain_text(&self.insurer, INSURER_MAX_CHARS));
        let number = checks.field("policy_number", policy_number(&self.policy_number));
        let from = checks.field("covers_from", date(&self.covers_from));
        let until = checks.field("covers_until", date(&self.covers_until));
        let until = from.zip(until).and_then(|(from, until)| {
            let later = (until >= from).then_some(until);
            checks.field("covers_until", later.ok_or(Problem::EndsBeforeStart))
        });
        let policy = (|| {
            Some(InsurancePolicy {
                shift_ids: shift_ids?,
                insurer: insurer?,
                policy_number: number?,
                covers_from: from?,
                covers_until: until?,
            })
        })();
        checks.finish(policy)
    }
}

/// A recorded policy and the shifts it now opens for sign-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InsuranceRecord {
    pub id: i64,
    pub insurer: String,
    pub policy_number: String,
    pub covers_from: NaiveDate,
    pub covers_until: NaiveDate,
    pub shifts: Vec<ShiftView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insurance_needs_shifts_a_policy_and_a_forward_period() {
        let form = InsuranceForm {
            shift_ids: vec![3, 3, 5],
            insurer: "中国人寿厦门分公司".into(),
            policy_number: "PICC-2026/001".into(),
            covers_from: "2026-03-01".into(),
            covers_until: "2026-12-31".into(),
        };
        assert_eq!(form.parse().unwrap().shift_ids, [ShiftId(3), ShiftId(5)]);
        let backwards = InsuranceForm {
            covers_until: "2026-02-01".into(),
            policy_number: "no spaces".into(),
            ..form
        };
        let fields: Vec<String> = (backwards.parse().unwrap_err().into_iter())
            .map(|f| f.0)
            .collect();
        assert_eq!(fields, ["policy_number", "covers_until"]);
    }

    #[test]
    fn the_shift_limit_counts_ids_as_sent() {
        let form = |shift_ids: Vec<i64>| InsuranceForm {
            shift_ids,
            insurer: "中国人寿厦门分公司".into(),
            policy_number: "PICC-2026/001".into(),
            covers_from: "2026-03-01".into(),
            covers_until: "2026-12-31".into(),
        };
        assert!(form(vec![7; MAX_INSURED_SHIFTS]).parse().is_ok());
        let refused = form(vec![7; MAX_INSURED_SHIFTS + 1]).parse().unwrap_err();
        assert_eq!(refused[0].0, "shift_ids");
    }
}
