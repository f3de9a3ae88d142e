//! Every HTTP request the app makes, typed with the contract crate's types. Requests
//! carry the page's language so that error messages come back in it.

use crate::i18n::Locale;
use gloo_net::http::Request;
use huli_contract::{ApiErrorBody, Lang, MapConfig, PointDetail, PointId, PointSummary, Stats};
use serde::de::DeserializeOwned;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: offline, or the server is down.
    Network,
    NotFound,
    /// The server answered with an error, or with something this build does not understand.
    Server(Option<ApiErrorBody>),
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::zh => Lang::Zh,
        Locale::en => Lang::En,
    }
}

async fn get_json<T: DeserializeOwned>(path: &str, locale: Locale) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept-Language", lang_of(locale).tag())
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    match response.status() {
        200..=299 => response.json().await.map_err(|_| ApiError::Server(None)),
        404 => Err(ApiError::NotFound),
        _ => Err(ApiError::Server(response.json().await.ok())),
    }
}

pub async fn points(locale: Locale) -> Result<Vec<PointSummary>, ApiError> {
    get_json("/api/points", locale).await
}

pub async fn point(id: PointId, locale: Locale) -> Result<PointDetail, ApiError> {
    get_json(&format!("/api/points/{}", id.0), locale).await
}

pub async fn stats(locale: Locale) -> Result<Stats, ApiError> {
    get_json("/api/stats", locale).await
}

pub async fn map_config(locale: Locale) -> Result<MapConfig, ApiError> {
    get_json("/api/map", locale).await
}

/// The district outline (GeoJSON, WGS-84), a static file shipped with the app.
pub async fn district_outline() -> Result<String, ApiError> {
    let response = Request::get("/data/huli-boundary.wgs84.geojson")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(ApiError::Server(None));
    }
    response.text().await.map_err(|_| ApiError::Network)
}
