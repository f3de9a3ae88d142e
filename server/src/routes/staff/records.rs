//! `/api/staff/volunteers`, `/api/staff/certificates` and `/api/staff/points/{id}/roster`:
//! finding a volunteer, issuing their numbered service certificate, replacing a lost
//! personal link or erasing a volunteer at their request, and a point's roster.

use super::extract::{JsonForm, Staff, StaffWriter};
use crate::AppState;
use crate::access_key;
use crate::client_limits::Action;
use crate::error::AppError;
use crate::live::Change;
use crate::routes::extract::{ApiPath, ApiQuery, Client, parse_id};
use crate::routes::private_json;
use crate::services::{records, rights};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use huli_contract::{
    AccessKey, CertificateNumber, CertificateRequest, ErrorCode, NewPersonalLink, Period, PointId,
    Problem, RosterShift, ServiceCertificate, StaffRole, VolunteerListing, VolunteerNumber,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(find_volunteers))
        .routes(routes!(issue_certificate))
        .routes(routes!(certificate))
        .routes(routes!(replace_personal_link))
        .routes(routes!(erase_volunteer))
        .routes(routes!(roster))
}

/// The longest search text: a name, a number's digits or a volunteer number fit.
const SEARCH_TEXT_MAX_CHARS: usize = 40;
// `SearchQuery`'s `max_length` says 40 (utoipa takes only literals there).
const _: () = assert!(SEARCH_TEXT_MAX_CHARS == 40);
/// The most volunteers one search lists.
const SEARCH_LIMIT: u32 = 50;

/// The unit whose records the account keeps to; point leaders hold none.
pub fn unit_scope_or_refuse(role: StaffRole) -> Result<Option<i64>, AppError> {
    role.unit_scope()
        .ok_or(AppError::Refused(ErrorCode::NotAllowed))
}

pub(super) fn volunteer_number(raw: &str) -> Result<VolunteerNumber, AppError> {
    VolunteerNumber::try_from(raw.to_owned())
        .map_err(|_| AppError::bad_field("number", Problem::NotOnTheList))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchQuery {
    /// Part of the name, the last 4 or more digits of the phone number, or the
    /// volunteer number.
    #[param(required = true, min_length = 1, max_length = 40, pattern = "\\S")]
    q: Option<String>,
}

/// Finds volunteers, at most 50, with their phone numbers masked. A coordinator finds
/// its unit's teams and whoever signed up for its unit's shifts; point leaders none.
#[utoipa::path(
    get,
    path = "/api/staff/volunteers",
    tag = "staff",
    params(SearchQuery),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Matching volunteers", body = [VolunteerListing]),
        (status = 403, description = "A point leader's account", body = huli_contract::ApiErrorBody),
        (status = 429, description = "Too many searches from this client; see Retry-After", body = huli_contract::ApiErrorBody),
    )
)]
async fn find_volunteers(
    State(state): State<AppState>,
    client: Client,
    staff: Staff,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::StaffSearch, client.0)?;
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let text = query.q.unwrap_or_default();
    // Counted as typed, as the document's `maxLength` counts.
    match text.chars().count() {
        _ if text.trim().is_empty() => return Err(AppError::bad_field("q", Problem::Required)),
        n if n > SEARCH_TEXT_MAX_CHARS => {
            let max = SEARCH_TEXT_MAX_CHARS as u32;
            return Err(AppError::bad_field("q", Problem::TooLong { max }));
        }
        _ => {}
    }
    let found = (state.store)
        .find_volunteers(scope, &text, SEARCH_LIMIT)
        .await?;
    Ok(private_json(StatusCode::OK, &found))
}

/// Issues a numbered certificate of the volunteer's verified service in the period, as
/// China's rules on volunteer service records describe it. A coordinator's covers the
/// hours its unit organised. Asking again with nothing changed answers the same
/// certificate rather than a new number.
#[utoipa::path(
    post,
    path = "/api/staff/volunteers/{number}/certificates",
    tag = "staff",
    params(("number" = String, Path, description = "The volunteer number, e.g. HL0004217")),
    request_body = CertificateRequest,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The certificate", body = ServiceCertificate),
        (status = 404, description = "No such volunteer in the account's records", body = huli_contract::ApiErrorBody),
        (status = 409, description = "No verified hours in the period", body = huli_contract::ApiErrorBody),
        (status = 422, description = "The period is refused", body = huli_contract::ApiErrorBody),
    )
)]
async fn issue_certificate(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(number): ApiPath<String>,
    JsonForm(request): JsonForm<CertificateRequest>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let volunteer = volunteer_number(&number)?;
    let period = Period::parse(&request.from, &request.to).map_err(AppError::Unprocessable)?;
    let now = state.clock.now();
    let certificate =
        records::issue_certificate(&*state.store, &staff.account, volunteer, period, now).await??;
    Ok(private_json(StatusCode::OK, &certificate))
}

/// A certificate as it was issued, to print again: any for an administrator, its own
/// unit's for a coordinator.
#[utoipa::path(
    get,
    path = "/api/staff/certificates/{number}",
    tag = "staff",
    params(("number" = String, Path, description = "The certificate number, e.g. HLZY-2026-000042")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The certificate", body = ServiceCertificate),
        (status = 404, description = "No such certificate in the account's records", body = huli_contract::ApiErrorBody),
    )
)]
async fn certificate(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
) -> Result<Response, AppError> {
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let number = CertificateNumber::try_from(number)
        .map_err(|_| AppError::bad_field("number", Problem::NotOnTheList))?;
    let found = state.store.certificate(scope, &number).await?;
    let certificate = found.ok_or(AppError::NotFound)?;
    Ok(private_json(StatusCode::OK, &certificate))
}

/// Gives a volunteer who lost their personal link a new one: the console draws the
/// key, shows the link once, and the server keeps only its hash. The old link stops
/// working at once. Administrators, and coordinators for the volunteers they see.
#[utoipa::path(
    post,
    path = "/api/staff/volunteers/{number}/personal-link",
    tag = "staff",
    params(("number" = String, Path, description = "The volunteer number")),
    request_body = NewPersonalLink,
    security(("staff_session" = [])),
    responses(
        (status = 204, description = "Replaced"),
        (status = 404, description = "No such volunteer in the account's records", body = huli_contract::ApiErrorBody),
        (status = 422, description = "The key is not a valid personal link key", body = huli_contract::ApiErrorBody),
    )
)]
async fn replace_personal_link(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(number): ApiPath<String>,
    JsonForm(link): JsonForm<NewPersonalLink>,
) -> Result<Response, AppError> {
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let volunteer = volunteer_number(&number)?;
    let key = AccessKey::parse(&link.access_key)
        .map_err(|problem| AppError::Unprocessable(vec![("access_key".into(), problem)]))?;
    records::replace_personal_link(
        &*state.store,
        &staff.account,
        scope,
        volunteer,
        &access_key::hash(&key),
        state.clock.now(),
    )
    .await??;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Erases a volunteer who asked for it at a point (PIPL art. 47), as they could
/// themselves under their personal link: name, number, link, consent, skills and
/// trainings go, upcoming sign-ups are given up, minutes served stay without a name.
/// Administrators, and coordinators for the volunteers they see. The audit log records
/// who did it and the volunteer number, nothing personal.
#[utoipa::path(
    post,
    path = "/api/staff/volunteers/{number}/erase",
    tag = "staff",
    params(("number" = String, Path, description = "The volunteer number")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Erased", body = huli_contract::Erased),
        (status = 403, description = "A point leader's account", body = huli_contract::ApiErrorBody),
        (status = 404, description = "No such volunteer in the account's records", body = huli_contract::ApiErrorBody),
    )
)]
async fn erase_volunteer(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(number): ApiPath<String>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let volunteer = volunteer_number(&number)?;
    let now = state.clock.now();
    let erased = rights::erase_at_request(&*state.store, &staff.account, volunteer, now).await??;
    state.live.refresh_soon_after_write(Change::Attendance);
    tracing::info!(target: "security", event = "volunteer_erased", by = %staff.account.login, "staff erased a volunteer at their request");
    Ok(private_json(StatusCode::OK, &erased))
}

/// The point in the path, if the account runs it: its leader, its partner units'
/// coordinators, administrators.
pub(super) async fn point_of_account(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<PointId, AppError> {
    let point = PointId(parse_id("id", id)?);
    let partners = state.store.point_partners(point).await?;
    let partners = partners.ok_or(AppError::NotFound)?;
    if !(staff.account.role).may_run_display(point, &partners) {
        return Err(AppError::Refused(ErrorCode::NotAllowed));
    }
    Ok(point)
}

/// Today's shifts at the point with everyone confirmed, phones masked, and whether
/// each has checked in and out: what the leader marks attendance from when a volunteer
/// cannot check in themselves.
#[utoipa::path(
    get,
    path = "/api/staff/points/{id}/roster",
    tag = "staff",
    params(("id" = i64, Path, description = "The service point's id")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Today's shifts and who is on them", body = [RosterShift]),
        (status = 403, description = "Not this account's point", body = huli_contract::ApiErrorBody),
        (status = 404, description = "No such point", body = huli_contract::ApiErrorBody),
    )
)]
async fn roster(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    let point = point_of_account(&state, &staff, &id).await?;
    // A partner unit's coordinator sees the point's shifts its own unit organised.
    let only_unit = staff.account.role.unit_scope().flatten();
    let shifts = state
        .store
        .roster(point, only_unit, state.clock.now())
        .await?;
    Ok(private_json(StatusCode::OK, &shifts))
}
