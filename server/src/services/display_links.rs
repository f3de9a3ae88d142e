//! The points' display links: made and revoked by whoever runs the point, each with its
//! audit entry (the label, never the key) in the same transaction.

use crate::storage::{Outcome, Refusal, StorageResult, Store, WriteTx};
use chrono::{DateTime, Utc};
use huli_contract::{AuditAction, DisplayLinkView, PointId, StaffAccount};
use serde_json::json;

/// Makes a link to the point's display, whose key hashes to `token_hash`.
pub async fn create(
    store: &dyn Store,
    by: &StaffAccount,
    point: PointId,
    label: &str,
    token_hash: &[u8; 32],
    now: DateTime<Utc>,
) -> StorageResult<DisplayLinkView> {
    let mut tx = store.begin_write().await?;
    let id = (tx.insert_display_link(point, label, token_hash, by.id, now)).await?;
    let after = json!({ "link": id, "label": label });
    let action = AuditAction::DisplayLinkCreate;
    record(&mut *tx, by, action, point, after, now).await?;
    tx.commit().await?;
    Ok(DisplayLinkView {
        id,
        point_id: point,
        label: label.to_owned(),
        created_by: by.display_name.clone(),
        created_at: now,
        last_seen_at: None,
    })
}

/// Revokes the point's link `id`: the device's next request is refused.
pub async fn revoke(
    store: &dyn Store,
    by: &StaffAccount,
    point: PointId,
    id: i64,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let mut tx = store.begin_write().await?;
    if !tx.revoke_display_link(point, id, now).await? {
        return Ok(Err(Refusal::NotFound));
    }
    let action = AuditAction::DisplayLinkRevoke;
    record(&mut *tx, by, action, point, json!({ "link": id }), now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// An audit entry about one of the point's links, for administrators' eyes (no unit's).
async fn record(
    tx: &mut dyn WriteTx,
    by: &StaffAccount,
    action: AuditAction,
    point: PointId,
    after: serde_json::Value,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let change = super::entry(
        action,
        format!("point/{}", point.0),
        None,
        None,
        Some(after),
    );
    tx.record_audit(by, change, now).await
}
