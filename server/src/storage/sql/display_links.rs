//! The points' display links.

use super::SqlStore;
use super::rows::timestamp;
use super::write::SqlWrite;
use crate::storage::{DisplayLinks, DisplayLinksTx, LinkInForce, StorageResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{DisplayLinkView, PointId};

type ViewRow = (i64, i64, String, String, i64, Option<i64>);

#[async_trait]
impl DisplayLinks for SqlStore {
    async fn display_links(&self, point: PointId) -> StorageResult<Vec<DisplayLinkView>> {
        let rows: Vec<ViewRow> = sqlx::query_as(
            "SELECT l.id, l.point_id, l.label, a.display_name, l.created_at, l.last_seen_at \
             FROM display_links l JOIN staff_accounts a ON a.id = l.created_by \
             WHERE l.point_id = $1 AND l.revoked_at IS NULL ORDER BY l.id DESC",
        )
        .bind(point.0)
        .fetch_all(&mut *self.readers.acquire().await?)
        .await?;
        rows.into_iter()
            .map(|(id, point, label, created_by, created, seen)| {
                Ok(DisplayLinkView {
                    id,
                    point_id: PointId(point),
                    label,
                    created_by,
                    created_at: timestamp(created)?,
                    last_seen_at: seen.map(timestamp).transpose()?,
                })
            })
            .collect()
    }

    async fn display_link(&self, token_hash: &[u8; 32]) -> StorageResult<Option<LinkInForce>> {
        let row: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT id, point_id, last_seen_at FROM display_links \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(&token_hash[..])
        .fetch_optional(&mut *self.readers.acquire().await?)
        .await?;
        row.map(|(id, point, seen)| {
            Ok(LinkInForce {
                id,
                point: PointId(point),
                last_seen_at: seen.map(timestamp).transpose()?,
            })
        })
        .transpose()
    }

    async fn display_link_seen(&self, id: i64, now: DateTime<Utc>) -> StorageResult<()> {
        sqlx::query("UPDATE display_links SET last_seen_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now.timestamp())
            .execute(&mut *self.writer.acquire().await?)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl DisplayLinksTx for SqlWrite {
    async fn insert_display_link(
        &mut self,
        point: PointId,
        label: &str,
        token_hash: &[u8; 32],
        created_by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO display_links (point_id, label, token_hash, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(point.0)
        .bind(label)
        .bind(&token_hash[..])
        .bind(created_by)
        .bind(now.timestamp())
        .fetch_one(&mut *self.0)
        .await?;
        Ok(id)
    }

    async fn revoke_display_link(
        &mut self,
        point: PointId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<bool> {
        let done = sqlx::query(
            "UPDATE display_links SET revoked_at = $3 \
             WHERE id = $1 AND point_id = $2 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(point.0)
        .bind(now.timestamp())
        .execute(&mut *self.0)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
