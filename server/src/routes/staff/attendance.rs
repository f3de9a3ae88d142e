//! `/api/staff/attendance` and staff check-ins: the review queue, approving, adjusting
//! or rejecting minutes served, and marking a volunteer in or out at the point.

use super::extract::{JsonForm, Staff, StaffWriter};
use crate::AppState;
use crate::error::AppError;
use crate::live::Change;
use crate::routes::extract::{ApiPath, ApiQuery, parse_id};
use crate::routes::private_json;
use crate::services;
use crate::storage::QueueFilter;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::{
    AuditEntry, BulkApproval, PointId, Problem, Review, ReviewForm, ReviewItem, ReviewPage,
    ReviewQuery, ReviewStatus, STAFF_PAGE, SignupId, huli_day_bounds,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(review))
        .routes(routes!(approve_many))
        .routes(routes!(undo_approvals))
        .routes(routes!(check_in))
        .routes(routes!(check_out))
        .routes(routes!(audit_log))
}

/// The newest entries of the audit log shown.
const AUDIT_LIMIT: u32 = 200;

/// A page of 50 attendance records the account may see, and how many there are in all:
/// flagged auto-closed check-outs first, then the oldest pending (or the latest
/// reviewed). A coordinator sees its own unit's shifts, a point leader its point's.
/// Phone numbers are masked.
#[utoipa::path(
    get,
    path = "/api/staff/attendance",
    tag = "staff",
    params(ReviewQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "A page of the queue", body = ReviewPage),
        (status = 400, description = "A parameter does not parse", body = huli_contract::ApiErrorBody),
    )
)]
async fn queue(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(query): ApiQuery<ReviewQuery>,
) -> Result<Response, AppError> {
    let filter = QueueFilter {
        status: query.status.unwrap_or(ReviewStatus::Pending),
        point: query.point.map(PointId),
        unit: query.unit,
        method: query.method,
        starts: query.day.map(huli_day_bounds),
        offset: query.offset.unwrap_or(0),
        limit: STAFF_PAGE,
    };
    let scope = services::scope::shifts_seen_by(staff.account.role);
    let page = state.store.review_queue(scope, filter).await?;
    Ok(private_json(StatusCode::OK, &page))
}

/// The newest 200 changes the account may read: all for an administrator, its unit's
/// shifts for a coordinator, its point's for a point leader. Nobody can edit them.
#[utoipa::path(
    get,
    path = "/api/staff/audit",
    tag = "staff",
    security(("staff_session" = [])),
    responses((status = 200, description = "The audit log, newest first", body = [AuditEntry]))
)]
async fn audit_log(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let scope = services::scope::shifts_seen_by(staff.account.role);
    let entries = state.store.audit_log(scope, AUDIT_LIMIT).await?;
    Ok(private_json(StatusCode::OK, &entries))
}

/// Reviews reach the verified counters at once.
async fn reviewed(
    state: &AppState,
    ids: &[i64],
    review: &Review,
    staff: &Staff,
) -> Result<Vec<ReviewItem>, AppError> {
    let now = state.clock.now();
    let items = services::review::review(&*state.store, &staff.account, ids, review, now).await??;
    state.live.refresh_after_write(Change::Approved).await;
    Ok(items)
}

/// Approves the minutes served, adjusts them (with a reason; at most the shift's
/// length) or rejects them (with a reason). Only the organising unit's coordinator or
/// an administrator may. Reviewing again replaces the decision; the audit log keeps
/// both.
#[utoipa::path(
    post,
    path = "/api/staff/attendance/{id}/review",
    tag = "staff",
    params(("id" = i64, Path, description = "The attendance record's id")),
    request_body = ReviewForm,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Reviewed", body = ReviewItem),
        (status = 403, description = "Not this account's unit, or no anti-forgery token", body = huli_contract::ApiErrorBody),
        (status = 409, description = "Still checked in", body = huli_contract::ApiErrorBody),
        (status = 422, description = "A field is refused", body = huli_contract::ApiErrorBody),
    )
)]
async fn review(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
    JsonForm(form): JsonForm<ReviewForm>,
) -> Result<Response, AppError> {
    let id = parse_id("id", &id)?;
    let review = form.parse().map_err(AppError::Unprocessable)?;
    let mut items = reviewed(&state, &[id], &review, &staff).await?;
    Ok(private_json(StatusCode::OK, &items.pop()))
}

/// Approves many records at once: all of them, or none if one may not be approved.
#[utoipa::path(
    post,
    path = "/api/staff/attendance/approve",
    tag = "staff",
    request_body = BulkApproval,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "All approved", body = [ReviewItem]),
        (status = 403, description = "One is not this account's unit", body = huli_contract::ApiErrorBody),
        (status = 404, description = "No attendance record has one of the ids", body = huli_contract::ApiErrorBody),
        (status = 409, description = "One is still checked in", body = huli_contract::ApiErrorBody),
    )
)]
async fn approve_many(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(bulk): JsonForm<BulkApproval>,
) -> Result<Response, AppError> {
    check_bulk_size(&bulk)?;
    let items = reviewed(&state, &bulk.ids, &Review::Approve, &staff).await?;
    Ok(private_json(StatusCode::OK, &items))
}

/// Undoes approvals: the records go back in the queue. Only the account that approved
/// them, within 10 minutes, and only if nobody has reviewed them since: all of them, or
/// none. Each undo is in the audit log.
#[utoipa::path(
    post,
    path = "/api/staff/attendance/undo",
    tag = "staff",
    request_body = BulkApproval,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "All back in the queue", body = [ReviewItem]),
        (status = 404, description = "No attendance record has one of the ids", body = huli_contract::ApiErrorBody),
        (status = 409, description = "One can no longer be undone", body = huli_contract::ApiErrorBody),
        (status = 422, description = "No ids, or too many", body = huli_contract::ApiErrorBody),
    )
)]
async fn undo_approvals(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(bulk): JsonForm<BulkApproval>,
) -> Result<Response, AppError> {
    check_bulk_size(&bulk)?;
    let now = state.clock.now();
    let items =
        services::review::undo_approvals(&*state.store, &staff.account, &bulk.ids, now).await??;
    state.live.refresh_after_write(Change::Approved).await;
    Ok(private_json(StatusCode::OK, &items))
}

fn check_bulk_size(bulk: &BulkApproval) -> Result<(), AppError> {
    if bulk.ids.is_empty() || bulk.ids.len() > BulkApproval::MAX_IDS {
        let problem = Problem::OutOfRange {
            min: 1,
            max: BulkApproval::MAX_IDS as i64,
        };
        return Err(AppError::Unprocessable(vec![("ids".into(), problem)]));
    }
    Ok(())
}

async fn mark(
    state: &AppState,
    staff: &Staff,
    signup: &str,
    check_in: bool,
) -> Result<Response, AppError> {
    let signup = SignupId(parse_id("id", signup)?);
    let now = state.clock.now();
    let item =
        services::review::mark_attendance(&*state.store, &staff.account, signup, check_in, now)
            .await??;
    state.live.refresh_after_write(Change::Attendance).await;
    Ok(private_json(StatusCode::OK, &item))
}

/// Checks a volunteer in on their behalf (method `leader`): for the point's leader, the
/// organising unit's coordinator or an administrator, within the shift's check-in window.
#[utoipa::path(
    post,
    path = "/api/staff/signups/{id}/check-in",
    tag = "staff",
    params(("id" = i64, Path, description = "The sign-up's id")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Checked in (or already was)", body = ReviewItem),
        (status = 403, description = "Not this account's point or unit", body = huli_contract::ApiErrorBody),
        (status = 409, description = "Outside the check-in window, or not confirmed", body = huli_contract::ApiErrorBody),
    )
)]
async fn check_in(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    mark(&state, &staff, &id, true).await
}

/// Checks a volunteer out on their behalf; the minutes inside the shift wait for review.
#[utoipa::path(
    post,
    path = "/api/staff/signups/{id}/check-out",
    tag = "staff",
    params(("id" = i64, Path, description = "The sign-up's id")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Checked out (or already was)", body = ReviewItem),
        (status = 403, description = "Not this account's point or unit", body = huli_contract::ApiErrorBody),
        (status = 409, description = "Not checked in", body = huli_contract::ApiErrorBody),
    )
)]
async fn check_out(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    mark(&state, &staff, &id, false).await
}
