//! An answer made once and sent many times: the body serialised, compressed with brotli
//! and gzip ahead of time, and tagged. A client that sends the tag back in
//! `If-None-Match` gets an empty 304. The tag is weak (`W/`) because it names the content
//! whatever its encoding.

use crate::traditional::{InReading, reading_of};
use axum::Extension;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use huli_contract::Reading;
use huli_contract::traditional::to_traditional;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::OnceLock;

/// Brotli's quality for answers that are remade after writes: 9 is within a few percent
/// of the maximum (11) at a tenth of its time, and a burst of sign-ups remakes the point
/// list many times.
const BROTLI_QUALITY: u32 = 9;
const BROTLI_WINDOW_BITS: u32 = 22;

#[derive(Debug)]
pub struct Prepared {
    content_type: HeaderValue,
    etag: HeaderValue,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
    /// Data in Simplified Chinese, converted for those who read Traditional characters;
    /// a page or a calendar is made in the reading it is for.
    convertible: bool,
    /// The same in Traditional characters, made the first time someone asks.
    traditional: OnceLock<Box<Prepared>>,
}

impl Prepared {
    /// `value` as JSON.
    pub fn json(value: &impl Serialize) -> Prepared {
        let body = serde_json::to_vec(value).expect("API types serialise");
        Prepared::new(HeaderValue::from_static("application/json"), body, true)
    }

    /// A page of the built app, in the reading it was rendered for.
    pub fn html(body: Vec<u8>) -> Prepared {
        Prepared::new(
            HeaderValue::from_static("text/html; charset=utf-8"),
            body,
            false,
        )
    }

    /// An iCalendar file (a volunteer's calendar feed, polled by their calendar app), in
    /// the reading it was made for.
    pub fn calendar(body: Vec<u8>) -> Prepared {
        let content_type = HeaderValue::from_static("text/calendar; charset=utf-8");
        Prepared::new(content_type, body, false)
    }

    fn new(content_type: HeaderValue, body: Vec<u8>, convertible: bool) -> Prepared {
        let digest = Sha256::digest(&body);
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let etag = HeaderValue::from_str(&format!("W/\"{hex}\"")).expect("hex is a valid header");
        Prepared {
            content_type,
            etag,
            gzip: gzip(&body).into(),
            brotli: brotli(&body).into(),
            identity: body.into(),
            convertible,
            traditional: OnceLock::new(),
        }
    }

    /// The content, uncompressed.
    pub fn body(&self) -> &[u8] {
        &self.identity
    }

    /// The tag clients send back, `W/"…"`.
    pub fn etag(&self) -> &HeaderValue {
        &self.etag
    }

    /// A 304 if the client holds this content, else the body in the smallest encoding
    /// it accepts. `cache_control` says how long a browser may keep it.
    /// Data goes in Traditional characters to a request that reads them.
    pub fn respond(&self, request: &HeaderMap, cache_control: &'static str) -> Response {
        if !self.convertible {
            return self.respond_as_is(request, cache_control, "accept-encoding");
        }
        let vary = "accept-encoding, accept-language";
        if reading_of(request) != Reading::Traditional {
            return self.respond_as_is(request, cache_control, vary);
        }
        let converted = self.traditional.get_or_init(|| {
            let text = to_traditional(&String::from_utf8_lossy(&self.identity));
            Box::new(Prepared::new(
                self.content_type.clone(),
                text.into_bytes(),
                false,
            ))
        });
        let mut response = converted.respond_as_is(request, cache_control, vary);
        response.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(Reading::Traditional.tag()),
        );
        response
    }

    fn respond_as_is(
        &self,
        request: &HeaderMap,
        cache_control: &'static str,
        vary: &'static str,
    ) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        headers.insert(header::VARY, HeaderValue::from_static(vary));
        if holds(request, &self.etag) {
            return (StatusCode::NOT_MODIFIED, headers, Extension(InReading)).into_response();
        }
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        let accepted = Accepted::from(request);
        let body = if accepted.brotli {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            self.brotli.clone()
        } else if accepted.gzip {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            self.gzip.clone()
        } else {
            self.identity.clone()
        };
        (headers, Extension(InReading), body).into_response()
    }
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn brotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder =
        brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_WINDOW_BITS);
    encoder.write_all(body).expect("writing to memory");
    drop(encoder);
    out
}

/// `If-None-Match` holds `*` or a list of tags; comparison is weak (RFC 9110 §13.1.2).
fn holds(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let strip = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let ours = strip(etag.to_str().unwrap_or_default());
    (request.get_all(header::IF_NONE_MATCH).iter())
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || strip(tag) == ours)
}

/// The encodings a request's `Accept-Encoding` allows (a `q=0` refuses one).
#[derive(Debug, Default, PartialEq)]
struct Accepted {
    brotli: bool,
    gzip: bool,
}

impl From<&HeaderMap> for Accepted {
    fn from(request: &HeaderMap) -> Accepted {
        let mut accepted = Accepted::default();
        let offers = (request.get_all(header::ACCEPT_ENCODING).iter())
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','));
        for offer in offers {
            let mut parts = offer.split(';');
            let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let refused = parts.any(|parameter| {
                let parameter = parameter.trim().replace(' ', "");
                (parameter.strip_prefix("q=")).is_some_and(|q| q.parse::<f32>() == Ok(0.0))
            });
            match coding.as_str() {
                "br" => accepted.brotli = !refused,
                "gzip" | "x-gzip" => accepted.gzip = !refused,
                _ => {}
            }
        }
        accepted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn reads_accept_encoding_with_refusals() {
        let accepts = |value: &str| Accepted::from(&request(&[(header::ACCEPT_ENCODING, value)]));
        assert_eq!(
            accepts("gzip, deflate, br"),
            Accepted {
                brotli: true,
                gzip: true
            }
        );
        assert_eq!(
            accepts("br;q=0, gzip;q=0.5"),
            Accepted {
                brotli: false,
                gzip: true
            }
        );
        assert_eq!(accepts("identity"), Accepted::default());
    }

    #[test]
    fn each_encoding_decodes_to_the_same_body_and_a_held_tag_is_a_304() {
        let prepared = Prepared::json(&serde_json::json!({ "名称": "湖里公园", "n": [1, 2, 3] }));
        let mut unzipped = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&prepared.gzip[..]),
            &mut unzipped,
        )
        .unwrap();
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &prepared.brotli[..], &mut unbrotlied).unwrap();
        assert_eq!(unzipped, prepared.identity);
        assert_eq!(unbrotlied, prepared.identity);

        let etag = prepared.etag().to_str().unwrap().to_owned();
        let again = prepared.respond(&request(&[(header::IF_NONE_MATCH, &etag)]), "no-cache");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let other = prepared.respond(&request(&[(header::IF_NONE_MATCH, "W/\"00\"")]), "no-cache");
        assert_eq!(other.status(), StatusCode::OK);
        assert!(other.headers().get(header::CONTENT_ENCODING).is_none());
    }
}
