//! What handlers take from a request beyond plain JSON: the volunteer behind a personal
//! link, an idempotent write's key and body, query parameters, and ids in paths.

use crate::AppState;
use crate::access_key;
use crate::error::AppError;
use crate::storage::{IdempotentRequest, VolunteerId};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use huli_contract::{AccessKey, ErrorCode, IdempotencyKey, Problem};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The largest request body the API reads. Its largest honest request (a page of
/// approvals, a shift with its texts) is a few kilobytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Whether the request reached the proxy in front of us over HTTPS, as it says in
/// `X-Forwarded-Proto`. Whoever else says so changes only what they get themselves: a
/// cookie their plain-HTTP browser refuses, an HSTS header it ignores.
pub fn over_https(headers: &HeaderMap) -> bool {
    (headers.get("x-forwarded-proto"))
        .is_some_and(|proto| proto.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// The address browsers reach this server at, as the request came in: through a
/// proxy, the host and scheme it forwards. For links the server hands out (the
/// display's QR code, a display link), never for a decision.
pub fn public_origin(headers: &HeaderMap) -> String {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let scheme = if over_https(headers) { "https" } else { "http" };
    let host = (text("x-forwarded-host"))
        .or(text(header::HOST.as_str()))
        .unwrap_or("127.0.0.1:8080");
    format!("{scheme}://{host}")
}

/// The error for a body that could not be read: 413 past [`BODY_LIMIT`], else 400.
pub fn unreadable_body(rejection: &BytesRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::Refused(ErrorCode::BodyTooLarge)
    } else {
        AppError::BadRequest(Vec::new())
    }
}

/// The address of the client behind a request: the peer itself, or, when the peer is
/// one of the configured trusted proxies, the address that proxy saw, read from
/// `X-Forwarded-For` right to left past our own proxies. Nobody else's
/// `X-Forwarded-For` is believed, so a client cannot pick its own address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client(pub IpAddr);

impl Client {
    pub fn behind(peer: IpAddr, headers: &HeaderMap, trusted_proxies: &[IpAddr]) -> Client {
        if !trusted_proxies.contains(&peer) {
            return Client(peer);
        }
        let forwarded = (headers.get_all("x-forwarded-for").iter())
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|hop| hop.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        let mut nearest = peer;
        for hop in forwarded.into_iter().rev() {
            // A hop that does not parse was written by someone we do not trust.
            let Some(hop) = hop else { break };
            nearest = hop;
            if !trusted_proxies.contains(&hop) {
                break;
            }
        }
        Client(nearest)
    }
}

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = (parts.extensions.get::<ConnectInfo<SocketAddr>>())
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        Ok(Client::behind(peer, &parts.headers, &state.trusted_proxies))
    }
}

/// The volunteer whose personal link key came in `Authorization: Bearer …`.
pub struct SignedIn(pub VolunteerId);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let key_hash = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .and_then(|key| AccessKey::parse(key.trim()).ok())
            .map(|key| access_key::hash(&key))
            .ok_or(AppError::Unauthorized)?;
        let volunteer = state.store.volunteer_by_key(&key_hash).await?;
        volunteer.map(SignedIn).ok_or_else(|| {
            tracing::info!(target: "security", event = "personal_link_rejected", "an unknown or replaced personal link");
            AppError::Unauthorized
        })
    }
}

/// A state-changing request: its `Idempotency-Key`, a fingerprint of what it asked, and
/// its JSON body (an empty body reads as `null`, for requests that need none).
pub struct Idempotent<T> {
    key: IdempotencyKey,
    fingerprint: [u8; 32],
    pub body: T,
}

impl<T> Idempotent<T> {
    /// The request as the store keeps it, under the keys of `scope`.
    pub fn request(&self, scope: String) -> IdempotentRequest {
        IdempotentRequest {
            scope,
            key: self.key.clone(),
            fingerprint: self.fingerprint,
        }
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Idempotent<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let key = match request.headers().get(IdempotencyKey::HEADER) {
            None => Err(Problem::Required),
            Some(value) => IdempotencyKey::parse(value.to_str().unwrap_or_default()),
        }
        .map_err(|problem| AppError::bad_field(IdempotencyKey::HEADER, problem))?;
        let mut fingerprint = Sha256::new();
        fingerprint.update(request.method().as_str());
        fingerprint.update([0]);
        fingerprint.update(request.uri().path());
        fingerprint.update([0]);
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| unreadable_body(&rejection))?;
        fingerprint.update(&bytes);
        let json: &[u8] = if bytes.is_empty() { b"null" } else { &bytes };
        let body = read_json(json)?;
        Ok(Idempotent {
            key,
            fingerprint: fingerprint.finalize().into(),
            body,
        })
    }
}

/// Query parameters that parse into `T`, or a 400 in the API's own error shape.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Query(query) = Query::<T>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::BadRequest(Vec::new()))?;
        Ok(ApiQuery(query))
    }
}

/// Path segments that parse into `T`, or a 400 in the API's own error shape (a segment
/// that is not UTF-8 once percent-decoded, say), never axum's plain-text rejection.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(segments) = Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::BadRequest(Vec::new()))?;
        Ok(ApiPath(segments))
    }
}

/// A positive id from a path segment; `field` names it in the error.
pub fn parse_id(field: &str, raw: &str) -> Result<i64, AppError> {
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        Ok(_) => Err(AppError::bad_field(
            field,
            Problem::OutOfRange {
                min: 1,
                max: i64::MAX,
            },
        )),
        Err(_) => Err(AppError::bad_field(field, Problem::NotAnInteger)),
    }
}

/// A JSON body. One that does not parse (a number sent as text, say) is refused like
/// every other error: an `ApiErrorBody` in the request's language.
pub struct JsonForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonForm<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| unreadable_body(&rejection))?;
        let form = read_json(&bytes)?;
        Ok(JsonForm(form))
    }
}

/// A JSON body as `T`. JSON has one kind of number, so `2.0` is the integer 2, as JSON
/// Schema's `integer` says; serde alone would refuse it where an integer is expected.
fn read_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let unreadable = |_| AppError::BadRequest(Vec::new());
    let mut json: serde_json::Value = serde_json::from_slice(bytes).map_err(unreadable)?;
    // Every body is an object (or nothing); serde would read a struct from an array too.
    if json.is_array() {
        return Err(AppError::BadRequest(Vec::new()));
    }
    whole_numbers_as_integers(&mut json);
    serde_json::from_value(json).map_err(unreadable)
}

fn whole_numbers_as_integers(json: &mut serde_json::Value) {
    use serde_json::Value;
    match json {
        Value::Number(number) if number.is_f64() => {
            let float = number.as_f64().unwrap_or(f64::NAN);
            // Inside i64's range every whole float converts exactly.
            if float.fract() == 0.0 && float.abs() < 9.0e18 {
                *number = serde_json::Number::from(float as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[test]
    fn a_whole_number_written_with_a_fraction_is_an_integer() {
        #[derive(serde::Deserialize)]
        struct Form {
            id: i64,
            lat: f64,
        }
        let form: Form = read_json(br#"{"id": 2132.0, "lat": 24.0}"#).ok().unwrap();
        assert_eq!((form.id, form.lat), (2132, 24.0));
        assert!(read_json::<Form>(br#"{"id": 2132.5, "lat": 24.0}"#).is_err());
    }

    #[test]
    fn only_a_trusted_proxy_says_who_the_client_is() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let stranger: IpAddr = "198.51.100.9".parse().unwrap();
        let spoofed = forwarded("1.2.3.4");
        assert_eq!(Client::behind(stranger, &spoofed, &[proxy]).0, stranger);
        assert_eq!(
            Client::behind(proxy, &spoofed, &[proxy]).0.to_string(),
            "1.2.3.4"
        );
        // A client that sends its own header gets it prepended to, not believed.
        let chain = forwarded("1.2.3.4, 203.0.113.5");
        let seen = Client::behind(proxy, &chain, &[proxy]).0;
        assert_eq!(seen.to_string(), "203.0.113.5");
        let two_proxies = forwarded("1.2.3.4, 203.0.113.5, 10.0.0.3");
        let inner: IpAddr = "10.0.0.3".parse().unwrap();
        let seen = Client::behind(proxy, &two_proxies, &[proxy, inner]).0;
        assert_eq!(seen.to_string(), "203.0.113.5");
        assert_eq!(Client::behind(proxy, &HeaderMap::new(), &[proxy]).0, proxy);
        let garbage = forwarded("1.2.3.4, not-an-address");
        assert_eq!(Client::behind(proxy, &garbage, &[proxy]).0, proxy);
    }
}
