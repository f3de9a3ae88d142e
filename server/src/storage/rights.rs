//! The rows behind a volunteer's rights over their data (`crate::services::rights`):
//! correcting the profile, and erasure, at the volunteer's request or at the end of
//! the retention period. Data only, inside a [`super::WriteTx`].

use super::{StorageResult, VolunteerId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{PhoneNumber, Profile, ShiftId, SignupId, SignupStatus, VolunteerNumber};

/// A sign-up the volunteer still holds or waits for, on a shift yet to start.
pub struct HeldSignup {
    pub id: SignupId,
    pub shift: ShiftId,
    pub status: SignupStatus,
}

#[async_trait]
pub trait RightsTx: Send {
    /// The volunteer's mobile number; `None` if they were erased, or never existed.
    async fn volunteer_phone(
        &mut self,
        volunteer: VolunteerId,
    ) -> StorageResult<Option<PhoneNumber>>;

    /// The volunteer's name as stored (as it was accepted then: today's rules may refuse
    /// it); `None` if they were erased, or never existed.
    async fn volunteer_name(&mut self, volunteer: VolunteerId) -> StorageResult<Option<String>>;

    /// Replaces the volunteer's name, team and skills.
    async fn set_profile(&mut self, volunteer: VolunteerId, profile: &Profile)
    -> StorageResult<()>;

    /// The sign-ups, confirmed or waitlisted, on the volunteer's shifts starting after
    /// `now`.
    async fn held_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<HeldSignup>>;

    /// Erases the volunteers' names, phone numbers, personal links, consents, skills and
    /// trainings, and their names on the certificates issued to them. The rows, their
    /// sign-ups and their attendance stay, without an identity.
    async fn erase_volunteers(
        &mut self,
        volunteers: &[VolunteerId],
        now: DateTime<Utc>,
    ) -> StorageResult<()>;

    /// Volunteers not erased yet whose last shift ended before `cutoff`, or who
    /// registered before it and never signed up; at most `limit`.
    async fn volunteers_unseen_since(
        &mut self,
        cutoff: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<VolunteerId>>;
}

impl From<VolunteerNumber> for VolunteerId {
    fn from(number: VolunteerNumber) -> VolunteerId {
        VolunteerId(number.id())
    }
}
