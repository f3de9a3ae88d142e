//! The SQL side of [`TrainingSessions`] and [`TrainingSessionsTx`].

use super::SqlStore;
use super::rows::{from_text, timestamp, to_text};
use super::write::SqlWrite;
use crate::storage::{
    StorageError, StorageResult, TrainingSessions, TrainingSessionsTx, TrainingSignupFacts,
    VolunteerId,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use huli_contract::{
    LocalizedText, NewTrainingSession, ShiftWindow, SignupStatus, Training, TrainingRosterLine,
    TrainingSessionId, TrainingSessionView, TrainingSignupId, TrainingSignupView, VolunteerNumber,
};
use sqlx::AnyConnection;

const SESSION_COLUMNS: &str = "\
    ts.id, ts.training, ts.organiser_unit_id, u.name_zh, u.name_en, ts.starts_at, ts.ends_at, \
    ts.place, ts.trainer, ts.capacity, ts.valid_years, \
    (SELECT COUNT(*) FROM training_signups t WHERE t.session_id = ts.id AND t.status = 'confirmed') AS confirmed, \
    (SELECT COUNT(*) FROM training_signups t WHERE t.session_id = ts.id AND t.status = 'waitlisted') AS waitlisted \
    FROM training_sessions ts JOIN partner_units u ON u.id = ts.organiser_unit_id";

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    training: String,
    organiser_unit_id: i64,
    name_zh: String,
    name_en: String,
    starts_at: i64,
    ends_at: i64,
    place: String,
    trainer: String,
    capacity: i64,
    valid_years: Option<i64>,
    confirmed: i64,
    waitlisted: i64,
}

impl SessionRow {
    fn into_view(self) -> StorageResult<TrainingSessionView> {
        let corrupt =
            |what: &str| StorageError::Corrupt(format!("training_sessions {}: {what}", self.id));
        let count = |n: i64, what: &str| u32::try_from(n).map_err(|_| corrupt(what));
        Ok(TrainingSessionView {
            id: TrainingSessionId(self.id),
            training: from_text("training_sessions.training", &self.training)?,
            organiser_unit_id: self.organiser_unit_id,
            organiser: LocalizedText {
                zh: self.name_zh,
                en: self.name_en,
            },
            window: ShiftWindow::new(timestamp(self.starts_at)?, timestamp(self.ends_at)?)
                .map_err(|_| corrupt("window"))?,
            place: self.place,
            trainer: self.trainer,
            capacity: count(self.capacity, "capacity")?,
            confirmed: count(self.confirmed, "confirmed")?,
            waitlisted: count(self.waitlisted, "waitlisted")?,
            valid_years: self
                .valid_years
                .map(|years| count(years, "valid_years"))
                .transpose()?,
        })
    }
}

fn session_list(condition: &str) -> String {
    format!("SELECT {SESSION_COLUMNS} WHERE {condition} ORDER BY ts.starts_at, ts.id LIMIT 200")
}

async fn session(
    conn: &mut AnyConnection,
    id: TrainingSessionId,
) -> StorageResult<Option<TrainingSessionView>> {
    let row: Option<SessionRow> =
        sqlx::query_as(&format!("SELECT {SESSION_COLUMNS} WHERE ts.id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(SessionRow::into_view).transpose()
}

async fn signup_view(
    conn: &mut AnyConnection,
    id: TrainingSignupId,
) -> StorageResult<TrainingSignupView> {
    let (session_id, status, created_at, attended_at): (i64, String, i64, Option<i64>) =
        sqlx::query_as(
            "SELECT session_id, status, created_at, attended_at FROM training_signups WHERE id = $1",
        )
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await?;
    let status: SignupStatus = from_text("training_signups.status", &status)?;
    let waitlist_position = if status == SignupStatus::Waitlisted {
        let ahead: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM training_signups WHERE session_id = $1 \
             AND status = 'waitlisted' AND (created_at < $2 OR (created_at = $2 AND id <= $3))",
        )
        .bind(session_id)
        .bind(created_at)
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await?;
        Some(u32::try_from(ahead).unwrap_or(u32::MAX))
    } else {
        None
    };
    let session = session(conn, TrainingSessionId(session_id))
        .await?
        .ok_or_else(|| StorageError::Corrupt(format!("training_signups {}: no session", id.0)))?;
    Ok(TrainingSignupView {
        id,
        status,
        waitlist_position,
        session,
        attended: attended_at.is_some(),
    })
}

#[async_trait]
impl TrainingSessions for SqlStore {
    async fn upcoming_training_sessions(
        &self,
        training: Option<Training>,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSessionView>> {
        let mut conn = self.readers.acquire().await?;
        let rows: Vec<SessionRow> = sqlx::query_as(&session_list(
            "ts.starts_at > $1 AND ($2 = '' OR ts.training = $2)",
        ))
        .bind(now.timestamp())
        .bind(training.map(|t| to_text(&t)).unwrap_or_default())
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter().map(SessionRow::into_view).collect()
    }

    async fn training_sessions_of(
        &self,
        only_unit: Option<i64>,
        since: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSessionView>> {
        let mut conn = self.readers.acquire().await?;
        let condition = "ts.ends_at > $1 AND ($2 = 0 OR ts.organiser_unit_id = $2)";
        let rows: Vec<SessionRow> = sqlx::query_as(&session_list(condition))
            .bind(since.timestamp())
            .bind(only_unit.unwrap_or(0))
            .fetch_all(&mut *conn)
            .await?;
        rows.into_iter().map(SessionRow::into_view).collect()
    }

    async fn my_training_signups(
        &self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSignupView>> {
        let mut conn = self.readers.acquire().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT t.id FROM training_signups t \
             JOIN training_sessions ts ON ts.id = t.session_id \
             WHERE t.volunteer_id = $1 AND ts.ends_at > $2 ORDER BY ts.starts_at, t.id",
        )
        .bind(volunteer.0)
        .bind(now.timestamp())
        .fetch_all(&mut *conn)
        .await?;
        let mut signups = Vec::with_capacity(ids.len());
        for id in ids {
            signups.push(signup_view(&mut conn, TrainingSignupId(id)).await?);
        }
        Ok(signups)
    }
}

#[async_trait]
impl TrainingSessionsTx for SqlWrite {
    async fn insert_training_session(
        &mut self,
        new: &NewTrainingSession,
        scheduled_by: i64,
        now: DateTime<Utc>,
    ) -> StorageResult<TrainingSessionId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO training_sessions (training, organiser_unit_id, starts_at, ends_at, \
                 place, trainer, capacity, valid_years, scheduled_by, scheduled_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(to_text(&new.training))
        .bind(new.organiser_unit_id)
        .bind(new.window.starts_at().timestamp())
        .bind(new.window.ends_at().timestamp())
        .bind(&new.place)
        .bind(&new.trainer)
        .bind(i64::from(new.capacity))
        .bind(new.valid_years.map(i64::from))
        .bind(scheduled_by)
        .bind(now.timestamp())
        .fetch_one(&mut *self.0)
        .await?;
        Ok(TrainingSessionId(id))
    }

    async fn training_session(
        &mut self,
        id: TrainingSessionId,
    ) -> StorageResult<Option<TrainingSessionView>> {
        session(&mut self.0, id).await
    }

    async fn holds_overlapping_session(
        &mut self,
        volunteer: VolunteerId,
        other_than: Option<TrainingSessionId>,
        window: ShiftWindow,
    ) -> StorageResult<bool> {
        let overlapping: Option<i64> = sqlx::query_scalar(
            "SELECT t.id FROM training_signups t JOIN training_sessions ts ON ts.id = t.session_id \
             WHERE t.volunteer_id = $1 AND t.status IN ('confirmed', 'waitlisted') \
               AND ts.id <> $2 AND ts.starts_at < $3 AND ts.ends_at > $4 LIMIT 1",
        )
        .bind(volunteer.0)
        .bind(other_than.map_or(0, |session| session.0))
        .bind(window.ends_at().timestamp())
        .bind(window.starts_at().timestamp())
        .fetch_optional(&mut *self.0)
        .await?;
        Ok(overlapping.is_some())
    }

    async fn upcoming_training_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<u32> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM training_signups t \
             JOIN training_sessions ts ON ts.id = t.session_id \
             WHERE t.volunteer_id = $1 AND t.status IN ('confirmed', 'waitlisted') \
               AND ts.starts_at > $2",
        )
        .bind(volunteer.0)
        .bind(now.timestamp())
        .fetch_one(&mut *self.0)
        .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn training_signup_for(
        &mut self,
        volunteer: VolunteerId,
        session: TrainingSessionId,
    ) -> StorageResult<Option<(TrainingSignupId, SignupStatus)>> {
        let found: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM training_signups WHERE session_id = $1 AND volunteer_id = $2",
        )
        .bind(session.0)
        .bind(volunteer.0)
        .fetch_optional(&mut *self.0)
        .await?;
        found
            .map(|(id, status)| {
                let status = from_text("training_signups.status", &status)?;
                Ok((TrainingSignupId(id), status))
            })
            .transpose()
    }

    async fn training_signup_facts(
        &mut self,
        id: TrainingSignupId,
    ) -> StorageResult<Option<TrainingSignupFacts>> {
        let found: Option<(i64, i64, String, i64, i64)> = sqlx::query_as(
            "SELECT t.volunteer_id, t.session_id, t.status, ts.starts_at, ts.ends_at \
             FROM training_signups t JOIN training_sessions ts ON ts.id = t.session_id \
             WHERE t.id = $1",
        )
        .bind(id.0)
        .fetch_optional(&mut *self.0)
        .await?;
        let Some((volunteer, session, status, starts_at, ends_at)) = found else {
            return Ok(None);
        };
        let window = ShiftWindow::new(timestamp(starts_at)?, timestamp(ends_at)?)
            .map_err(|_| StorageError::Corrupt(format!("training_sessions {session}: window")))?;
        Ok(Some(TrainingSignupFacts {
            volunteer: VolunteerId(volunteer),
            session: TrainingSessionId(session),
            status: from_text("training_signups.status", &status)?,
            window,
        }))
    }

    async fn training_signup_view(
        &mut self,
        id: TrainingSignupId,
    ) -> StorageResult<TrainingSignupView> {
        signup_view(&mut self.0, id).await
    }

    async fn insert_training_signup(
        &mut self,
        volunteer: VolunteerId,
        session: TrainingSessionId,
        status: SignupStatus,
        now: DateTime<Utc>,
    ) -> StorageResult<TrainingSignupId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO training_signups (session_id, volunteer_id, status, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(session.0)
        .bind(volunteer.0)
        .bind(to_text(&status))
        .bind(now.timestamp())
        .fetch_one(&mut *self.0)
        .await?;
        Ok(TrainingSignupId(id))
    }

    async fn delete_training_signup(&mut self, id: TrainingSignupId) -> StorageResult<()> {
        sqlx::query("DELETE FROM training_signups WHERE id = $1")
            .bind(id.0)
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn set_training_signup_status(
        &mut self,
        id: TrainingSignupId,
        status: SignupStatus,
    ) -> StorageResult<()> {
        sqlx::query("UPDATE training_signups SET status = $2 WHERE id = $1")
            .bind(id.0)
            .bind(to_text(&status))
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn held_training_signups(
        &mut self,
        volunteer: VolunteerId,
        now: DateTime<Utc>,
    ) -> StorageResult<Vec<TrainingSignupId>> {
        let held: Vec<i64> = sqlx::query_scalar(
            "SELECT t.id FROM training_signups t \
             JOIN training_sessions ts ON ts.id = t.session_id \
             WHERE t.volunteer_id = $1 AND t.status IN ('confirmed', 'waitlisted') \
               AND ts.starts_at > $2 ORDER BY t.id",
        )
        .bind(volunteer.0)
        .bind(now.timestamp())
        .fetch_all(&mut *self.0)
        .await?;
        Ok(held.into_iter().map(TrainingSignupId).collect())
    }

    async fn first_waitlisted_for_session(
        &mut self,
        session: TrainingSessionId,
    ) -> StorageResult<Option<TrainingSignupId>> {
        let first: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM training_signups WHERE session_id = $1 AND status = 'waitlisted' \
             ORDER BY created_at, id LIMIT 1",
        )
        .bind(session.0)
        .fetch_optional(&mut *self.0)
        .await?;
        Ok(first.map(TrainingSignupId))
    }

    async fn mark_attended(
        &mut self,
        id: TrainingSignupId,
        at: DateTime<Utc>,
    ) -> StorageResult<()> {
        sqlx::query("UPDATE training_signups SET attended_at = $2 WHERE id = $1")
            .bind(id.0)
            .bind(at.timestamp())
            .execute(&mut *self.0)
            .await?;
        Ok(())
    }

    async fn attended(&mut self, id: TrainingSignupId) -> StorageResult<bool> {
        let at: Option<i64> =
            sqlx::query_scalar("SELECT attended_at FROM training_signups WHERE id = $1")
                .bind(id.0)
                .fetch_one(&mut *self.0)
                .await?;
        Ok(at.is_some())
    }

    async fn training_roster(
        &mut self,
        session: TrainingSessionId,
    ) -> StorageResult<Vec<TrainingRosterLine>> {
        let rows: Vec<(i64, Option<String>, String, Option<i64>)> = sqlx::query_as(
            "SELECT v.id, v.name, t.status, t.attended_at FROM training_signups t \
             JOIN volunteers v ON v.id = t.volunteer_id \
             WHERE t.session_id = $1 ORDER BY t.created_at, t.id",
        )
        .bind(session.0)
        .fetch_all(&mut *self.0)
        .await?;
        rows.into_iter()
            .map(|(id, name, status, attended_at)| {
                let volunteer_number = VolunteerNumber::from_id(id)
                    .ok_or_else(|| StorageError::Corrupt(format!("volunteers {id}: number")))?;
                Ok(TrainingRosterLine {
                    volunteer_number,
                    name,
                    status: from_text("training_signups.status", &status)?,
                    attended: attended_at.is_some(),
                })
            })
            .collect()
    }
}
