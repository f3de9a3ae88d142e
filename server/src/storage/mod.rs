//! Storage behind one trait, so every SQL statement lives in a backend module and the
//! HTTP layer never sees a database type. SQLite is the embedded default; a PostgreSQL
//! backend implements the same trait.

mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, Datelike, TimeZone, Utc};
use huli_contract::{
    Coordinate, DutyKind, LocalizedText, Minutes, OpeningHours, PointCategory, PointDetail,
    PointId, PointSummary, ReviewStatus, Service, ShiftWindow, SubDistrict, UnitKind,
};
use std::sync::Arc;

pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrating the database: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("a stored value does not parse: {0}")]
    Corrupt(String),
    #[error("unsupported DATABASE_URL {0:?}: expected sqlite://PATH")]
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
    /// The periods that end now: since 1 January (China Standard Time) and the last 365 days.
    pub fn ending_now() -> Self {
        Self::ending_at(Utc::now())
    }

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

/// Headline figures as the database knows them; the HTTP layer adds the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    pub verified_this_year: Minutes,
    pub verified_last_12_months: Minutes,
    pub service_points: u32,
    pub partner_units: u32,
    pub teams: u32,
    pub volunteers: u32,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
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

    async fn totals(&self, period: CountingPeriod) -> StorageResult<Totals>;
}

/// Opens the backend that `database_url` names, creating and migrating it as needed.
pub async fn open(database_url: &str) -> StorageResult<Arc<dyn Store>> {
    if database_url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(database_url).await?))
    } else {
        Err(StorageError::UnsupportedUrl(database_url.to_owned()))
    }
}

/// A whole programme to load into an empty database. Ids are 1-based positions in
/// these lists, so rows can refer to each other before anything is stored.
#[derive(Clone, Debug, Default)]
pub struct SeedData {
    pub units: Vec<NewUnit>,
    pub points: Vec<NewPoint>,
    pub teams: Vec<NewTeam>,
    pub volunteers: Vec<NewVolunteer>,
    pub shifts: Vec<NewShift>,
    pub signups: Vec<NewSignup>,
    pub attendance: Vec<NewAttendance>,
}

#[derive(Clone, Debug)]
pub struct NewUnit {
    pub name: LocalizedText,
    pub kind: UnitKind,
}

#[derive(Clone, Debug)]
pub struct NewPoint {
    pub name: LocalizedText,
    pub category: PointCategory,
    pub location: Coordinate,
    pub address: LocalizedText,
    pub sub_district: SubDistrict,
    pub opening_hours: OpeningHours,
    pub services: Vec<Service>,
    /// 1-based ids into `SeedData::units`.
    pub partner_units: Vec<i64>,
}

#[derive(Clone, Debug)]
pub struct NewTeam {
    pub name: LocalizedText,
    pub kind: &'static str,
    pub unit_id: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct NewVolunteer {
    pub name: String,
    pub phone: huli_contract::PhoneNumber,
    pub team_id: i64,
    pub registered_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewShift {
    pub point_id: i64,
    pub organiser_unit_id: i64,
    pub duty: DutyKind,
    pub window: ShiftWindow,
    pub capacity: u32,
    pub insured: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct NewSignup {
    pub shift_id: i64,
    pub volunteer_id: i64,
    pub created_at: DateTime<Utc>,
}

/// Seeded history is checked out; recent records may still wait for review.
#[derive(Clone, Copy, Debug)]
pub struct NewAttendance {
    pub signup_id: i64,
    pub checked_in_at: DateTime<Utc>,
    pub checked_out_at: DateTime<Utc>,
    pub minutes: Minutes,
    pub status: ReviewStatus,
}
