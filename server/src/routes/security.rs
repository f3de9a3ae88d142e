//! Content-Security-Policy. The app's pages may run only our own scripts, the one inline
//! script Trunk writes into `index.html` (allowed by its hash, not by 'unsafe-inline'),
//! and WebAssembly ('wasm-unsafe-eval', the least CSP allows for it); they load images
//! from us, `data:` (the point display's QR code) and the configured map tiles, and talk
//! only to us. No page may be framed. Everything that is not a page gets a policy that
//! allows nothing at all.

use axum::http::HeaderValue;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use huli_contract::TileLayer;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::SystemTime;

/// For every response that is not one of the app's pages: JSON, files, event streams.
pub const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'";

/// The policy of the app's pages. It names the hashes of the inline scripts of both
/// builds' `index.html` (public and staff), so it is worked out again whenever a new
/// build replaces one.
pub struct PagePolicy {
    indexes: Vec<PathBuf>,
    image_sources: String,
    current: Mutex<Option<(SystemTime, HeaderValue)>>,
}

impl PagePolicy {
    pub fn new(indexes: Vec<PathBuf>, tiles: &[TileLayer]) -> Self {
        let mut image_sources = vec!["'self'".to_owned(), "data:".to_owned()];
        image_sources.extend(tiles.iter().filter_map(|t| tile_origin(&t.url_template)));
        PagePolicy {
            indexes,
            image_sources: image_sources.join(" "),
            current: Mutex::new(None),
        }
    }

    /// The header for the pages as the builds now stand.
    pub fn header(&self) -> HeaderValue {
        let modified = (self.indexes.iter())
            .filter_map(|index| std::fs::metadata(index).and_then(|m| m.modified()).ok())
            .max()
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        match &*current {
            Some((seen, header)) if *seen == modified => header.clone(),
            _ => {
                let mut hashes: Vec<String> = (self.indexes.iter())
                    .map(|index| std::fs::read_to_string(index).unwrap_or_default())
                    .flat_map(|html| inline_script_hashes(&html))
                    .collect();
                hashes.dedup();
                let header = self.policy(&hashes);
                *current = Some((modified, header.clone()));
                header
            }
        }
    }

    fn policy(&self, script_hashes: &[String]) -> HeaderValue {
        let scripts: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
             style-src 'self'; img-src {}; connect-src 'self'; font-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            self.image_sources
        );
        HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(NOTHING_ALLOWED))
    }
}

/// `sha256-…` of the content of every `<script>` without a `src`.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(body_end) = body.find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            let digest = Sha256::digest(&body.as_bytes()[..body_end]);
            hashes.push(format!("sha256-{}", BASE64.encode(digest)));
        }
        rest = &body[body_end..];
    }
    hashes
}

/// The origin a tile URL template loads from; `{s}` subdomains become a wildcard.
fn tile_origin(template: &str) -> Option<String> {
    let (scheme, rest) = template.split_once("://")?;
    let host = rest.split('/').next()?;
    let host = match host.split_once('}') {
        Some((_, domain)) if host.starts_with('{') || host.contains("{s}") => {
            format!("*{}", domain.trim_start_matches(|c: char| c != '.'))
        }
        _ => host.to_owned(),
    };
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = "<script defer src=/leaflet.js></script><script type=module>init();</script>";
        let expected = BASE64.encode(Sha256::digest(b"init();"));
        assert_eq!(
            inline_script_hashes(html),
            vec![format!("sha256-{expected}")]
        );
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
    }

    #[test]
    fn tile_hosts_become_image_sources() {
        assert_eq!(
            tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            tile_origin("https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=1").as_deref(),
            Some("https://*.tianditu.gov.cn")
        );
    }
}
