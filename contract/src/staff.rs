//! The staff who run the programme: their roles, signing in, and reviewing attendance.

use crate::{
    CheckInMethod, DutyKind, LocalizedText, Minutes, PointId, Problem, ReviewStatus, ShiftWindow,
    TeamId,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a staff account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "role")]
pub enum StaffRole {
    /// The district's administrators: everything.
    Administrator,
    /// A partner unit's coordinator: its own unit's shifts and the hours served on them.
    Coordinator { unit_id: i64 },
    /// A point's leader: the attendance of that point's shifts.
    PointLeader { point_id: PointId },
}

impl StaffRole {
    /// Whether the role may approve, adjust or reject minutes served on a shift that
    /// `unit` organised: the organising unit verifies its own volunteers' hours.
    pub fn may_review(self, unit: i64) -> bool {
        match self {
            StaffRole::Administrator => true,
            StaffRole::Coordinator { unit_id } => unit_id == unit,
            StaffRole::PointLeader { .. } => false,
        }
    }

    /// Whether the role may see and mark attendance on a shift at `point` that `unit`
    /// organised.
    pub fn may_mark_attendance(self, point: PointId, unit: i64) -> bool {
        match self {
            StaffRole::PointLeader { point_id } => point_id == point,
            other => other.may_review(unit),
        }
    }

    /// Whether the role may run the display of `point`, which `partner_units` staff.
    pub fn may_run_display(self, point: PointId, partner_units: &[i64]) -> bool {
        match self {
            StaffRole::Administrator => true,
            StaffRole::Coordinator { unit_id } => partner_units.contains(&unit_id),
            StaffRole::PointLeader { point_id } => point_id == point,
        }
    }

    /// The unit whose records, shifts and teams the role keeps to (`None`: every unit's),
    /// or `None` for a point leader, whose role holds no volunteers' records and manages
    /// nothing.
    pub fn unit_scope(self) -> Option<Option<i64>> {
        match self {
            StaffRole::Administrator => Some(None),
            StaffRole::Coordinator { unit_id } => Some(Some(unit_id)),
            StaffRole::PointLeader { .. } => None,
        }
    }
}

/// Who is signed in, as the console shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    #[serde(flatten)]
    pub role: StaffRole,
}

/// The answer to signing in, and to asking who is signed in: the account, and the token
/// every state-changing request must send back in [`StaffSession::CSRF_HEADER`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSession {
    pub account: StaffAccount,
    pub csrf_token: String,
    /// Whether the account has a second factor; `required` means the session may do
    /// nothing but enrol one (or sign out).
    pub second_factor: crate::SecondFactorStatus,
}

impl StaffSession {
    pub const CSRF_HEADER: &'static str = "X-CSRF-Token";
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct LoginForm {
    pub login: String,
    pub password: String,
    /// The second factor's code, for an account that has one: six digits from the
    /// authenticator app, or a recovery code. Empty or absent otherwise.
    pub code: String,
}

impl LoginForm {
    /// The longest login an account can have (`create-staff` enforces it too).
    pub const MAX_LOGIN_CHARS: usize = 40;

    /// The trimmed login, the password and the code, if all could belong to an
    /// account: a sign-in with a login or password longer than any account has is
    /// refused before it costs a password hash or a stored failure.
    pub fn parse(&self) -> Result<Credentials<'_>, Vec<(String, Problem)>> {
        let login = self.login.trim();
        let mut problems = Vec::new();
        if login.is_empty() {
            problems.push(("login".to_owned(), Problem::Required));
        } else if self.login.chars().count() > Self::MAX_LOGIN_CHARS {
            // Counted as sent, white space included, as the schema's `maxLength` says.
            let max = Self::MAX_LOGIN_CHARS as u32;
            problems.push(("login".to_owned(), Problem::TooLong { max }));
        }
        if self.password.is_empty() {
            problems.push(("password".to_owned(), Problem::Required));
        } else if self.password.chars().count() > NewPassword::MAX_CHARS {
            let max = NewPassword::MAX_CHARS as u32;
            problems.push(("password".to_owned(), Problem::TooLong { max }));
        }
        let code = match self.code.trim() {
            "" => None,
            typed => (crate::SecondFactorCode::parse(typed))
                .map_err(|problem| problems.push(("code".to_owned(), problem)))
                .ok(),
        };
        if problems.is_empty() {
            Ok(Credentials {
                login,
                password: &self.password,
                code,
            })
        } else {
            Err(problems)
        }
    }
}

/// A sign-in as far as its form can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials<'a> {
    pub login: &'a str,
    pub password: &'a str,
    pub code: Option<crate::SecondFactorCode>,
}

/// A password that staff may choose: long enough to resist guessing (NIST SP 800-63B
/// asks for at least 8; we ask for 12), and short enough to hash cheaply.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(input: &str) -> Result<Self, Problem> {
        match input.chars().count() {
            n if n < Self::MIN_CHARS => Err(Problem::TooShort {
                min: Self::MIN_CHARS as u32,
            }),
            n if n > Self::MAX_CHARS => Err(Problem::TooLong {
                max: Self::MAX_CHARS as u32,
            }),
            _ => Ok(NewPassword(input.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a coordinator changed or refused the minutes a volunteer served: trimmed, 2 to
/// 200 characters of plain text. The volunteer and the audit log both see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct ReviewReason(String);

impl ReviewReason {
    pub const MIN_CHARS: usize = 2;
    pub const MAX_CHARS: usize = 200;

    /// The shortest length counts the trimmed reason; the longest counts it as sent,
    /// white space included, as the API's schema says (`maxLength`).
    pub fn parse(input: &str) -> Result<Self, Problem> {
        if input.chars().any(char::is_control) {
            return Err(Problem::NotPlainText);
        }
        let reason = input.trim();
        match reason.chars().count() {
            0 => Err(Problem::Required),
            n if n < Self::MIN_CHARS => Err(Problem::TooShort {
                min: Self::MIN_CHARS as u32,
            }),
            _ if input.chars().count() > Self::MAX_CHARS => Err(Problem::TooLong {
                max: Self::MAX_CHARS as u32,
            }),
            _ => Ok(ReviewReason(reason.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReviewReason {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        ReviewReason::parse(&value).map_err(|_| "a reason of 2 to 200 characters")
    }
}

impl From<ReviewReason> for String {
    fn from(reason: ReviewReason) -> String {
        reason.0
    }
}

/// A coordinator's decision on the minutes served, as the request spells it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct ReviewForm {
    /// `approve`, `adjust` or `reject`.
    pub decision: String,
    /// For `adjust`: the minutes that count instead.
    pub minutes: Option<i64>,
    /// Required for `adjust` and `reject`.
    pub reason: Option<String>,
}

/// A decision that can be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Review {
    Approve,
    /// Counts `minutes` instead of the minutes measured.
    Adjust {
        minutes: Minutes,
        reason: ReviewReason,
    },
    Reject {
        reason: ReviewReason,
    },
}

impl ReviewForm {
    /// The decisions, as the request spells them.
    pub const DECISIONS: [&'static str; 3] = ["approve", "adjust", "reject"];
    /// The most minutes an adjustment may count: a whole shift of the longest kind.
    pub const MAX_MINUTES: i64 = crate::ShiftWindow::MAX_HOURS * 60;

    /// Every refused field at once. Whether adjusted minutes fit the shift is the
    /// server's to check, as only it knows the shift.
    pub fn parse(&self) -> Result<Review, Vec<(String, Problem)>> {
        let reason = || {
            let raw = self.reason.as_deref().unwrap_or_default();
            ReviewReason::parse(raw).map_err(|problem| vec![("reason".to_owned(), problem)])
        };
        match self.decision.as_str() {
            "approve" => Ok(Review::Approve),
            "reject" => Ok(Review::Reject { reason: reason()? }),
            "adjust" => {
                let minutes = match self.minutes {
                    None => Err(("minutes".to_owned(), Problem::Required)),
                    Some(m) if !(0..=Self::MAX_MINUTES).contains(&m) => Err((
                        "minutes".to_owned(),
                        Problem::OutOfRange {
                            min: 0,
                            max: Self::MAX_MINUTES,
                        },
                    )),
                    Some(m) => Ok(Minutes(m as u64)),
                };
                match (minutes, reason()) {
                    (Ok(minutes), Ok(reason)) => Ok(Review::Adjust { minutes, reason }),
                    (minutes, reason) => Err(minutes
                        .err()
                        .into_iter()
                        .chain(reason.err().into_iter().flatten())
                        .collect()),
                }
            }
            _ => Err(vec![(
                "decision".to_owned(),
                Problem::OneOf {
                    allowed: Self::DECISIONS.map(str::to_owned).to_vec(),
                },
            )]),
        }
    }
}

/// Approve many at once: the ids of attendance records.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct BulkApproval {
    pub ids: Vec<i64>,
}

impl BulkApproval {
    /// The most records one request approves (or undoes).
    pub const MAX_IDS: usize = 200;
}

/// Which records of the review queue to list (`GET /api/staff/attendance`), and which
/// page of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReviewQuery {
    /// `pending` (the default), `approved` or `rejected`.
    pub status: Option<ReviewStatus>,
    /// Only this service point's shifts.
    pub point: Option<i64>,
    /// Only the shifts this partner unit organises.
    pub unit: Option<i64>,
    /// Only check-ins made this way.
    pub method: Option<CheckInMethod>,
    /// Only shifts on this day, in China Standard Time (`2026-12-24`).
    pub day: Option<NaiveDate>,
    /// How many records to skip: a multiple of [`STAFF_PAGE`].
    #[cfg_attr(feature = "openapi", param(schema_with = crate::openapi_schemas::page_offset))]
    pub offset: Option<u32>,
}

impl ReviewQuery {
    /// The query string's pairs, for what is set.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let name = |value: serde_json::Value| value.as_str().map(str::to_owned);
        [
            (
                "status",
                self.status.and_then(|s| name(serde_json::json!(s))),
            ),
            ("point", self.point.map(|p| p.to_string())),
            ("unit", self.unit.map(|u| u.to_string())),
            (
                "method",
                self.method.and_then(|m| name(serde_json::json!(m))),
            ),
            ("day", self.day.map(|d| d.to_string())),
            (
                "offset",
                self.offset.filter(|o| *o > 0).map(|o| o.to_string()),
            ),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value?)))
        .collect()
    }
}

/// How many records a page of a staff list holds.
pub const STAFF_PAGE: u32 = 50;

/// One page of the review queue, and how many records the whole filtered queue holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPage {
    pub total: u32,
    /// How many records come before this page.
    pub offset: u32,
    pub items: Vec<ReviewItem>,
}

/// One attendance record in the review queue. The phone is masked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewItem {
    pub id: i64,
    /// `None` once the volunteer was erased: their minutes are still reviewed.
    pub volunteer_name: Option<String>,
    /// `138****1234`; `None` once the volunteer was erased.
    pub phone_masked: Option<String>,
    /// `None` for an individual volunteer.
    pub team_id: Option<TeamId>,
    pub point_id: PointId,
    pub point_name: LocalizedText,
    /// The organising unit, which reviews.
    pub unit_id: i64,
    pub unit_name: LocalizedText,
    pub duty: DutyKind,
    pub shift: ShiftWindow,
    pub checked_in_at: DateTime<Utc>,
    pub checked_out_at: Option<DateTime<Utc>>,
    pub method: CheckInMethod,
    pub minutes: Minutes,
    pub status: ReviewStatus,
    /// The check-out was forgotten and closed at the shift's end: shown first.
    pub auto_closed: bool,
    pub review_reason: Option<ReviewReason>,
}

/// One change staff made, as the audit log keeps it.
/// What a staff member did, as the audit log records it: stored and sent as its code,
/// such as `attendance.approve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditAction {
    #[serde(rename = "account.create")]
    AccountCreate,
    /// An administrator disabled an account; its sessions ended.
    #[serde(rename = "account.disable")]
    AccountDisable,
    #[serde(rename = "account.enable")]
    AccountEnable,
    /// An administrator set a new password for an account; its sessions ended.
    #[serde(rename = "account.reset_password")]
    AccountResetPassword,
    /// Someone changed their own password; their other sessions ended.
    #[serde(rename = "account.change_password")]
    AccountChangePassword,
    /// Someone switched on (or re-enrolled) their second factor; their other sessions ended.
    #[serde(rename = "account.second_factor_on")]
    AccountSecondFactorOn,
    #[serde(rename = "account.second_factor_off")]
    AccountSecondFactorOff,
    /// A device link for one point's display.
    #[serde(rename = "display.link_create")]
    DisplayLinkCreate,
    #[serde(rename = "display.link_revoke")]
    DisplayLinkRevoke,
    /// A reviewer approved served minutes as measured.
    #[serde(rename = "attendance.approve")]
    AttendanceApprove,
    #[serde(rename = "attendance.adjust")]
    AttendanceAdjust,
    #[serde(rename = "attendance.reject")]
    AttendanceReject,
    /// An approval taken back within its few minutes.
    #[serde(rename = "attendance.undo")]
    AttendanceUndo,
    /// Staff checked a volunteer in on their behalf.
    #[serde(rename = "attendance.check_in")]
    AttendanceCheckIn,
    #[serde(rename = "attendance.check_out")]
    AttendanceCheckOut,
    #[serde(rename = "certificate.issue")]
    CertificateIssue,
    /// A CSV export: who took personal data out, and which.
    #[serde(rename = "export")]
    Export,
    #[serde(rename = "point.change")]
    PointChange,
    #[serde(rename = "shift.change")]
    ShiftChange,
    #[serde(rename = "shift.create")]
    ShiftCreate,
    #[serde(rename = "shift.delete")]
    ShiftDelete,
    #[serde(rename = "shift.insure")]
    ShiftInsure,
    #[serde(rename = "team.create")]
    TeamCreate,
    /// A training the volunteer did elsewhere, put on their record from its evidence.
    #[serde(rename = "training.record")]
    TrainingRecord,
    /// A volunteer marked present at a training session, which put it on their record.
    #[serde(rename = "training.attend")]
    TrainingAttend,
    #[serde(rename = "training_session.schedule")]
    TrainingSessionSchedule,
    /// A story written about a volunteer, put to them for consent.
    #[serde(rename = "story.write")]
    StoryWrite,
    #[serde(rename = "story.photo")]
    StoryPhoto,
    #[serde(rename = "unit.create")]
    UnitCreate,
    #[serde(rename = "unit.pair")]
    UnitPair,
    #[serde(rename = "volunteer.replace_personal_link")]
    VolunteerReplacePersonalLink,
    /// A volunteer's personal information erased at their request, made at a point.
    #[serde(rename = "volunteer.erase")]
    VolunteerErase,
}

impl AuditAction {
    pub const ALL: [AuditAction; 32] = [
        AuditAction::AccountCreate,
        AuditAction::AccountDisable,
        AuditAction::AccountEnable,
        AuditAction::AccountResetPassword,
        AuditAction::AccountChangePassword,
        AuditAction::AccountSecondFactorOn,
        AuditAction::AccountSecondFactorOff,
        AuditAction::DisplayLinkCreate,
        AuditAction::DisplayLinkRevoke,
        AuditAction::AttendanceApprove,
        AuditAction::AttendanceAdjust,
        AuditAction::AttendanceReject,
        AuditAction::AttendanceUndo,
        AuditAction::AttendanceCheckIn,
        AuditAction::AttendanceCheckOut,
        AuditAction::CertificateIssue,
        AuditAction::Export,
        AuditAction::PointChange,
        AuditAction::ShiftChange,
        AuditAction::ShiftCreate,
        AuditAction::ShiftDelete,
        AuditAction::ShiftInsure,
        AuditAction::TeamCreate,
        AuditAction::TrainingRecord,
        AuditAction::TrainingAttend,
        AuditAction::TrainingSessionSchedule,
        AuditAction::StoryWrite,
        AuditAction::StoryPhoto,
        AuditAction::UnitCreate,
        AuditAction::UnitPair,
        AuditAction::VolunteerReplacePersonalLink,
        AuditAction::VolunteerErase,
    ];

    /// The code the log stores (and the API sends).
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::AccountCreate => "account.create",
            AuditAction::AccountDisable => "account.disable",
            AuditAction::AccountEnable => "account.enable",
            AuditAction::AccountResetPassword => "account.reset_password",
            AuditAction::AccountChangePassword => "account.change_password",
            AuditAction::AccountSecondFactorOn => "account.second_factor_on",
            AuditAction::AccountSecondFactorOff => "account.second_factor_off",
            AuditAction::DisplayLinkCreate => "display.link_create",
            AuditAction::DisplayLinkRevoke => "display.link_revoke",
            AuditAction::AttendanceApprove => "attendance.approve",
            AuditAction::AttendanceAdjust => "attendance.adjust",
            AuditAction::AttendanceReject => "attendance.reject",
            AuditAction::AttendanceUndo => "attendance.undo",
            AuditAction::AttendanceCheckIn => "attendance.check_in",
            AuditAction::AttendanceCheckOut => "attendance.check_out",
            AuditAction::CertificateIssue => "certificate.issue",
            AuditAction::Export => "export",
            AuditAction::PointChange => "point.change",
            AuditAction::ShiftChange => "shift.change",
            AuditAction::ShiftCreate => "shift.create",
            AuditAction::ShiftDelete => "shift.delete",
            AuditAction::ShiftInsure => "shift.insure",
            AuditAction::TeamCreate => "team.create",
            AuditAction::TrainingRecord => "training.record",
            AuditAction::TrainingAttend => "training.attend",
            AuditAction::TrainingSessionSchedule => "training_session.schedule",
            AuditAction::StoryWrite => "story.write",
            AuditAction::StoryPhoto => "story.photo",
            AuditAction::UnitCreate => "unit.create",
            AuditAction::UnitPair => "unit.pair",
            AuditAction::VolunteerReplacePersonalLink => "volunteer.replace_personal_link",
            AuditAction::VolunteerErase => "volunteer.erase",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Who: the account's login and name.
    pub login: String,
    pub display_name: String,
    pub action: AuditAction,
    /// Which record, e.g. `attendance/42`.
    pub subject: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_form_is_bounded_before_anything_is_hashed_or_stored() {
        let form = |login: &str, password: &str| LoginForm {
            login: login.into(),
            password: password.into(),
            code: String::new(),
        };
        assert_eq!(
            form("  admin ", "pw").parse(),
            Ok(Credentials {
                login: "admin",
                password: "pw",
                code: None
            })
        );
        let with_code = LoginForm {
            code: "123 456".into(),
            ..form("admin", "pw")
        };
        let code = with_code.parse().unwrap().code;
        assert_eq!(
            code,
            Some(crate::SecondFactorCode::OneTime("123456".into()))
        );
        let long = "x".repeat(41);
        let fields = |result: Result<Credentials, Vec<(String, Problem)>>| {
            result
                .unwrap_err()
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(form(&long, "pw").parse()), ["login"]);
        assert_eq!(
            fields(form("admin", &"p".repeat(129)).parse()),
            ["password"]
        );
        assert_eq!(fields(form(" ", "").parse()), ["login", "password"]);
        let bad_code = LoginForm {
            code: "12345".into(),
            ..form("admin", "pw")
        };
        assert_eq!(fields(bad_code.parse()), ["code"]);
        assert!(form(&"字".repeat(40), &"码".repeat(128)).parse().is_ok());
    }

    #[test]
    fn an_audit_action_travels_as_the_code_the_log_stores() {
        for action in AuditAction::ALL {
            let sent = serde_json::to_value(action).unwrap();
            assert_eq!(sent, serde_json::json!(action.code()));
            assert_eq!(AuditAction::from_code(action.code()), Some(action));
        }
        assert_eq!(AuditAction::from_code("attendance.approve_all"), None);
    }

    #[test]
    fn a_review_query_says_only_what_is_set_in_the_api_names() {
        let query = ReviewQuery {
            status: Some(ReviewStatus::Approved),
            method: Some(CheckInMethod::RotatingCode),
            day: NaiveDate::from_ymd_opt(2026, 12, 24),
            offset: Some(0),
            ..ReviewQuery::default()
        };
        let pairs = query.pairs();
        assert_eq!(
            pairs,
            [
                ("status", "approved".to_owned()),
                ("method", "rotating_code".to_owned()),
                ("day", "2026-12-24".to_owned()),
            ]
        );
    }

    fn form(decision: &str, minutes: Option<i64>, reason: Option<&str>) -> ReviewForm {
        ReviewForm {
            decision: decision.into(),
            minutes,
            reason: reason.map(str::to_owned),
        }
    }

    #[test]
    fn approving_needs_nothing_more_and_rejecting_needs_a_reason() {
        assert_eq!(form("approve", None, None).parse(), Ok(Review::Approve));
        assert_eq!(
            form("reject", None, Some("  ")).parse(),
            Err(vec![("reason".to_owned(), Problem::Required)])
        );
        let rejected = form("reject", None, Some(" 未到岗 ")).parse().unwrap();
        assert_eq!(
            rejected,
            Review::Reject {
                reason: ReviewReason::parse("未到岗").unwrap()
            }
        );
    }

    #[test]
    fn adjusting_names_every_missing_or_bad_field() {
        let errors = form("adjust", Some(800), None).parse().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["minutes", "reason"]);
        assert!(matches!(
            form("adjust", Some(90), Some("提前离岗半小时")).parse(),
            Ok(Review::Adjust {
                minutes: Minutes(90),
                ..
            })
        ));
        assert!(form("maybe", None, None).parse().is_err());
    }

    #[test]
    fn coordinators_act_on_their_own_unit_and_leaders_on_their_own_point() {
        let coordinator = StaffRole::Coordinator { unit_id: 7 };
        assert!(coordinator.may_review(7) && !coordinator.may_review(8));
        assert!(coordinator.may_mark_attendance(PointId(1), 7));
        let leader = StaffRole::PointLeader {
            point_id: PointId(3),
        };
        assert!(
            !leader.may_review(7),
            "leaders mark attendance, units verify hours"
        );
        assert!(leader.may_mark_attendance(PointId(3), 99));
        assert!(!leader.may_mark_attendance(PointId(4), 7));
        assert!(StaffRole::Administrator.may_review(8));
    }

    #[test]
    fn reasons_and_logins_count_their_length_as_sent() {
        let padded = format!(" {} ", "x".repeat(ReviewReason::MAX_CHARS - 1));
        assert_eq!(
            ReviewReason::parse(&padded),
            Err(Problem::TooLong { max: 200 })
        );
        assert_eq!(
            ReviewReason::parse(" a "),
            Err(Problem::TooShort { min: 2 })
        );
        let login = LoginForm {
            login: format!(" {} ", "x".repeat(LoginForm::MAX_LOGIN_CHARS - 1)),
            password: "p".into(),
            code: String::new(),
        };
        assert_eq!(
            login.parse().unwrap_err(),
            vec![("login".to_owned(), Problem::TooLong { max: 40 })]
        );
    }

    #[test]
    fn passwords_are_at_least_twelve_characters() {
        assert_eq!(
            NewPassword::parse("short").err(),
            Some(Problem::TooShort { min: 12 })
        );
        assert!(NewPassword::parse("湖里区学雷锋志愿服务站点管理").is_ok());
    }
}
