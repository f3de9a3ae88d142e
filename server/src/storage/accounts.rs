//! The rows behind running staff accounts (`crate::services::accounts`): data only,
//! inside a [`super::WriteTx`].

use super::{NewStaffAccount, StorageResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::StaffAccount;

#[async_trait]
pub trait AccountsTx: Send {
    async fn login_taken(&mut self, login: &str) -> StorageResult<bool>;

    async fn insert_account(
        &mut self,
        account: &NewStaffAccount,
        now: DateTime<Utc>,
    ) -> StorageResult<i64>;

    /// The account, and whether it is disabled.
    async fn account(&mut self, id: i64) -> StorageResult<Option<(StaffAccount, bool)>>;

    /// Disables the account as of `at`, or re-enables it with `None`.
    async fn set_disabled(&mut self, id: i64, at: Option<DateTime<Utc>>) -> StorageResult<()>;

    async fn set_password_hash(&mut self, id: i64, hash: &str) -> StorageResult<()>;

    /// Ends the account's sessions, all but the one whose token hashes to `keep`;
    /// returns how many ended.
    async fn end_sessions(&mut self, id: i64, keep: Option<&[u8; 32]>) -> StorageResult<u32>;
}
