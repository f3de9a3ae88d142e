//! The rows of numbered volunteer-service certificates, kept as issued. How they are
//! made and numbered is in `crate::services::records`.

use super::records::team_name;
use super::rows::{from_text, minutes, timestamp};
use crate::storage::{StorageError, StorageResult};
use chrono::NaiveDate;
use huli_contract::{
    CertificateNumber, LocalizedText, Minutes, Period, ServiceCertificate, ServiceEntry,
    VolunteerNumber, china_standard_time,
};
use sqlx::AnyConnection;

fn huli_day(seconds: i64) -> StorageResult<NaiveDate> {
    Ok(timestamp(seconds)?
        .with_timezone(&china_standard_time())
        .date_naive())
}

fn corrupt(what: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("certificates: {what}"))
}

pub(super) async fn verified_minutes(
    conn: &mut AnyConnection,
    volunteer: VolunteerNumber,
) -> StorageResult<Minutes> {
    let (total,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(a.minutes), 0) AS BIGINT) \
         FROM attendance a JOIN signups s ON s.id = a.signup_id \
         WHERE s.volunteer_id = $1 AND a.status = 'approved'",
    )
    .bind(volunteer.id())
    .fetch_one(conn)
    .await?;
    Ok(minutes(total))
}

/// The verified service on the certificate: by organiser, point and duty, in the order
/// it began.
pub(super) async fn entries(
    conn: &mut AnyConnection,
    volunteer: VolunteerNumber,
    only_unit: Option<i64>,
    period: Period,
) -> StorageResult<Vec<ServiceEntry>> {
    type Row = (String, String, String, String, String, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT u.name_zh, u.name_en, p.name_zh, p.name_en, sh.duty, COUNT(*), \
                CAST(SUM(a.minutes) AS BIGINT), \
                MIN(sh.starts_at), MAX(sh.starts_at) \
         FROM attendance a JOIN signups s ON s.id = a.signup_id \
         JOIN shifts sh ON sh.id = s.shift_id \
         JOIN partner_units u ON u.id = sh.organiser_unit_id \
         JOIN service_points p ON p.id = sh.point_id \
         WHERE s.volunteer_id = $1 AND a.status = 'approved' AND a.minutes > 0 \
           AND sh.starts_at >= $2 AND sh.starts_at < $3 \
           AND ($4 IS NULL OR sh.organiser_unit_id = $4) \
         GROUP BY sh.organiser_unit_id, sh.point_id, sh.duty, u.id, p.id \
         ORDER BY MIN(sh.starts_at), sh.organiser_unit_id, sh.point_id, sh.duty",
    )
    .bind(volunteer.id())
    .bind(period.starts_at().timestamp())
    .bind(period.ends_before().timestamp())
    .bind(only_unit)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(ServiceEntry {
                organiser: LocalizedText {
                    zh: row.0,
                    en: row.1,
                },
                point: LocalizedText {
                    zh: row.2,
                    en: row.3,
                },
                duty: from_text("shifts.duty", &row.4)?,
                shifts: u32::try_from(row.5).map_err(corrupt)?,
                minutes: minutes(row.6),
                first_day: huli_day(row.7)?,
                last_day: huli_day(row.8)?,
            })
        })
        .collect()
}

/// The newest certificate for the same volunteer, issuer scope and period.
pub(super) async fn latest_like(
    conn: &mut AnyConnection,
    volunteer: VolunteerNumber,
    only_unit: Option<i64>,
    period: Period,
) -> StorageResult<Option<ServiceCertificate>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT content FROM certificates \
         WHERE volunteer_id = $1 AND unit_id IS NOT DISTINCT FROM $2 AND period_first = $3 AND period_last = $4 \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(volunteer.id())
    .bind(only_unit)
    .bind(period.first().to_string())
    .bind(period.last().to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|(content,)| serde_json::from_str(&content).map_err(corrupt))
        .transpose()
}

pub(super) async fn identity(
    conn: &mut AnyConnection,
    volunteer: VolunteerNumber,
) -> StorageResult<(String, LocalizedText)> {
    let (name, team_zh, team_en): (String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT v.name, t.name_zh, t.name_en FROM volunteers v \
         LEFT JOIN teams t ON t.id = v.team_id WHERE v.id = $1",
    )
    .bind(volunteer.id())
    .fetch_one(conn)
    .await?;
    Ok((name, team_name(team_zh, team_en)))
}

pub(super) async fn unit_name(conn: &mut AnyConnection, unit: i64) -> StorageResult<LocalizedText> {
    let (zh, en): (String, String) =
        sqlx::query_as("SELECT name_zh, name_en FROM partner_units WHERE id = $1")
            .bind(unit)
            .fetch_one(conn)
            .await?;
    Ok(LocalizedText { zh, en })
}

pub(super) async fn last_sequence(conn: &mut AnyConnection, year: i32) -> StorageResult<u32> {
    let (last,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(sequence), 0) FROM certificates WHERE year = $1")
            .bind(year)
            .fetch_one(conn)
            .await?;
    u32::try_from(last).map_err(corrupt)
}

pub(super) async fn insert(
    conn: &mut AnyConnection,
    certificate: &ServiceCertificate,
    only_unit: Option<i64>,
    by: i64,
) -> StorageResult<()> {
    let content = serde_json::to_value(certificate).map_err(corrupt)?;
    let (number, period) = (&certificate.number, certificate.period);
    sqlx::query(
        "INSERT INTO certificates (year, sequence, volunteer_id, unit_id, period_first, \
                                   period_last, issued_by, issued_at, content) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(number.year())
    .bind(i64::from(number.sequence()))
    .bind(certificate.volunteer_number.id())
    .bind(only_unit)
    .bind(period.first().to_string())
    .bind(period.last().to_string())
    .bind(by)
    .bind(certificate.issued_at.timestamp())
    .bind(content.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn read(
    conn: &mut AnyConnection,
    only_unit: Option<i64>,
    number: &CertificateNumber,
) -> StorageResult<Option<ServiceCertificate>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT content FROM certificates \
         WHERE year = $1 AND sequence = $2 AND ($3 IS NULL OR unit_id = $3)",
    )
    .bind(number.year())
    .bind(i64::from(number.sequence()))
    .bind(only_unit)
    .fetch_optional(conn)
    .await?;
    row.map(|(content,)| serde_json::from_str(&content).map_err(corrupt))
        .transpose()
}
