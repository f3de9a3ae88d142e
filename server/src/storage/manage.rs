//! What staff manage in the programme: points, partner units and their pairing with
//! points, teams, shifts and insurance records. Here the console's lists, and
//! [`ManageTx`], the rows that `crate::services::manage` reads and changes.

use super::StorageResult;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    InsurancePolicy, NewTeam, NewUnit, PointChange, PointId, ShiftId, ShiftPage, ShiftShape,
    ShiftWindow, SignupId, TeamId, UnitView,
};

/// Which shifts the console lists.
#[derive(Clone, Copy, Debug)]
pub struct ShiftFilter {
    pub point: Option<PointId>,
    /// Shifts starting in `[from, until)`.
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub offset: u32,
    pub limit: u32,
}

/// The reads of the staff console's management pages, scoped to the viewer's role.
#[async_trait]
pub trait Manage: Send + Sync {
    /// A page of the shifts `only_unit` organises (`None`: every unit's) under
    /// `filter`, soonest first, and how many there are in all.
    async fn managed_shifts(
        &self,
        only_unit: Option<i64>,
        filter: ShiftFilter,
    ) -> StorageResult<ShiftPage>;

    /// Every unit, or only `only_unit`.
    async fn managed_units(&self, only_unit: Option<i64>) -> StorageResult<Vec<UnitView>>;
}

/// A table whose rows have a unique Chinese name.
#[derive(Clone, Copy, Debug)]
pub enum Named {
    Points,
    Units,
    Teams,
}

/// The rows staff management reads and changes, inside a [`super::WriteTx`].
#[async_trait]
pub trait ManageTx: Send {
    async fn unit_exists(&mut self, unit: i64) -> StorageResult<bool>;

    async fn point_exists(&mut self, point: PointId) -> StorageResult<bool>;

    /// The point a unit staffs, if it is paired.
    async fn paired_point(&mut self, unit: i64) -> StorageResult<Option<PointId>>;

    /// Whether a row other than `except` already has this Chinese name.
    async fn name_taken(&mut self, table: Named, name: &str, except: i64) -> StorageResult<bool>;

    /// A shift of `shape` at exactly `window`, if there is one.
    async fn identical_shift(
        &mut self,
        shape: &ShiftShape,
        window: ShiftWindow,
    ) -> StorageResult<Option<ShiftId>>;

    /// Adds an uninsured shift.
    async fn insert_shift(
        &mut self,
        shape: &ShiftShape,
        window: ShiftWindow,
    ) -> StorageResult<ShiftId>;

    /// The unit that organises the shift.
    async fn shift_unit(&mut self, id: ShiftId) -> StorageResult<Option<i64>>;

    /// Sign-ups on the shift: only those holding or waiting for a place if
    /// `active_only`, else all of them, cancelled ones too.
    async fn signup_count(&mut self, id: ShiftId, active_only: bool) -> StorageResult<u32>;

    /// How many of the volunteers holding or waiting for the shift hold or wait for
    /// another shift, or a training session, whose time meets `window`.
    async fn holders_busy_at(&mut self, id: ShiftId, window: ShiftWindow) -> StorageResult<u32>;

    async fn update_shift(
        &mut self,
        id: ShiftId,
        window: ShiftWindow,
        capacity: Option<u32>,
    ) -> StorageResult<()>;

    async fn set_insured(&mut self, id: ShiftId, insured: bool) -> StorageResult<()>;

    /// The policies recorded for the shift.
    async fn shift_policies(&mut self, id: ShiftId) -> StorageResult<Vec<InsurancePolicyDates>>;

    /// The shift's waitlist, longest waiting first.
    async fn waitlist(&mut self, id: ShiftId) -> StorageResult<Vec<SignupId>>;

    async fn delete_shift(&mut self, id: ShiftId) -> StorageResult<()>;

    /// The same policy (insurer, number and dates) if it is on record.
    async fn recorded_policy(&mut self, policy: &InsurancePolicy) -> StorageResult<Option<i64>>;

    async fn insert_policy(
        &mut self,
        policy: &InsurancePolicy,
        by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<i64>;

    /// Links the shift to the policy; false when it already was.
    async fn link_policy(&mut self, shift: ShiftId, policy: i64) -> StorageResult<bool>;

    /// A point's details as the audit log keeps them.
    async fn point_snapshot(&mut self, id: PointId) -> StorageResult<Option<serde_json::Value>>;

    /// Changes the details `change` names; a new location is no longer approximate.
    async fn update_point(&mut self, id: PointId, change: &PointChange) -> StorageResult<()>;

    async fn insert_unit(&mut self, unit: &NewUnit) -> StorageResult<i64>;

    async fn unit_view(&mut self, unit: i64) -> StorageResult<Option<UnitView>>;

    /// Pairs the unit with the point, in place of its earlier point.
    async fn pair_unit(&mut self, unit: i64, point: PointId) -> StorageResult<()>;

    async fn insert_team(&mut self, team: &NewTeam) -> StorageResult<TeamId>;
}

/// The days a recorded policy covers.
pub struct InsurancePolicyDates {
    pub covers_from: chrono::NaiveDate,
    pub covers_until: chrono::NaiveDate,
}
