//! The embedded SQLite backend: one file, WAL, a single writer connection (SQLite
//! serialises writers anyway; one connection makes that explicit and avoids busy
//! errors) and a small pool of read-only connections beside it.

use super::{
    CountingPeriod, SeedData, StorageError, StorageResult, Store, Totals,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    Coordinate, LocalizedText, Minutes, PartnerUnitRef, PointDetail, PointId, PointSummary,
    ReviewStatus, ShiftWindow, UpcomingShift,
};
use serde::de::{DeserializeOwned, IntoDeserializer, value::StrDeserializer};
use serde::Serialize;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Sqlite, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

/// Rows per multi-row INSERT while seeding: well under SQLite's bound-parameter limit.
const SEED_BATCH: usize = 400;
/// How many upcoming shifts a point page lists.
const UPCOMING_SHIFTS: i64 = 12;

pub struct SqliteStore {
    writer: SqlitePool,
    readers: SqlitePool,
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
        if let Some(parent) = options.get_filename().parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| StorageError::Database(sqlx::Error::Io(e)))?;
            }
        }
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&writer).await?;
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

    async fn load_points(&self, only: Option<PointId>) -> StorageResult<Vec<PointSummary>> {
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
            partners_by_point.entry(row.point_id).or_default().push(PartnerUnitRef {
                id: row.id,
                name: LocalizedText { zh: row.name_zh, en: row.name_en },
                kind: from_text("partner_units.kind", &row.kind)?,
            });
        }
        rows.into_iter()
            .map(|row| {
                let id = row.id;
                row.into_summary(
                    services_by_point.remove(&id).unwrap_or_default(),
                    partners_by_point.remove(&id).unwrap_or_default(),
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
        insert_seed(&mut tx, &make()).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn list_points(&self) -> StorageResult<Vec<PointSummary>> {
        self.load_points(None).await
    }

    async fn point_detail(
        &self,
        id: PointId,
        period: CountingPeriod,
    ) -> StorageResult<Option<PointDetail>> {
        let Some(point) = self.load_points(Some(id)).await?.pop() else {
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
        let shifts: Vec<ShiftRow> = sqlx::query_as(
            "SELECT sh.id, sh.duty, sh.starts_at, sh.ends_at, sh.capacity, \
                    (SELECT COUNT(*) FROM signups s \
                     WHERE s.shift_id = sh.id AND s.status = 'confirmed') AS confirmed \
             FROM shifts sh WHERE sh.point_id = ? AND sh.starts_at > ? \
             ORDER BY sh.starts_at, sh.id LIMIT ?",
        )
        .bind(id.0)
        .bind(period.now.timestamp())
        .bind(UPCOMING_SHIFTS)
        .fetch_all(&self.readers)
        .await?;
        Ok(Some(PointDetail {
            point,
            verified_minutes_this_year: minutes(verified),
            upcoming_shifts: shifts.into_iter().map(ShiftRow::into_upcoming).collect::<Result<_, _>>()?,
        }))
    }

    async fn totals(&self, period: CountingPeriod) -> StorageResult<Totals> {
        let (year, rolling): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN checked_in_at >= ?1 THEN minutes END), 0), \
                    COALESCE(SUM(CASE WHEN checked_in_at >= ?2 THEN minutes END), 0) \
             FROM attendance WHERE status = 'approved' AND checked_in_at >= MIN(?1, ?2) \
               AND checked_in_at <= ?3",
        )
        .bind(period.year_start.timestamp())
        .bind(period.twelve_months_ago.timestamp())
        .bind(period.now.timestamp())
        .fetch_one(&self.readers)
        .await?;
        let (points, units, teams, volunteers): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM service_points), (SELECT COUNT(*) FROM partner_units), \
                    (SELECT COUNT(*) FROM teams), (SELECT COUNT(*) FROM volunteers)",
        )
        .fetch_one(&self.readers)
        .await?;
        let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Totals {
            verified_this_year: minutes(year),
            verified_last_12_months: minutes(rolling),
            service_points: count(points),
            partner_units: count(units),
            teams: count(teams),
            volunteers: count(volunteers),
        })
    }
}

async fn insert_seed(tx: &mut Transaction<'static, Sqlite>, data: &SeedData) -> StorageResult<()> {
    insert_batched(tx, "INSERT INTO partner_units (id, name_zh, name_en, kind) ", &data.units, |mut b, (id, unit)| {
        b.push_bind(id).push_bind(&unit.name.zh).push_bind(&unit.name.en).push_bind(to_text(&unit.kind));
    })
    .await?;
    insert_batched(
        tx,
        "INSERT INTO service_points (id, name_zh, name_en, category, lat, lon, \
         location_approximate, address_zh, address_en, sub_district, opening_hours) ",
        &data.points,
        |mut b, (id, point)| {
            b.push_bind(id)
                .push_bind(&point.name.zh)
                .push_bind(&point.name.en)
                .push_bind(to_text(&point.category))
                .push_bind(point.location.lat())
                .push_bind(point.location.lon())
                .push_bind(true)
                .push_bind(&point.address.zh)
                .push_bind(&point.address.en)
                .push_bind(to_text(&point.sub_district))
                .push_bind(serde_json::to_string(&point.opening_hours).expect("opening hours serialise"));
        },
    )
    .await?;
    let services: Vec<(i64, String)> = positions(&data.points)
        .flat_map(|(id, p)| p.services.iter().map(move |s| (id, to_text(s))))
        .collect();
    insert_batched(tx, "INSERT INTO point_services (point_id, service) ", &services, |mut b, (_, (point, service))| {
        b.push_bind(point).push_bind(service);
    })
    .await?;
    let pairs: Vec<(i64, i64)> = positions(&data.points)
        .flat_map(|(id, p)| p.partner_units.iter().map(move |unit| (*unit, id)))
        .collect();
    insert_batched(tx, "INSERT INTO point_partners (unit_id, point_id) ", &pairs, |mut b, (_, (unit, point))| {
        b.push_bind(unit).push_bind(point);
    })
    .await?;
    insert_batched(tx, "INSERT INTO teams (id, name_zh, name_en, kind, unit_id) ", &data.teams, |mut b, (id, team)| {
        b.push_bind(id).push_bind(&team.name.zh).push_bind(&team.name.en).push_bind(team.kind).push_bind(team.unit_id);
    })
    .await?;
    insert_batched(
        tx,
        "INSERT INTO volunteers (id, name, phone, team_id, registered_at) ",
        &data.volunteers,
        |mut b, (id, v)| {
            b.push_bind(id)
                .push_bind(&v.name)
                .push_bind(v.phone.as_str())
                .push_bind(v.team_id)
                .push_bind(v.registered_at.timestamp());
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO shifts (id, point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, insured) ",
        &data.shifts,
        |mut b, (id, s)| {
            b.push_bind(id)
                .push_bind(s.point_id)
                .push_bind(s.organiser_unit_id)
                .push_bind(to_text(&s.duty))
                .push_bind(s.window.starts_at().timestamp())
                .push_bind(s.window.ends_at().timestamp())
                .push_bind(s.capacity)
                .push_bind(s.insured);
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO signups (id, shift_id, volunteer_id, status, created_at) ",
        &data.signups,
        |mut b, (id, s)| {
            b.push_bind(id)
                .push_bind(s.shift_id)
                .push_bind(s.volunteer_id)
                .push_bind("confirmed")
                .push_bind(s.created_at.timestamp());
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO attendance (signup_id, checked_in_at, checked_out_at, check_in_method, \
         minutes, status, reviewed_at) ",
        &data.attendance,
        |mut b, (_, a)| {
            let reviewed_at = (a.status != ReviewStatus::Pending).then(|| a.checked_out_at.timestamp());
            b.push_bind(a.signup_id)
                .push_bind(a.checked_in_at.timestamp())
                .push_bind(a.checked_out_at.timestamp())
                .push_bind("rotating_code")
                .push_bind(i64::try_from(a.minutes.0).unwrap_or(i64::MAX))
                .push_bind(to_text(&a.status))
                .push_bind(reviewed_at);
        },
    )
    .await?;
    Ok(())
}

/// Items with their 1-based ids, the ids `SeedData` rows refer to each other by.
fn positions<T>(items: &[T]) -> impl Iterator<Item = (i64, &T)> {
    (1i64..).zip(items)
}

/// Multi-row INSERTs in batches: seeding a year of history row by row would take
/// seconds, in batches it takes a fraction of one.
async fn insert_batched<'a, T>(
    tx: &mut Transaction<'static, Sqlite>,
    head: &str,
    items: &'a [T],
    bind: impl Fn(sqlx::query_builder::Separated<'_, 'a, Sqlite, &'static str>, (i64, &'a T)) + Copy,
) -> StorageResult<()> {
    let numbered: Vec<(i64, &'a T)> = positions(items).collect();
    for chunk in numbered.chunks(SEED_BATCH) {
        let mut builder: QueryBuilder<'a, Sqlite> = QueryBuilder::new(head);
        builder.push_values(chunk.iter().copied(), bind);
        builder.build().execute(&mut **tx).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PointRow {
    id: i64,
    name_zh: String,
    name_en: String,
    category: String,
    lat: f64,
    lon: f64,
    location_approximate: bool,
    address_zh: String,
    address_en: String,
    sub_district: String,
    opening_hours: String,
}

impl PointRow {
    fn into_summary(
        self,
        services: Vec<huli_contract::Service>,
        partner_units: Vec<PartnerUnitRef>,
    ) -> StorageResult<PointSummary> {
        Ok(PointSummary {
            id: PointId(self.id),
            name: LocalizedText { zh: self.name_zh, en: self.name_en },
            category: from_text("service_points.category", &self.category)?,
            location: Coordinate::new(self.lat, self.lon)
                .map_err(|e| StorageError::Corrupt(format!("service_points {}: {e}", self.id)))?,
            location_approximate: self.location_approximate,
            address: LocalizedText { zh: self.address_zh, en: self.address_en },
            sub_district: from_text("service_points.sub_district", &self.sub_district)?,
            opening_hours: serde_json::from_str(&self.opening_hours)
                .map_err(|e| StorageError::Corrupt(format!("service_points.opening_hours: {e}")))?,
            services,
            partner_units,
        })
    }
}

#[derive(sqlx::FromRow)]
struct PartnerRow {
    point_id: i64,
    id: i64,
    name_zh: String,
    name_en: String,
    kind: String,
}

#[derive(sqlx::FromRow)]
struct ShiftRow {
    id: i64,
    duty: String,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    confirmed: i64,
}

impl ShiftRow {
    fn into_upcoming(self) -> StorageResult<UpcomingShift> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("shifts {}: {what}", self.id));
        let window = ShiftWindow::new(timestamp(self.starts_at)?, timestamp(self.ends_at)?)
            .map_err(corrupt)?;
        Ok(UpcomingShift {
            id: self.id,
            duty: from_text("shifts.duty", &self.duty)?,
            window,
            capacity: u32::try_from(self.capacity).map_err(|_| corrupt("capacity"))?,
            confirmed: u32::try_from(self.confirmed).map_err(|_| corrupt("confirmed"))?,
        })
    }
}

fn timestamp(seconds: i64) -> StorageResult<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| StorageError::Corrupt(format!("timestamp {seconds} out of range")))
}

fn minutes(sum: i64) -> Minutes {
    Minutes(u64::try_from(sum).unwrap_or(0))
}

/// The snake_case name a contract enum serialises to, as stored in the database.
fn to_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        other => unreachable!("a unit enum serialises to a string, got {other:?}"),
    }
}

fn from_text<T: DeserializeOwned>(column: &str, text: &str) -> StorageResult<T> {
    let deserializer: StrDeserializer<'_, serde::de::value::Error> = text.into_deserializer();
    T::deserialize(deserializer).map_err(|e| StorageError::Corrupt(format!("{column}: {e}")))
}
