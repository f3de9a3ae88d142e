//! The rows of a point's details.

use crate::storage::sqlite::rows::to_text;
use crate::storage::{StorageError, StorageResult};
use huli_contract::{PointChange, PointId};
use serde_json::Value;
use sqlx::SqliteConnection;

pub(super) async fn snapshot(
    conn: &mut SqliteConnection,
    id: PointId,
) -> StorageResult<Option<Value>> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT json_object('name_zh', name_zh, 'name_en', name_en, 'address_zh', address_zh, \
                'address_en', address_en, 'opening_hours', json(opening_hours), \
                'lat', lat, 'lon', lon, 'location_approximate', location_approximate, \
                'services', (SELECT json_group_array(service) FROM point_services \
                             WHERE point_id = p.id)) \
         FROM service_points p WHERE id = ?",
    )
    .bind(id.0)
    .fetch_optional(conn)
    .await?;
    text.map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(|e| StorageError::Corrupt(format!("service_points {}: {e}", id.0)))
}

pub(super) async fn update(
    conn: &mut SqliteConnection,
    id: PointId,
    change: &PointChange,
) -> StorageResult<()> {
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
    Ok(())
}
