//! The web app manifest (`public/manifest.webmanifest`, names in Simplified Chinese and
//! English) in the reading of the page that links it: a Traditional page links
//! `?lang=zh-Hant`, so a Taiwan or Hong Kong phone's install dialog and home-screen
//! shortcuts read Traditional characters.

use crate::traditional::{InReading, reading_of};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use huli_contract::Reading;
use huli_contract::traditional::to_traditional;
use std::path::Path;

pub const PATH: &str = "/manifest.webmanifest";
const CONTENT_TYPE: &str = "application/manifest+json";

/// What the link of a page in `reading` names.
pub fn link_for(reading: Reading) -> String {
    match reading {
        Reading::Traditional => format!("{PATH}?lang={}", Reading::Traditional.tag()),
        Reading::Simplified | Reading::English => PATH.to_owned(),
    }
}

/// The built manifest, converted when the link (`?lang=`) or else the browser's
/// languages ask for Traditional characters. A page of ours links it only once a visit,
/// and it is a kilobyte: read from disk each time.
pub async fn serve(built: &Path, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let asked = (request.uri().query().unwrap_or_default().split('&'))
        .find_map(|pair| Reading::from_tag(pair.strip_prefix("lang=")?));
    let reading = asked.unwrap_or_else(|| reading_of(request.headers()));
    let Ok(text) = tokio::fs::read_to_string(built).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let text = match reading {
        Reading::Traditional => in_traditional(&text),
        Reading::Simplified | Reading::English => text,
    };
    let mut response = ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::VARY,
        HeaderValue::from_static(header::ACCEPT_LANGUAGE.as_str()),
    );
    // Already in its reading: the API's converting layer leaves it alone.
    response.extensions_mut().insert(InReading);
    response
}

/// The manifest's words in Traditional characters, and its `lang` saying so.
fn in_traditional(manifest: &str) -> String {
    let converted = to_traditional(manifest);
    match serde_json::from_str::<serde_json::Value>(&converted) {
        Ok(mut value) => {
            value["lang"] = Reading::Traditional.tag().into();
            serde_json::to_string_pretty(&value).unwrap_or(converted)
        }
        // Not ours to fix here: the browser reports a broken manifest as it is.
        Err(_) => converted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_reads_traditional_with_its_language_said() {
        let built = include_str!("../../../public/manifest.webmanifest");
        let converted: serde_json::Value = serde_json::from_str(&in_traditional(built)).unwrap();
        assert_eq!(converted["lang"], "zh-Hant");
        assert_eq!(
            converted["short_name"], "湖里志願服務",
            "the place keeps its name"
        );
        assert_eq!(converted["shortcuts"][1]["name"], "我的報名 · My sign-ups");
        assert_eq!(converted["start_url"], "/", "addresses stay as they are");
    }
}
