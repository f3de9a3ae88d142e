//! The attendance behind the counters, summed in SQL by point, team, unit and month.

use super::dialect::Dialect;
use super::rows::minutes;
use crate::storage::{CountingPeriod, Served, StorageResult, Tally, TallyGroup};
use huli_contract::{PointId, TeamId};
use sqlx::AnyConnection;

/// China Standard Time is UTC+8 all year, so shifting by 8 hours gives its calendar.
const CST_OFFSET_SECONDS: i64 = 8 * 3600;

/// Joins each attendance to the point, organiser and team it counts for.
const ATTENDANCE_SCOPES: &str = "FROM attendance a \
     JOIN signups s ON s.id = a.signup_id \
     JOIN shifts sh ON sh.id = s.shift_id \
     JOIN volunteers v ON v.id = s.volunteer_id";

/// Point, team (none for individual volunteers), unit, month (of this year's minutes),
/// minutes this year, minutes in the last twelve months.
type ApprovedRow = (i64, Option<i64>, i64, Option<i64>, i64, i64);

pub(super) async fn approved(
    connection: &mut AnyConnection,
    period: CountingPeriod,
) -> StorageResult<Vec<TallyGroup>> {
    let dialect = Dialect::of(connection);
    let month = dialect.month_of("a.checked_in_at + $4");
    let least = dialect.least();
    let rows: Vec<ApprovedRow> = sqlx::query_as(&format!(
        "SELECT sh.point_id, v.team_id, sh.organiser_unit_id, \
                CASE WHEN a.checked_in_at >= $1 THEN {month} END, \
                CAST(COALESCE(SUM(CASE WHEN a.checked_in_at >= $1 THEN a.minutes END), 0) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN a.checked_in_at >= $2 THEN a.minutes END), 0) AS BIGINT) \
         {ATTENDANCE_SCOPES} \
         WHERE a.status = 'approved' \
           AND a.checked_in_at >= {least}($1, $2) AND a.checked_in_at <= $3 \
         GROUP BY 1, 2, 3, 4"
    ))
    .bind(period.year_start.timestamp())
    .bind(period.twelve_months_ago.timestamp())
    .bind(period.now.timestamp())
    .bind(CST_OFFSET_SECONDS)
    .fetch_all(connection)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(point, team, unit, month, this_year, rolling)| {
            let served = Served {
                month: month.and_then(|m| u32::try_from(m).ok()),
                approved_this_year: minutes(this_year),
                approved_last_12_months: minutes(rolling),
                ..Served::default()
            };
            TallyGroup::new(point, team, unit, served)
        })
        .collect())
}

pub(super) async fn current(
    connection: &mut AnyConnection,
    period: CountingPeriod,
) -> StorageResult<Tally> {
    let pending: Vec<(i64, Option<i64>, i64, i64)> = sqlx::query_as(&format!(
        "SELECT sh.point_id, v.team_id, sh.organiser_unit_id, \
                CAST(COALESCE(SUM(a.minutes), 0) AS BIGINT) \
         {ATTENDANCE_SCOPES} \
         WHERE a.status = 'pending' AND a.checked_in_at >= $1 \
         GROUP BY 1, 2, 3"
    ))
    .bind(period.year_start.timestamp())
    .fetch_all(&mut *connection)
    .await?;
    // Time before the shift starts is travel or waiting, so it does not count.
    let greatest = Dialect::of(connection).greatest();
    let on_duty: Vec<(i64, Option<i64>, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT sh.point_id, v.team_id, sh.organiser_unit_id, COUNT(*), \
                CAST(COALESCE(SUM({greatest}(0, $1 - {greatest}(a.checked_in_at, sh.starts_at))), 0) \
                     AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN sh.starts_at <= $1 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         {ATTENDANCE_SCOPES} \
         WHERE a.checked_out_at IS NULL AND sh.ends_at > $1 \
         GROUP BY 1, 2, 3"
    ))
    .bind(period.now.timestamp())
    .fetch_all(&mut *connection)
    .await?;
    let scopes: Vec<(String, i64)> = sqlx::query_as(
        "SELECT 'point', id FROM service_points UNION ALL SELECT 'team', id FROM teams \
         UNION ALL SELECT 'unit', id FROM partner_units ORDER BY 1, 2",
    )
    .fetch_all(&mut *connection)
    .await?;
    // Registered volunteers: an erased one is nobody any more, though their minutes count.
    let volunteers: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM volunteers WHERE erased_at IS NULL")
            .fetch_one(&mut *connection)
            .await?;

    let of_kind = |kind: &str| {
        (scopes.iter())
            .filter(|(k, _)| k == kind)
            .map(|(_, id)| *id)
            .collect::<Vec<_>>()
    };
    let pending = pending.into_iter().map(|(point, team, unit, pending)| {
        let served = Served {
            pending_this_year: minutes(pending),
            ..Served::default()
        };
        TallyGroup::new(point, team, unit, served)
    });
    let on_duty = on_duty
        .into_iter()
        .map(|(point, team, unit, count, seconds, serving)| {
            let served = Served {
                on_duty: u32::try_from(count).unwrap_or(u32::MAX),
                on_duty_seconds: u64::try_from(seconds).unwrap_or(0),
                on_duty_serving: u32::try_from(serving).unwrap_or(0),
                ..Served::default()
            };
            TallyGroup::new(point, team, unit, served)
        });
    Ok(Tally {
        groups: pending.chain(on_duty).collect(),
        points: of_kind("point").into_iter().map(PointId).collect(),
        teams: of_kind("team").into_iter().map(TeamId).collect(),
        units: of_kind("unit"),
        volunteers: u32::try_from(volunteers).unwrap_or(u32::MAX),
    })
}
