//! The rows of staff review: the review queue, one record as reviewers see it, and the
//! review decision. The rules are in `crate::services::review`.

use super::rows::{from_text, masked_phone, minutes, timestamp, to_text};
use crate::storage::{
    QueueFilter, ReviewMark, ReviewState, ShiftScope, StorageError, StorageResult,
};
use huli_contract::{LocalizedText, PointId, ReviewItem, ReviewPage, ShiftWindow, TeamId};
use sqlx::any::AnyArguments;
use sqlx::{AnyConnection, Arguments};

const ITEM_COLUMNS: &str = "a.id, v.name, v.phone, v.team_id, sh.point_id, \
     p.name_zh AS point_zh, p.name_en AS point_en, sh.organiser_unit_id, u.name_zh AS unit_zh, \
     u.name_en AS unit_en, sh.duty, sh.starts_at, sh.ends_at, a.checked_in_at, a.checked_out_at, \
     a.check_in_method, a.minutes, a.status, a.auto_closed, a.review_reason";

const ITEM_FROM: &str = "FROM attendance a JOIN signups s ON s.id = a.signup_id \
     JOIN shifts sh ON sh.id = s.shift_id JOIN volunteers v ON v.id = s.volunteer_id \
     JOIN service_points p ON p.id = sh.point_id JOIN partner_units u ON u.id = sh.organiser_unit_id";

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    name: Option<String>,
    phone: Option<String>,
    team_id: Option<i64>,
    point_id: i64,
    point_zh: String,
    point_en: String,
    organiser_unit_id: i64,
    unit_zh: String,
    unit_en: String,
    duty: String,
    starts_at: i64,
    ends_at: i64,
    checked_in_at: i64,
    checked_out_at: Option<i64>,
    check_in_method: String,
    minutes: i64,
    status: String,
    auto_closed: i64,
    review_reason: Option<String>,
}

fn item(row: ItemRow) -> StorageResult<ReviewItem> {
    let id = row.id;
    let corrupt = |what: &str| StorageError::Corrupt(format!("attendance {id}: {what}"));
    let reason = (row.review_reason.as_deref())
        .map(huli_contract::ReviewReason::parse)
        .transpose()
        .map_err(|_| corrupt("review reason"))?;
    let shift = ShiftWindow::new(timestamp(row.starts_at)?, timestamp(row.ends_at)?);
    Ok(ReviewItem {
        id,
        volunteer_name: row.name,
        // Staff views never show the whole number.
        phone_masked: masked_phone(row.phone.as_deref(), &format!("attendance {id}"))?,
        team_id: row.team_id.map(TeamId),
        point_id: PointId(row.point_id),
        point_name: LocalizedText {
            zh: row.point_zh,
            en: row.point_en,
        },
        unit_id: row.organiser_unit_id,
        unit_name: LocalizedText {
            zh: row.unit_zh,
            en: row.unit_en,
        },
        duty: from_text("shifts.duty", &row.duty)?,
        shift: shift.map_err(corrupt)?,
        checked_in_at: timestamp(row.checked_in_at)?,
        checked_out_at: row.checked_out_at.map(timestamp).transpose()?,
        method: from_text("attendance.check_in_method", &row.check_in_method)?,
        minutes: minutes(row.minutes),
        status: from_text("attendance.status", &row.status)?,
        auto_closed: row.auto_closed != 0,
        review_reason: reason,
    })
}

/// The records of the queue in a scope under a filter: its parameters are
/// bound in the order of `queue_parameters`.
const QUEUE_WHERE: &str = "WHERE a.status = $1 \
       AND ($2 IS NULL OR sh.organiser_unit_id = $2) AND ($3 IS NULL OR sh.point_id = $3) \
       AND ($4 IS NULL OR sh.point_id = $4) AND ($5 IS NULL OR sh.organiser_unit_id = $5) \
       AND ($6 IS NULL OR a.check_in_method = $6) \
       AND ($7 IS NULL OR (sh.starts_at >= $7 AND sh.starts_at < $8))";

fn queue_parameters(scope: ShiftScope, filter: &QueueFilter) -> AnyArguments<'static> {
    let (unit, point) = (scope.unit, scope.point.map(|p| p.0));
    let mut arguments = AnyArguments::default();
    let starts = filter
        .starts
        .map(|(from, until)| (from.timestamp(), until.timestamp()));
    // Adding a plain value to the arguments cannot fail.
    let _ = arguments.add(to_text(&filter.status));
    let _ = arguments.add(unit);
    let _ = arguments.add(point);
    let _ = arguments.add(filter.point.map(|p| p.0));
    let _ = arguments.add(filter.unit);
    let _ = arguments.add(filter.method.map(|m| to_text(&m)));
    let _ = arguments.add(starts.map(|s| s.0));
    let _ = arguments.add(starts.map(|s| s.1));
    arguments
}

/// One page of the queue in `scope`, and its total: flagged auto-closed records
/// first, then the oldest pending, or the latest reviewed.
pub(super) async fn queue(
    conn: &mut AnyConnection,
    scope: ShiftScope,
    filter: &QueueFilter,
) -> StorageResult<ReviewPage> {
    let total: i64 = sqlx::query_scalar_with(
        &format!("SELECT COUNT(*) {ITEM_FROM} {QUEUE_WHERE}"),
        queue_parameters(scope, filter),
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut arguments = queue_parameters(scope, filter);
    let _ = arguments.add(i64::from(filter.limit));
    let _ = arguments.add(i64::from(filter.offset));
    let rows: Vec<ItemRow> = sqlx::query_as_with(
        &format!(
            "SELECT {ITEM_COLUMNS} {ITEM_FROM} {QUEUE_WHERE} \
             ORDER BY a.auto_closed DESC, \
                      CASE WHEN $1 = 'pending' THEN a.checked_in_at ELSE -a.reviewed_at END, a.id \
             LIMIT $9 OFFSET $10"
        ),
        arguments,
    )
    .fetch_all(conn)
    .await?;
    Ok(ReviewPage {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        offset: filter.offset,
        items: rows.into_iter().map(item).collect::<StorageResult<_>>()?,
    })
}

pub(super) async fn item_by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> StorageResult<Option<ReviewItem>> {
    let row: Option<ItemRow> = sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(item).transpose()
}

pub(super) async fn review_state(
    conn: &mut AnyConnection,
    id: i64,
) -> StorageResult<Option<ReviewState>> {
    let row: Option<(String, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT status, reviewed_by, reviewed_at FROM attendance WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let Some((status, reviewed_by, reviewed_at)) = row else {
        return Ok(None);
    };
    Ok(Some(ReviewState {
        status: from_text("attendance.status", &status)?,
        reviewed_by,
        reviewed_at: reviewed_at.map(timestamp).transpose()?,
    }))
}

pub(super) async fn set_review(
    conn: &mut AnyConnection,
    id: i64,
    mark: &ReviewMark<'_>,
) -> StorageResult<()> {
    sqlx::query(
        "UPDATE attendance SET status = $1, minutes = $2, review_reason = $3, reviewed_by = $4, \
             reviewed_at = $5 WHERE id = $6",
    )
    .bind(to_text(&mark.status))
    .bind(i64::try_from(mark.minutes.0).unwrap_or(i64::MAX))
    .bind(mark.reason)
    .bind(mark.by)
    .bind(mark.at.timestamp())
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn clear_review(conn: &mut AnyConnection, id: i64) -> StorageResult<()> {
    sqlx::query(
        "UPDATE attendance SET status = 'pending', review_reason = NULL, reviewed_by = NULL, \
             reviewed_at = NULL WHERE id = $1",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
