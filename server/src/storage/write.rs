//! The rows a volunteer's write reads and changes, inside one transaction that
//! [`Store::begin_write`](super::Store::begin_write) opens. Data only: the rules that
//! decide what to write live in [`crate::services`], written once for every backend.

use super::{
    AccountsTx, CalendarFeedsTx, DisplayLinksTx, IdempotentRequest, KeyHash, ManageTx, RecordsTx,
    RightsTx, StorageResult, StoriesTx, TrainingSessionsTx, TrainingsTx, VolunteerId,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use huli_contract::{
    AttendanceView, AuditAction, CheckInMethod, Coordinate, Minutes, PhoneNumber, PointId,
    Registration, ReviewItem, ReviewStatus, ShiftId, ShiftView, ShiftWindow, SignupId,
    SignupStatus, SignupView, StaffAccount, TeamId, Training,
};

/// The answer first given to an idempotent request, as stored with its write.
pub struct StoredAnswer {
    /// SHA-256 of the method, path and body of the request that got it.
    pub fingerprint: Vec<u8>,
    /// The outcome, as JSON.
    pub outcome: String,
}

/// What checking in, checking out and cancelling need to know of a sign-up.
pub struct SignupFacts {
    pub volunteer: VolunteerId,
    pub shift: ShiftId,
    /// The shift's point and organising unit, whose staff may act on it.
    pub point_id: PointId,
    pub unit: i64,
    pub status: SignupStatus,
    pub window: ShiftWindow,
    /// Where the shift's point is.
    pub point: Coordinate,
    /// The secret of the point's rotating check-in code.
    pub code_secret: Vec<u8>,
}

/// An attendance record's id and what it holds.
pub struct AttendanceRecord {
    pub id: i64,
    pub view: AttendanceView,
}

/// A reviewer's decision on an attendance record, as stored.
pub struct ReviewMark<'r> {
    pub status: ReviewStatus,
    pub minutes: Minutes,
    pub reason: Option<&'r str>,
    pub by: i64,
    pub at: DateTime<Utc>,
}

/// Where an attendance record's review stands.
pub struct ReviewState {
    pub status: ReviewStatus,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// One change, as the audit log keeps it.
pub struct AuditChange {
    pub action: AuditAction,
    /// What changed, as `kind/id`.
    pub subject: String,
    /// Set for changes to attendance, so each coordinator reads its own unit's entries.
    pub attendance: Option<i64>,
    /// The unit whose coordinator may read an entry about anything else.
    pub unit: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// One open write transaction. Dropping it without [`WriteTx::commit`] rolls it back.
/// Backends take their write lock when it opens, so what a service reads stays true
/// until it commits.
#[async_trait]
pub trait WriteTx:
    AccountsTx
    + CalendarFeedsTx
    + DisplayLinksTx
    + ManageTx
    + RecordsTx
    + RightsTx
    + StoriesTx
    + TrainingSessionsTx
    + TrainingsTx
    + Send
{
    async fn commit(self: Box<Self>) -> StorageResult<()>;

    /// The answer stored under this request's scope and key, if any.
    async fn stored_answer(
        &mut self,
        request: &IdempotentRequest,
    ) -> StorageResult<Option<StoredAnswer>>;

    async fn store_answer(
        &mut self,
        request: &IdempotentRequest,
        outcome: &str,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;

    async fn team_exists(&mut self, team: TeamId) -> StorageResult<bool>;

    async fn volunteer_with_phone(
        &mut self,
        phone: &PhoneNumber,
    ) -> StorageResult<Option<VolunteerId>>;

    /// Adds the volunteer with their skills, consenting at `now`.
    async fn insert_volunteer(
        &mut self,
        registration: &Registration,
        key_hash: &KeyHash,
        now: DateTime<Utc>,
    ) -> StorageResult<VolunteerId>;

    /// The trainings on the volunteer's record that are valid on `day` (China Standard
    /// Time): those that open gated duty that day.
    async fn trainings_valid_on(
        &mut self,
        volunteer: VolunteerId,
        day: NaiveDate,
    ) -> StorageResult<Vec<Training>>;

    async fn shift(&mut self, id: ShiftId) -> StorageResult<Option<ShiftView>>;

    /// Whether the volunteer is confirmed or waitlisted on another shift whose time
    /// meets `window`.
    async fn holds_overlapping_shift(
        &mut self,
        volunteer: VolunteerId,
        other_than: ShiftId,
        window: ShiftWindow,
    ) -> StorageResult<bool>;

    /// How many sign-ups the volunteer holds or waits for on shifts starting after `now`.
    async fn upcoming_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<u32>;

    /// The volunteer's sign-up for this shift, of any status.
    async fn signup_for_shift(
        &mut self,
        volunteer: VolunteerId,
        shift: ShiftId,
    ) -> StorageResult<Option<(SignupId, SignupStatus)>>;

    async fn signup_facts(&mut self, signup: SignupId) -> StorageResult<Option<SignupFacts>>;

    /// A sign-up as its volunteer sees it, with its place on the waitlist.
    async fn signup_view(&mut self, id: SignupId) -> StorageResult<SignupView>;

    async fn insert_signup(
        &mut self,
        volunteer: VolunteerId,
        shift: ShiftId,
        status: SignupStatus,
        now: DateTime<Utc>,
    ) -> StorageResult<SignupId>;

    async fn delete_signup(&mut self, id: SignupId) -> StorageResult<()>;

    async fn set_signup_status(&mut self, id: SignupId, status: SignupStatus) -> StorageResult<()>;

    /// The shift's longest-waiting waitlisted sign-up.
    async fn first_waitlisted(&mut self, shift: ShiftId) -> StorageResult<Option<SignupId>>;

    async fn attendance(&mut self, signup: SignupId) -> StorageResult<Option<AttendanceRecord>>;

    /// Wrong rotating codes tried on this sign-up after `since`.
    async fn wrong_codes_since(
        &mut self,
        signup: SignupId,
        since: DateTime<Utc>,
    ) -> StorageResult<u32>;

    async fn record_wrong_code(&mut self, signup: SignupId, at: DateTime<Utc>)
    -> StorageResult<()>;

    /// Opens the sign-up's attendance, pending review with no minutes yet; returns the
    /// attendance record's id.
    async fn insert_check_in(
        &mut self,
        signup: SignupId,
        method: CheckInMethod,
        at: DateTime<Utc>,
    ) -> StorageResult<i64>;

    async fn set_check_out(
        &mut self,
        signup: SignupId,
        at: DateTime<Utc>,
        served: Minutes,
    ) -> StorageResult<()>;

    /// An attendance record as reviewers see it.
    async fn review_item(&mut self, attendance: i64) -> StorageResult<Option<ReviewItem>>;

    async fn review_state(&mut self, attendance: i64) -> StorageResult<Option<ReviewState>>;

    async fn set_review(&mut self, attendance: i64, mark: &ReviewMark<'_>) -> StorageResult<()>;

    /// Puts the record back in the queue, pending and unreviewed.
    async fn clear_review(&mut self, attendance: i64) -> StorageResult<()>;

    /// The newest audit entry about an attendance record: its action and its author.
    async fn last_audit_entry(
        &mut self,
        attendance: i64,
    ) -> StorageResult<Option<(AuditAction, i64)>>;

    async fn record_audit(
        &mut self,
        by: &StaffAccount,
        change: AuditChange,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;
}
