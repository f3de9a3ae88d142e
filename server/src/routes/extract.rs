//! What handlers take from a request beyond plain JSON: the volunteer behind a personal
//! link, an idempotent write's key and body, query parameters, and ids in paths.

use crate::AppState;
use crate::access_key;
use crate::error::AppError;
use crate::storage::{IdempotentRequest, VolunteerId};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::header;
use axum::http::request::Parts;
use huli_contract::{AccessKey, IdempotencyKey, Problem};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

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
        volunteer.map(SignedIn).ok_or(AppError::Unauthorized)
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
            .map_err(|_| AppError::BadRequest(Vec::new()))?;
        fingerprint.update(&bytes);
        let json: &[u8] = if bytes.is_empty() { b"null" } else { &bytes };
        let body = serde_json::from_slice(json).map_err(|_| AppError::BadRequest(Vec::new()))?;
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
