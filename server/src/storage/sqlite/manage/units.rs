//! Partner units, their pairing with the point each staffs, and teams.

use super::{Entry, audit, exists, name_taken, not_allowed, refused_field};
use crate::storage::sqlite::rows::{from_text, to_text};
use crate::storage::{Outcome, Refusal, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::AuditAction;
use huli_contract::{
    LocalizedText, NewTeam, NewUnit, PartnerUnitRef, PointId, Problem, StaffAccount, StaffRole,
    TeamId, TeamRef, UnitView,
};
use serde_json::json;
use sqlx::SqliteConnection;

pub(super) async fn create_unit(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    unit: &NewUnit,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<PartnerUnitRef>> {
    if !by.role.is_administrator() {
        return not_allowed();
    }
    if name_taken(conn, "partner_units", &unit.name.zh, 0).await? {
        return refused_field("name_zh", Problem::AlreadyInUse);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO partner_units (name_zh, name_en, kind) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(&unit.name.zh)
    .bind(&unit.name.en)
    .bind(to_text(&unit.kind))
    .fetch_one(&mut *conn)
    .await?;
    let created = PartnerUnitRef {
        id,
        name: unit.name.clone(),
        kind: unit.kind,
    };
    let entry = Entry {
        attendance: None,
        action: AuditAction::UnitCreate,
        subject: format!("unit/{id}"),
        unit: Some(id),
        before: None,
        after: Some(json!(created)),
    };
    audit(conn, by, entry, now).await?;
    Ok(Ok(created))
}

type UnitRow = (i64, String, String, String, Option<i64>);

fn unit_view(row: UnitRow) -> StorageResult<UnitView> {
    let (id, zh, en, kind, point) = row;
    Ok(UnitView {
        unit: PartnerUnitRef {
            id,
            name: LocalizedText { zh, en },
            kind: from_text("partner_units.kind", &kind)?,
        },
        point_id: point.map(PointId),
    })
}

const UNIT_VIEW: &str = "SELECT u.id, u.name_zh, u.name_en, u.kind, pp.point_id \
     FROM partner_units u LEFT JOIN point_partners pp ON pp.unit_id = u.id";

pub(super) async fn pair_unit(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    unit: i64,
    point: PointId,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<UnitView>> {
    if !by.role.is_administrator() {
        return not_allowed();
    }
    let before: Option<UnitRow> = sqlx::query_as(&format!("{UNIT_VIEW} WHERE u.id = ?"))
        .bind(unit)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(before) = before.map(unit_view).transpose()? else {
        return Ok(Err(Refusal::NotFound));
    };
    if !exists(conn, "SELECT id FROM service_points WHERE id = ?", point.0).await? {
        return refused_field("point_id", Problem::NotOnTheList);
    }
    sqlx::query(
        "INSERT INTO point_partners (unit_id, point_id) VALUES (?, ?) \
         ON CONFLICT (unit_id) DO UPDATE SET point_id = excluded.point_id",
    )
    .bind(unit)
    .bind(point.0)
    .execute(&mut *conn)
    .await?;
    let after = UnitView {
        point_id: Some(point),
        ..before.clone()
    };
    let entry = Entry {
        attendance: None,
        action: AuditAction::UnitPair,
        subject: format!("unit/{unit}"),
        unit: Some(unit),
        before: Some(json!({ "point_id": before.point_id })),
        after: Some(json!({ "point_id": point })),
    };
    audit(conn, by, entry, now).await?;
    Ok(Ok(after))
}

pub(super) async fn create_team(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    team: &NewTeam,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<TeamRef>> {
    // A coordinator's team is its unit's; only administrators form teams of no unit.
    let allowed = match team.unit_id {
        Some(unit) => by.role.may_manage_unit(unit),
        None => by.role.is_administrator(),
    };
    if !allowed {
        return not_allowed();
    }
    if let Some(unit) = team.unit_id
        && !exists(conn, "SELECT id FROM partner_units WHERE id = ?", unit).await?
    {
        return refused_field("unit_id", Problem::NotOnTheList);
    }
    if name_taken(conn, "teams", &team.name.zh, 0).await? {
        return refused_field("name_zh", Problem::AlreadyInUse);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO teams (name_zh, name_en, kind, unit_id) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(&team.name.zh)
    .bind(&team.name.en)
    .bind(to_text(&team.kind))
    .bind(team.unit_id)
    .fetch_one(&mut *conn)
    .await?;
    let created = TeamRef {
        id: TeamId(id),
        name: team.name.clone(),
        kind: team.kind,
    };
    let entry = Entry {
        attendance: None,
        action: AuditAction::TeamCreate,
        subject: format!("team/{id}"),
        unit: team.unit_id,
        before: None,
        after: Some(json!({ "team": created, "unit_id": team.unit_id })),
    };
    audit(conn, by, entry, now).await?;
    Ok(Ok(created))
}

/// Every unit an administrator sees; a coordinator its own; a point leader none.
pub(super) async fn managed(
    conn: &mut SqliteConnection,
    viewer: StaffRole,
) -> StorageResult<Vec<UnitView>> {
    let Some(only) = viewer.unit_scope() else {
        return Ok(Vec::new());
    };
    let rows: Vec<UnitRow> = sqlx::query_as(&format!(
        "{UNIT_VIEW} WHERE ?1 IS NULL OR u.id = ?1 ORDER BY u.id"
    ))
    .bind(only)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(unit_view).collect()
}
