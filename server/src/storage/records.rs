//! What staff read out of the programme: CSV exports, volunteers' service records and
//! their numbered certificates, and what a point's display shows.

use super::{KeyHash, Outcome, StorageResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    CertificateNumber, DisplayShift, HoursGrouping, LocalizedText, Minutes, Period, PhoneNumber,
    PointId, RosterShift, ServiceCertificate, StaffAccount, VolunteerListing, VolunteerNumber,
};

#[async_trait]
pub trait Records: Send + Sync {
    /// At most `limit` volunteers whose name contains `query`, whose phone number ends
    /// with it, or whose volunteer number it is. `only_unit` keeps to the volunteers a
    /// coordinator sees: its unit's teams and whoever signed up for its unit's shifts.
    async fn find_volunteers(
        &self,
        only_unit: Option<i64>,
        query: &str,
        limit: u32,
    ) -> StorageResult<Vec<VolunteerListing>>;

    /// Every volunteer (of `only_unit`), for the CSV export. The whole number is here;
    /// the export masks it unless the role may see it.
    async fn volunteers_for_export(
        &self,
        only_unit: Option<i64>,
    ) -> StorageResult<Vec<VolunteerExport>>;

    /// Verified minutes served on shifts starting in `period` (organised by `only_unit`),
    /// added up by volunteer, team or organising unit.
    async fn verified_hours(
        &self,
        only_unit: Option<i64>,
        grouping: HoursGrouping,
        period: Period,
    ) -> StorageResult<Vec<HoursLine>>;

    /// Issues a numbered certificate of the volunteer's verified service in `period`
    /// (a coordinator's covers its unit's shifts only). The same request again, with
    /// nothing changed in the record, answers the certificate already issued.
    async fn issue_certificate(
        &self,
        by: &StaffAccount,
        volunteer: VolunteerNumber,
        period: Period,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<ServiceCertificate>>;

    /// A certificate as issued (by `only_unit`'s coordinators).
    async fn certificate(
        &self,
        only_unit: Option<i64>,
        number: &CertificateNumber,
    ) -> StorageResult<Option<ServiceCertificate>>;

    /// Replaces the personal link key of a volunteer (of `only_unit`'s teams) with one
    /// whose hash is `key_hash`; the old link stops working.
    async fn replace_personal_link(
        &self,
        by: &StaffAccount,
        only_unit: Option<i64>,
        volunteer: VolunteerNumber,
        key_hash: &KeyHash,
        now: DateTime<Utc>,
    ) -> StorageResult<Outcome<()>>;

    /// What the point's display needs for the day around `now` (China Standard Time).
    async fn point_display(
        &self,
        point: PointId,
        now: DateTime<Utc>,
    ) -> StorageResult<Option<DisplayData>>;

    /// The units paired with the point (their coordinators run its display and roster),
    /// or `None` if there is no such point.
    async fn point_partners(&self, point: PointId) -> StorageResult<Option<Vec<i64>>>;

    /// Today's shifts at the point (China Standard Time, around `now`; only those
    /// `only_unit` organised) with everyone confirmed on them and their check-in and
    /// check-out.
    async fn roster(
        &self,
        point: PointId,
        only_unit: Option<i64>,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<RosterShift>>;

    /// Notes in the audit log that `by` exported `what`.
    async fn log_export(
        &self,
        by: &StaffAccount,
        what: &str,
        now: DateTime<Utc>,
    ) -> StorageResult<()>;
}

/// One volunteer in the CSV export.
pub struct VolunteerExport {
    pub number: VolunteerNumber,
    pub name: String,
    pub phone: PhoneNumber,
    pub team: LocalizedText,
    pub registered_at: DateTime<Utc>,
    pub verified_minutes: Minutes,
}

/// Who or what a line of the hours export is about.
pub enum HoursSubject {
    Volunteer {
        number: VolunteerNumber,
        name: String,
        team: LocalizedText,
    },
    Team(LocalizedText),
    Unit(LocalizedText),
}

/// Verified minutes of one volunteer, team or unit in a period.
pub struct HoursLine {
    pub subject: HoursSubject,
    pub volunteers: u32,
    pub shifts: u32,
    pub minutes: Minutes,
}

/// A point as its display shows it; the route derives the code from the secret.
pub struct DisplayData {
    pub name: LocalizedText,
    pub code_secret: Vec<u8>,
    pub shifts: Vec<DisplayShift>,
}
