//! Reading volunteers and teams: the registration form's team list and a volunteer's
//! own record.

use super::rows::from_text;
use super::signups::{signup_view, trainings_valid_on};
use crate::storage::{KeyHash, StorageError, StorageResult, VolunteerId};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{LocalizedText, MyRecord, PhoneNumber, SignupId, TeamId, TeamRef, huli_date};
use sqlx::AnyConnection;

/// How long a past sign-up stays on "my sign-ups" after its shift ended.
const RECENT_SIGNUPS_DAYS: i64 = 1;

type TeamRow = (i64, String, String, String);

fn team_ref((id, zh, en, kind): TeamRow) -> StorageResult<TeamRef> {
    Ok(TeamRef {
        id: TeamId(id),
        name: LocalizedText { zh, en },
        kind: from_text("teams.kind", &kind)?,
    })
}

pub(super) async fn teams(conn: &mut AnyConnection) -> StorageResult<Vec<TeamRef>> {
    let rows: Vec<TeamRow> =
        sqlx::query_as("SELECT id, name_zh, name_en, kind FROM teams ORDER BY id")
            .fetch_all(conn)
            .await?;
    rows.into_iter().map(team_ref).collect()
}

/// The team with this id; `None` for none (an individual volunteer).
pub(super) async fn team_by_id(
    conn: &mut AnyConnection,
    id: Option<i64>,
) -> StorageResult<Option<TeamRef>> {
    let Some(id) = id else { return Ok(None) };
    let team: Option<TeamRow> =
        sqlx::query_as("SELECT id, name_zh, name_en, kind FROM teams WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    team.map(team_ref).transpose()
}

pub(super) async fn by_key(
    conn: &mut AnyConnection,
    key_hash: &KeyHash,
) -> StorageResult<Option<VolunteerId>> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM volunteers WHERE access_key_hash = $1")
            .bind(&key_hash[..])
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(id,)| VolunteerId(id)))
}

pub(super) async fn my_record(
    conn: &mut AnyConnection,
    id: VolunteerId,
    now: DateTime<Utc>,
) -> StorageResult<MyRecord> {
    let (name, phone, team_id): (String, String, Option<i64>) =
        sqlx::query_as("SELECT name, phone, team_id FROM volunteers WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *conn)
            .await?;
    let phone = PhoneNumber::parse(&phone)
        .map_err(|e| StorageError::Corrupt(format!("volunteers {}: {e}", id.0)))?;
    let skills: Vec<(String,)> =
        sqlx::query_as("SELECT skill FROM volunteer_skills WHERE volunteer_id = $1 ORDER BY skill")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    let signup_ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT s.id FROM signups s JOIN shifts sh ON sh.id = s.shift_id \
         WHERE s.volunteer_id = $1 AND sh.ends_at >= $2 ORDER BY sh.starts_at, s.id",
    )
    .bind(id.0)
    .bind((now - Duration::days(RECENT_SIGNUPS_DAYS)).timestamp())
    .fetch_all(&mut *conn)
    .await?;
    let mut signups = Vec::with_capacity(signup_ids.len());
    for (signup,) in signup_ids {
        signups.push(signup_view(conn, SignupId(signup)).await?);
    }
    Ok(MyRecord {
        name,
        phone_masked: phone.masked(),
        team: team_by_id(conn, team_id).await?,
        skills: skills
            .iter()
            .map(|(s,)| from_text("volunteer_skills.skill", s))
            .collect::<StorageResult<_>>()?,
        trainings: trainings_valid_on(conn, id, huli_date(now)).await?,
        signups,
    })
}
