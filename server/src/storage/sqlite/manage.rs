//! SQLite side of [`crate::storage::Manage`]: shifts and insurance in [`shifts`], a
//! point's details in [`points`], units, pairings and teams in [`units`]. Each change
//! runs in one `BEGIN IMMEDIATE` transaction with its audit log entry, and is rolled
//! back whole when refused.

mod points;
mod shifts;
mod units;

use super::SqliteStore;
use crate::storage::{Created, Manage, Outcome, Refusal, ShiftFilter, StorageResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    ErrorCode, InsurancePolicy, InsuranceRecord, NewShift, NewTeam, NewUnit, PartnerUnitRef,
    PointChange, PointId, Problem, ShiftChange, ShiftId, ShiftPage, ShiftShape, ShiftView,
    ShiftWindow, StaffAccount, StaffRole, TeamRef, UnitView, WeeklyShifts,
};
use sqlx::{Sqlite, SqliteConnection, Transaction};

/// One change for the audit log; never about attendance.
type Entry = super::audit::Change;

use super::audit::record as audit;

/// Keeps the transaction's writes only if the change was accepted.
async fn commit_if_accepted<T>(
    tx: Transaction<'static, Sqlite>,
    outcome: Outcome<T>,
) -> StorageResult<Outcome<T>> {
    if outcome.is_ok() {
        tx.commit().await?;
    }
    Ok(outcome)
}

fn not_allowed<T>() -> StorageResult<Outcome<T>> {
    Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)))
}

fn refused_field<T>(field: &str, problem: Problem) -> StorageResult<Outcome<T>> {
    Ok(Err(Refusal::Field(field.to_owned(), problem)))
}

/// The point a unit staffs, if it is paired.
async fn paired_point(conn: &mut SqliteConnection, unit: i64) -> StorageResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT point_id FROM point_partners WHERE unit_id = ?")
            .bind(unit)
            .fetch_optional(conn)
            .await?,
    )
}

async fn exists(conn: &mut SqliteConnection, sql: &str, id: i64) -> StorageResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

/// Whether another row of `table` already has the Chinese name `name`.
async fn name_taken(
    conn: &mut SqliteConnection,
    table: &str,
    name: &str,
    except: i64,
) -> StorageResult<bool> {
    let sql = format!("SELECT id FROM {table} WHERE name_zh = ? AND id <> ?");
    let found: Option<i64> = sqlx::query_scalar(&sql)
        .bind(name)
        .bind(except)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

#[async_trait]
impl Manage for SqliteStore {
    async fn managed_shifts(
        &self,
        viewer: StaffRole,
        filter: ShiftFilter,
    ) -> StorageResult<ShiftPage> {
        shifts::managed(&mut *self.readers.acquire().await?, viewer, filter).await
    }

    async fn create_shift(
        &self,
        by: &StaffAccount,
        shift: &NewShift,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<Created>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = shifts::create(&mut tx, by, &shift.shape, &[shift.window], now).await?;
        let outcome = outcome.and_then(|mut shifts| match shifts.created.pop() {
            Some(created) => Ok(Created::New(created)),
            None => shifts
                .already_there
                .pop()
                .map(Created::AlreadyThere)
                .ok_or(Refusal::NotFound),
        });
        commit_if_accepted(tx, outcome).await
    }

    async fn create_weekly_shifts(
        &self,
        by: &StaffAccount,
        shape: &ShiftShape,
        windows: &[ShiftWindow],
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<WeeklyShifts>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = shifts::create(&mut tx, by, shape, windows, now).await?;
        commit_if_accepted(tx, outcome).await
    }

    async fn change_shift(
        &self,
        by: &StaffAccount,
        id: ShiftId,
        change: &ShiftChange,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<ShiftView>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = shifts::change(&mut tx, by, id, change, now).await?;
        commit_if_accepted(tx, outcome).await
    }

    async fn delete_shift(
        &self,
        by: &StaffAccount,
        id: ShiftId,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<()>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = shifts::delete(&mut tx, by, id, now).await?;
        commit_if_accepted(tx, outcome).await
    }

    async fn record_insurance(
        &self,
        by: &StaffAccount,
        policy: &InsurancePolicy,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<InsuranceRecord>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = shifts::insure(&mut tx, by, policy, now).await?;
        commit_if_accepted(tx, outcome).await
    }

    async fn change_point(
        &self,
        by: &StaffAccount,
        id: PointId,
        change: &PointChange,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<()>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = points::change_point(&mut tx, by, id, change, now).await?;
        commit_if_accepted(tx, outcome).await
    }

    async fn managed_units(&self, viewer: StaffRole) -> StorageResult<Vec<UnitView>> {
        units::managed(&mut *self.readers.acquire().await?, viewer).await
    }

    async fn create_unit(
        &self,
        by: &StaffAccount,
        unit: &NewUnit,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<PartnerUnitRef>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = units::create_unit(&mut tx, by, unit, now).await?;
        commit_if_accepted(tx, outcome).await
    }

    async fn pair_unit(
        &self,
        by: &StaffAccount,
        unit: i64,
        point: PointId,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<UnitView>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = units::pair_unit(&mut tx, by, unit, point, now).await?;
        commit_if_accepted(tx, outcome).await
    }

    async fn create_team(
        &self,
        by: &StaffAccount,
        team: &NewTeam,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<TeamRef>> {
        let mut tx = self.begin_immediate().await?;
        let outcome = units::create_team(&mut tx, by, team, now).await?;
        commit_if_accepted(tx, outcome).await
    }
}
