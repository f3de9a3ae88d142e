//! A point's day: the shifts that run today in Huli, for the public display (names
//! shortened) and for the leader's roster (everyone confirmed, phones masked).

use super::rows::{from_text, masked_phone, timestamp};
use crate::storage::{StorageError, StorageResult};
use chrono::{DateTime, Utc};
use huli_contract::{
    DisplayShift, DutyKind, Period, PointId, RosterEntry, RosterShift, ShiftWindow, SignupId,
    china_standard_time, shortened_name,
};
use sqlx::AnyConnection;

struct DayShift {
    id: i64,
    window: ShiftWindow,
    duty: DutyKind,
    confirmed: u32,
}

/// The point's shifts that run on the day of `now` in Huli, one that began before
/// midnight included.
async fn today_shifts(
    conn: &mut AnyConnection,
    point: PointId,
    only_unit: Option<i64>,
    now: DateTime<Utc>,
) -> StorageResult<Vec<DayShift>> {
    let day = Period::day(now.with_timezone(&china_standard_time()).date_naive());
    type Row = (i64, i64, i64, String, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT sh.id, sh.starts_at, sh.ends_at, sh.duty, \
                (SELECT COUNT(*) FROM signups s WHERE s.shift_id = sh.id AND s.status = 'confirmed') \
         FROM shifts sh WHERE sh.point_id = $1 AND sh.ends_at > $2 AND sh.starts_at < $3 \
           AND ($4 IS NULL OR sh.organiser_unit_id = $4) \
         ORDER BY sh.starts_at, sh.id",
    )
    .bind(point.0)
    .bind(day.starts_at().timestamp())
    .bind(day.ends_before().timestamp())
    .bind(only_unit)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id, starts, ends, duty, confirmed)| {
            let corrupt = |e: &str| StorageError::Corrupt(format!("shift {id}: {e}"));
            Ok(DayShift {
                id,
                window: ShiftWindow::new(timestamp(starts)?, timestamp(ends)?).map_err(corrupt)?,
                duty: from_text("shifts.duty", &duty)?,
                confirmed: u32::try_from(confirmed).unwrap_or(0),
            })
        })
        .collect()
}

/// Today's shifts with who checked in, each name shortened for a public screen.
pub(super) async fn display_shifts(
    conn: &mut AnyConnection,
    point: PointId,
    now: DateTime<Utc>,
) -> StorageResult<Vec<DisplayShift>> {
    let mut shifts = Vec::new();
    for shift in today_shifts(conn, point, None, now).await? {
        // An erased volunteer's check-in shows no name, not even its first character.
        let names: Vec<(String,)> = sqlx::query_as(
            "SELECT v.name FROM attendance a JOIN signups s ON s.id = a.signup_id \
             JOIN volunteers v ON v.id = s.volunteer_id \
             WHERE s.shift_id = $1 AND v.name IS NOT NULL \
             ORDER BY a.checked_in_at, a.id",
        )
        .bind(shift.id)
        .fetch_all(&mut *conn)
        .await?;
        shifts.push(DisplayShift {
            window: shift.window,
            duty: shift.duty,
            confirmed: shift.confirmed,
            checked_in: names.iter().map(|(n,)| shortened_name(n)).collect(),
        });
    }
    Ok(shifts)
}

/// Today's shifts (of `only_unit`) with everyone confirmed on them, for marking
/// attendance.
pub(super) async fn roster(
    conn: &mut AnyConnection,
    point: PointId,
    only_unit: Option<i64>,
    now: DateTime<Utc>,
) -> StorageResult<Vec<RosterShift>> {
    let mut shifts = Vec::new();
    for shift in today_shifts(conn, point, only_unit, now).await? {
        type Row = (
            i64,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT s.id, v.name, v.phone, a.checked_in_at, a.checked_out_at \
             FROM signups s JOIN volunteers v ON v.id = s.volunteer_id \
             LEFT JOIN attendance a ON a.signup_id = s.id \
             WHERE s.shift_id = $1 AND s.status = 'confirmed' ORDER BY s.created_at, s.id",
        )
        .bind(shift.id)
        .fetch_all(&mut *conn)
        .await?;
        let mut people = Vec::with_capacity(rows.len());
        for (signup, name, phone, checked_in, checked_out) in rows {
            people.push(RosterEntry {
                signup_id: SignupId(signup),
                name,
                phone_masked: masked_phone(phone.as_deref(), &format!("sign-up {signup}"))?,
                checked_in_at: checked_in.map(timestamp).transpose()?,
                checked_out_at: checked_out.map(timestamp).transpose()?,
            });
        }
        shifts.push(RosterShift {
            window: shift.window,
            duty: shift.duty,
            people,
        });
    }
    Ok(shifts)
}
