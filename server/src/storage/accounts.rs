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

    /// The account's second factor: the secret in force and the one being enrolled.
    async fn second_factor(&mut self, id: i64) -> StorageResult<SecondFactorSecrets>;

    /// Keeps `secret` as the one being enrolled, replacing any other being enrolled.
    async fn set_pending_second_factor(&mut self, id: i64, secret: &[u8]) -> StorageResult<()>;

    /// Puts the secret being enrolled in force, its code of `confirmed_step` used; or,
    /// with `None`, switches the second factor off. Either way nothing stays being enrolled.
    async fn set_second_factor(
        &mut self,
        id: i64,
        confirmed_step: Option<i64>,
    ) -> StorageResult<()>;

    /// Records that a code of `step` was used; false when one of this step or a later
    /// one was used already (a replayed code).
    async fn use_step(&mut self, id: i64, step: i64) -> StorageResult<bool>;

    /// Replaces the account's recovery codes with these hashes.
    async fn replace_recovery_codes(&mut self, id: i64, hashes: &[[u8; 32]]) -> StorageResult<()>;

    /// Marks the unused recovery code with this hash used; false when there is none.
    async fn use_recovery_code(
        &mut self,
        id: i64,
        hash: &[u8; 32],
        now: DateTime<Utc>,
    ) -> StorageResult<bool>;

    /// Ends the account's sessions, all but the one whose token hashes to `keep`;
    /// returns how many ended.
    async fn end_sessions(&mut self, id: i64, keep: Option<&[u8; 32]>) -> StorageResult<u32>;
}

/// An account's second-factor secrets.
#[derive(Clone, Debug, Default)]
pub struct SecondFactorSecrets {
    pub in_force: Option<Vec<u8>>,
    pub pending: Option<Vec<u8>>,
}
