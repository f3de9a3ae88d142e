//! The JSON contract between the Huli volunteer app and its server.
//!
//! Both sides compile this crate (the browser to wasm, the server natively), so they can
//! never disagree about what a valid coordinate, phone number or shift window is. Types
//! here parse on construction: a value that exists is valid.

pub mod accounts;
pub mod attendance;
pub mod calendar_feed;
pub mod display_links;
pub mod embed;
pub mod geo;
pub mod glossary;
pub mod hours;
pub mod lang;
pub mod manage;
pub mod map;
pub mod navigation;
pub mod numbers;
#[cfg(any(test, feature = "openapi"))]
pub mod openapi_schemas;
pub mod phone;
pub mod points;
pub mod problem;
pub mod records;
pub mod rights;
pub mod second_factor;
pub mod service_record;
pub mod signup;
pub mod staff;
pub mod stats;
pub mod stories;
#[cfg(feature = "traditional")]
pub mod traditional;
pub mod training_sessions;
pub mod trainings;
pub mod volunteer;

pub use accounts::{
    AccountForm, AccountView, NewAccount, PasswordChange, PasswordReset, SessionsEnded,
};
pub use attendance::{
    AttendanceView, CHECK_IN_OPENS_MINUTES_BEFORE, CHECK_OUT_GRACE_MINUTES, CheckIn, CheckInMethod,
    DEFAULT_CHECK_IN_RADIUS_M, check_in_window,
};
pub use calendar_feed::{CalendarFeedStatus, NewCalendarFeed};
pub use display_links::{DisplayLinkForm, DisplayLinkView, NewDisplayLink};
pub use geo::{Coordinate, DistrictBoundary, GcjCoordinate};
pub use hours::{Minutes, ReviewStatus, ShiftWindow};
pub use lang::{Lang, LocalizedText, Reading};
pub use manage::{
    InsuranceForm, InsurancePolicy, InsuranceRecord, LocationForm, NewShift, NewTeam, NewUnit,
    OpeningHoursForm, PairingForm, PointChange, PointForm, ShiftChange, ShiftChangeForm, ShiftForm,
    ShiftPage, ShiftShape, TeamForm, TemplateForm, UnitForm, UnitView, WeeklyShifts,
    WeeklyTemplate,
};
pub use map::{MapConfig, TileLayer};
pub use navigation::{NavigationLinks, navigation_links};
pub use phone::PhoneNumber;
pub use points::{
    DutyKind, OpeningHours, PartnerUnitRef, PointCategory, PointDetail, PointId, PointSummary,
    Service, SubDistrict, UnitKind,
};
pub use problem::{ApiErrorBody, ErrorCode, FieldError, Problem};
pub use records::{
    CertificateNumber, CertificateRequest, DisplayShift, HoursGrouping, NewPersonalLink, Period,
    PointDisplay, RosterEntry, RosterShift, ServiceCertificate, ServiceEntry, VolunteerListing,
    VolunteerNumber, shortened_name,
};
pub use rights::{
    CertificateSummary, ConsentRecord, Erased, ErasureRequest, MyData, Profile, ProfileForm,
    ServiceLine,
};
pub use second_factor::{
    PasswordConfirmation, RecoveryCodes, SecondFactorCode, SecondFactorConfirmation,
    SecondFactorEnrolment, SecondFactorStatus,
};
pub use service_record::{STAR_HOURS, ServiceRecord, StarProgress};
pub use signup::{
    CANCEL_NOTICE_HOURS, IdempotencyKey, PlaceFacts, ShiftFacts, ShiftId, ShiftView, SignerFacts,
    SignupId, SignupRequest, SignupStatus, SignupView, cancel_deadline, decide_place,
    decide_signup,
};
pub use staff::{
    AuditAction, AuditEntry, BulkApproval, Credentials, LoginForm, NewPassword, Review, ReviewForm,
    ReviewItem, ReviewPage, ReviewQuery, ReviewReason, STAFF_PAGE, StaffAccount, StaffRole,
    StaffSession,
};
pub use stats::{Breakdown, Figures, Scope, ScopeQuery, ScopedFigures, Stats};
pub use stories::{NewStory, StoryForm, StoryId, StoryRecord, StoryStatus, StoryView};
pub use training_sessions::{
    NewTrainingSession, TrainingAttendanceForm, TrainingRoster, TrainingRosterLine,
    TrainingSessionForm, TrainingSessionId, TrainingSessionView, TrainingSignupId,
    TrainingSignupRequest, TrainingSignupView,
};
pub use trainings::{TrainingEntry, TrainingEntryForm, TrainingRecord};
pub use volunteer::{
    AccessKey, MyRecord, PRIVACY_NOTICE_VERSION, Registered, Registration, RegistrationForm, Skill,
    TeamId, TeamKind, TeamRef, Training, VolunteerName, is_secret_shaped,
};

/// Huli keeps China Standard Time all year (UTC+8, no daylight saving). Times travel as
/// UTC in the API and are shown in this offset.
pub fn china_standard_time() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The day it is in Huli at `at`.
pub fn huli_date(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    at.with_timezone(&china_standard_time()).date_naive()
}

/// The instants a day in Huli runs between: its midnight, and the next.
pub fn huli_day_bounds(
    day: chrono::NaiveDate,
) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    use chrono::TimeZone;
    // A fixed offset maps every local time to exactly one instant.
    let midnight = (china_standard_time()
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN)))
    .single()
    .expect("UTC+8 has no gaps")
    .to_utc();
    (midnight, midnight + chrono::Duration::days(1))
}
