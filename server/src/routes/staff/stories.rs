//! `/api/staff/stories`: writing a volunteer's story for their consent, and its photo.

use super::extract::{JsonForm, Staff, StaffWriter};
use super::records::unit_scope_or_refuse;
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::{ApiPath, parse_id, unreadable_body};
use crate::routes::private_json;
use crate::services::stories;
use crate::story_photo;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::Response;
use huli_contract::stories::PHOTO_MAX_BYTES;
use huli_contract::{ApiErrorBody, StoryForm, StoryId, StoryRecord};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    let photos = OpenApiRouter::new()
        .routes(routes!(upload_photo))
        .layer(axum::extract::DefaultBodyLimit::max(PHOTO_MAX_BYTES));
    OpenApiRouter::new()
        .routes(routes!(written, write))
        .merge(photos)
}

/// The stories the account's unit wrote (administrators: every story), newest first,
/// with where each volunteer's consent stands.
#[utoipa::path(
    get,
    path = "/api/staff/stories",
    tag = "staff",
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The stories", body = [StoryRecord]),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
    )
)]
async fn written(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let scope = unit_scope_or_refuse(staff.account.role)?;
    let stories = state.store.stories_written(scope).await?;
    Ok(private_json(StatusCode::OK, &stories))
}

/// Writes a story about a volunteer the account sees; it is published only once the
/// volunteer consents through their personal link ("my sign-ups").
#[utoipa::path(
    post,
    path = "/api/staff/stories",
    tag = "staff",
    request_body = StoryForm,
    security(("staff_session" = [])),
    responses(
        (status = 201, description = "Written, waiting for the volunteer's consent", body = StoryRecord),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
        (status = 422, description = "Fields to correct, each with its reason (a volunteer outside the account's records among them)", body = ApiErrorBody),
    )
)]
async fn write(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    JsonForm(form): JsonForm<StoryForm>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let story = form.parse().map_err(AppError::Unprocessable)?;
    let now = state.clock.now();
    let record = stories::write(&*state.store, &staff.account, &story, now).await??;
    Ok(private_json(StatusCode::CREATED, &record))
}

/// Puts a photo on a story still waiting for consent: a JPEG, PNG or WebP of at most
/// 8 MiB, which the server decodes, turns upright, scales to at most 1200 pixels a side
/// and keeps as a JPEG without any of the upload's metadata.
#[utoipa::path(
    put,
    path = "/api/staff/stories/{id}/photo",
    tag = "staff",
    params(("id" = i64, Path, description = "The story's id")),
    request_body(content = String, content_type = "application/octet-stream", description = "The picture's bytes"),
    security(("staff_session" = [])),
    responses(
        (status = 200, description = "The story with its photo", body = StoryRecord),
        (status = 403, description = "A point leader's account", body = ApiErrorBody),
        (status = 404, description = "No such story among the account's", body = ApiErrorBody),
        (status = 409, description = "The volunteer has answered for the story", body = ApiErrorBody),
        (status = 413, description = "Larger than 8 MiB", body = ApiErrorBody),
        (status = 422, description = "Not a picture the server can read", body = ApiErrorBody),
    )
)]
async fn upload_photo(
    State(state): State<AppState>,
    StaffWriter(staff): StaffWriter,
    ApiPath(id): ApiPath<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    unit_scope_or_refuse(staff.account.role)?;
    let id = StoryId(parse_id("id", &id)?);
    let upload = body.map_err(|rejection| unreadable_body(&rejection))?;
    let photo = tokio::task::spawn_blocking(move || story_photo::reencode(&upload))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let photo =
        photo.map_err(|problem| AppError::Unprocessable(vec![("photo".to_owned(), problem)]))?;
    let now = state.clock.now();
    let record = stories::set_photo(&*state.store, &staff.account, id, &photo, now).await??;
    Ok(private_json(StatusCode::OK, &record))
}
