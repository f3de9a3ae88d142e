//! The rows of partner units, their pairing with the point each staffs, and teams.

use crate::storage::StorageResult;
use crate::storage::sql::rows::{from_text, to_text};
use huli_contract::{LocalizedText, NewTeam, NewUnit, PartnerUnitRef, PointId, TeamId, UnitView};
use sqlx::AnyConnection;

pub(super) async fn insert_unit(conn: &mut AnyConnection, unit: &NewUnit) -> StorageResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO partner_units (name_zh, name_en, kind) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(&unit.name.zh)
    .bind(&unit.name.en)
    .bind(to_text(&unit.kind))
    .fetch_one(conn)
    .await?)
}

type UnitRow = (i64, String, String, String, Option<i64>);

fn unit_view_of(row: UnitRow) -> StorageResult<UnitView> {
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

pub(super) async fn unit_view(
    conn: &mut AnyConnection,
    unit: i64,
) -> StorageResult<Option<UnitView>> {
    let row: Option<UnitRow> = sqlx::query_as(&format!("{UNIT_VIEW} WHERE u.id = $1"))
        .bind(unit)
        .fetch_optional(conn)
        .await?;
    row.map(unit_view_of).transpose()
}

pub(super) async fn pair_unit(
    conn: &mut AnyConnection,
    unit: i64,
    point: PointId,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO point_partners (unit_id, point_id) VALUES ($1, $2) \
         ON CONFLICT (unit_id) DO UPDATE SET point_id = excluded.point_id",
    )
    .bind(unit)
    .bind(point.0)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn insert_team(conn: &mut AnyConnection, team: &NewTeam) -> StorageResult<TeamId> {
    let id = sqlx::query_scalar(
        "INSERT INTO teams (name_zh, name_en, kind, unit_id) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&team.name.zh)
    .bind(&team.name.en)
    .bind(to_text(&team.kind))
    .bind(team.unit_id)
    .fetch_one(conn)
    .await?;
    Ok(TeamId(id))
}

pub(super) async fn managed(
    conn: &mut AnyConnection,
    only: Option<i64>,
) -> StorageResult<Vec<UnitView>> {
    let rows: Vec<UnitRow> = sqlx::query_as(&format!(
        "{UNIT_VIEW} WHERE $1 IS NULL OR u.id = $1 ORDER BY u.id"
    ))
    .bind(only)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(unit_view_of).collect()
}
