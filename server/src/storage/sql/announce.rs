//! Several servers on one PostgreSQL database: each tells the others of its committed
//! writes (`NOTIFY`), and listens for theirs (`LISTEN`), so that their public reads and
//! live counters follow. PostgreSQL delivers a notification only once its transaction
//! commits, and folds identical ones sent in one transaction into one.

use crate::storage::{Change, Heard, StorageResult};
use sqlx::AnyPool;
use sqlx::postgres::PgListener;
use std::sync::Arc;
use std::time::Duration;

const CHANNEL: &str = "huli_changes";

/// Waiting before connecting again after the connection was lost.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

fn name(change: Change) -> &'static str {
    match change {
        Change::Programme => "programme",
        Change::Attendance => "attendance",
        Change::Approved => "approved",
    }
}

fn parse(name: &str) -> Option<Change> {
    [Change::Programme, Change::Attendance, Change::Approved]
        .into_iter()
        .find(|change| self::name(*change) == name)
}

/// Sends `change`, signed by `server` so that it does not act on its own news.
pub(super) async fn send(pool: &AnyPool, server: u64, change: Change) -> StorageResult<()> {
    // Through a subquery: `pg_notify` returns `void`, which the `Any` driver cannot carry.
    sqlx::query("SELECT 1 FROM (SELECT pg_notify($1, $2)) AS sent")
        .bind(CHANNEL)
        .bind(format!("{} {server}", name(change)))
        .execute(pool)
        .await?;
    Ok(())
}

/// Listens on `url` until the runtime stops. After every connection, the first
/// included, `heard` gets [`Heard::Missed`] first: whatever was sent while no one
/// listened (before this server listened at all, too) is unknown.
pub(super) async fn listen(url: String, server: u64, heard: Arc<dyn Fn(Heard) + Send + Sync>) {
    loop {
        let mut listener = match connect(&url).await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(%error, "listening for other servers' changes; trying again");
                tokio::time::sleep(RECONNECT_AFTER).await;
                continue;
            }
        };
        heard(Heard::Missed);
        // `try_recv` answers `None` when the connection is lost; a new one follows.
        while let Ok(Some(notification)) = listener.try_recv().await {
            let (change, sender) = notification.payload().split_once(' ').unwrap_or_default();
            if sender != server.to_string()
                && let Some(change) = parse(change)
            {
                heard(Heard::Change(change));
            }
        }
        tracing::warn!("lost the connection that listens for other servers' changes");
        tokio::time::sleep(RECONNECT_AFTER).await;
    }
}

async fn connect(url: &str) -> StorageResult<PgListener> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
