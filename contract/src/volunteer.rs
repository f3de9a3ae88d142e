//! Volunteers: who they are, the team they serve with, and what they registered with.
//! Registration collects the minimum PIPL allows us to ask for: name, mobile number,
//! team, optional skills and an explicit consent. No ID-card number.

use crate::{LocalizedText, PhoneNumber, Problem, SignupView};
use serde::{Deserialize, Serialize};

/// A team's id in `/api/teams`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct TeamId(pub i64);

/// The kinds of team the report names: unit teams of the partner units, community
/// teams, thematic brigades and the online civility team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TeamKind {
    Unit,
    Community,
    Youth,
    Women,
    Science,
    RedCross,
    LegalAid,
    Environmental,
    OnlineCivility,
}

/// A team a volunteer can register with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamRef {
    pub id: TeamId,
    pub name: LocalizedText,
    pub kind: TeamKind,
}

/// What a volunteer says they can offer. Self-declared, so it never unlocks a duty:
/// only a [`Training`] on record does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Skill {
    FirstAid,
    SignLanguage,
    ForeignLanguages,
    LegalAdvice,
    ElderlyCare,
    Counselling,
    Photography,
}

impl Skill {
    pub const ALL: [Skill; 7] = [
        Skill::FirstAid,
        Skill::SignLanguage,
        Skill::ForeignLanguages,
        Skill::LegalAdvice,
        Skill::ElderlyCare,
        Skill::Counselling,
        Skill::Photography,
    ];
}

/// Trainings the district runs (etiquette, first aid, traffic rules, online publicity).
/// Organisers record them; a duty may require one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Training {
    Etiquette,
    FirstAid,
    TrafficRules,
    OnlinePublicity,
}

/// A person's name as they want it on their record: trimmed, inner runs of white space
/// made one, 1 to [`VolunteerName::MAX_CHARS`] characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VolunteerName(String);

impl VolunteerName {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(input: &str) -> Result<Self, Problem> {
        if input.chars().any(char::is_control) {
            return Err(Problem::NotPlainText);
        }
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        // The limit counts the characters as sent, white space included, as the API's
        // schema says (`maxLength`).
        if name.is_empty() {
            Err(Problem::Required)
        } else if input.chars().count() > Self::MAX_CHARS {
            Err(Problem::TooLong {
                max: Self::MAX_CHARS as u32,
            })
        } else {
            Ok(VolunteerName(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for VolunteerName {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        VolunteerName::parse(&value).map_err(|_| "a name of 1 to 40 characters")
    }
}

impl From<VolunteerName> for String {
    fn from(name: VolunteerName) -> String {
        name.0
    }
}

/// Whether `text` has the shape of every secret the programme hands out (personal link
/// keys, staff sessions, display keys, calendar feed tokens, story photo names): 256
/// random bits as 64 hex digits. A request naming anything else is refused before any
/// hashing or lookup.
pub fn is_secret_shaped(text: &str) -> bool {
    text.len() == AccessKey::HEX_DIGITS && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The key of a volunteer's personal link (`/me#key=…`): 256 random bits as 64
/// lowercase hex digits. The browser draws it from Web Crypto when registering, so the
/// server only ever stores its hash and a retried registration needs no new key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccessKey(String);

impl AccessKey {
    pub const HEX_DIGITS: usize = 64;

    pub fn parse(input: &str) -> Result<Self, Problem> {
        if is_secret_shaped(input) {
            Ok(AccessKey(input.to_ascii_lowercase()))
        } else {
            Err(Problem::InvalidAccessKey)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AccessKey {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        AccessKey::parse(&value).map_err(|_| "64 hexadecimal digits")
    }
}

impl From<AccessKey> for String {
    fn from(key: AccessKey) -> String {
        key.0
    }
}

/// The version of the personal-information notice the registration form shows. A
/// consent is recorded with the version it was given to, so a changed notice can ask again.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11";

/// The registration form as typed. Everything a person can get wrong is a string or an
/// option here, so a mistake becomes a message next to its field (422), and only JSON
/// that does not fit this shape at all is a malformed request (400).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct RegistrationForm {
    pub name: String,
    /// As typed: spaces, dashes and a +86 prefix are fine.
    pub phone: String,
    /// The team the volunteer serves with; leave it out with `individual`.
    pub team_id: Option<TeamId>,
    /// Registers a resident who serves on their own, in no team. An explicit choice, so
    /// a form that forgot its team is told so rather than taken for an individual.
    pub individual: bool,
    pub skills: Vec<Skill>,
    /// The separate, explicit consent to processing personal information.
    pub consent: bool,
    /// The [`PRIVACY_NOTICE_VERSION`] the person read.
    pub consent_version: String,
    /// The personal link's [`AccessKey`], drawn at random by the browser.
    pub access_key: String,
}

/// A registration that passed every check the form alone can make.
#[derive(Clone, Debug, PartialEq)]
pub struct Registration {
    pub name: VolunteerName,
    pub phone: PhoneNumber,
    /// `None` for an individual volunteer.
    pub team_id: Option<TeamId>,
    pub skills: Vec<Skill>,
    pub consent_version: &'static str,
    pub access_key: AccessKey,
}

impl RegistrationForm {
    /// Every field's problem at once, so a form shows them all in one go.
    pub fn parse(&self) -> Result<Registration, Vec<(String, Problem)>> {
        let mut problems = Vec::new();
        let name = VolunteerName::parse(&self.name)
            .map_err(|p| problems.push(("name".to_owned(), p)))
            .ok();
        let phone = match self.phone.trim() {
            "" => Err(Problem::Required),
            typed => PhoneNumber::parse(typed).map_err(|_| Problem::InvalidPhone),
        }
        .map_err(|p| problems.push(("phone".to_owned(), p)))
        .ok();
        if let Err(problem) = crate::rights::team_choice(self.team_id, self.individual) {
            problems.push(("team_id".to_owned(), problem));
        }
        if !self.consent {
            problems.push(("consent".to_owned(), Problem::ConsentRequired));
        } else if self.consent_version != PRIVACY_NOTICE_VERSION {
            problems.push(("consent_version".to_owned(), Problem::NoticeChanged));
        }
        let access_key = AccessKey::parse(&self.access_key)
            .map_err(|p| problems.push(("access_key".to_owned(), p)))
            .ok();
        match (name, phone, access_key) {
            (Some(name), Some(phone), Some(access_key)) if problems.is_empty() => {
                Ok(Registration {
                    name,
                    phone,
                    team_id: self.team_id,
                    skills: crate::rights::normalised_skills(&self.skills),
                    consent_version: PRIVACY_NOTICE_VERSION,
                    access_key,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The answer to a registration. The personal link's key is the one the browser sent:
/// the server keeps only its hash, so a lost link is replaced by staff, never recovered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registered {
    pub volunteer_name: String,
}

/// What "my sign-ups" shows a volunteer about themselves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRecord {
    pub name: String,
    /// Masked even here: the page may be open on a shared phone.
    pub phone_masked: String,
    /// `None` for an individual volunteer.
    pub team: Option<TeamRef>,
    pub skills: Vec<Skill>,
    pub trainings: Vec<Training>,
    /// Upcoming and recent sign-ups, soonest first.
    pub signups: Vec<SignupView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RegistrationForm {
        RegistrationForm {
            name: "  林  小雨 ".into(),
            phone: "+86 138-1234-1234".into(),
            team_id: Some(TeamId(3)),
            individual: false,
            skills: vec![Skill::SignLanguage, Skill::FirstAid, Skill::SignLanguage],
            consent: true,
            consent_version: PRIVACY_NOTICE_VERSION.into(),
            access_key: "A1".repeat(32),
        }
    }

    #[test]
    fn a_good_form_parses_into_normalised_values() {
        let registration = form().parse().unwrap();
        assert_eq!(registration.name.as_str(), "林 小雨");
        assert_eq!(registration.phone.as_str(), "13812341234");
        assert_eq!(
            registration.skills,
            vec![Skill::FirstAid, Skill::SignLanguage]
        );
        assert_eq!(registration.access_key.as_str(), "a1".repeat(32));
    }

    #[test]
    fn a_missing_field_is_a_problem_of_that_field_not_a_malformed_request() {
        let form: RegistrationForm = serde_json::from_str(r#"{"name": "林小雨"}"#).unwrap();
        let fields: Vec<String> = form
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["phone", "team_id", "consent", "access_key"]);
        assert!(AccessKey::parse(&"0".repeat(63)).is_err());
        assert!(AccessKey::parse(&"g".repeat(64)).is_err());
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = RegistrationForm {
            name: " ".into(),
            phone: "12345".into(),
            team_id: None,
            consent: false,
            ..form()
        };
        let fields: Vec<_> = bad.parse().unwrap_err();
        assert_eq!(
            fields,
            vec![
                ("name".to_owned(), Problem::Required),
                ("phone".to_owned(), Problem::InvalidPhone),
                ("team_id".to_owned(), Problem::Required),
                ("consent".to_owned(), Problem::ConsentRequired),
            ]
        );
    }

    #[test]
    fn an_individual_registers_without_a_team_but_never_with_one() {
        let individual = RegistrationForm {
            team_id: None,
            individual: true,
            ..form()
        };
        assert_eq!(individual.parse().unwrap().team_id, None);
        assert_eq!(form().parse().unwrap().team_id, Some(TeamId(3)));
        let both = RegistrationForm {
            individual: true,
            ..form()
        };
        assert_eq!(
            both.parse().unwrap_err(),
            vec![("team_id".to_owned(), Problem::TeamOrIndividual)]
        );
    }

    #[test]
    fn names_are_bounded_and_plain() {
        assert_eq!(
            VolunteerName::parse(&"李".repeat(41)),
            Err(Problem::TooLong { max: 40 })
        );
        assert!(VolunteerName::parse(&"李".repeat(40)).is_ok());
        // The limit counts the name as sent, white space included.
        assert_eq!(
            VolunteerName::parse(&format!(" {} ", "李".repeat(39))),
            Err(Problem::TooLong { max: 40 })
        );
        assert_eq!(
            VolunteerName::parse("Li\u{0}Lei"),
            Err(Problem::NotPlainText)
        );
    }

    #[test]
    fn consent_to_an_old_notice_is_asked_again() {
        let old = RegistrationForm {
            consent_version: "2020-01".into(),
            ..form()
        };
        assert_eq!(
            old.parse().unwrap_err(),
            vec![("consent_version".to_owned(), Problem::NoticeChanged)]
        );
    }
}
