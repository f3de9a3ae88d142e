//! What staff change in the programme: points, partner units and their pairing with
//! points, teams, shifts (one by one and from weekly templates) and insurance records.
//!
//! Every change is checked against the account's role and written with its audit log
//! entry in one transaction. A coordinator manages its own unit: shifts it organises
//! (created only at the point it is paired with), the details of that point, its teams
//! and their insurance. Units and pairings are the administrators'.

use super::{Outcome, StorageResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    InsurancePolicy, InsuranceRecord, NewShift, NewTeam, NewUnit, PartnerUnitRef, PointChange,
    PointId, ShiftChange, ShiftId, ShiftPage, ShiftShape, ShiftView, ShiftWindow, StaffAccount,
    StaffRole, TeamRef, UnitView, WeeklyShifts,
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

/// A shift as it was created, or as it already stood when an identical one was asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Created {
    New(ShiftView),
    AlreadyThere(ShiftView),
}

#[async_trait]
pub trait Manage: Send + Sync {
    /// A page of the shifts `viewer` manages under `filter`, soonest first, and how
    /// many there are in all.
    async fn managed_shifts(
        &self,
        viewer: StaffRole,
        filter: ShiftFilter,
    ) -> StorageResult<ShiftPage>;

    /// Creates a shift, unless one with the same point, unit, duty and times exists:
    /// then that one is the answer, so a retry creates nothing twice.
    async fn create_shift(
        &self,
        by: &StaffAccount,
        shift: &NewShift,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<Created>>;

    /// Creates `shape` at every one of `windows`, all or none, skipping those already there.
    async fn create_weekly_shifts(
        &self,
        by: &StaffAccount,
        shape: &ShiftShape,
        windows: &[ShiftWindow],
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<WeeklyShifts>>;

    /// Changes a shift that has not started. With volunteers signed up (confirmed or
    /// waiting) only its capacity may change, and only upwards; the waitlist then moves
    /// up into the new places.
    async fn change_shift(
        &self,
        by: &StaffAccount,
        id: ShiftId,
        change: &ShiftChange,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<ShiftView>>;

    /// Deletes a shift that has not started and that nobody ever signed up for.
    async fn delete_shift(
        &self,
        by: &StaffAccount,
        id: ShiftId,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<()>>;

    /// Records an insurance policy for high-risk shifts whose dates it covers; they
    /// open for sign-up in the same transaction.
    async fn record_insurance(
        &self,
        by: &StaffAccount,
        policy: &InsurancePolicy,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<InsuranceRecord>>;

    /// Changes a point's details; a new location is no longer approximate. The caller
    /// has checked that it lies in the district.
    async fn change_point(
        &self,
        by: &StaffAccount,
        id: PointId,
        change: &PointChange,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<()>>;

    /// Every unit an administrator sees; a coordinator its own.
    async fn managed_units(&self, viewer: StaffRole) -> StorageResult<Vec<UnitView>>;

    async fn create_unit(
        &self,
        by: &StaffAccount,
        unit: &NewUnit,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<PartnerUnitRef>>;

    /// Pairs a unit with the point it staffs, in place of its earlier point.
    async fn pair_unit(
        &self,
        by: &StaffAccount,
        unit: i64,
        point: PointId,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<UnitView>>;

    async fn create_team(
        &self,
        by: &StaffAccount,
        team: &NewTeam,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<TeamRef>>;
}
