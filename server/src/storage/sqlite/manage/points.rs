//! Changing a point's details and moving its marker.

use super::{Entry, audit, name_taken, not_allowed, paired_point, refused_field};
use crate::storage::sqlite::rows::to_text;
use crate::storage::{Outcome, Refusal, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::AuditAction;
use huli_contract::{PointChange, PointId, Problem, StaffAccount, StaffRole};
use serde_json::Value;
use sqlx::SqliteConnection;

/// A point's details as the audit log keeps them.
async fn point_snapshot(conn: &mut SqliteConnection, id: i64) -> StorageResult<Option<Value>> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT json_object('name_zh', name_zh, 'name_en', name_en, 'address_zh', address_zh, \
                'address_en', address_en, 'opening_hours', json(opening_hours), \
                'lat', lat, 'lon', lon, 'location_approximate', location_approximate, \
                'services', (SELECT json_group_array(service) FROM point_services \
                             WHERE point_id = p.id)) \
         FROM service_points p WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    text.map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(|e| StorageError::Corrupt(format!("service_points {id}: {e}")))
}

/// Applies `change` for an administrator, or for a coordinator of a unit paired with
/// the point, whose unit may then read the audit entry.
pub(super) async fn change_point(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    id: PointId,
    change: &PointChange,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let Some(before) = point_snapshot(conn, id.0).await? else {
        return Ok(Err(Refusal::NotFound));
    };
    let unit = match by.role {
        StaffRole::Administrator => None,
        StaffRole::Coordinator { unit_id } if paired_point(conn, unit_id).await? == Some(id.0) => {
            Some(unit_id)
        }
        StaffRole::Coordinator { .. } | StaffRole::PointLeader { .. } => return not_allowed(),
    };
    if let Some(name) = &change.name_zh
        && name_taken(conn, "service_points", name, id.0).await?
    {
        return refused_field("name_zh", Problem::AlreadyInUse);
    }
    let hours = (change.opening_hours.as_ref())
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StorageError::Corrupt(format!("opening hours: {e}")))?;
    sqlx::query(
        "UPDATE service_points SET name_zh = COALESCE(?1, name_zh), name_en = COALESCE(?2, name_en), \
             address_zh = COALESCE(?3, address_zh), address_en = COALESCE(?4, address_en), \
             opening_hours = COALESCE(?5, opening_hours), lat = COALESCE(?6, lat), \
             lon = COALESCE(?7, lon), \
             location_approximate = CASE WHEN ?6 IS NULL THEN location_approximate ELSE 0 END \
         WHERE id = ?8",
    )
    .bind(&change.name_zh)
    .bind(&change.name_en)
    .bind(&change.address_zh)
    .bind(&change.address_en)
    .bind(hours)
    .bind(change.location.map(|at| at.lat()))
    .bind(change.location.map(|at| at.lon()))
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    if let Some(services) = &change.services {
        sqlx::query("DELETE FROM point_services WHERE point_id = ?")
            .bind(id.0)
            .execute(&mut *conn)
            .await?;
        for service in services {
            sqlx::query("INSERT INTO point_services (point_id, service) VALUES (?, ?)")
                .bind(id.0)
                .bind(to_text(service))
                .execute(&mut *conn)
                .await?;
        }
    }
    let after = point_snapshot(conn, id.0).await?;
    let entry = Entry {
        attendance: None,
        action: AuditAction::PointChange,
        subject: format!("point/{}", id.0),
        unit,
        before: Some(before),
        after,
    };
    audit(conn, by, entry, now).await?;
    Ok(Ok(()))
}
