//! The points' display links: read by the device's requests ([`DisplayLinks`]) and made
//! and revoked by `crate::services::display_links` inside a [`super::WriteTx`]
//! ([`DisplayLinksTx`]).

use super::StorageResult;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{DisplayLinkView, PointId};

#[async_trait]
pub trait DisplayLinks: Send + Sync {
    /// The point's links in force, newest first.
    async fn display_links(&self, point: PointId) -> StorageResult<Vec<DisplayLinkView>>;

    /// The link in force whose key hashes to `token_hash`.
    async fn display_link(&self, token_hash: &[u8; 32]) -> StorageResult<Option<LinkInForce>>;

    /// Records that the device used the link at `now`.
    async fn display_link_seen(&self, id: i64, now: DateTime<Utc>) -> StorageResult<()>;
}

/// What a device's request is checked against.
#[derive(Clone, Copy, Debug)]
pub struct LinkInForce {
    pub id: i64,
    pub point: PointId,
    pub last_seen_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait DisplayLinksTx: Send {
    async fn insert_display_link(
        &mut self,
        point: PointId,
        label: &str,
        token_hash: &[u8; 32],
        created_by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<i64>;

    /// Revokes the point's link `id` as of `now`; false when it has no such link in force.
    async fn revoke_display_link(
        &mut self,
        point: PointId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<bool>;
}
