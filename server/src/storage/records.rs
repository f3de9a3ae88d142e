//! What staff read out of the programme: CSV exports, volunteers' service records and
//! their numbered certificates, and what a point's display shows; and [`RecordsTx`], the
//! rows that `crate::services::records` reads and writes.

use super::{KeyHash, StorageResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    CertificateNumber, DisplayShift, HoursGrouping, LocalizedText, Minutes, MyData, Period,
    PhoneNumber, PointId, RosterShift, ServiceCertificate, ServiceEntry, VolunteerListing,
    VolunteerNumber,
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

    /// Everything held about the volunteer, if `only_unit` sees them: what their
    /// service record is made from.
    async fn volunteer_data(
        &self,
        only_unit: Option<i64>,
        volunteer: VolunteerNumber,
    ) -> StorageResult<Option<MyData>>;

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

    /// A certificate as issued (by `only_unit`'s coordinators).
    async fn certificate(
        &self,
        only_unit: Option<i64>,
        number: &CertificateNumber,
    ) -> StorageResult<Option<ServiceCertificate>>;

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
}

/// The rows that issuing certificates and replacing personal links read and write,
/// inside a [`super::WriteTx`].
#[async_trait]
pub trait RecordsTx: Send {
    /// Whether the volunteer exists and a coordinator of `only_unit` sees them (an
    /// administrator, `None`, sees everyone): its unit's teams and whoever signed up
    /// for its unit's shifts.
    async fn volunteer_visible(
        &mut self,
        only_unit: Option<i64>,
        volunteer: VolunteerNumber,
    ) -> StorageResult<bool>;

    /// Whether the volunteer exists and serves in one of `only_unit`'s teams (any
    /// volunteer for `None`).
    async fn volunteer_in_unit_teams(
        &mut self,
        only_unit: Option<i64>,
        volunteer: VolunteerNumber,
    ) -> StorageResult<bool>;

    async fn set_personal_link(
        &mut self,
        volunteer: VolunteerNumber,
        key_hash: &KeyHash,
    ) -> StorageResult<()>;

    /// The volunteer's approved service on shifts starting in `period` (organised by
    /// `only_unit`), by organiser, point and duty, in the order it began.
    async fn verified_service(
        &mut self,
        volunteer: VolunteerNumber,
        only_unit: Option<i64>,
        period: Period,
    ) -> StorageResult<Vec<ServiceEntry>>;

    /// The volunteer's name and their team's (or "individual volunteer").
    async fn volunteer_identity(
        &mut self,
        volunteer: VolunteerNumber,
    ) -> StorageResult<(String, LocalizedText)>;

    /// The newest certificate for the same volunteer, issuer scope and period.
    async fn latest_certificate(
        &mut self,
        volunteer: VolunteerNumber,
        only_unit: Option<i64>,
        period: Period,
    ) -> StorageResult<Option<ServiceCertificate>>;

    async fn unit_name(&mut self, unit: i64) -> StorageResult<LocalizedText>;

    /// The highest sequence number of the certificates issued in `year`; 0 for none.
    async fn last_certificate_sequence(&mut self, year: i32) -> StorageResult<u32>;

    /// All the volunteer's approved minutes, whoever organised the shifts.
    async fn verified_minutes(&mut self, volunteer: VolunteerNumber) -> StorageResult<Minutes>;

    /// Keeps the certificate as issued, by `by` for `only_unit`.
    async fn insert_certificate(
        &mut self,
        certificate: &ServiceCertificate,
        only_unit: Option<i64>,
        by: i64,
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
        /// `None` for a volunteer erased since: their minutes still count.
        name: Option<String>,
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
