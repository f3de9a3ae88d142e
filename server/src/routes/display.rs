//! `/api/display`: what the device at a point shows, through the point's display link.
//! The link's key comes as a bearer token; it opens this one point's display and
//! nothing else, and stops at once when revoked.

use crate::AppState;
use crate::error::AppError;
use crate::rotating_code;
use crate::routes::extract::public_origin;
use crate::routes::{private_json, qr_code};
use crate::staff_auth;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use huli_contract::{ApiErrorBody, ErrorCode, PointDisplay, is_secret_shaped};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(point_display))
}

/// A link's last use is written down at most this often: the device asks every minute.
const SEEN_EVERY: Duration = Duration::minutes(5);

/// The key of the request's `Authorization: Bearer …` (the scheme's name in any case,
/// RFC 9110), if it has the shape of one.
fn bearer_key(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, key) = value.split_once(' ')?;
    let key = key.trim();
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    is_secret_shaped(key).then_some(key)
}

fn next_step(now: DateTime<Utc>) -> DateTime<Utc> {
    let step = rotating_code::STEP_SECONDS;
    let next = (now.timestamp().div_euclid(step) + 1) * step;
    DateTime::from_timestamp(next, 0).unwrap_or(now)
}

/// This minute's check-in code as digits and as a QR code that opens the volunteer's
/// check-in page with it, today's shifts, and who has checked in (first character of
/// the name only: the screen is in public).
#[utoipa::path(
    get,
    path = "/api/display",
    tag = "attendance",
    security(("display_link" = [])),
    responses(
        (status = 200, description = "The display", body = PointDisplay),
        (status = 401, description = "No display link, or one revoked", body = ApiErrorBody),
    )
)]
async fn point_display(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let refused = AppError::Refused(ErrorCode::DisplayLinkInvalid);
    let key = bearer_key(&headers).ok_or(refused.clone())?;
    let link = state
        .store
        .display_link(&staff_auth::token_hash(key))
        .await?;
    let link = link.ok_or(refused)?;
    let now = state.clock.now();
    if link
        .last_seen_at
        .is_none_or(|seen| now - seen >= SEEN_EVERY)
    {
        state.store.display_link_seen(link.id, now).await?;
    }
    let data = state.store.point_display(link.point, now).await?;
    let data = data.ok_or(AppError::NotFound)?;
    let code = rotating_code::code_at(&data.code_secret, now);
    let check_in_url = format!("{}/me?code={code}", public_origin(&headers));
    let display = PointDisplay {
        point_id: link.point,
        point: data.name,
        qr_svg: qr_code::svg(&check_in_url)?,
        check_in_url,
        code,
        next_code_at: next_step(now),
        shifts: data.shifts,
    };
    Ok(private_json(StatusCode::OK, &display))
}
