//! The widgets other sites embed (`/embed/map`, `/embed/counter`, `/embed/signup/{id}`)
//! and `GET /api/embed/sites`, the sites allowed to frame them. The map and the sign-up
//! are the app's widgets build (`widgets.html`); the counter is a small build of its own
//! (`embed/`).
//! Which sites may frame a widget is the page's `frame-ancestors` (`security.rs`).

use crate::AppState;
use crate::routes::app_files::BuiltPages;
use crate::routes::security::Framing;
use crate::traditional::reading_of;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use huli_contract::embed::{Embed, EmbedError, EmbedSites, Widget};
use huli_contract::traditional::to_traditional;
use huli_contract::{Lang, Problem, Reading};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(embed_sites))
}

/// The sites allowed to frame the widgets. A widget asks before it tells the page that
/// frames it how tall it is.
#[utoipa::path(
    get,
    path = "/api/embed/sites",
    tag = "points",
    responses((status = 200, description = "Origins allowed to embed the widgets", body = EmbedSites))
)]
async fn embed_sites(State(state): State<AppState>) -> Response {
    (
        [(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        )],
        axum::Json(state.embed_sites.as_ref().clone()),
    )
        .into_response()
}

/// The `index.html` each widget runs in.
pub struct WidgetPages {
    /// The app's widgets build, for the map and the sign-up.
    pub app: PathBuf,
    /// The counter's own build.
    pub counter: PathBuf,
    pub built: Arc<BuiltPages>,
}

/// `/embed/…`: the widget's page, or a short page saying what is wrong with its URL (a
/// 404 for no such widget, a 400 naming each bad option), in the reader's language.
/// Either may be framed, so that whoever pastes a wrong snippet sees why in the frame.
pub async fn page(pages: &WidgetPages, request: Request) -> Response {
    let uri = request.uri().clone();
    let query: HashMap<String, String> = Query::try_from_uri(&uri).map(|q| q.0).unwrap_or_default();
    let get = |name: &str| query.get(name).cloned();
    let reading = (get("lang").as_deref())
        .and_then(Reading::from_tag)
        .unwrap_or_else(|| reading_of(request.headers()));
    let mut response = match Embed::parse(uri.path(), get) {
        Ok(Embed {
            widget: Widget::Counter { .. },
            ..
        }) => pages.built.serve(&pages.counter, request).await,
        Ok(_) => pages.built.serve(&pages.app, request).await,
        Err(EmbedError::UnknownWidget) => problem_page(StatusCode::NOT_FOUND, reading, &[]),
        Err(EmbedError::Invalid(fields)) => problem_page(StatusCode::BAD_REQUEST, reading, &fields),
    };
    response.extensions_mut().insert(Framing::AllowedSites);
    response
}

fn problem_page(status: StatusCode, reading: Reading, fields: &[(String, Problem)]) -> Response {
    let lang = reading.lang();
    let (title, advice) = match (status == StatusCode::NOT_FOUND, lang) {
        (true, Lang::Zh) => (
            "没有这个嵌入内容",
            "可嵌入的有服务点地图、志愿服务时长统计和服务点报名。",
        ),
        (true, Lang::En) => (
            "There is no such widget",
            "The widgets are the map of the points, the volunteer hours counter and a point's sign-up.",
        ),
        (false, Lang::Zh) => (
            "嵌入地址有误",
            "请在工作人员控制台的“嵌入代码”页重新生成代码。",
        ),
        (false, Lang::En) => (
            "This widget's address has a mistake",
            "Make the snippet again on the staff console's embed page.",
        ),
    };
    let items: String = (fields.iter())
        .map(|(field, problem)| {
            format!(
                "<li><code>{}</code>: {}</li>",
                escape(field),
                escape(&problem.message(lang))
            )
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><h1>{title}</h1><p>{advice}</p><ul>{items}</ul></html>",
        reading.tag()
    );
    let html = match reading {
        Reading::Traditional => to_traditional(&html),
        Reading::Simplified | Reading::English => html,
    };
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (status, headers, html).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
