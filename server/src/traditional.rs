//! Traditional Chinese at the edge. Everything the server writes is made in Simplified
//! Chinese (or English); for a request that reads Traditional Chinese (`zh-TW`, `zh-HK`,
//! `zh-MO`, `zh-Hant`), the answer is converted on its way out
//! ([`huli_contract::traditional`]). So no text can be left out: data, error messages,
//! CSV headers, certificates and calendars alike.
//!
//! Answers made once for everyone ([`crate::public_reads::Prepared`]) keep a converted
//! twin and convert only once; server-rendered pages are rendered per reading. Both mark
//! their responses [`InReading`], which this layer leaves alone.

use crate::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use huli_contract::Reading;
use huli_contract::traditional::to_traditional;

/// On a response already in the reading it was asked in.
#[derive(Clone, Copy, Debug)]
pub struct InReading;

/// The largest answer converted: the biggest export (every volunteer of the district
/// with their hours) is a few megabytes.
const LARGEST: usize = 64 * 1024 * 1024;

/// The reading an API request asked for through `Accept-Language` (the app sends its
/// page's).
pub fn reading_of(headers: &HeaderMap) -> Reading {
    (headers.get(header::ACCEPT_LANGUAGE))
        .and_then(|value| value.to_str().ok())
        .map(Reading::from_accept_language)
        .unwrap_or_default()
}

/// Middleware: the API's answers in Traditional characters for those who read them.
/// The staff console's JSON is left as stored: its forms send back what they were given,
/// and a converted name would come back as a change to the Simplified text.
pub async fn convert_answers(request: Request, next: Next) -> Response {
    // A link a browser follows (a download) says its reading in `?lang=`; the app's
    // requests in `Accept-Language`.
    let asked = (request.uri().query().unwrap_or_default().split('&'))
        .find_map(|pair| Reading::from_tag(pair.strip_prefix("lang=")?));
    let reading = asked.unwrap_or_else(|| reading_of(request.headers()));
    let staff_data = request.uri().path().starts_with("/api/staff/");
    let mut response = next.run(request).await;
    if response.extensions().get::<InReading>().is_some() {
        return response;
    }
    let content_type = (response.headers().get(header::CONTENT_TYPE))
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let json = content_type.starts_with("application/json");
    let text = json
        || ["text/csv", "text/calendar", "text/plain", "text/html"]
            .iter()
            .any(|kind| content_type.starts_with(kind));
    let encoded = response.headers().contains_key(header::CONTENT_ENCODING);
    if !text || encoded || (staff_data && json && response.status().is_success()) {
        return response;
    }
    // Every reading's answer differs, so a cache must keep them apart.
    response.headers_mut().append(
        header::VARY,
        HeaderValue::from_static(header::ACCEPT_LANGUAGE.as_str()),
    );
    if reading != Reading::Traditional {
        return response;
    }
    convert(response).await
}

/// `response` with its body in Traditional characters.
pub async fn convert(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, LARGEST).await {
        Ok(bytes) => bytes,
        Err(error) => {
            return AppError::Internal(format!("reading an answer to convert: {error}"))
                .into_response();
        }
    };
    let converted = match std::str::from_utf8(&bytes) {
        Ok(text) => to_traditional(text),
        // Not text after all: sent as it was.
        Err(_) => return Response::from_parts(parts, Body::from(bytes)),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    // A validator names these bytes, not the Simplified ones.
    parts.headers.remove(header::ETAG);
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(Reading::Traditional.tag()),
    );
    parts.extensions.insert(InReading);
    Response::from_parts(parts, Body::from(converted))
}

/// A page of ours in Traditional characters, except the text of an element tagged as
/// Simplified Chinese: the language switch names Simplified Chinese in its own script.
pub fn page_in_traditional(html: &str) -> String {
    const SIMPLIFIED: &str = "lang=\"zh-Hans\"";
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find(SIMPLIFIED) {
        // The element's own text: from the end of its start tag to the next tag.
        let Some(opened) = rest[at..].find('>').map(|end| at + end + 1) else {
            break;
        };
        let closed = rest[opened..]
            .find('<')
            .map_or(rest.len(), |end| opened + end);
        out.push_str(&to_traditional(&rest[..opened]));
        out.push_str(&rest[opened..closed]);
        rest = &rest[closed..];
    }
    out.push_str(&to_traditional(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_the_text_tagged_simplified() {
        let page = r#"<h1>湖里区志愿服务</h1><ul><li><button lang="zh-Hans" aria-pressed="false">简体</button></li><li><button lang="zh-Hant">繁體</button></li></ul><p>报名</p>"#;
        assert_eq!(
            page_in_traditional(page),
            r#"<h1>湖里區志願服務</h1><ul><li><button lang="zh-Hans" aria-pressed="false">简体</button></li><li><button lang="zh-Hant">繁體</button></li></ul><p>報名</p>"#
        );
        assert_eq!(page_in_traditional("<p>简体</p>"), "<p>簡體</p>");
    }
}
