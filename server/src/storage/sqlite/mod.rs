//! The embedded SQLite backend: one file, WAL, a single writer connection (SQLite
//! serialises writers anyway; one connection makes that explicit and avoids busy
//! errors) and a small pool of read-only connections beside it.

mod attendance;
mod audit;
mod certificates;
mod figures;
mod manage;
mod point_day;
mod records;
mod review;
mod rows;
mod seed;
mod signups;
mod staff;
mod volunteers;
mod write;

use super::{
    CountingPeriod, KeyHash, NewStaffAccount, QueueFilter, SeedData, SessionLimits, ShiftScope,
    StorageError, StorageResult, Store, Tally, TallyGroup, VolunteerId, WriteTx,
};
use async_trait::async_trait;
use chrono::{DateTime, Duration as Days, Utc};
use huli_contract::{
    AuditEntry, LocalizedText, MyRecord, PartnerUnitRef, PointDetail, PointId, PointSummary,
    ReviewPage, ShiftId, ShiftView, StaffAccount, TeamRef,
};
use rows::{PartnerRow, PointRow, SHIFT_VIEW_COLUMNS, ShiftViewRow, from_text, minutes};
use sqlx::migrate::Migrate;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Sqlite, SqliteConnection, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

/// How many shifts open for sign-up a point page lists, and how far ahead it looks.
const UPCOMING_SHIFTS: usize = 12;
const SHIFT_HORIZON_DAYS: i64 = 60;

pub struct SqliteStore {
    writer: SqlitePool,
    readers: SqlitePool,
}

/// Migrations run on a connection of their own with foreign keys off, as SQLite's
/// documentation prescribes for rebuilding a table (0007 rebuilds `volunteers`): with
/// them on, dropping the old table would cascade into its children's rows. After a start
/// that applied any, every key is checked, so no migration can leave one broken; a start
/// with nothing to apply skips that scan of the whole database.
async fn migrate(options: &SqliteConnectOptions) -> StorageResult<()> {
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

impl SqliteStore {
    pub async fn open(database_url: &str) -> StorageResult<Self> {
        let options = SqliteConnectOptions::from_str(database_url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL in WAL mode never corrupts; a power cut may lose the last moments of
            // commits, which the clients' idempotent retries cover.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        if let Some(parent) = options.get_filename().parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)
                .map_err(|e| StorageError::Database(sqlx::Error::Io(e)))?;
        }
        migrate(&options).await?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        let readers = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        Ok(SqliteStore { writer, readers })
    }

    /// Read-then-write transactions take the write lock up front, so two servers on one
    /// file cannot both read "empty" and then both write.
    async fn begin_immediate(&self) -> StorageResult<Transaction<'static, Sqlite>> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
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
             WHERE (?1 IS NULL OR sh.point_id = ?1) AND sh.starts_at > ?2 AND sh.starts_at <= ?3 \
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
             FROM service_points WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
        )
        .bind(only)
        .fetch_all(&self.readers)
        .await?;
        let services: Vec<(i64, String)> = sqlx::query_as(
            "SELECT point_id, service FROM point_services \
             WHERE ?1 IS NULL OR point_id = ?1 ORDER BY point_id, service",
        )
        .bind(only)
        .fetch_all(&self.readers)
        .await?;
        let partners: Vec<PartnerRow> = sqlx::query_as(
            "SELECT pp.point_id, u.id, u.name_zh, u.name_en, u.kind \
             FROM point_partners pp JOIN partner_units u ON u.id = pp.unit_id \
             WHERE ?1 IS NULL OR pp.point_id = ?1 ORDER BY pp.point_id, u.id",
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
impl Store for SqliteStore {
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
            "SELECT COALESCE(SUM(a.minutes), 0) FROM attendance a \
             JOIN signups s ON s.id = a.signup_id JOIN shifts sh ON sh.id = s.shift_id \
             WHERE sh.point_id = ? AND a.status = 'approved' AND a.checked_in_at >= ?",
        )
        .bind(id.0)
        .bind(period.year_start.timestamp())
        .fetch_one(&self.readers)
        .await?;
        let (on_duty,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM attendance a \
             JOIN signups s ON s.id = a.signup_id JOIN shifts sh ON sh.id = s.shift_id \
             WHERE sh.point_id = ? AND a.checked_out_at IS NULL AND a.checked_in_at <= ?",
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

    async fn begin_write(&self) -> StorageResult<Box<dyn WriteTx>> {
        Ok(Box::new(write::SqliteWrite(self.begin_immediate().await?)))
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

    async fn staff_credentials(
        &self,
        login: &str,
    ) -> StorageResult<Option<(StaffAccount, String)>> {
        staff::credentials(&mut *self.readers.acquire().await?, login).await
    }

    async fn failed_sign_ins_since(&self, login: &str, since: DateTime<Utc>) -> StorageResult<u32> {
        staff::failed_sign_ins_since(&mut *self.readers.acquire().await?, login, since).await
    }

    async fn record_failed_sign_in(&self, login: &str, now: DateTime<Utc>) -> StorageResult<()> {
        staff::record_failed_sign_in(&mut *self.writer.acquire().await?, login, now).await
    }

    async fn open_staff_session(
        &self,
        token_hash: &[u8; 32],
        account: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        staff::open_session(&mut *self.writer.acquire().await?, token_hash, account, now).await
    }

    async fn staff_session(
        &self,
        token_hash: &[u8; 32],
        limits: SessionLimits,
    ) -> StorageResult<Option<StaffAccount>> {
        let mut tx = self.begin_immediate().await?;
        let account = staff::session_account(&mut tx, token_hash, limits).await?;
        tx.commit().await?;
        Ok(account)
    }

    async fn close_staff_session(&self, token_hash: &[u8; 32]) -> StorageResult<()> {
        staff::close_session(&mut *self.writer.acquire().await?, token_hash).await
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
}
