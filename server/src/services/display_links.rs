//! The points' display links: made and revoked by whoever runs the point, each with its
//! audit entry (the label, never the key) in the same transaction.

use crate::storage::{Outcome, Refusal, StorageResult, Store};
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
    let change = super::entry(
        AuditAction::DisplayLinkCreate,
        format!("point/{}", point.0),
        None,
        None,
        Some(after),
    );
    tx.record_audit(by, change, now).await?;
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
    let after = json!({ "link": id });
    let change = super::entry(
        AuditAction::DisplayLinkRevoke,
        format!("point/{}", point.0),
        None,
        None,
        Some(after),
    );
    tx.record_audit(by, change, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
