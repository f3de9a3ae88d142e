//! Conditional GET: a JSON response carries an `ETag` derived from its body, and a
//! client that sends it back in `If-None-Match` gets an empty 304 instead of the body.
//! The tag is weak (`W/`) because the compression layer may re-encode the bytes.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub fn json_with_etag(request_headers: &HeaderMap, value: &impl Serialize) -> Response {
    let body = serde_json::to_vec(value).expect("API types serialise");
    let digest = Sha256::digest(&body);
    let etag = format!(
        "W/\"{}\"",
        digest[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let etag_value = HeaderValue::from_str(&etag).expect("hex is a valid header value");
    let headers = [
        (header::ETAG, etag_value),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if matches(request_headers, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let content_type = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (headers, [content_type], body).into_response()
}

/// `If-None-Match` holds `*` or a list of tags; comparison is weak (RFC 9110 §13.1.2).
fn matches(request_headers: &HeaderMap, etag: &str) -> bool {
    let strip = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || strip(tag) == strip(etag))
}
