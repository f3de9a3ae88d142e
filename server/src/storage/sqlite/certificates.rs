//! Numbered volunteer-service certificates: made from verified minutes only, numbered
//! per year of issue, kept as issued.

use super::audit::{self, Change};
use super::records::{team_name, volunteer_visible};
use super::rows::{from_text, minutes, timestamp};
use crate::storage::{Outcome, Refusal, StorageError, StorageResult};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use huli_contract::AuditAction;
use huli_contract::{
    CertificateNumber, ErrorCode, LocalizedText, Minutes, Period, ServiceCertificate, ServiceEntry,
    StaffAccount, VolunteerNumber, china_standard_time,
};
use serde_json::json;
use sqlx::SqliteConnection;

fn huli_day(seconds: i64) -> StorageResult<NaiveDate> {
    Ok(timestamp(seconds)?
        .with_timezone(&china_standard_time())
        .date_naive())
}

fn corrupt(what: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("certificates: {what}"))
}

/// The verified service on the certificate: by organiser, point and duty, in the order
/// it began.
async fn entries(
    conn: &mut SqliteConnection,
    volunteer: VolunteerNumber,
    only_unit: Option<i64>,
    period: Period,
) -> StorageResult<Vec<ServiceEntry>> {
    type Row = (String, String, String, String, String, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT u.name_zh, u.name_en, p.name_zh, p.name_en, sh.duty, COUNT(*), SUM(a.minutes), \
                MIN(sh.starts_at), MAX(sh.starts_at) \
         FROM attendance a JOIN signups s ON s.id = a.signup_id \
         JOIN shifts sh ON sh.id = s.shift_id \
         JOIN partner_units u ON u.id = sh.organiser_unit_id \
         JOIN service_points p ON p.id = sh.point_id \
         WHERE s.volunteer_id = ?1 AND a.status = 'approved' AND a.minutes > 0 \
           AND sh.starts_at >= ?2 AND sh.starts_at < ?3 \
           AND (?4 IS NULL OR sh.organiser_unit_id = ?4) \
         GROUP BY sh.organiser_unit_id, sh.point_id, sh.duty \
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
async fn latest_like(
    conn: &mut SqliteConnection,
    volunteer: VolunteerNumber,
    only_unit: Option<i64>,
    period: Period,
) -> StorageResult<Option<ServiceCertificate>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT content FROM certificates \
         WHERE volunteer_id = ? AND unit_id IS ? AND period_first = ? AND period_last = ? \
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

pub(super) async fn issue(
    conn: &mut SqliteConnection,
    by: &StaffAccount,
    volunteer: VolunteerNumber,
    period: Period,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ServiceCertificate>> {
    let Some(only_unit) = by.role.unit_scope() else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    };
    if !volunteer_visible(conn, only_unit, volunteer).await? {
        return Ok(Err(Refusal::NotFound));
    }
    let entries = entries(conn, volunteer, only_unit, period).await?;
    if entries.is_empty() {
        return Ok(Err(Refusal::Rule(ErrorCode::NoVerifiedHours)));
    }
    let (name, team_zh, team_en): (String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT v.name, t.name_zh, t.name_en FROM volunteers v \
         LEFT JOIN teams t ON t.id = v.team_id WHERE v.id = ?",
    )
    .bind(volunteer.id())
    .fetch_one(&mut *conn)
    .await?;
    let team = team_name(team_zh, team_en);
    // Asking again for what was issued already answers the same certificate, so a
    // double click does not use up a second number.
    if let Some(earlier) = latest_like(conn, volunteer, only_unit, period).await?
        && earlier.entries == entries
        && earlier.volunteer_name == name
        && earlier.team == team
    {
        return Ok(Ok(earlier));
    }
    let issuing_unit = match only_unit {
        Some(unit) => {
            let (zh, en): (String, String) =
                sqlx::query_as("SELECT name_zh, name_en FROM partner_units WHERE id = ?")
                    .bind(unit)
                    .fetch_one(&mut *conn)
                    .await?;
            Some(LocalizedText { zh, en })
        }
        None => None,
    };
    let year = now.with_timezone(&china_standard_time()).year();
    let (last,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(sequence), 0) FROM certificates WHERE year = ?")
            .bind(year)
            .fetch_one(&mut *conn)
            .await?;
    let sequence = u32::try_from(last + 1).map_err(corrupt)?;
    let certificate = ServiceCertificate {
        number: CertificateNumber::new(year, sequence),
        issued_at: now,
        issued_by: by.display_name.clone(),
        issuing_unit,
        volunteer_name: name,
        volunteer_number: volunteer,
        team,
        period,
        total_minutes: Minutes(entries.iter().map(|e| e.minutes.0).sum()),
        entries,
    };
    let content = serde_json::to_value(&certificate).map_err(corrupt)?;
    sqlx::query(
        "INSERT INTO certificates (year, sequence, volunteer_id, unit_id, period_first, \
                                   period_last, issued_by, issued_at, content) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(year)
    .bind(sequence)
    .bind(volunteer.id())
    .bind(only_unit)
    .bind(period.first().to_string())
    .bind(period.last().to_string())
    .bind(by.id)
    .bind(now.timestamp())
    .bind(content.to_string())
    .execute(&mut *conn)
    .await?;
    let change = Change {
        action: AuditAction::CertificateIssue,
        subject: format!("certificate/{}", certificate.number),
        attendance: None,
        unit: by.role.unit_scope().flatten(),
        before: None,
        after: Some(json!({
            "volunteer": volunteer,
            "period": period,
            "total_minutes": certificate.total_minutes,
        })),
    };
    audit::record(conn, by, change, now).await?;
    Ok(Ok(certificate))
}

pub(super) async fn read(
    conn: &mut SqliteConnection,
    only_unit: Option<i64>,
    number: &CertificateNumber,
) -> StorageResult<Option<ServiceCertificate>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT content FROM certificates \
         WHERE year = ?1 AND sequence = ?2 AND (?3 IS NULL OR unit_id = ?3)",
    )
    .bind(number.year())
    .bind(number.sequence())
    .bind(only_unit)
    .fetch_optional(conn)
    .await?;
    row.map(|(content,)| serde_json::from_str(&content).map_err(corrupt))
        .transpose()
}
