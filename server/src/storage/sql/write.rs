//! [`WriteTx`] on SQLite: one `BEGIN IMMEDIATE` transaction on the writer connection.

use super::{attendance, audit, review, signups};
use crate::storage::{
    AttendanceRecord, AuditChange, IdempotentRequest, KeyHash, ReviewMark, ReviewState,
    SignupFacts, StorageResult, StoredAnswer, VolunteerId, WriteTx,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use huli_contract::{
    AuditAction, CheckInMethod, Minutes, PhoneNumber, Registration, ReviewItem, ShiftId, ShiftView,
    ShiftWindow, SignupId, SignupStatus, SignupView, StaffAccount, TeamId, Training,
};
use sqlx::{Any, Transaction};

pub struct SqlWrite(pub(super) Transaction<'static, Any>);

#[async_trait]
impl WriteTx for SqlWrite {
    async fn commit(self: Box<Self>) -> StorageResult<()> {
        Ok(self.0.commit().await?)
    }

    async fn stored_answer(
        &mut self,
        request: &IdempotentRequest,
    ) -> StorageResult<Option<StoredAnswer>> {
        signups::stored_answer(&mut self.0, request).await
    }

    async fn store_answer(
        &mut self,
        request: &IdempotentRequest,
        outcome: &str,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        signups::store_answer(&mut self.0, request, outcome, now).await
    }

    async fn team_exists(&mut self, team: TeamId) -> StorageResult<bool> {
        signups::team_exists(&mut self.0, team).await
    }

    async fn volunteer_with_phone(
        &mut self,
        phone: &PhoneNumber,
    ) -> StorageResult<Option<VolunteerId>> {
        signups::volunteer_with_phone(&mut self.0, phone).await
    }

    async fn insert_volunteer(
        &mut self,
        registration: &Registration,
        key_hash: &KeyHash,
        now: DateTime<Utc>,
    ) -> StorageResult<VolunteerId> {
        signups::insert_volunteer(&mut self.0, registration, key_hash, now).await
    }

    async fn trainings_valid_on(
        &mut self,
        volunteer: VolunteerId,
        day: NaiveDate,
    ) -> StorageResult<Vec<Training>> {
        signups::trainings_valid_on(&mut self.0, volunteer, day).await
    }

    async fn shift(&mut self, id: ShiftId) -> StorageResult<Option<ShiftView>> {
        signups::shift_view(&mut self.0, id).await
    }

    async fn holds_overlapping_shift(
        &mut self,
        volunteer: VolunteerId,
        other_than: ShiftId,
        window: ShiftWindow,
    ) -> StorageResult<bool> {
        signups::holds_overlapping_shift(&mut self.0, volunteer, other_than, window).await
    }

    async fn upcoming_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<u32> {
        signups::upcoming_signups(&mut self.0, volunteer, now).await
    }

    async fn signup_for_shift(
        &mut self,
        volunteer: VolunteerId,
        shift: ShiftId,
    ) -> StorageResult<Option<(SignupId, SignupStatus)>> {
        signups::signup_for_shift(&mut self.0, volunteer, shift).await
    }

    async fn signup_facts(&mut self, signup: SignupId) -> StorageResult<Option<SignupFacts>> {
        attendance::signup_facts(&mut self.0, signup).await
    }

    async fn signup_view(&mut self, id: SignupId) -> StorageResult<SignupView> {
        signups::signup_view(&mut self.0, id).await
    }

    async fn insert_signup(
        &mut self,
        volunteer: VolunteerId,
        shift: ShiftId,
        status: SignupStatus,
        now: DateTime<Utc>,
    ) -> StorageResult<SignupId> {
        signups::insert_signup(&mut self.0, volunteer, shift, status, now).await
    }

    async fn delete_signup(&mut self, id: SignupId) -> StorageResult<()> {
        signups::delete_signup(&mut self.0, id).await
    }

    async fn set_signup_status(&mut self, id: SignupId, status: SignupStatus) -> StorageResult<()> {
        signups::set_signup_status(&mut self.0, id, status).await
    }

    async fn first_waitlisted(&mut self, shift: ShiftId) -> StorageResult<Option<SignupId>> {
        signups::first_waitlisted(&mut self.0, shift).await
    }

    async fn attendance(&mut self, signup: SignupId) -> StorageResult<Option<AttendanceRecord>> {
        attendance::record_of(&mut self.0, signup).await
    }

    async fn wrong_codes_since(
        &mut self,
        signup: SignupId,
        since: DateTime<Utc>,
    ) -> StorageResult<u32> {
        attendance::wrong_codes_since(&mut self.0, signup, since).await
    }

    async fn record_wrong_code(
        &mut self,
        signup: SignupId,
        at: DateTime<Utc>,
    ) -> StorageResult<()> {
        attendance::record_wrong_code(&mut self.0, signup, at).await
    }

    async fn insert_check_in(
        &mut self,
        signup: SignupId,
        method: CheckInMethod,
        at: DateTime<Utc>,
    ) -> StorageResult<i64> {
        attendance::insert_check_in(&mut self.0, signup, method, at).await
    }

    async fn set_check_out(
        &mut self,
        signup: SignupId,
        at: DateTime<Utc>,
        served: Minutes,
    ) -> StorageResult<()> {
        attendance::set_check_out(&mut self.0, signup, at, served).await
    }

    async fn review_item(&mut self, attendance: i64) -> StorageResult<Option<ReviewItem>> {
        review::item_by_id(&mut self.0, attendance).await
    }

    async fn review_state(&mut self, attendance: i64) -> StorageResult<Option<ReviewState>> {
        review::review_state(&mut self.0, attendance).await
    }

    async fn set_review(&mut self, attendance: i64, mark: &ReviewMark<'_>) -> StorageResult<()> {
        review::set_review(&mut self.0, attendance, mark).await
    }

    async fn clear_review(&mut self, attendance: i64) -> StorageResult<()> {
        review::clear_review(&mut self.0, attendance).await
    }

    async fn last_audit_entry(
        &mut self,
        attendance: i64,
    ) -> StorageResult<Option<(AuditAction, i64)>> {
        audit::last_about_attendance(&mut self.0, attendance).await
    }

    async fn record_audit(
        &mut self,
        by: &StaffAccount,
        change: AuditChange,
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        audit::record(&mut self.0, by, change, now).await
    }
}
