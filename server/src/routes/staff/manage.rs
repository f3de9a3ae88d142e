//! Managing the programme: points, partner units and pairings, teams here; shifts,
//! weekly templates and insurance records in [`shifts`].
//!
//! Administrators manage everything. A coordinator manages its own unit: the shifts it
//! organises, the point it is paired with, its teams and their insurance. Units and
//! pairings are the administrators' alone, and point leaders manage nothing here.
//! Public views read the database on every request (with an `ETag` at most), so a
//! change shows on the map and the point pages at once.

mod shifts;

use super::extract::{JsonForm, Staff, StaffWriter, administrator};
use crate::AppState;
use crate::error::AppError;
use crate::live::Change;
use crate::routes::extract::{ApiPath, parse_id};
use crate::routes::private_json;
use crate::services::manage;
use crate::storage::CountingPeriod;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::{
    ApiErrorBody, DistrictBoundary, ErrorCode, PairingForm, PartnerUnitRef, PointDetail, PointForm,
    PointId, Problem, TeamForm, TeamRef, UnitForm, UnitView,
};
use std::sync::LazyLock;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(change_point))
        .routes(routes!(list_units, create_unit))
        .routes(routes!(pair_unit))
        .routes(routes!(create_team))
        .merge(shifts::router())
}

/// The district outline that a moved marker must stay inside, read once.
static HULI: LazyLock<Result<DistrictBoundary, String>> = LazyLock::new(|| {
    DistrictBoundary::from_geojson(include_str!(
        "../../../../public/data/huli-boundary.wgs84.geojson"
    ))
});

/// Point leaders run attendance at their point and manage nothing.
/// The unit whose shifts and teams the account manages (`None`: every unit's); a point
/// leader's account manages nothing.
fn manager(staff: &Staff) -> Result<Option<i64>, AppError> {
    (staff.account.role.unit_scope()).ok_or(AppError::Refused(ErrorCode::NotAllowed))
}

/// Changes a point's names, address, opening hours or services, or moves its marker:
/// a new location must lie inside Huli District and is then no longer approximate.
/// Fields left out stay as they are. For administrators and the coordinators of units
/// paired with the point.
#[utoipa::path(
    patch,
    path = "/api/staff/points/{id}",
    tag = "staff",
    params(("id" = i64, Path, description = "The point's id")),
    request_body = PointForm,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The point as its public page now shows it", body = PointDetail),
        (status = 403, description = "Not this account's point, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No point has this id", body = ApiErrorBody),
        (status = 422, description = "A field is refused, e.g. `location` outside the district", body = ApiErrorBody),
    )
)]
async fn change_point(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
    JsonForm(form): JsonForm<PointForm>,
) -> Result<Response, AppError> {
    manager(&staff)?;
    let id = PointId(parse_id("id", &id)?);
    let change = form.parse().map_err(AppError::Unprocessable)?;
    if let Some(location) = change.location {
        let huli = HULI.as_ref().map_err(|e| AppError::Internal(e.clone()))?;
        if !huli.contains(location) {
            let refused = vec![("location".to_owned(), Problem::OutsideDistrict)];
            return Err(AppError::Unprocessable(refused));
        }
    }
    if !change.is_empty() {
        manage::places::change_point(
            &*state.store,
            &staff.account,
            id,
            &change,
            state.clock.now(),
        )
        .await??;
    }
    let detail = state
        .store
        .point_detail(id, CountingPeriod::ending_at(state.clock.now()))
        .await?;
    Ok(private_json(
        StatusCode::OK,
        &detail.ok_or(AppError::NotFound)?,
    ))
}

/// Partner units with the point each staffs: all of them for an administrator, its own
/// for a coordinator.
#[utoipa::path(
    get,
    path = "/api/staff/units",
    tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The units", body = [UnitView]),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
    )
)]
async fn list_units(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let only_unit = manager(&staff)?;
    let units = state.store.managed_units(only_unit).await?;
    Ok(private_json(StatusCode::OK, &units))
}

/// Adds a partner unit ("civilised unit"); pair it with its point next. Administrators only.
#[utoipa::path(
    post,
    path = "/api/staff/units",
    tag = "staff",
    request_body = UnitForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Created", body = PartnerUnitRef),
        (status = 403, description = "Not an administrator, or no anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "A field is refused, e.g. `name_zh` already in use", body = ApiErrorBody),
    )
)]
async fn create_unit(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<UnitForm>,
) -> Result<Response, AppError> {
    administrator(&staff)?;
    let unit = form.parse().map_err(AppError::Unprocessable)?;
    let created =
        manage::places::create_unit(&*state.store, &staff.account, &unit, state.clock.now())
            .await??;
    // The programme's size is on the live counters.
    state.live.refresh_after_write(Change::Attendance).await;
    Ok(private_json(StatusCode::CREATED, &created))
}

/// Pairs a unit with the point it staffs (a unit staffs exactly one point; a point may
/// have several units), in place of its earlier point. Its coordinator then manages
/// that point's details and creates shifts there. Administrators only.
#[utoipa::path(
    put,
    path = "/api/staff/units/{id}/point",
    tag = "staff",
    params(("id" = i64, Path, description = "The unit's id")),
    request_body = PairingForm,
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "Paired", body = UnitView),
        (status = 403, description = "Not an administrator, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No unit has this id", body = ApiErrorBody),
        (status = 422, description = "`point_id` names no point", body = ApiErrorBody),
    )
)]
async fn pair_unit(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
    JsonForm(form): JsonForm<PairingForm>,
) -> Result<Response, AppError> {
    administrator(&staff)?;
    let unit = parse_id("id", &id)?;
    let point = form.parse().map_err(AppError::Unprocessable)?;
    let paired = manage::places::pair_unit(
        &*state.store,
        &staff.account,
        unit,
        point,
        state.clock.now(),
    )
    .await??;
    Ok(private_json(StatusCode::OK, &paired))
}

/// Forms a volunteer team. A coordinator's team belongs to its own unit (`unit_id`);
/// a team of no unit (a community's, say) is for administrators to form.
#[utoipa::path(
    post,
    path = "/api/staff/teams",
    tag = "staff",
    request_body = TeamForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Created; volunteers can register with it now", body = TeamRef),
        (status = 403, description = "Not this account's unit, or no anti-forgery token", body = ApiErrorBody),
        (status = 422, description = "A field is refused", body = ApiErrorBody),
    )
)]
async fn create_team(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<TeamForm>,
) -> Result<Response, AppError> {
    manager(&staff)?;
    let team = form.parse().map_err(AppError::Unprocessable)?;
    let created =
        manage::places::create_team(&*state.store, &staff.account, &team, state.clock.now())
            .await??;
    state.live.refresh_after_write(Change::Attendance).await;
    Ok(private_json(StatusCode::CREATED, &created))
}
