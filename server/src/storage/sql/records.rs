//! SQLite side of [`crate::storage::Records`]: finding volunteers, the exports and the
//! point display; and of [`RecordsTx`]. Certificates are in `certificates.rs`.

use super::SqlStore;
use super::certificates;
use super::point_day;
use super::rights;
use super::rows::{minutes, timestamp};
use super::write::SqlWrite;
use crate::storage::{
    DisplayData, HoursLine, HoursSubject, KeyHash, Records, RecordsTx, StorageError, StorageResult,
    VolunteerExport, VolunteerId,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::glossary::Term;
use huli_contract::{
    CertificateNumber, HoursGrouping, LocalizedText, Minutes, MyData, Period, PhoneNumber, PointId,
    RosterShift, ServiceCertificate, ServiceEntry, TeamId, VolunteerListing, VolunteerNumber,
};
use sqlx::AnyConnection;

/// Which volunteers a coordinator of unit `?1` sees: its unit's teams, and whoever
/// signed up for a shift its unit organised. `?1` NULL sees everyone. Nobody sees an
/// erased volunteer: there is nobody left to find.
pub(super) const VOLUNTEER_IN_SCOPE: &str = "v.erased_at IS NULL AND ($1 IS NULL \
     OR v.team_id IN (SELECT id FROM teams WHERE unit_id = $1) \
     OR EXISTS (SELECT 1 FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
                WHERE s.volunteer_id = v.id AND sh.organiser_unit_id = $1))";

fn volunteer_number(id: i64) -> StorageResult<VolunteerNumber> {
    VolunteerNumber::from_id(id)
        .ok_or_else(|| StorageError::Corrupt(format!("volunteer id {id} has no number")))
}

/// A volunteer's team name, or the glossary's "individual volunteer" for one in no team.
pub(super) fn team_name(zh: Option<String>, en: Option<String>) -> LocalizedText {
    match (zh, en) {
        (Some(zh), Some(en)) => LocalizedText { zh, en },
        _ => Term::IndividualVolunteer.localized(),
    }
}

fn phone(id: i64, text: &str) -> StorageResult<PhoneNumber> {
    PhoneNumber::parse(text).map_err(|_| StorageError::Corrupt(format!("volunteers {id}: phone")))
}

/// Whether the volunteer exists and `only_unit` sees them.
pub(super) async fn volunteer_visible(
    conn: &mut AnyConnection,
    only_unit: Option<i64>,
    volunteer: VolunteerNumber,
) -> StorageResult<bool> {
    let found: Option<(i64,)> = sqlx::query_as(&format!(
        "SELECT v.id FROM volunteers v WHERE v.id = $2 AND {VOLUNTEER_IN_SCOPE}"
    ))
    .bind(only_unit)
    .bind(volunteer.id())
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

#[async_trait]
impl Records for SqlStore {
    async fn volunteer_data(
        &self,
        only_unit: Option<i64>,
        volunteer: VolunteerNumber,
    ) -> StorageResult<Option<MyData>> {
        let mut conn = self.readers.acquire().await?;
        if !volunteer_visible(&mut conn, only_unit, volunteer).await? {
            return Ok(None);
        }
        rights::my_data(&mut conn, VolunteerId(volunteer.id())).await
    }

    async fn find_volunteers(
        &self,
        only_unit: Option<i64>,
        query: &str,
        limit: u32,
    ) -> StorageResult<Vec<VolunteerListing>> {
        let query = query.trim();
        // The last four digits, which staff views show anyway, or the whole number: any
        // other length would let a search uncover a masked number digit by digit.
        let digits = matches!(query.len(), 4 | 11) && query.bytes().all(|b| b.is_ascii_digit());
        let number = VolunteerNumber::try_from(query.to_uppercase()).ok();
        type Row = (
            i64,
            String,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        // `$3` is digits only, so it holds no `LIKE` wildcard.
        let name_matches = self.dialect.contains("v.name", "$2");
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT v.id, v.name, v.phone, t.id, t.name_zh, t.name_en \
             FROM volunteers v LEFT JOIN teams t ON t.id = v.team_id \
             WHERE ({name_matches} OR v.phone LIKE '%' || $3 OR v.id = $4) \
               AND {VOLUNTEER_IN_SCOPE} \
             ORDER BY v.id LIMIT $5"
        ))
        .bind(only_unit)
        .bind(query)
        .bind(digits.then_some(query))
        .bind(number.map(VolunteerNumber::id))
        .bind(i64::from(limit))
        .fetch_all(&self.readers)
        .await?;
        rows.into_iter()
            .map(|(id, name, phone_text, team, zh, en)| {
                Ok(VolunteerListing {
                    number: volunteer_number(id)?,
                    name,
                    phone_masked: phone(id, &phone_text)?.masked(),
                    team_id: team.map(TeamId),
                    team: team_name(zh, en),
                })
            })
            .collect()
    }

    async fn volunteers_for_export(
        &self,
        only_unit: Option<i64>,
    ) -> StorageResult<Vec<VolunteerExport>> {
        type Row = (
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
            i64,
            i64,
        );
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT v.id, v.name, v.phone, t.name_zh, t.name_en, v.registered_at, \
                    CAST(COALESCE((SELECT SUM(a.minutes) FROM signups s \
                              JOIN attendance a ON a.signup_id = s.id \
                              JOIN shifts sh ON sh.id = s.shift_id \
                              WHERE s.volunteer_id = v.id AND a.status = 'approved' \
                                AND ($1 IS NULL OR sh.organiser_unit_id = $1)), 0) AS BIGINT) \
             FROM volunteers v LEFT JOIN teams t ON t.id = v.team_id \
             WHERE {VOLUNTEER_IN_SCOPE} ORDER BY v.id"
        ))
        .bind(only_unit)
        .fetch_all(&self.readers)
        .await?;
        rows.into_iter()
            .map(|(id, name, phone_text, zh, en, registered, served)| {
                Ok(VolunteerExport {
                    number: volunteer_number(id)?,
                    name,
                    phone: phone(id, &phone_text)?,
                    team: team_name(zh, en),
                    registered_at: timestamp(registered)?,
                    verified_minutes: minutes(served),
                })
            })
            .collect()
    }

    async fn verified_hours(
        &self,
        only_unit: Option<i64>,
        grouping: HoursGrouping,
        period: Period,
    ) -> StorageResult<Vec<HoursLine>> {
        // `named_by` joins the group by the row its names come from, as PostgreSQL wants.
        let (key, names, join, named_by) = match grouping {
            HoursGrouping::Volunteer => (
                "v.id",
                "v.name, t.name_zh, t.name_en",
                "LEFT JOIN teams t ON t.id = v.team_id",
                "t.id",
            ),
            // Individual volunteers make one line of their own, after the teams.
            HoursGrouping::Team => (
                "COALESCE(v.team_id, 4611686018427387904)",
                "'', t.name_zh, t.name_en",
                "LEFT JOIN teams t ON t.id = v.team_id",
                "t.id",
            ),
            HoursGrouping::Unit => (
                "sh.organiser_unit_id",
                "'', u.name_zh, u.name_en",
                "JOIN partner_units u ON u.id = sh.organiser_unit_id",
                "u.id",
            ),
        };
        type Row = (
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
            i64,
            i64,
        );
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {key}, {names}, COUNT(DISTINCT v.id), COUNT(*), \
                    CAST(SUM(a.minutes) AS BIGINT) \
             FROM attendance a JOIN signups s ON s.id = a.signup_id \
             JOIN shifts sh ON sh.id = s.shift_id JOIN volunteers v ON v.id = s.volunteer_id \
             {join} \
             WHERE a.status = 'approved' AND sh.starts_at >= $2 AND sh.starts_at < $3 \
               AND ($1 IS NULL OR sh.organiser_unit_id = $1) \
             GROUP BY {key}, {named_by} ORDER BY {key}"
        ))
        .bind(only_unit)
        .bind(period.starts_at().timestamp())
        .bind(period.ends_before().timestamp())
        .fetch_all(&self.readers)
        .await?;
        rows.into_iter()
            .map(|(id, name, zh, en, volunteers, shifts, served)| {
                let group = team_name(zh, en);
                let subject = match grouping {
                    HoursGrouping::Volunteer => HoursSubject::Volunteer {
                        number: volunteer_number(id)?,
                        name,
                        team: group,
                    },
                    HoursGrouping::Team => HoursSubject::Team(group),
                    HoursGrouping::Unit => HoursSubject::Unit(group),
                };
                Ok(HoursLine {
                    subject,
                    volunteers: u32::try_from(volunteers).unwrap_or(u32::MAX),
                    shifts: u32::try_from(shifts).unwrap_or(u32::MAX),
                    minutes: minutes(served),
                })
            })
            .collect()
    }

    async fn certificate(
        &self,
        only_unit: Option<i64>,
        number: &CertificateNumber,
    ) -> StorageResult<Option<ServiceCertificate>> {
        let mut conn = self.readers.acquire().await?;
        certificates::read(&mut conn, only_unit, number).await
    }

    async fn point_display(
        &self,
        point: PointId,
        now: DateTime<Utc>,
    ) -> StorageResult<Option<DisplayData>> {
        let mut conn = self.readers.acquire().await?;
        let found: Option<(String, String, Option<Vec<u8>>)> = sqlx::query_as(
            "SELECT name_zh, name_en, code_secret FROM service_points WHERE id = $1",
        )
        .bind(point.0)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((zh, en, secret)) = found else {
            return Ok(None);
        };
        let shifts = point_day::display_shifts(&mut conn, point, now).await?;
        Ok(Some(DisplayData {
            name: LocalizedText { zh, en },
            code_secret: secret.ok_or_else(|| {
                StorageError::Corrupt(format!("service point {} has no code secret", point.0))
            })?,
            shifts,
        }))
    }

    async fn point_partners(&self, point: PointId) -> StorageResult<Option<Vec<i64>>> {
        let mut conn = self.readers.acquire().await?;
        let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM service_points WHERE id = $1")
            .bind(point.0)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Ok(None);
        }
        let partners: Vec<(i64,)> =
            sqlx::query_as("SELECT unit_id FROM point_partners WHERE point_id = $1")
                .bind(point.0)
                .fetch_all(&mut *conn)
                .await?;
        Ok(Some(partners.into_iter().map(|(unit,)| unit).collect()))
    }

    async fn roster(
        &self,
        point: PointId,
        only_unit: Option<i64>,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<RosterShift>> {
        let mut conn = self.readers.acquire().await?;
        point_day::roster(&mut conn, point, only_unit, now).await
    }
}

#[async_trait]
impl RecordsTx for SqlWrite {
    async fn volunteer_visible(
        &mut self,
        only_unit: Option<i64>,
        volunteer: VolunteerNumber,
    ) -> StorageResult<bool> {
        volunteer_visible(&mut self.0, only_unit, volunteer).await
    }

    async fn volunteer_in_unit_teams(
        &mut self,
        only_unit: Option<i64>,
        volunteer: VolunteerNumber,
    ) -> StorageResult<bool> {
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT v.id FROM volunteers v WHERE v.id = $2 AND v.erased_at IS NULL \
             AND ($1 IS NULL OR v.team_id IN (SELECT id FROM teams WHERE unit_id = $1))",
        )
        .bind(only_unit)
        .bind(volunteer.id())
        .fetch_optional(&mut *self.0)
        .await?;
        Ok(found.is_some())
    }

    async fn set_personal_link(
        &mut self,
        volunteer: VolunteerNumber,
        key_hash: &KeyHash,
    ) -> StorageResult<()> {
        sqlx::query("UPDATE volunteers SET access_key_hash = $1 WHERE id = $2")
            .bind(&key_hash[..])
            .bind(volunteer.id())
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn verified_service(
        &mut self,
        volunteer: VolunteerNumber,
        only_unit: Option<i64>,
        period: Period,
    ) -> StorageResult<Vec<ServiceEntry>> {
        certificates::entries(&mut self.0, volunteer, only_unit, period).await
    }

    async fn volunteer_identity(
        &mut self,
        volunteer: VolunteerNumber,
    ) -> StorageResult<(String, LocalizedText)> {
        certificates::identity(&mut self.0, volunteer).await
    }

    async fn latest_certificate(
        &mut self,
        volunteer: VolunteerNumber,
        only_unit: Option<i64>,
        period: Period,
    ) -> StorageResult<Option<ServiceCertificate>> {
        certificates::latest_like(&mut self.0, volunteer, only_unit, period).await
    }

    async fn unit_name(&mut self, unit: i64) -> StorageResult<LocalizedText> {
        certificates::unit_name(&mut self.0, unit).await
    }

    async fn verified_minutes(&mut self, volunteer: VolunteerNumber) -> StorageResult<Minutes> {
        certificates::verified_minutes(&mut self.0, volunteer).await
    }

    async fn last_certificate_sequence(&mut self, year: i32) -> StorageResult<u32> {
        certificates::last_sequence(&mut self.0, year).await
    }

    async fn insert_certificate(
        &mut self,
        certificate: &ServiceCertificate,
        only_unit: Option<i64>,
        by: i64,
    ) -> StorageResult<()> {
        certificates::insert(&mut self.0, certificate, only_unit, by).await
    }
}
