//! `/api/stories`: published volunteer stories and their photos, for anyone;
//! `/api/me/stories`: the stories about a volunteer, and their consent or withdrawal.

use super::REVALIDATE;
use crate::AppState;
use crate::client_limits::Action;
use crate::error::AppError;
use crate::public_reads::Prepared;
use crate::routes::extract::{ApiPath, Client, Idempotent, SignedIn, parse_id};
use crate::routes::private_json;
use crate::services::stories::{self, Answer};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use huli_contract::{ApiErrorBody, StoryId, StoryRecord, StoryView, is_secret_shaped};
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// How many stories the public list holds: the newspaper column's two years and more.
const LISTED: u32 = 100;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(published))
        .routes(routes!(one_story))
        .routes(routes!(photo))
        .routes(routes!(about_me))
        .routes(routes!(consent))
        .routes(routes!(withdraw))
}

/// Published stories, newest first: each volunteer consented to theirs.
#[utoipa::path(
    get,
    path = "/api/stories",
    tag = "stories",
    responses((status = 200, description = "The published stories", body = [StoryView]))
)]
async fn published(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    Ok(stories_answer(&state).await?.respond(&headers, REVALIDATE))
}

/// The published stories, as `GET /api/stories` answers: from memory until a write.
pub(super) async fn stories_answer(state: &AppState) -> Result<Arc<Prepared>, AppError> {
    let read = || async {
        Ok(Prepared::json(
            &state.store.published_stories(LISTED).await?,
        ))
    };
    state.public.stories(read).await
}

/// One published story.
#[utoipa::path(
    get,
    path = "/api/stories/{id}",
    tag = "stories",
    params(("id" = i64, Path, description = "The story's id")),
    responses(
        (status = 200, description = "The story", body = StoryView),
        (status = 404, description = "No such story is published", body = ApiErrorBody),
    )
)]
async fn one_story(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<StoryView>, AppError> {
    let id = StoryId(parse_id("id", &id)?);
    let story = state.store.published_story(id).await?;
    Ok(Json(story.ok_or(AppError::NotFound)?))
}

/// A story's photo, as the server re-encoded it, while its story is published or
/// waiting for the volunteer's consent. Its name is the SHA-256 of its bytes.
#[utoipa::path(
    get,
    path = "/api/stories/photos/{name}",
    tag = "stories",
    params(("name" = String, Path, description = "The photo's name: 64 hexadecimal digits")),
    responses(
        (status = 200, description = "The photo", content_type = "image/jpeg", body = String),
        (status = 404, description = "No such photo on a story that shows it", body = ApiErrorBody),
    )
)]
async fn photo(
    State(state): State<AppState>,
    ApiPath(name): ApiPath<String>,
) -> Result<Response, AppError> {
    if !is_secret_shaped(&name) {
        return Err(AppError::NotFound);
    }
    let jpeg = state.store.story_photo(&name).await?;
    let jpeg = jpeg.ok_or(AppError::NotFound)?;
    // Short-lived in caches: a withdrawn story's photo must leave them soon.
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        ),
    ];
    Ok((headers, jpeg).into_response())
}

/// Every story staff wrote about the volunteer, with its status: waiting for their
/// consent, published, or withdrawn.
#[utoipa::path(
    get,
    path = "/api/me/stories",
    tag = "stories",
    security(("personal_link" = [])),
    responses(
        (status = 200, description = "The stories about the volunteer", body = [StoryRecord]),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
    )
)]
async fn about_me(
    State(state): State<AppState>,
    SignedIn(volunteer): SignedIn,
) -> Result<Response, AppError> {
    let stories = state.store.stories_about(volunteer).await?;
    Ok(private_json(StatusCode::OK, &stories))
}

/// The volunteer consents to the story as it stands: it is published. Consenting again
/// changes nothing; a withdrawn story stays withdrawn.
#[utoipa::path(
    post,
    path = "/api/me/stories/{id}/consent",
    tag = "stories",
    security(("personal_link" = [])),
    params(
        ("id" = i64, Path, description = "The story's id"),
        ("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _")
    ),
    responses(
        (status = 200, description = "Published", body = StoryRecord),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 404, description = "No story about the volunteer with this id", body = ApiErrorBody),
        (status = 409, description = "The consent was withdrawn before", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn consent(
    state: State<AppState>,
    client: Client,
    signed_in: SignedIn,
    id: ApiPath<String>,
    request: Idempotent<()>,
) -> Result<Response, AppError> {
    answer(state, client, signed_in, id, request, Answer::Consent).await
}

/// The volunteer declines the story, or withdraws the consent they gave: it leaves the
/// public pages at once, for good.
#[utoipa::path(
    post,
    path = "/api/me/stories/{id}/withdraw",
    tag = "stories",
    security(("personal_link" = [])),
    params(
        ("id" = i64, Path, description = "The story's id"),
        ("Idempotency-Key" = String, Header, description = "16–64 of A-Z a-z 0-9 - _")
    ),
    responses(
        (status = 200, description = "Withdrawn", body = StoryRecord),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 404, description = "No story about the volunteer with this id", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn withdraw(
    state: State<AppState>,
    client: Client,
    signed_in: SignedIn,
    id: ApiPath<String>,
    request: Idempotent<()>,
) -> Result<Response, AppError> {
    answer(state, client, signed_in, id, request, Answer::Withdraw).await
}

async fn answer(
    State(state): State<AppState>,
    client: Client,
    SignedIn(volunteer): SignedIn,
    ApiPath(id): ApiPath<String>,
    request: Idempotent<()>,
    answer: Answer,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::SignUp, client.0)?;
    let id = StoryId(parse_id("id", &id)?);
    let scope = volunteer.idempotency_scope();
    let now = state.clock.now();
    let record = stories::answer(
        &*state.store,
        volunteer,
        id,
        answer,
        &request.request(scope),
        now,
    )
    .await??;
    Ok(private_json(StatusCode::OK, &record))
}
