//! A volunteer's own data, whole, and [`RightsTx`]: correcting a profile and erasing a
//! volunteer. What erasure means is decided in `crate::services::rights`.

use super::dialect::Dialect;
use super::rows::{from_text, minutes, timestamp};
use super::signups::insert_skills;
use super::volunteers::team_by_id;
use super::write::SqlWrite;
use crate::storage::rights::{HeldSignup, RightsTx};
use crate::storage::{StorageError, StorageResult, VolunteerId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    CertificateSummary, ConsentRecord, LocalizedText, MyData, PhoneNumber, Profile,
    ServiceCertificate, ServiceLine, ShiftId, SignupId, TrainingRecord, VolunteerNumber,
};
use sqlx::AnyConnection;

/// `$1, $2, …, $count`.
fn placeholders(count: usize) -> String {
    (1..=count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn corrupt(id: VolunteerId, what: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("volunteer {}: {what}", id.0))
}

/// Everything held about the volunteer; `None` once erased.
pub(super) async fn my_data(
    conn: &mut AnyConnection,
    id: VolunteerId,
) -> StorageResult<Option<MyData>> {
    type Person = (
        String,
        String,
        Option<i64>,
        i64,
        Option<String>,
        Option<i64>,
    );
    let person: Option<Person> = sqlx::query_as(
        "SELECT name, phone, team_id, registered_at, consent_version, consented_at \
         FROM volunteers WHERE id = $1 AND erased_at IS NULL",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((name, phone, team_id, registered_at, consent_version, consented_at)) = person else {
        return Ok(None);
    };
    let skills: Vec<(String,)> =
        sqlx::query_as("SELECT skill FROM volunteer_skills WHERE volunteer_id = $1 ORDER BY skill")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    let service = service(conn, id).await?;
    let verified_minutes = service.iter().map(ServiceLine::verified).sum();
    let consent = match (consent_version, consented_at) {
        (Some(notice_version), Some(at)) => Some(ConsentRecord {
            notice_version,
            given_at: timestamp(at)?,
        }),
        _ => None,
    };
    Ok(Some(MyData {
        volunteer_number: VolunteerNumber::from_id(id.0).ok_or_else(|| corrupt(id, "number"))?,
        name,
        phone: PhoneNumber::parse(&phone).map_err(|e| corrupt(id, e))?,
        team: team_by_id(conn, team_id).await?,
        skills: (skills.iter())
            .map(|(s,)| from_text("volunteer_skills.skill", s))
            .collect::<StorageResult<_>>()?,
        registered_at: timestamp(registered_at)?,
        consent,
        service,
        verified_minutes,
        trainings: trainings(conn, id).await?,
        certificates: certificates(conn, id).await?,
    }))
}

async fn service(conn: &mut AnyConnection, id: VolunteerId) -> StorageResult<Vec<ServiceLine>> {
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        i64,
        i64,
        String,
        i64,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.shift_id, p.name_zh, p.name_en, sh.duty, sh.starts_at, sh.ends_at, \
                s.status, s.created_at, a.checked_in_at, a.checked_out_at, a.minutes, a.status \
         FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         JOIN service_points p ON p.id = sh.point_id \
         LEFT JOIN attendance a ON a.signup_id = s.id \
         WHERE s.volunteer_id = $1 ORDER BY sh.starts_at, s.id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(ServiceLine {
                signup_id: SignupId(row.0),
                shift_id: ShiftId(row.1),
                point: LocalizedText {
                    zh: row.2,
                    en: row.3,
                },
                duty: from_text("shifts.duty", &row.4)?,
                starts_at: timestamp(row.5)?,
                ends_at: timestamp(row.6)?,
                status: from_text("signups.status", &row.7)?,
                signed_up_at: timestamp(row.8)?,
                checked_in_at: row.9.map(timestamp).transpose()?,
                checked_out_at: row.10.map(timestamp).transpose()?,
                minutes: minutes(row.11.unwrap_or(0)),
                review: (row.12.as_deref())
                    .map(|status| from_text("attendance.status", status))
                    .transpose()?,
            })
        })
        .collect()
}

/// Every training on the volunteer's record, valid or not, in the order they were done.
pub(super) async fn trainings(
    conn: &mut AnyConnection,
    id: VolunteerId,
) -> StorageResult<Vec<TrainingRecord>> {
    let rows: Vec<(String, i64, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT training, completed_at, expires_on, evidence FROM volunteer_trainings \
         WHERE volunteer_id = $1 ORDER BY completed_at, training",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(training, at, expires_on, evidence)| {
            Ok(TrainingRecord {
                training: from_text("volunteer_trainings.training", &training)?,
                completed_at: timestamp(at)?,
                expires_on: (expires_on.as_deref())
                    .map(|day| day.parse().map_err(|e| corrupt(id, e)))
                    .transpose()?,
                evidence,
            })
        })
        .collect()
}

async fn certificates(
    conn: &mut AnyConnection,
    id: VolunteerId,
) -> StorageResult<Vec<CertificateSummary>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT content FROM certificates WHERE volunteer_id = $1 ORDER BY id")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    rows.into_iter()
        .map(|(content,)| {
            let issued: ServiceCertificate =
                serde_json::from_str(&content).map_err(|e| corrupt(id, e))?;
            Ok(CertificateSummary {
                number: issued.number,
                period: issued.period,
                total_minutes: issued.total_minutes,
                issued_at: issued.issued_at,
            })
        })
        .collect()
}

#[async_trait]
impl RightsTx for SqlWrite {
    async fn volunteer_phone(
        &mut self,
        volunteer: VolunteerId,
    ) -> StorageResult<Option<PhoneNumber>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT phone FROM volunteers WHERE id = $1")
                .bind(volunteer.0)
                .fetch_optional(&mut *self.0)
                .await?;
        (row.and_then(|(phone,)| phone))
            .map(|phone| PhoneNumber::parse(&phone).map_err(|e| corrupt(volunteer, e)))
            .transpose()
    }

    async fn volunteer_name(&mut self, volunteer: VolunteerId) -> StorageResult<Option<String>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT name FROM volunteers WHERE id = $1")
                .bind(volunteer.0)
                .fetch_optional(&mut *self.0)
                .await?;
        Ok(row.and_then(|(name,)| name))
    }

    async fn set_profile(
        &mut self,
        volunteer: VolunteerId,
        profile: &Profile,
    ) -> StorageResult<()> {
        sqlx::query("UPDATE volunteers SET name = $2, team_id = $3 WHERE id = $1")
            .bind(volunteer.0)
            .bind(profile.name.as_str())
            .bind(profile.team_id.map(|team| team.0))
            .execute(&mut *self.0)
            .await?;
        sqlx::query("DELETE FROM volunteer_skills WHERE volunteer_id = $1")
            .bind(volunteer.0)
            .execute(&mut *self.0)
            .await?;
        insert_skills(&mut self.0, volunteer, &profile.skills).await
    }

    async fn held_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<HeldSignup>> {
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT s.id, s.shift_id, s.status FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
             WHERE s.volunteer_id = $1 AND s.status IN ('confirmed', 'waitlisted') \
               AND sh.starts_at > $2 \
             ORDER BY sh.starts_at, s.id",
        )
        .bind(volunteer.0)
        .bind(now.timestamp())
        .fetch_all(&mut *self.0)
        .await?;
        rows.into_iter()
            .map(|(id, shift, status)| {
                Ok(HeldSignup {
                    id: SignupId(id),
                    shift: ShiftId(shift),
                    status: from_text("signups.status", &status)?,
                })
            })
            .collect()
    }

    async fn erase_volunteers(
        &mut self,
        volunteers: &[VolunteerId],
        now: DateTime<Utc>,
    ) -> StorageResult<()> {
        if volunteers.is_empty() {
            return Ok(());
        }
        let ids = placeholders(volunteers.len());
        let erased_at = format!("${}", volunteers.len() + 1);
        // The database lets a certificate change only this way, and only once its holder
        // is erased, so the volunteers go first.
        let without_name = match Dialect::of(&self.0) {
            Dialect::Sqlite => "json_set(content, '$.volunteer_name', NULL)",
            Dialect::Postgres => {
                "jsonb_set(content::jsonb, '{volunteer_name}', 'null'::jsonb)::text"
            }
        };
        let erase = format!(
            "UPDATE volunteers SET name = NULL, phone = NULL, access_key_hash = NULL, \
                    consent_version = NULL, consented_at = NULL, erased_at = {erased_at} \
             WHERE id IN ({ids}) AND erased_at IS NULL"
        );
        let mut query = sqlx::query(&erase);
        for volunteer in volunteers {
            query = query.bind(volunteer.0);
        }
        query.bind(now.timestamp()).execute(&mut *self.0).await?;
        let statements = [
            format!("DELETE FROM volunteer_skills WHERE volunteer_id IN ({ids})"),
            format!("DELETE FROM volunteer_trainings WHERE volunteer_id IN ({ids})"),
            // A story about someone is theirs: it goes with them, published or not.
            format!("DELETE FROM stories WHERE volunteer_id IN ({ids})"),
            format!("DELETE FROM calendar_feeds WHERE volunteer_id IN ({ids})"),
            format!(
                "UPDATE certificates SET content = {without_name} WHERE volunteer_id IN ({ids})"
            ),
        ];
        for statement in &statements {
            let mut query = sqlx::query(statement);
            for volunteer in volunteers {
                query = query.bind(volunteer.0);
            }
            query.execute(&mut *self.0).await?;
        }
        sqlx::query(
            "DELETE FROM story_photos WHERE id NOT IN \
             (SELECT photo_id FROM stories WHERE photo_id IS NOT NULL)",
        )
        .execute(&mut *self.0)
        .await?;
        // The answers kept for retries hold nothing personal, but nothing needs them now.
        let forget = format!("DELETE FROM idempotency_keys WHERE scope IN ({ids})");
        let mut query = sqlx::query(&forget);
        for volunteer in volunteers {
            query = query.bind(volunteer.idempotency_scope());
        }
        query.execute(&mut *self.0).await?;
        Ok(())
    }

    async fn volunteers_unseen_since(
        &mut self,
        cutoff: DateTime<Utc>,
        limit: u32,
    ) -> StorageResult<Vec<VolunteerId>> {
        // One pass over the sign-ups, grouped, rather than a lookup per volunteer.
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT v.id FROM volunteers v \
             LEFT JOIN (SELECT s.volunteer_id, MAX(sh.ends_at) AS last_end \
                        FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
                        WHERE s.status <> 'cancelled' GROUP BY s.volunteer_id) served \
                    ON served.volunteer_id = v.id \
             WHERE v.erased_at IS NULL AND v.registered_at < $1 \
               AND (served.last_end IS NULL OR served.last_end < $1) \
             ORDER BY v.id LIMIT $2",
        )
        .bind(cutoff.timestamp())
        .bind(i64::from(limit))
        .fetch_all(&mut *self.0)
        .await?;
        Ok(rows.into_iter().map(|(id,)| VolunteerId(id)).collect())
    }
}
