//! `/api/staff/points/{id}/display-links`: the links the devices at a point show its
//! display through. The point's leader, its partner units' coordinators and
//! administrators make and revoke them; a new link's address is shown once.

use super::extract::{JsonForm, Staff, StaffWriter};
use super::records::point_of_account;
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::{ApiPath, parse_id, public_origin};
use crate::routes::private_json;
use crate::services::display_links;
use crate::staff_auth;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use huli_contract::display_links::DISPLAY_PATH;
use huli_contract::{ApiErrorBody, DisplayLinkForm, DisplayLinkView, NewDisplayLink};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(revoke))
}

/// The point's display links in force, newest first.
#[utoipa::path(
    get,
    path = "/api/staff/points/{id}/display-links",
    tag = "staff",
    params(("id" = i64, Path, description = "The service point's id")),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The links in force", body = [DisplayLinkView]),
        (status = 403, description = "Not this account's point", body = ApiErrorBody),
        (status = 404, description = "No such point", body = ApiErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, AppError> {
    let point = point_of_account(&state, &staff, &id).await?;
    let links = state.store.display_links(point).await?;
    Ok(private_json(StatusCode::OK, &links))
}

/// Makes a link for a device at the point. The answer holds its address, with the key
/// after `#`; only a hash of the key is kept, so it is shown this once.
#[utoipa::path(
    post,
    path = "/api/staff/points/{id}/display-links",
    tag = "staff",
    params(("id" = i64, Path, description = "The service point's id")),
    request_body = DisplayLinkForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Made", body = NewDisplayLink),
        (status = 403, description = "Not this account's point, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No such point", body = ApiErrorBody),
        (status = 422, description = "The label is empty or too long", body = ApiErrorBody),
    )
)]
async fn create(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
    JsonForm(form): JsonForm<DisplayLinkForm>,
) -> Result<Response, AppError> {
    let point = point_of_account(&state, &staff, &id).await?;
    let label = form.parse().map_err(AppError::Unprocessable)?;
    let key = staff_auth::new_token();
    let hash = staff_auth::token_hash(&key);
    let now = state.clock.now();
    let link =
        display_links::create(&*state.store, &staff.account, point, &label, &hash, now).await?;
    tracing::info!(target: "security", event = "display_link_created", by = %staff.account.login, point = point.0, "a display link was made");
    let url = format!("{}{DISPLAY_PATH}#{key}", public_origin(&headers));
    Ok(private_json(
        StatusCode::CREATED,
        &NewDisplayLink { link, url },
    ))
}

/// Revokes a link: the device's next request is refused.
#[utoipa::path(
    delete,
    path = "/api/staff/points/{id}/display-links/{link}",
    tag = "staff",
    params(
        ("id" = i64, Path, description = "The service point's id"),
        ("link" = i64, Path, description = "The display link's id"),
    ),
    security(("staff_session" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 403, description = "Not this account's point, or no anti-forgery token", body = ApiErrorBody),
        (status = 404, description = "No such point, or no such link in force there", body = ApiErrorBody),
    )
)]
async fn revoke(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath((id, link)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    let point = point_of_account(&state, &staff, &id).await?;
    let link = parse_id("link", &link)?;
    let now = state.clock.now();
    display_links::revoke(&*state.store, &staff.account, point, link, now).await??;
    tracing::info!(target: "security", event = "display_link_revoked", by = %staff.account.login, point = point.0, link, "a display link was revoked");
    Ok(StatusCode::NO_CONTENT.into_response())
}
