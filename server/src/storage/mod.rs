//! Storage behind one trait, so every SQL statement lives in the backend module and the
//! HTTP layer never sees a database type. SQLite is the embedded default; PostgreSQL
//! serves several servers at once. One backend (`sql`) runs on both.
//!
//! Writes run in a [`WriteTx`] that [`Store::begin_write`] opens: data only, while the
//! rules that decide them are in `crate::services`. The reads here, and the records,
//! certificates and staff sessions, still run whole inside the backend.

mod accounts;
mod calendar_feeds;
mod display_links;
mod manage;
mod records;
mod rights;
mod seed_data;
mod sql;
mod stories;
mod training_sessions;
mod trainings;
mod write;

use async_trait::async_trait;
use chrono::{DateTime, Datelike, TimeZone, Utc};
use huli_contract::{
    AuditEntry, CheckInMethod, ErrorCode, IdempotencyKey, Minutes, MyData, MyRecord, PointDetail,
    PointId, PointSummary, Problem, ReviewPage, ReviewStatus, ShiftId, ShiftView, StaffAccount,
    StaffRole, TeamId, TeamRef,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub use accounts::{AccountsTx, SecondFactorSecrets};
pub use calendar_feeds::{CalendarFeeds, CalendarFeedsTx, FeedInForce};
pub use display_links::{DisplayLinks, DisplayLinksTx, LinkInForce};
pub use manage::{InsurancePolicyDates, Manage, ManageTx, Named, ShiftFilter};
pub use records::{DisplayData, HoursLine, HoursSubject, Records, RecordsTx, VolunteerExport};
pub use rights::{HeldSignup, RightsTx};
pub use seed_data::{
    NewAttendance, NewPoint, NewShift, NewSignup, NewTeam, NewTraining, NewUnit, NewVolunteer,
    SeedData,
};
pub use sql::SqlStore;
pub use stories::{EncodedPhoto, Stories, StoriesTx, StoryFacts};
pub use training_sessions::{TrainingSessions, TrainingSessionsTx, TrainingSignupFacts};
pub use trainings::{TrainingOnRecord, TrainingsTx};
pub use write::{
    AttendanceRecord, AuditChange, ReviewMark, ReviewState, SignupFacts, StoredAnswer, WriteTx,
};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrating the database: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("a stored value does not parse: {0}")]
    Corrupt(String),
    #[error("unsupported DATABASE_URL {0:?}: expected sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
}

pub type StorageResult<T> = Result<T, StorageError>;

/// The year-to-date and rolling-year windows that counters are summed over.
#[derive(Clone, Copy, Debug)]
pub struct CountingPeriod {
    pub now: DateTime<Utc>,
    pub year_start: DateTime<Utc>,
    pub twelve_months_ago: DateTime<Utc>,
}

impl CountingPeriod {
    /// The periods that end at `now`: since 1 January (China Standard Time) and the last
    /// 365 days.
    pub fn ending_at(now: DateTime<Utc>) -> Self {
        let local_year = now
            .with_timezone(&huli_contract::china_standard_time())
            .year();
        let year_start = huli_contract::china_standard_time()
            .with_ymd_and_hms(local_year, 1, 1, 0, 0, 0)
            .single()
            .expect("1 January exists in UTC+8")
            .with_timezone(&Utc);
        CountingPeriod {
            now,
            year_start,
            twelve_months_ago: now - chrono::Duration::days(365),
        }
    }
}

/// Attendance summed by point, team and organising unit: what every counter is made of.
/// [`crate::figures`] adds the groups up for each scope.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Pending minutes and who is on duty: the part that changes with every check-in and
    /// check-out, and is quick to read. Approved minutes are read apart, see
    /// [`Store::approved_tally`].
    pub groups: Vec<TallyGroup>,
    /// Every point, team and unit, so one without attendance still has (zero) figures.
    pub points: Vec<PointId>,
    pub teams: Vec<TeamId>,
    pub units: Vec<i64>,
    pub volunteers: u32,
}

/// Attendance of one point, team and unit (and, for minutes of this year, one month).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TallyGroup {
    pub point: PointId,
    /// `None` for individual volunteers.
    pub team: Option<TeamId>,
    pub unit: i64,
    pub served: Served,
}

impl TallyGroup {
    pub fn new(point: i64, team: Option<i64>, unit: i64, served: Served) -> Self {
        TallyGroup {
            point: PointId(point),
            team: team.map(TeamId),
            unit,
            served,
        }
    }
}

/// What a [`TallyGroup`] served.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Served {
    /// 1 to 12 for minutes served this year; `None` for earlier ones and for on-duty groups.
    pub month: Option<u32>,
    pub approved_this_year: Minutes,
    pub approved_last_12_months: Minutes,
    /// Served this year and still waiting for the organiser's review.
    pub pending_this_year: Minutes,
    /// Checked in and not yet out.
    pub on_duty: u32,
    /// Seconds those on duty have served inside their shifts so far.
    pub on_duty_seconds: u64,
    /// Those on duty whose shift has started.
    pub on_duty_serving: u32,
}

#[async_trait]
pub trait Store:
    Records + Manage + CalendarFeeds + DisplayLinks + Stories + TrainingSessions + Send + Sync + 'static
{
    /// Fails when the database cannot answer a trivial query.
    async fn ping(&self) -> StorageResult<()>;

    /// Writes the programme `make` builds, in one transaction, if the database holds none
    /// yet; returns whether it did. `make` runs only then, so a normal start pays nothing.
    /// Safe to call on every start and from several servers at once.
    async fn seed_if_empty(&self, make: &(dyn Fn() -> SeedData + Sync)) -> StorageResult<bool>;

    /// All points; `open_places_this_week` counts from `now`.
    async fn list_points(&self, now: DateTime<Utc>) -> StorageResult<Vec<PointSummary>>;

    async fn point_detail(
        &self,
        id: PointId,
        period: CountingPeriod,
    ) -> StorageResult<Option<PointDetail>>;

    /// Approved minutes of this year (by month) and of the last twelve months, as of
    /// `period.now`. A year of attendance to read: the hub reads it only after reviews
    /// and once a minute.
    async fn approved_tally(&self, period: CountingPeriod) -> StorageResult<Vec<TallyGroup>>;

    /// Pending minutes, who is on duty, and every scope, as of `period.now`.
    async fn current_tally(&self, period: CountingPeriod) -> StorageResult<Tally>;

    /// Every team, for the registration form.
    async fn teams(&self) -> StorageResult<Vec<TeamRef>>;

    async fn shift(&self, id: ShiftId) -> StorageResult<Option<ShiftView>>;

    /// The shifts starting in `(from, until]` that take sign-ups at `now` (a free place,
    /// or the waitlist), at one point or at all, soonest first.
    async fn open_shifts(
        &self,
        point: Option<PointId>,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<ShiftView>>;

    /// Whose personal link has this key hash.
    async fn volunteer_by_key(&self, key_hash: &KeyHash) -> StorageResult<Option<VolunteerId>>;

    /// The volunteer's own record with their sign-ups from a day before `now` onwards.
    async fn my_record(&self, id: VolunteerId, now: DateTime<Utc>) -> StorageResult<MyRecord>;

    /// Everything held about the volunteer, for them to see and download; `None` once
    /// they were erased.
    async fn my_data(&self, id: VolunteerId) -> StorageResult<Option<MyData>>;

    /// Opens a write transaction for the rules in [`crate::services`], holding the
    /// write lock until it commits or is dropped.
    async fn begin_write(&self) -> StorageResult<Box<dyn WriteTx>>;

    /// Closes attendance whose shift ended more than the grace period before `now` at
    /// the shift's end, flagged for review; returns how many it closed.
    async fn close_forgotten_check_outs(&self, now: DateTime<Utc>) -> StorageResult<u64>;

    /// Forgets the first answers to idempotent requests once they are older than a day.
    async fn forget_expired_answers(&self, now: DateTime<Utc>) -> StorageResult<u64>;

    /// Creates a staff account; `None` when the login is taken.
    async fn create_staff_account(
        &self,
        account: &NewStaffAccount,
        now: DateTime<Utc>,
    ) -> StorageResult<Option<i64>>;

    /// The enabled staff account with this login, its password hash and second factor.
    async fn staff_credentials(&self, login: &str) -> StorageResult<Option<StoredCredentials>>;

    /// Whether any enabled administrator exists: `create-staff` makes only the first.
    async fn administrator_exists(&self) -> StorageResult<bool>;

    /// Failed sign-ins for `login` from `client` after `since`.
    async fn sign_in_failures(
        &self,
        login: &str,
        client: &str,
        since: DateTime<Utc>,
    ) -> StorageResult<SignInFailures>;

    async fn record_failed_sign_in(
        &self,
        login: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;

    /// Deletes failed sign-ins and wrong check-in codes from before `before`; returns
    /// how many rows went.
    async fn forget_failures(&self, before: DateTime<Utc>) -> StorageResult<u64>;

    /// Opens a session whose cookie token hashes to `token_hash`.
    async fn open_staff_session(
        &self,
        token_hash: &[u8; 32],
        account: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;

    /// The session whose cookie token hashes to `token_hash`, expired or not. Only
    /// reads: a made-up cookie costs no write.
    async fn staff_session(&self, token_hash: &[u8; 32]) -> StorageResult<Option<StoredSession>>;

    /// Records that the session was used at `now`.
    async fn staff_session_seen(
        &self,
        token_hash: &[u8; 32],
        now: DateTime<Utc>,
    ) -> StorageResult<()>;

    async fn close_staff_session(&self, token_hash: &[u8; 32]) -> StorageResult<()>;

    /// Every staff account, by login, as administrators manage them.
    async fn staff_accounts(&self) -> StorageResult<Vec<huli_contract::AccountView>>;

    async fn staff_account(&self, id: i64) -> StorageResult<Option<huli_contract::AccountView>>;

    /// One page of the attendance records on shifts in `scope` under `filter`, with
    /// how many there are in all.
    async fn review_queue(
        &self,
        scope: ShiftScope,
        filter: QueueFilter,
    ) -> StorageResult<ReviewPage>;

    /// The newest `limit` entries of the audit log about shifts in `scope`, and (for a
    /// unit's scope) about that unit.
    async fn audit_log(&self, scope: ShiftScope, limit: u32) -> StorageResult<Vec<AuditEntry>>;

    /// Tells the other servers on this database that a write committed here. Nothing
    /// to do where only one server can be told (SQLite: the others catch up within a
    /// minute).
    async fn announce(&self, change: Change) -> StorageResult<()>;

    /// Calls `heard` with each change another server announces, and with
    /// [`Heard::Missed`] after a lost connection came back, for as long as the runtime
    /// runs. Returns at once.
    fn listen_to_other_servers(&self, heard: Arc<dyn Fn(Heard) + Send + Sync>);
}

/// What a committed write may have changed, for those who keep answers in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Shifts, sign-ups, points, teams: what the public reads show, not the counters.
    Programme,
    /// Check-ins, check-outs, registrations: pending minutes, who is on duty, sizes.
    Attendance,
    /// Approved minutes too: a review, or time passing (the rolling year moves on).
    Approved,
}

/// What [`Store::listen_to_other_servers`] hears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heard {
    Change(Change),
    /// The connection was lost: whatever was announced meanwhile is unknown.
    Missed,
}

/// A volunteer's row id. Never leaves the server: volunteers are known to the API by
/// their personal link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VolunteerId(pub i64);

impl VolunteerId {
    /// Each volunteer's idempotency keys are their own.
    pub fn idempotency_scope(self) -> String {
        format!("volunteer:{}", self.0)
    }
}

/// The SHA-256 of a personal link's key: all the database ever holds of it.
pub type KeyHash = [u8; 32];

/// A state-changing request under an `Idempotency-Key`.
#[derive(Clone, Debug)]
pub struct IdempotentRequest {
    /// Whose keys these are: "register", or one volunteer.
    pub scope: String,
    pub key: IdempotencyKey,
    /// SHA-256 of the method, path and body.
    pub fingerprint: [u8; 32],
}

/// Why a write did not happen. Stored with the idempotency key, so a retry hears the
/// same refusal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Refusal {
    /// A rule of the programme said no.
    Rule(ErrorCode),
    /// A field names something that does not exist, or conflicts with what does.
    Field(String, Problem),
    NotFound,
}

pub type Outcome<T> = Result<T, Refusal>;

/// A staff account to create; the password is already hashed.
pub struct NewStaffAccount {
    pub login: String,
    pub display_name: String,
    pub role: StaffRole,
    pub password_hash: String,
}

/// What signing in checks an account against.
#[derive(Clone, Debug)]
pub struct StoredCredentials {
    pub account: StaffAccount,
    /// argon2id, as a PHC string.
    pub password_hash: String,
    /// The second factor's secret, when it is switched on.
    pub totp_secret: Option<Vec<u8>>,
}

/// A staff session as stored; `crate::staff_auth` decides whether it is still alive.
#[derive(Clone, Debug)]
pub struct StoredSession {
    pub account: StaffAccount,
    pub second_factor_on: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// How many sign-ins failed for one login from one client, and when the last did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SignInFailures {
    pub count: u32,
    pub last: Option<DateTime<Utc>>,
}

/// Which shifts a staff read keeps to: those one unit organised, those at one point,
/// or, with both `None`, all. `crate::services::scope` says whose role sees which.
#[derive(Clone, Copy, Debug, Default)]
pub struct ShiftScope {
    pub unit: Option<i64>,
    pub point: Option<PointId>,
}

/// Which attendance records the review queue lists, and which page of them.
#[derive(Clone, Copy, Debug)]
pub struct QueueFilter {
    pub status: ReviewStatus,
    pub point: Option<PointId>,
    /// The organising unit.
    pub unit: Option<i64>,
    pub method: Option<CheckInMethod>,
    /// Shifts that start in `[from, until)`.
    pub starts: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub offset: u32,
    pub limit: u32,
}

/// Copies the SQLite database `database_url` names into the new file `to`, consistent
/// even while servers write to it (`VACUUM INTO`). PostgreSQL has `pg_dump`.
pub async fn backup(database_url: &str, to: &std::path::Path) -> StorageResult<()> {
    if !database_url.starts_with("sqlite:") {
        return Err(StorageError::UnsupportedUrl(format!(
            "{database_url}: back up PostgreSQL with pg_dump"
        )));
    }
    sql::backup_sqlite(database_url, to).await
}

/// Opens the backend that `database_url` names, creating and migrating it as needed.
pub async fn open(database_url: &str) -> StorageResult<Arc<dyn Store>> {
    let known = ["sqlite:", "postgres:", "postgresql:"];
    if known.iter().any(|scheme| database_url.starts_with(scheme)) {
        Ok(Arc::new(SqlStore::open(database_url).await?))
    } else {
        Err(StorageError::UnsupportedUrl(database_url.to_owned()))
    }
}
