//! The rows of a point's details.

use crate::storage::sql::rows::to_text;
use crate::storage::{StorageError, StorageResult};
use huli_contract::{PointChange, PointId};
use serde_json::{Value, json};
use sqlx::AnyConnection;

pub(super) async fn snapshot(
    conn: &mut AnyConnection,
    id: PointId,
) -> StorageResult<Option<Value>> {
    type Row = (String, String, String, String, String, f64, f64, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT name_zh, name_en, address_zh, address_en, opening_hours, lat, lon, \
                location_approximate \
         FROM service_points WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((name_zh, name_en, address_zh, address_en, hours, lat, lon, approximate)) = row else {
        return Ok(None);
    };
    let services: Vec<String> = sqlx::query_scalar(
        "SELECT service FROM point_services WHERE point_id = $1 ORDER BY service",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    let opening_hours: Value = serde_json::from_str(&hours)
        .map_err(|e| StorageError::Corrupt(format!("service_points {}: {e}", id.0)))?;
    Ok(Some(json!({
        "name_zh": name_zh,
        "name_en": name_en,
        "address_zh": address_zh,
        "address_en": address_en,
        "opening_hours": opening_hours,
        "lat": lat,
        "lon": lon,
        "location_approximate": approximate,
        "services": services,
    })))
}

pub(super) async fn update(
    conn: &mut AnyConnection,
    id: PointId,
    change: &PointChange,
) -> StorageResult<()> {
    let hours = (change.opening_hours.as_ref())
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StorageError::Corrupt(format!("opening hours: {e}")))?;
    sqlx::query(
        "UPDATE service_points SET name_zh = COALESCE($1, name_zh), name_en = COALESCE($2, name_en), \
             address_zh = COALESCE($3, address_zh), address_en = COALESCE($4, address_en), \
             opening_hours = COALESCE($5, opening_hours), \
             lat = CASE WHEN $9 = 1 THEN $6 ELSE lat END, \
             lon = CASE WHEN $9 = 1 THEN $7 ELSE lon END, \
             location_approximate = CASE WHEN $9 = 1 THEN 0 ELSE location_approximate END \
         WHERE id = $8",
    )
    .bind(&change.name_zh)
    .bind(&change.name_en)
    .bind(&change.address_zh)
    .bind(&change.address_en)
    .bind(hours)
    // Always a number, with a flag saying whether it counts: sqlx's `Any` driver sends an
    // absent float with another type than a present one, and PostgreSQL keeps the types
    // a statement was first prepared with.
    .bind(change.location.map_or(0.0, |at| at.lat()))
    .bind(change.location.map_or(0.0, |at| at.lon()))
    .bind(id.0)
    .bind(i64::from(change.location.is_some()))
    .execute(&mut *conn)
    .await?;
    if let Some(services) = &change.services {
        sqlx::query("DELETE FROM point_services WHERE point_id = $1")
            .bind(id.0)
            .execute(&mut *conn)
            .await?;
        for service in services {
            sqlx::query("INSERT INTO point_services (point_id, service) VALUES ($1, $2)")
                .bind(id.0)
                .bind(to_text(service))
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}
