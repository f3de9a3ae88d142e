//! A volunteer's rights over their personal information (PIPL articles 15, 44–47): to
//! see and copy everything held about them, to correct it, and to withdraw their
//! consent and have it erased. Erasure anonymises: the name, the number and the
//! personal link go, while the minutes served stay in the programme's figures.

use crate::records::{CertificateNumber, Period, VolunteerNumber};
use crate::{
    DutyKind, LocalizedText, Minutes, PhoneNumber, Problem, ReviewStatus, ShiftId, SignupId,
    SignupStatus, Skill, TeamId, TeamRef, TrainingRecord, VolunteerName,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything the programme holds about one volunteer, as they download it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyData {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HL0004217"))]
    pub volunteer_number: VolunteerNumber,
    pub name: String,
    /// Whole: this is the volunteer's own copy.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "13812341234"))]
    pub phone: PhoneNumber,
    /// `None` for an individual volunteer.
    pub team: Option<TeamRef>,
    pub skills: Vec<Skill>,
    pub registered_at: DateTime<Utc>,
    /// The privacy notice consented to, and when; `None` for a record staff keep offline.
    pub consent: Option<ConsentRecord>,
    /// Every sign-up ever made, oldest shift first.
    pub service: Vec<ServiceLine>,
    /// Approved minutes over all of `service`.
    pub verified_minutes: Minutes,
    pub trainings: Vec<TrainingRecord>,
    pub certificates: Vec<CertificateSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRecord {
    pub notice_version: String,
    pub given_at: DateTime<Utc>,
}

/// One sign-up, with what came of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceLine {
    pub signup_id: SignupId,
    pub shift_id: ShiftId,
    pub point: LocalizedText,
    pub duty: DutyKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SignupStatus,
    pub signed_up_at: DateTime<Utc>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub checked_out_at: Option<DateTime<Utc>>,
    /// The minutes as measured or as the reviewer set them; they count once approved.
    pub minutes: Minutes,
    /// `None` until the volunteer checked in.
    pub review: Option<ReviewStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateSummary {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HLZY-2026-000042"))]
    pub number: CertificateNumber,
    pub period: Period,
    pub total_minutes: Minutes,
    pub issued_at: DateTime<Utc>,
}

/// `PUT /api/me`: the volunteer's corrections to their name, team and skills.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    /// The team the volunteer serves with; leave it out with `individual`.
    pub team_id: Option<TeamId>,
    pub individual: bool,
    pub skills: Vec<Skill>,
}

/// A correction that passed every check the form alone can make.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub name: VolunteerName,
    /// `None` for an individual volunteer.
    pub team_id: Option<TeamId>,
    /// Sorted, without repeats.
    pub skills: Vec<Skill>,
}

impl ProfileForm {
    /// Every field's problem at once.
    pub fn parse(&self) -> Result<Profile, Vec<(String, Problem)>> {
        let mut problems = Vec::new();
        let name = VolunteerName::parse(&self.name)
            .map_err(|p| problems.push(("name".to_owned(), p)))
            .ok();
        if let Err(problem) = team_choice(self.team_id, self.individual) {
            problems.push(("team_id".to_owned(), problem));
        }
        match name {
            Some(name) if problems.is_empty() => Ok(Profile {
                name,
                team_id: self.team_id,
                skills: normalised_skills(&self.skills),
            }),
            _ => Err(problems),
        }
    }
}

/// A volunteer serves in one team or on their own, chosen explicitly: a form that
/// forgot its team is told so rather than taken for an individual.
pub(crate) fn team_choice(team_id: Option<TeamId>, individual: bool) -> Result<(), Problem> {
    match (team_id, individual) {
        (None, false) => Err(Problem::Required),
        (Some(_), true) => Err(Problem::TeamOrIndividual),
        _ => Ok(()),
    }
}

pub(crate) fn normalised_skills(skills: &[Skill]) -> Vec<Skill> {
    let mut skills = skills.to_vec();
    skills.sort();
    skills.dedup();
    skills
}

/// `POST /api/me/erase`, the second step of deleting one's account: the last four
/// digits of the volunteer's mobile number, typed to confirm, so that a tap on a shared
/// phone cannot erase anyone by mistake.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct ErasureRequest {
    pub phone_last_digits: String,
}

impl ErasureRequest {
    pub const DIGITS: usize = 4;

    /// Whether the digits typed are the last four of `phone`.
    pub fn confirms(&self, phone: &PhoneNumber) -> Result<(), Problem> {
        let typed: String = self.phone_last_digits.split_whitespace().collect();
        let number = phone.as_str();
        if typed.is_empty() {
            Err(Problem::Required)
        } else if typed.len() == Self::DIGITS && number.ends_with(&typed) {
            Ok(())
        } else {
            Err(Problem::ConfirmationMismatch)
        }
    }
}

/// The answer to an erasure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Erased {
    pub erased_at: DateTime<Utc>,
    /// Upcoming sign-ups given up, whose places went to the waitlist.
    pub cancelled_signups: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_names_every_bad_field_and_normalises_the_rest() {
        let bad = ProfileForm {
            name: " ".into(),
            team_id: Some(TeamId(2)),
            individual: true,
            skills: vec![],
        };
        assert_eq!(
            bad.parse().unwrap_err(),
            vec![
                ("name".to_owned(), Problem::Required),
                ("team_id".to_owned(), Problem::TeamOrIndividual),
            ]
        );
        let good = ProfileForm {
            name: " 林  小雨 ".into(),
            team_id: None,
            individual: true,
            skills: vec![Skill::Photography, Skill::FirstAid, Skill::Photography],
        };
        let profile = good.parse().unwrap();
        assert_eq!(profile.name.as_str(), "林 小雨");
        assert_eq!(profile.team_id, None);
        assert_eq!(profile.skills, vec![Skill::FirstAid, Skill::Photography]);
    }

    #[test]
    fn erasure_is_confirmed_only_by_the_last_four_digits() {
        let phone = PhoneNumber::parse("13812345678").unwrap();
        let typed = |digits: &str| ErasureRequest {
            phone_last_digits: digits.into(),
        };
        assert_eq!(typed("5678").confirms(&phone), Ok(()));
        assert_eq!(typed(" 56 78 ").confirms(&phone), Ok(()));
        assert_eq!(typed("").confirms(&phone), Err(Problem::Required));
        for wrong in ["1234", "678", "45678", "13812345678"] {
            assert_eq!(
                typed(wrong).confirms(&phone),
                Err(Problem::ConfirmationMismatch),
                "{wrong}"
            );
        }
    }
}
