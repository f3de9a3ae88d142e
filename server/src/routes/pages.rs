//! The public pages: the residents' (`/`, `/points/{id}`, `/stories`, `/stories/{id}`)
//! in their build's `index.html`, the volunteers' (`/signup`, `/shifts`, `/me`,
//! `/trainings`) in theirs. Each has its own title, description and preview tags, and
//! its first screen rendered by the app's own components (`huli_app::server_render`);
//! the map's, a point's and the stories' from the same answers the API gives. The data
//! goes into the page too, so the browser's first render draws the same without asking.
//! What only the visitor's device knows (their personal link) the browser adds.
//!
//! A page is rendered once per language and kept until one of the answers it was made
//! from is replaced (after a write, or when it has aged: see `public_reads`) or a new
//! build replaces its `index.html`. A page asked for with a query (the map's filters, a
//! chosen shift) is rendered for that request only.

use super::REVALIDATE;
use super::app_files::BuiltPages;
use super::page_template::fill;
use super::points::{point_answer, points_answer};
use super::stats::figures_answer;
use super::stories::stories_answer;
use crate::AppState;
use crate::error::AppError;
use crate::public_reads::Prepared;
use crate::traditional::{page_in_traditional, reading_of};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use huli_app::preloaded::Preloaded;
use huli_app::server_render;
use huli_contract::{PointId, Reading, Scope, StoryId, StoryView};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// The language cookie the app sets when a visitor chooses (`src/language.rs`).
const LANGUAGE_COOKIE: &str = "huli_lang";

pub(super) struct PublicPages {
    state: AppState,
    /// The residents' build's `index.html`, then the volunteers'.
    templates: [PathBuf; 2],
    built: Arc<BuiltPages>,
    rendered: RwLock<HashMap<(Page, Reading), Rendered>>,
    rendering: tokio::sync::Mutex<()>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Page {
    Home,
    Point(PointId),
    Signup,
    Shifts,
    Me,
    Trainings,
    Stories,
    Story(StoryId),
}

/// A page and what it was made from: the template and the API answers.
struct Rendered {
    from: Vec<Arc<Prepared>>,
    page: Arc<Prepared>,
}

impl PublicPages {
    pub(super) fn new(
        state: AppState,
        templates: [PathBuf; 2],
        built: Arc<BuiltPages>,
    ) -> PublicPages {
        PublicPages {
            state,
            templates,
            built,
            rendered: RwLock::default(),
            rendering: tokio::sync::Mutex::default(),
        }
    }

    /// The page for `request`; for a path that is no page of ours, the app's page (which
    /// says "not found"), or a plain 404 for a missing file.
    pub(super) async fn serve(&self, request: Request) -> Response {
        let last_segment = request.uri().path().rsplit('/').next().unwrap_or("");
        if last_segment.contains('.') {
            return StatusCode::NOT_FOUND.into_response();
        }
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return StatusCode::METHOD_NOT_ALLOWED.into_response();
        }
        let page = page_of(request.uri().path());
        let [residents, volunteers] = &self.templates;
        let template_file = match page {
            Some(Page::Signup | Page::Shifts | Page::Me | Page::Trainings) => volunteers,
            _ => residents,
        };
        let Some(template) = self.built.page(template_file).await else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let headers = request.headers();
        let reading = reading(headers);
        let Some(page) = page else {
            return template.respond(headers, REVALIDATE);
        };
        let made = match self
            .page(page, reading, request.uri().query(), template.clone())
            .await
        {
            Ok(made) => made,
            // No such point or story: the app's page says so, with the status that says
            // so too.
            Err(AppError::NotFound) => {
                let mut response = template.respond(headers, REVALIDATE);
                *response.status_mut() = StatusCode::NOT_FOUND;
                return response;
            }
            Err(error) => return error.into_response(),
        };
        let mut response = made.respond(headers, REVALIDATE);
        response.headers_mut().insert(
            header::VARY,
            HeaderValue::from_static("accept-encoding, accept-language, cookie"),
        );
        response
    }

    async fn page(
        &self,
        page: Page,
        reading: Reading,
        query: Option<&str>,
        template: Arc<Prepared>,
    ) -> Result<Arc<Prepared>, AppError> {
        let state = &self.state;
        let answers = match page {
            Page::Home => vec![
                points_answer(state).await?,
                figures_answer(state, Scope::District).await?,
                stories_answer(state).await?,
            ],
            Page::Point(id) => vec![
                point_answer(state, id).await?,
                figures_answer(state, Scope::Point(id)).await?,
            ],
            Page::Stories | Page::Story(_) => vec![stories_answer(state).await?],
            Page::Signup | Page::Shifts | Page::Me | Page::Trainings => Vec::new(),
        };
        let mut from = answers.clone();
        from.push(template.clone());
        let cached = query.is_none_or(str::is_empty);
        let known = || {
            let rendered = self.rendered.read().unwrap_or_else(|e| e.into_inner());
            (rendered.get(&(page, reading)))
                .filter(|known| same(&known.from, &from))
                .map(|known| known.page.clone())
        };
        // A crowd arriving as an answer is replaced waits for one rendering, not one each.
        let _rendering = if cached {
            if let Some(page) = known() {
                return Ok(page);
            }
            let rendering = self.rendering.lock().await;
            // Rendered while this request waited.
            if let Some(page) = known() {
                return Ok(page);
            }
            Some(rendering)
        } else {
            None
        };
        let path = match query {
            Some(query) if !query.is_empty() => format!("{}?{query}", path_of(page)),
            _ => path_of(page),
        };
        let made = Arc::new(render(page, reading, &path, &answers, &template)?);
        if cached {
            let mut rendered = self.rendered.write().unwrap_or_else(|e| e.into_inner());
            let page_made = made.clone();
            rendered.insert(
                (page, reading),
                Rendered {
                    from,
                    page: page_made,
                },
            );
        }
        Ok(made)
    }
}

fn same(a: &[Arc<Prepared>], b: &[Arc<Prepared>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
}

fn page_of(path: &str) -> Option<Page> {
    match path {
        "/" => Some(Page::Home),
        "/signup" => Some(Page::Signup),
        "/shifts" => Some(Page::Shifts),
        "/me" => Some(Page::Me),
        "/trainings" => Some(Page::Trainings),
        "/stories" => Some(Page::Stories),
        _ => {
            let id = |prefix: &str| {
                let id = path.strip_prefix(prefix)?.parse::<i64>().ok()?;
                (id > 0).then_some(id)
            };
            (id("/points/").map(|id| Page::Point(PointId(id))))
                .or_else(|| id("/stories/").map(|id| Page::Story(StoryId(id))))
        }
    }
}

fn path_of(page: Page) -> String {
    match page {
        Page::Home => "/".into(),
        Page::Point(id) => format!("/points/{}", id.0),
        Page::Signup => "/signup".into(),
        Page::Shifts => "/shifts".into(),
        Page::Me => "/me".into(),
        Page::Trainings => "/trainings".into(),
        Page::Stories => "/stories".into(),
        Page::Story(id) => format!("/stories/{}", id.0),
    }
}

/// The visitor's chosen reading, else the first of their browser's that we have.
fn reading(headers: &HeaderMap) -> Reading {
    let chosen = (headers.get_all(header::COOKIE).iter())
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let value = pair
                .trim()
                .strip_prefix(LANGUAGE_COOKIE)?
                .strip_prefix('=')?;
            Reading::from_tag(value)
        });
    chosen.unwrap_or_else(|| reading_of(headers))
}

/// The page in `reading`: made in Simplified Chinese, and converted with the data it
/// carries for a visitor who reads Traditional characters.
fn render(
    page: Page,
    reading: Reading,
    path: &str,
    answers: &[Arc<Prepared>],
    template: &Prepared,
) -> Result<Prepared, AppError> {
    let mut preloaded = Preloaded {
        reading: Some(reading),
        path: Some(path_of(page)),
        ..Preloaded::default()
    };
    match (page, answers) {
        (Page::Home, [points, stats, stories]) => {
            preloaded.points = Some(decode(points)?);
            preloaded.stats = Some(decode(stats)?);
            // The home page shows the latest story alone.
            let stories: Vec<StoryView> = decode(stories)?;
            preloaded.stories = Some(stories.into_iter().take(1).collect());
        }
        (Page::Point(_), [point, stats]) => {
            preloaded.point = Some(decode(point)?);
            preloaded.stats = Some(decode(stats)?);
        }
        (Page::Stories, [stories]) => preloaded.stories = Some(decode(stories)?),
        (Page::Story(id), [stories]) => {
            let stories: Vec<StoryView> = decode(stories)?;
            let story = stories.into_iter().find(|story| story.id == id);
            preloaded.story = Some(story.ok_or(AppError::NotFound)?);
        }
        _ => {}
    }
    let head = server_render::head(path, &preloaded);
    let body = server_render::body(path, preloaded.clone());
    let template = std::str::from_utf8(template.body())
        .map_err(|_| AppError::Internal("index.html is not UTF-8".into()))?;
    let json = serde_json::to_string(&preloaded)
        .map_err(|e| AppError::Internal(format!("the first screen's data: {e}")))?;
    let page = fill(template, reading, &head, &body, &json);
    let page = match reading {
        Reading::Traditional => page_in_traditional(&page),
        Reading::Simplified | Reading::English => page,
    };
    Ok(Prepared::html(page.into_bytes()))
}

fn decode<T: DeserializeOwned>(answer: &Prepared) -> Result<T, AppError> {
    serde_json::from_slice(answer.body())
        .map_err(|e| AppError::Internal(format!("a public answer does not read back: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_language_wins_over_the_browsers() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en-GB,en"),
        );
        assert_eq!(reading(&headers), Reading::English);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; huli_lang=zh-Hans"),
        );
        assert_eq!(reading(&headers), Reading::Simplified);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("huli_lang=klingon"),
        );
        assert_eq!(reading(&headers), Reading::English);
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("zh-TW"));
        assert_eq!(reading(&headers), Reading::Traditional);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("huli_lang=zh-Hant"),
        );
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("zh-CN"));
        assert_eq!(reading(&headers), Reading::Traditional);
    }

    #[test]
    fn only_the_public_routes_are_pages() {
        assert_eq!(page_of("/"), Some(Page::Home));
        assert_eq!(page_of("/points/7"), Some(Page::Point(PointId(7))));
        assert_eq!(page_of("/points/0"), None);
        assert_eq!(page_of("/points/x"), None);
        assert_eq!(page_of("/stories"), Some(Page::Stories));
        assert_eq!(page_of("/stories/12"), Some(Page::Story(StoryId(12))));
        assert_eq!(page_of("/stories/-1"), None);
        assert_eq!(page_of("/stories/"), None);
        assert_eq!(page_of("/signup"), Some(Page::Signup));
        assert_eq!(page_of("/staff"), None);
    }
}
