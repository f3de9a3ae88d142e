//! The HTTP surface: one router per resource, merged here with the OpenAPI document
//! that `utoipa` derives from the very handlers, and the built web app as the fallback.

mod api_doc;
mod app_files;
mod attendance;
mod calendar_feeds;
mod csv_file;
mod display;
mod embed;
mod extract;
mod health;
mod live;
mod manifest;
mod map;
mod page_template;
mod pages;
mod points;
mod qr_code;
mod rights;
mod security;
mod shifts;
mod signups;
mod staff;
mod stats;
mod stories;
mod training_sessions;
mod volunteers;

use crate::AppState;
use crate::error::{AppError, localize_errors};
use crate::storage::Change;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use huli_contract::ErrorCode;
use std::path::Path;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

/// Public answers that change: a browser may keep them but asks (with the `ETag`) before
/// using them again.
pub(crate) const REVALIDATE: &str = "no-cache";

/// A personal response (a volunteer's own record or sign-up): JSON that no cache may keep.
fn private_json(status: StatusCode, value: &impl serde::Serialize) -> axum::response::Response {
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        axum::Json(value),
    )
        .into_response()
}

/// The whole application: API, health check, OpenAPI document and web app.
pub fn router(state: AppState, dist_dir: &Path) -> Router {
    let app = app_files::router(state.clone(), dist_dir);
    let (api, mut openapi) = OpenApiRouter::with_openapi(api_doc::base())
        .merge(points::router())
        .merge(volunteers::router())
        .merge(rights::router())
        .merge(calendar_feeds::router())
        .merge(shifts::router())
        .merge(signups::router())
        .merge(training_sessions::router())
        .merge(stories::router())
        .merge(attendance::router())
        .merge(display::router())
        .merge(map::router())
        .merge(embed::router())
        .merge(stats::router())
        .merge(staff::router())
        .merge(health::router())
        .with_state(state.clone())
        .split_for_parts();
    // Event streams are never compressed, yet a compressed route's body wrapper would
    // still cost each of thousands of open streams kilobytes; they get their own router.
    let (streams, streams_doc) = OpenApiRouter::new()
        .merge(live::router())
        .with_state(state.clone())
        .split_for_parts();
    openapi.merge(streams_doc);
    // Shared, not copied: every connection gets its own clone of the router and of
    // what its handlers hold.
    let openapi_json = axum::body::Bytes::from(
        serde_json::to_vec(&api_doc::complete(openapi)).expect("the OpenAPI document serialises"),
    );

    let api = api
        .route(
            "/api/openapi.json",
            get(
                move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi_json) },
            ),
        )
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { AppError::NotFound.into_response() }),
        )
        .method_not_allowed_fallback(|| async {
            AppError::Refused(ErrorCode::MethodNotAllowed).into_response()
        })
        .layer(axum::middleware::from_fn(
            crate::traditional::convert_answers,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::extract::DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            writes_renew_public_reads,
        ))
        .merge(streams);

    api.merge(app)
        .layer(axum::middleware::from_fn(localize_errors))
        .layer(axum::middleware::from_fn(security::every_response))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal("a handler panicked".into()).into_response()
        }))
}

/// After a request that changed something commits, the public answers made before it
/// are old (see [`crate::public_reads`]), here and on every other server on the
/// database. Every write goes through here, so none can forget to say so.
async fn writes_renew_public_reads(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let reads_only = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let response = next.run(request).await;
    if !reads_only && response.status().is_success() {
        state.public.something_changed();
        if let Err(error) = state.store.announce(Change::Programme).await {
            tracing::error!(%error, "telling the other servers of a change");
        }
    }
    response
}
