//! The SQL backend, for both databases the server runs on: SQLite, embedded, one file
//! in WAL mode with a single writer connection (SQLite serialises writers anyway; one
//! connection makes that explicit and avoids busy errors) and a few read-only ones; and
//! PostgreSQL, shared by several servers. Each statement is written once, in SQL both
//! understand, and runs through sqlx's `Any` driver; `dialect` holds the few that differ,
//! and each database has migrations of its own.

mod announce;
mod attendance;
mod audit;
mod calendar_feeds;
mod certificates;
mod dialect;
mod display_links;
mod figures;
mod manage;
mod point_day;
mod records;
mod review;
mod rights;
mod rows;
mod seed;
mod signups;
mod staff;
mod stories;
mod training_sessions;
mod trainings;
mod volunteers;
mod write;

use super::{
    Change, CountingPeriod, Heard, KeyHash, NewStaffAccount, QueueFilter, SeedData, ShiftScope,
    SignInFailures, StorageError, StorageResult, Store, StoredCredentials, StoredSession, Tally,
    TallyGroup, VolunteerId, WriteTx,
};
use async_trait::async_trait;
use chrono::{DateTime, Duration as Days, Utc};
use dialect::Dialect;
use huli_contract::{
    AuditEntry, LocalizedText, MyRecord, PartnerUnitRef, PointDetail, PointId, PointSummary,
    ReviewPage, ShiftId, ShiftView, TeamRef,
};
use rand::TryRngCore;
use rows::{PartnerRow, PointRow, SHIFT_VIEW_COLUMNS, ShiftViewRow, from_text, minutes};
use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrate;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{Any, Connection, Executor, PgConnection, SqliteConnection, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

/// How many shifts open for sign-up a point page lists, and how far ahead it looks.
const UPCOMING_SHIFTS: usize = 12;
const SHIFT_HORIZON_DAYS: i64 = 60;

pub struct SqlStore {
    /// SQLite's one writer connection; for PostgreSQL, the same pool as `readers`.
    writer: AnyPool,
    readers: AnyPool,
    dialect: Dialect,
    /// For PostgreSQL: where to listen for other servers' changes.
    listen_url: Option<String>,
    /// Tells this server's announcements from the others'.
    server_id: u64,
}

/// The key of the PostgreSQL advisory lock that write transactions take, so that the
/// rules in `crate::services` see a state no other writer changes under them, as with
/// SQLite's single writer; whatever servers share the database.
const WRITE_LOCK: i64 = 0x6875_6c69_7772_6974; // "huliwrit"

/// Migrations run on a connection of their own with foreign keys off, as SQLite's
/// documentation prescribes for rebuilding a table (0007 rebuilds `volunteers`): with
/// them on, dropping the old table would cascade into its children's rows. After a start
/// that applied any, every key is checked, so no migration can leave one broken; a start
/// with nothing to apply skips that scan of the whole database.
async fn migrate_sqlite(options: &SqliteConnectOptions) -> StorageResult<()> {
    let mut connection =
        SqliteConnection::connect_with(&options.clone().foreign_keys(false)).await?;
    let migrator = sqlx::migrate!("./migrations/sqlite");
    connection.ensure_migrations_table().await?;
    let applied = connection.list_applied_migrations().await?;
    let pending = (migrator.iter()).any(|m| !applied.iter().any(|a| a.version == m.version));
    migrator.run(&mut connection).await?;
    let broken: Vec<(String,)> = if pending {
        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
            .fetch_all(&mut connection)
            .await?
    } else {
        Vec::new()
    };
    connection.close().await?;
    match broken.first() {
        Some((table,)) => Err(StorageError::Corrupt(format!(
            "after the migrations, {table} refers to rows that do not exist"
        ))),
        None => Ok(()),
    }
}

fn random_id() -> u64 {
    let mut bytes = [0; 8];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system provides randomness");
    u64::from_le_bytes(bytes)
}

/// Settings of every SQLite connection. FULL syncs the write-ahead log at every commit:
/// an answered sign-up or a printed certificate number survives a power cut, and a
/// certificate number can never be issued twice. (NORMAL could lose the last commits.)
const SQLITE_SETTINGS: &str =
    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";

/// Copies a SQLite database into the new file `to` (`VACUUM INTO`: a consistent copy,
/// taken inside one read transaction, while servers go on writing).
pub(super) async fn backup_sqlite(database_url: &str, to: &std::path::Path) -> StorageResult<()> {
    use sqlx::ConnectOptions;
    let options = SqliteConnectOptions::from_str(database_url)?.read_only(true);
    if !options.get_filename().exists() {
        return Err(StorageError::UnsupportedUrl(format!(
            "{database_url}: no such database"
        )));
    }
    let mut connection = options.connect().await?;
    let to = to.to_str().ok_or_else(|| {
        StorageError::UnsupportedUrl(format!("{}: not a UTF-8 path", to.display()))
    })?;
    sqlx::query("VACUUM INTO ?")
        .bind(to)
        .execute(&mut connection)
        .await?;
    Ok(())
}

impl SqlStore {
    /// Opens the database `database_url` names (`sqlite://PATH` or `postgres://…`),
    /// creating and migrating it as needed.
    pub async fn open(database_url: &str) -> StorageResult<Self> {
        sqlx::any::install_default_drivers();
        if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
            Self::open_postgres(database_url).await
        } else {
            Self::open_sqlite(database_url).await
        }
    }

    async fn open_sqlite(database_url: &str) -> StorageResult<Self> {
        let options = SqliteConnectOptions::from_str(database_url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal);
        if let Some(parent) = options.get_filename().parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)
                .map_err(|e| StorageError::Database(sqlx::Error::Io(e)))?;
        }
        migrate_sqlite(&options).await?;
        let writer = AnyPoolOptions::new()
            .max_connections(1)
            .after_connect(|connection, _| {
                Box::pin(async move { connection.execute(SQLITE_SETTINGS).await.map(|_| ()) })
            })
            .connect(database_url)
            .await?;
        let readers = AnyPoolOptions::new()
            .max_connections(4)
            .after_connect(|connection, _| {
                Box::pin(async move {
                    connection.execute(SQLITE_SETTINGS).await?;
                    connection
                        .execute("PRAGMA query_only = ON")
                        .await
                        .map(|_| ())
                })
            })
            .connect(database_url)
            .await?;
        Ok(SqlStore {
            writer,
            readers,
            dialect: Dialect::Sqlite,
            listen_url: None,
            server_id: random_id(),
        })
    }

    async fn open_postgres(database_url: &str) -> StorageResult<Self> {
        let options = PgConnectOptions::from_str(database_url)?;
        let mut connection = PgConnection::connect_with(&options).await?;
        // The migrator holds an advisory lock of its own while it runs, so servers that
        // start together migrate once.
        sqlx::migrate!("./migrations/postgres")
            .run(&mut connection)
            .await?;
        connection.close().await?;
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .connect(database_url)
            .await?;
        Ok(SqlStore {
            writer: pool.clone(),
            readers: pool,
            dialect: Dialect::Postgres,
            listen_url: Some(database_url.to_owned()),
            server_id: random_id(),
        })
    }

    /// Read-then-write transactions take the write lock up front, so two servers on one
    /// database cannot both read "empty" and then both write.
    async fn begin_immediate(&self) -> StorageResult<Transaction<'static, Any>> {
        match self.dialect {
            Dialect::Sqlite => Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?),
            Dialect::Postgres => {
                let mut tx = self.writer.begin().await?;
                // Selected through a subquery: the lock function returns `void`, a type
                // the `Any` driver cannot carry.
                sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS locked")
                    .bind(WRITE_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }

    /// Shifts starting in `(from, until]`, of one point or of all, soonest first.
    async fn shifts_between(
        &self,
        only: Option<i64>,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StorageResult<Vec<ShiftView>> {
        let rows: Vec<ShiftViewRow> = sqlx::query_as(&format!(
            "SELECT {SHIFT_VIEW_COLUMNS} \
             WHERE ($1 IS NULL OR sh.point_id = $1) AND sh.starts_at > $2 AND sh.starts_at <= $3 \
             ORDER BY sh.starts_at, sh.id"
        ))
        .bind(only)
        .bind(from.timestamp())
        .bind(until.timestamp())
        .fetch_all(&self.readers)
        .await?;
        rows.into_iter().map(ShiftViewRow::into_view).collect()
    }

    /// Points (all, or `only` one) with their free places on `upcoming` shifts that
    /// start by `week_end`; callers pass the shifts they fetched for their own needs.
    async fn load_points(
        &self,
        only: Option<PointId>,
        upcoming: &[ShiftView],
        week_end: DateTime<Utc>,
    ) -> StorageResult<Vec<PointSummary>> {
        let only = only.map(|id| id.0);
        let rows: Vec<PointRow> = sqlx::query_as(
            "SELECT id, name_zh, name_en, category, lat, lon, location_approximate, \
                    address_zh, address_en, sub_district, opening_hours \
             FROM service_points WHERE $1 IS NULL OR id = $1 ORDER BY id",
        )
        .bind(only)
        .fetch_all(&self.readers)
        .await?;
        let services: Vec<(i64, String)> = sqlx::query_as(
            "SELECT point_id, service FROM point_services \
             WHERE $1 IS NULL OR point_id = $1 ORDER BY point_id, service",
        )
        .bind(only)
        .fetch_all(&self.readers)
        .await?;
        let partners: Vec<PartnerRow> = sqlx::query_as(
            "SELECT pp.point_id, u.id, u.name_zh, u.name_en, u.kind \
             FROM point_partners pp JOIN partner_units u ON u.id = pp.unit_id \
             WHERE $1 IS NULL OR pp.point_id = $1 ORDER BY pp.point_id, u.id",
        )
        .bind(only)
        .fetch_all(&self.readers)
        .await?;

        let mut services_by_point: HashMap<i64, Vec<_>> = HashMap::new();
        for (point_id, service) in services {
            services_by_point
                .entry(point_id)
                .or_default()
                .push(from_text("point_services.service", &service)?);
        }
        let mut partners_by_point: HashMap<i64, Vec<_>> = HashMap::new();
        for row in partners {
            partners_by_point
                .entry(row.point_id)
                .or_default()
                .push(PartnerUnitRef {
                    id: row.id,
                    name: LocalizedText {
                        zh: row.name_zh,
                        en: row.name_en,
                    },
                    kind: from_text("partner_units.kind", &row.kind)?,
                });
        }
        let mut open_places: HashMap<i64, u32> = HashMap::new();
        for shift in upcoming.iter().filter(|s| s.window.starts_at() <= week_end) {
            if shift.duty.open_for_signup(shift.insured) {
                *open_places.entry(shift.point_id.0).or_default() += shift.places_left();
            }
        }
        rows.into_iter()
            .map(|row| {
                let id = row.id;
                row.into_summary(
                    services_by_point.remove(&id).unwrap_or_default(),
                    partners_by_point.remove(&id).unwrap_or_default(),
                    open_places.get(&id).copied().unwrap_or(0),
                )
            })
            .collect()
    }
}

#[async_trait]
impl Store for SqlStore {
    async fn ping(&self) -> StorageResult<()> {
        sqlx::query("SELECT 1").execute(&self.readers).await?;
        Ok(())
    }

    async fn seed_if_empty(&self, make: &(dyn Fn() -> SeedData + Sync)) -> StorageResult<bool> {
        let mut tx = self.begin_immediate().await?;
        let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM service_points")
            .fetch_one(&mut *tx)
            .await?;
        if existing > 0 {
            return Ok(false);
        }
        seed::insert_seed(&mut tx, &make()).await?;
        tx.commit().await?;
        // The query planners judge by statistics, which a bulk load leaves empty: without
        // them PostgreSQL plans the staff export's lookups per volunteer as scans.
        sqlx::query("ANALYZE").execute(&self.writer).await?;
        Ok(true)
    }

    async fn list_points(&self, now: DateTime<Utc>) -> StorageResult<Vec<PointSummary>> {
        let week_end = now + Days::days(7);
        let upcoming = self.shifts_between(None, now, week_end).await?;
        self.load_points(None, &upcoming, week_end).await
    }

    async fn point_detail(
        &self,
        id: PointId,
        period: CountingPeriod,
    ) -> StorageResult<Option<PointDetail>> {
        // One query for the shifts serves both the week's free places and the list below.
        let horizon = period.now + Days::days(SHIFT_HORIZON_DAYS);
        let upcoming = self.shifts_between(Some(id.0), period.now, horizon).await?;
        let week_end = period.now + Days::days(7);
        let Some(point) = self.load_points(Some(id), &upcoming, week_end).await?.pop() else {
            return Ok(None);
        };
        let (verified,): (i64,) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(a.minutes), 0) AS BIGINT) FROM attendance a \
             JOIN signups s ON s.id = a.signup_id JOIN shifts sh ON sh.id = s.shift_id \
             WHERE sh.point_id = $1 AND a.status = 'approved' AND a.checked_in_at >= $2",
        )
        .bind(id.0)
        .bind(period.year_start.timestamp())
        .fetch_one(&self.readers)
        .await?;
        let (on_duty,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM attendance a \
             JOIN signups s ON s.id = a.signup_id JOIN shifts sh ON sh.id = s.shift_id \
             WHERE sh.point_id = $1 AND a.checked_out_at IS NULL AND a.checked_in_at <= $2",
        )
        .bind(id.0)
        .bind(period.now.timestamp())
        .fetch_one(&self.readers)
        .await?;
        let upcoming_shifts = upcoming
            .into_iter()
            .filter(|shift| shift.availability(period.now).is_ok())
            .take(UPCOMING_SHIFTS)
            .collect();
        Ok(Some(PointDetail {
            point,
            verified_minutes_this_year: minutes(verified),
            on_duty_now: u32::try_from(on_duty).unwrap_or(u32::MAX),
            upcoming_shifts,
        }))
    }

    async fn approved_tally(&self, period: CountingPeriod) -> StorageResult<Vec<TallyGroup>> {
        figures::approved(&mut *self.readers.acquire().await?, period).await
    }

    async fn current_tally(&self, period: CountingPeriod) -> StorageResult<Tally> {
        figures::current(&mut *self.readers.acquire().await?, period).await
    }

    async fn teams(&self) -> StorageResult<Vec<TeamRef>> {
        volunteers::teams(&mut *self.readers.acquire().await?).await
    }

    async fn shift(&self, id: ShiftId) -> StorageResult<Option<ShiftView>> {
        signups::shift_view(&mut *self.readers.acquire().await?, id).await
    }

    async fn open_shifts(
        &self,
        point: Option<PointId>,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<ShiftView>> {
        let shifts = self.shifts_between(point.map(|p| p.0), from, until).await?;
        Ok(shifts
            .into_iter()
            .filter(|shift| shift.availability(now).is_ok())
            .collect())
    }

    async fn volunteer_by_key(&self, key_hash: &KeyHash) -> StorageResult<Option<VolunteerId>> {
        volunteers::by_key(&mut *self.readers.acquire().await?, key_hash).await
    }

    async fn my_record(&self, id: VolunteerId, now: DateTime<Utc>) -> StorageResult<MyRecord> {
        volunteers::my_record(&mut *self.readers.acquire().await?, id, now).await
    }

    async fn my_data(&self, id: VolunteerId) -> StorageResult<Option<huli_contract::MyData>> {
        rights::my_data(&mut *self.readers.acquire().await?, id).await
    }

    async fn begin_write(&self) -> StorageResult<Box<dyn WriteTx>> {
        Ok(Box::new(write::SqlWrite(self.begin_immediate().await?)))
    }

    async fn forget_expired_answers(&self, now: DateTime<Utc>) -> StorageResult<u64> {
        let mut conn = self.writer.acquire().await?;
        signups::forget_expired_answers(&mut conn, now).await
    }

    async fn close_forgotten_check_outs(&self, now: DateTime<Utc>) -> StorageResult<u64> {
        let mut tx = self.begin_immediate().await?;
        let closed = attendance::close_forgotten(&mut tx, now).await?;
        tx.commit().await?;
        Ok(closed)
    }
    async fn create_staff_account(
        &self,
        account: &NewStaffAccount,
        now: DateTime<Utc>,
    ) -> StorageResult<Option<i64>> {
        staff::create_account(&mut *self.writer.acquire().await?, account, now).await
    }

    async fn staff_credentials(&self, login: &str) -> StorageResult<Option<StoredCredentials>> {
        staff::credentials(&mut *self.readers.acquire().await?, login).await
    }

    async fn administrator_exists(&self) -> StorageResult<bool> {
        staff::administrator_exists(&mut *self.readers.acquire().await?).await
    }

    async fn sign_in_failures(
        &self,
        login: &str,
        client: &str,
        since: DateTime<Utc>,
    ) -> StorageResult<SignInFailures> {
        let mut conn = self.readers.acquire().await?;
        staff::sign_in_failures(&mut conn, login, client, since).await
    }

    async fn record_failed_sign_in(
        &self,
        login: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        let mut conn = self.writer.acquire().await?;
        staff::record_failed_sign_in(&mut conn, login, client, now).await
    }

    async fn forget_failures(&self, before: DateTime<Utc>) -> StorageResult<u64> {
        staff::forget_failures(&mut *self.writer.acquire().await?, before).await
    }

    async fn open_staff_session(
        &self,
        token_hash: &[u8; 32],
        account: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        staff::open_session(&mut *self.writer.acquire().await?, token_hash, account, now).await
    }

    async fn staff_session(&self, token_hash: &[u8; 32]) -> StorageResult<Option<StoredSession>> {
        staff::session(&mut *self.readers.acquire().await?, token_hash).await
    }

    async fn staff_session_seen(
        &self,
        token_hash: &[u8; 32],
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        staff::session_seen(&mut *self.writer.acquire().await?, token_hash, now).await
    }

    async fn close_staff_session(&self, token_hash: &[u8; 32]) -> StorageResult<()> {
        staff::close_session(&mut *self.writer.acquire().await?, token_hash).await
    }

    async fn staff_accounts(&self) -> StorageResult<Vec<huli_contract::AccountView>> {
        staff::accounts(&mut *self.readers.acquire().await?, None).await
    }

    async fn staff_account(&self, id: i64) -> StorageResult<Option<huli_contract::AccountView>> {
        Ok(
            staff::accounts(&mut *self.readers.acquire().await?, Some(id))
                .await?
                .pop(),
        )
    }

    async fn review_queue(
        &self,
        scope: ShiftScope,
        filter: QueueFilter,
    ) -> StorageResult<ReviewPage> {
        review::queue(&mut *self.readers.acquire().await?, scope, &filter).await
    }

    async fn audit_log(&self, scope: ShiftScope, limit: u32) -> StorageResult<Vec<AuditEntry>> {
        audit::read(&mut *self.readers.acquire().await?, scope, limit).await
    }

    async fn announce(&self, change: Change) -> StorageResult<()> {
        match self.dialect {
            Dialect::Postgres => announce::send(&self.writer, self.server_id, change).await,
            Dialect::Sqlite => Ok(()),
        }
    }

    fn listen_to_other_servers(&self, heard: Arc<dyn Fn(Heard) + Send + Sync>) {
        if let Some(url) = self.listen_url.clone() {
            tokio::spawn(announce::listen(url, self.server_id, heard));
        }
    }
}
