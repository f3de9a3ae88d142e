//! A point's details, partner units, their pairing with points, and teams.

use super::{commit_if_accepted, not_allowed, refused_field};
use crate::services::entry;
use crate::storage::{Named, Outcome, Refusal, StorageResult, Store, WriteTx};
use chrono::{DateTime, Utc};
use huli_contract::{
    AuditAction, NewTeam, NewUnit, PartnerUnitRef, PointChange, PointId, Problem, StaffAccount,
    StaffRole, TeamRef, UnitView,
};
use serde_json::json;

/// Changes a point's details for an administrator, or for a coordinator of a unit
/// paired with the point, whose unit may then read the audit entry. A new location is
/// no longer approximate; the caller has checked that it lies in the district.
pub async fn change_point(
    store: &dyn Store,
    by: &StaffAccount,
    id: PointId,
    change: &PointChange,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let mut tx = store.begin_write().await?;
    let outcome = change_point_in(&mut *tx, by, id, change, now).await?;
    commit_if_accepted(tx, outcome).await
}

async fn change_point_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    id: PointId,
    change: &PointChange,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let Some(before) = tx.point_snapshot(id).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let unit = match by.role {
        StaffRole::Administrator => None,
        StaffRole::Coordinator { unit_id } if tx.paired_point(unit_id).await? == Some(id) => {
            Some(unit_id)
        }
        StaffRole::Coordinator { .. } | StaffRole::PointLeader { .. } => return not_allowed(),
    };
    if let Some(name) = &change.name_zh
        && tx.name_taken(Named::Points, name, id.0).await?
    {
        return refused_field("name_zh", Problem::AlreadyInUse);
    }
    tx.update_point(id, change).await?;
    let after = tx.point_snapshot(id).await?;
    let subject = format!("point/{}", id.0);
    let change = entry(AuditAction::PointChange, subject, unit, Some(before), after);
    tx.record_audit(by, change, now).await?;
    Ok(Ok(()))
}

/// Creates a partner unit: administrators only.
pub async fn create_unit(
    store: &dyn Store,
    by: &StaffAccount,
    unit: &NewUnit,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<PartnerUnitRef>> {
    let mut tx = store.begin_write().await?;
    let outcome = create_unit_in(&mut *tx, by, unit, now).await?;
    commit_if_accepted(tx, outcome).await
}

async fn create_unit_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    unit: &NewUnit,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<PartnerUnitRef>> {
    if !by.role.is_administrator() {
        return not_allowed();
    }
    if tx.name_taken(Named::Units, &unit.name.zh, 0).await? {
        return refused_field("name_zh", Problem::AlreadyInUse);
    }
    let id = tx.insert_unit(unit).await?;
    let created = PartnerUnitRef {
        id,
        name: unit.name.clone(),
        kind: unit.kind,
    };
    let subject = format!("unit/{id}");
    let change = entry(
        AuditAction::UnitCreate,
        subject,
        Some(id),
        None,
        Some(json!(created)),
    );
    tx.record_audit(by, change, now).await?;
    Ok(Ok(created))
}

/// Pairs a unit with the point it staffs, in place of its earlier point:
/// administrators only.
pub async fn pair_unit(
    store: &dyn Store,
    by: &StaffAccount,
    unit: i64,
    point: PointId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<UnitView>> {
    let mut tx = store.begin_write().await?;
    let outcome = pair_unit_in(&mut *tx, by, unit, point, now).await?;
    commit_if_accepted(tx, outcome).await
}

async fn pair_unit_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    unit: i64,
    point: PointId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<UnitView>> {
    if !by.role.is_administrator() {
        return not_allowed();
    }
    let Some(before) = tx.unit_view(unit).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    if !tx.point_exists(point).await? {
        return refused_field("point_id", Problem::NotOnTheList);
    }
    tx.pair_unit(unit, point).await?;
    let after = UnitView {
        point_id: Some(point),
        ..before.clone()
    };
    let change = entry(
        AuditAction::UnitPair,
        format!("unit/{unit}"),
        Some(unit),
        Some(json!({ "point_id": before.point_id })),
        Some(json!({ "point_id": point })),
    );
    tx.record_audit(by, change, now).await?;
    Ok(Ok(after))
}

/// Forms a team: a coordinator's team is its unit's; only administrators form teams of
/// no unit.
pub async fn create_team(
    store: &dyn Store,
    by: &StaffAccount,
    team: &NewTeam,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TeamRef>> {
    let mut tx = store.begin_write().await?;
    let outcome = create_team_in(&mut *tx, by, team, now).await?;
    commit_if_accepted(tx, outcome).await
}

async fn create_team_in(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    team: &NewTeam,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TeamRef>> {
    let allowed = match team.unit_id {
        Some(unit) => by.role.may_manage_unit(unit),
        None => by.role.is_administrator(),
    };
    if !allowed {
        return not_allowed();
    }
    if let Some(unit) = team.unit_id
        && !tx.unit_exists(unit).await?
    {
        return refused_field("unit_id", Problem::NotOnTheList);
    }
    if tx.name_taken(Named::Teams, &team.name.zh, 0).await? {
        return refused_field("name_zh", Problem::AlreadyInUse);
    }
    let id = tx.insert_team(team).await?;
    let created = TeamRef {
        id,
        name: team.name.clone(),
        kind: team.kind,
    };
    let change = entry(
        AuditAction::TeamCreate,
        format!("team/{}", id.0),
        team.unit_id,
        None,
        Some(json!({ "team": created, "unit_id": team.unit_id })),
    );
    tx.record_audit(by, change, now).await?;
    Ok(Ok(created))
}
