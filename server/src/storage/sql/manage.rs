//! SQLite side of staff management: the console's lists ([`Manage`]) and the rows
//! changes read and write ([`ManageTx`]): shifts and insurance in [`shifts`], a point's
//! details in [`points`], units, pairings and teams in [`units`].

mod points;
mod shifts;
mod units;

use super::SqlStore;
use super::write::SqlWrite;
use crate::storage::{InsurancePolicyDates, Manage, ManageTx, Named, ShiftFilter, StorageResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    InsurancePolicy, NewTeam, NewUnit, PointChange, PointId, ShiftId, ShiftPage, ShiftShape,
    ShiftWindow, SignupId, TeamId, UnitView,
};
use sqlx::AnyConnection;

async fn exists(conn: &mut AnyConnection, sql: &str, id: i64) -> StorageResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

#[async_trait]
impl Manage for SqlStore {
    async fn managed_shifts(
        &self,
        only_unit: Option<i64>,
        filter: ShiftFilter,
    ) -> StorageResult<ShiftPage> {
        shifts::managed(&mut *self.readers.acquire().await?, only_unit, filter).await
    }

    async fn managed_units(&self, only_unit: Option<i64>) -> StorageResult<Vec<UnitView>> {
        units::managed(&mut *self.readers.acquire().await?, only_unit).await
    }
}

#[async_trait]
impl ManageTx for SqlWrite {
    async fn unit_exists(&mut self, unit: i64) -> StorageResult<bool> {
        exists(
            &mut self.0,
            "SELECT id FROM partner_units WHERE id = $1",
            unit,
        )
        .await
    }

    async fn point_exists(&mut self, point: PointId) -> StorageResult<bool> {
        exists(
            &mut self.0,
            "SELECT id FROM service_points WHERE id = $1",
            point.0,
        )
        .await
    }

    async fn paired_point(&mut self, unit: i64) -> StorageResult<Option<PointId>> {
        let point: Option<i64> =
            sqlx::query_scalar("SELECT point_id FROM point_partners WHERE unit_id = $1")
                .bind(unit)
                .fetch_optional(&mut *self.0)
                .await?;
        Ok(point.map(PointId))
    }

    async fn name_taken(&mut self, table: Named, name: &str, except: i64) -> StorageResult<bool> {
        let table = match table {
            Named::Points => "service_points",
            Named::Units => "partner_units",
            Named::Teams => "teams",
        };
        let sql = format!("SELECT id FROM {table} WHERE name_zh = $1 AND id <> $2");
        let found: Option<i64> = sqlx::query_scalar(&sql)
            .bind(name)
            .bind(except)
            .fetch_optional(&mut *self.0)
            .await?;
        Ok(found.is_some())
    }

    async fn identical_shift(
        &mut self,
        shape: &ShiftShape,
        window: ShiftWindow,
    ) -> StorageResult<Option<ShiftId>> {
        shifts::identical(&mut self.0, shape, window).await
    }

    async fn insert_shift(
        &mut self,
        shape: &ShiftShape,
        window: ShiftWindow,
    ) -> StorageResult<ShiftId> {
        shifts::insert(&mut self.0, shape, window).await
    }

    async fn shift_unit(&mut self, id: ShiftId) -> StorageResult<Option<i64>> {
        shifts::unit_of(&mut self.0, id).await
    }

    async fn signup_count(&mut self, id: ShiftId, active_only: bool) -> StorageResult<u32> {
        shifts::signup_count(&mut self.0, id, active_only).await
    }

    async fn holders_busy_at(&mut self, id: ShiftId, window: ShiftWindow) -> StorageResult<u32> {
        shifts::holders_busy_at(&mut self.0, id, window).await
    }

    async fn update_shift(
        &mut self,
        id: ShiftId,
        window: ShiftWindow,
        capacity: Option<u32>,
    ) -> StorageResult<()> {
        shifts::update(&mut self.0, id, window, capacity).await
    }

    async fn set_insured(&mut self, id: ShiftId, insured: bool) -> StorageResult<()> {
        shifts::set_insured(&mut self.0, id, insured).await
    }

    async fn shift_policies(&mut self, id: ShiftId) -> StorageResult<Vec<InsurancePolicyDates>> {
        shifts::policies_of(&mut self.0, id).await
    }

    async fn waitlist(&mut self, id: ShiftId) -> StorageResult<Vec<SignupId>> {
        shifts::waitlist(&mut self.0, id).await
    }

    async fn delete_shift(&mut self, id: ShiftId) -> StorageResult<()> {
        shifts::delete(&mut self.0, id).await
    }

    async fn recorded_policy(&mut self, policy: &InsurancePolicy) -> StorageResult<Option<i64>> {
        shifts::recorded_policy(&mut self.0, policy).await
    }

    async fn insert_policy(
        &mut self,
        policy: &InsurancePolicy,
        by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<i64> {
        shifts::insert_policy(&mut self.0, policy, by, now).await
    }

    async fn link_policy(&mut self, shift: ShiftId, policy: i64) -> StorageResult<bool> {
        shifts::link_policy(&mut self.0, shift, policy).await
    }

    async fn point_snapshot(&mut self, id: PointId) -> StorageResult<Option<serde_json::Value>> {
        points::snapshot(&mut self.0, id).await
    }

    async fn update_point(&mut self, id: PointId, change: &PointChange) -> StorageResult<()> {
        points::update(&mut self.0, id, change).await
    }

    async fn insert_unit(&mut self, unit: &NewUnit) -> StorageResult<i64> {
        units::insert_unit(&mut self.0, unit).await
    }

    async fn unit_view(&mut self, unit: i64) -> StorageResult<Option<UnitView>> {
        units::unit_view(&mut self.0, unit).await
    }

    async fn pair_unit(&mut self, unit: i64, point: PointId) -> StorageResult<()> {
        units::pair_unit(&mut self.0, unit, point).await
    }

    async fn insert_team(&mut self, team: &NewTeam) -> StorageResult<TeamId> {
        units::insert_team(&mut self.0, team).await
    }
}
