//! What staff write while keeping the programme's records: numbered certificates of
//! verified service, a volunteer's replaced personal link, and the note that data was
//! exported. Each with its audit entry in the same transaction.

use crate::storage::{AuditChange, KeyHash, Outcome, Refusal, StorageResult, Store};
use chrono::{DateTime, Datelike, Utc};
use huli_contract::{
    AuditAction, CertificateNumber, ErrorCode, Minutes, Period, ServiceCertificate, StaffAccount,
    StarProgress, VolunteerNumber, china_standard_time,
};
use serde_json::json;

/// Issues a numbered certificate of the volunteer's verified service in `period`, for
/// an administrator, or a coordinator for its unit's shifts, to a volunteer they see.
/// Certificates are numbered per year of issue. The same request again, with nothing
/// changed in the record, answers the certificate already issued, so a double click
/// does not use up a second number.
pub async fn issue_certificate(
    store: &dyn Store,
    by: &StaffAccount,
    volunteer: VolunteerNumber,
    period: Period,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<ServiceCertificate>> {
    let Some(only_unit) = by.role.unit_scope() else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    };
    let mut tx = store.begin_write().await?;
    if !tx.volunteer_visible(only_unit, volunteer).await? {
        return Ok(Err(Refusal::NotFound));
    }
    let entries = tx.verified_service(volunteer, only_unit, period).await?;
    if entries.is_empty() {
        return Ok(Err(Refusal::Rule(ErrorCode::NoVerifiedHours)));
    }
    let (name, team) = tx.volunteer_identity(volunteer).await?;
    if let Some(earlier) = tx.latest_certificate(volunteer, only_unit, period).await?
        && earlier.entries == entries
        && earlier.volunteer_name.as_ref() == Some(&name)
        && earlier.team == team
    {
        return Ok(Ok(earlier));
    }
    let issuing_unit = match only_unit {
        Some(unit) => Some(tx.unit_name(unit).await?),
        None => None,
    };
    let year = now.with_timezone(&china_standard_time()).year();
    let sequence = tx.last_certificate_sequence(year).await? + 1;
    let certificate = ServiceCertificate {
        number: CertificateNumber::new(year, sequence),
        issued_at: now,
        issued_by: by.display_name.clone(),
        issuing_unit,
        volunteer_name: Some(name),
        volunteer_number: volunteer,
        team,
        period,
        total_minutes: Minutes(entries.iter().map(|e| e.minutes.0).sum()),
        entries,
        star_level: Some(StarProgress::for_verified(tx.verified_minutes(volunteer).await?).stars),
    };
    tx.insert_certificate(&certificate, only_unit, by.id)
        .await?;
    let after = json!({
        "volunteer": volunteer,
        "period": period,
        "total_minutes": certificate.total_minutes,
    });
    let subject = format!("certificate/{}", certificate.number);
    let change = staff_change(by, AuditAction::CertificateIssue, subject, Some(after));
    tx.record_audit(by, change, now).await?;
    tx.commit().await?;
    Ok(Ok(certificate))
}

/// Replaces the personal link key of a volunteer with one whose hash is `key_hash`; the
/// old link stops working. Whoever holds the link holds the volunteer's sign-ups, so a
/// coordinator (`only_unit`) replaces links only for its own unit's teams, not for
/// everyone who once signed up for its shifts.
pub async fn replace_personal_link(
    store: &dyn Store,
    by: &StaffAccount,
    only_unit: Option<i64>,
    volunteer: VolunteerNumber,
    key_hash: &KeyHash,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<()>> {
    let mut tx = store.begin_write().await?;
    if !tx.volunteer_in_unit_teams(only_unit, volunteer).await? {
        return Ok(Err(Refusal::NotFound));
    }
    tx.set_personal_link(volunteer, key_hash).await?;
    // The log says that the link changed, never what it is.
    let subject = format!("volunteer/{volunteer}");
    let change = staff_change(by, AuditAction::VolunteerReplacePersonalLink, subject, None);
    tx.record_audit(by, change, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Notes in the audit log that `by` exported `what`.
pub async fn log_export(
    store: &dyn Store,
    by: &StaffAccount,
    what: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let mut tx = store.begin_write().await?;
    let after = json!({ "role": by.role });
    let change = staff_change(by, AuditAction::Export, what.to_owned(), Some(after));
    tx.record_audit(by, change, now).await?;
    tx.commit().await
}
/// An entry that the account's own unit, if it has one, may read.
pub(super) fn staff_change(
    by: &StaffAccount,
    action: AuditAction,
    subject: String,
    after: Option<serde_json::Value>,
) -> AuditChange {
    super::entry(action, subject, by.role.unit_scope().flatten(), None, after)
}
