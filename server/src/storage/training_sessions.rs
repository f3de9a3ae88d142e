//! Training sessions' rows: [`TrainingSessions`] reads lists outside a transaction,
//! [`TrainingSessionsTx`] reads and writes inside a [`super::WriteTx`] for
//! `crate::services::training_sessions`, where the rules are.

use super::{StorageResult, VolunteerId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    NewTrainingSession, ShiftWindow, SignupStatus, Training, TrainingRosterLine, TrainingSessionId,
    TrainingSessionView, TrainingSignupId, TrainingSignupView,
};

#[async_trait]
pub trait TrainingSessions: Send + Sync {
    /// Sessions starting after `now`, soonest first; of one training if given.
    async fn upcoming_training_sessions(
        &self,
        training: Option<Training>,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSessionView>>;

    /// Sessions of one unit (or every unit for `None`) that ended after `since`,
    /// soonest first.
    async fn training_sessions_of(
        &self,
        only_unit: Option<i64>,
        since: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSessionView>>;

    /// The volunteer's sign-ups for sessions that end after `now`, of any status.
    async fn my_training_signups(
        &self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSignupView>>;
}

/// One of a volunteer's training sign-ups, as cancelling needs it.
pub struct TrainingSignupFacts {
    pub volunteer: VolunteerId,
    pub session: TrainingSessionId,
    pub status: SignupStatus,
    pub window: ShiftWindow,
}

#[async_trait]
pub trait TrainingSessionsTx: Send {
    async fn insert_training_session(
        &mut self,
        session: &NewTrainingSession,
        scheduled_by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<TrainingSessionId>;

    async fn training_session(
        &mut self,
        id: TrainingSessionId,
    ) -> StorageResult<Option<TrainingSessionView>>;

    /// Whether the volunteer holds or waits for a training session, other than
    /// `other_than`, whose time meets `window`.
    async fn holds_overlapping_session(
        &mut self,
        volunteer: VolunteerId,
        other_than: Option<TrainingSessionId>,
        window: ShiftWindow,
    ) -> StorageResult<bool>;

    /// How many training sign-ups the volunteer holds or waits for on sessions starting
    /// after `now`.
    async fn upcoming_training_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<u32>;

    /// The volunteer's sign-up for this session, of any status.
    async fn training_signup_for(
        &mut self,
        volunteer: VolunteerId,
        session: TrainingSessionId,
    ) -> StorageResult<Option<(TrainingSignupId, SignupStatus)>>;

    async fn training_signup_facts(
        &mut self,
        id: TrainingSignupId,
    ) -> StorageResult<Option<TrainingSignupFacts>>;

    async fn training_signup_view(
        &mut self,
        id: TrainingSignupId,
    ) -> StorageResult<TrainingSignupView>;

    async fn insert_training_signup(
        &mut self,
        volunteer: VolunteerId,
        session: TrainingSessionId,
        status: SignupStatus,
        now: DateTime<Utc>,
    ) -> StorageResult<TrainingSignupId>;

    async fn delete_training_signup(&mut self, id: TrainingSignupId) -> StorageResult<()>;

    async fn set_training_signup_status(
        &mut self,
        id: TrainingSignupId,
        status: SignupStatus,
    ) -> StorageResult<()>;

    /// The volunteer's confirmed and waitlisted sign-ups for sessions starting after
    /// `now`.
    async fn held_training_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSignupId>>;

    /// The session's longest-waiting waitlisted sign-up.
    async fn first_waitlisted_for_session(
        &mut self,
        session: TrainingSessionId,
    ) -> StorageResult<Option<TrainingSignupId>>;

    /// Marks the sign-up present at `at`.
    async fn mark_attended(&mut self, id: TrainingSignupId, at: DateTime<Utc>)
    -> StorageResult<()>;

    /// Whether the sign-up was marked present.
    async fn attended(&mut self, id: TrainingSignupId) -> StorageResult<bool>;

    /// Everyone who signed up, in the order they did.
    async fn training_roster(
        &mut self,
        session: TrainingSessionId,
    ) -> StorageResult<Vec<TrainingRosterLine>>;
}
