//! Content-Security-Policy. The app's pages may run only our own scripts, the one inline
//! script Trunk writes into each build's `index.html` (allowed by its hash, not by
//! 'unsafe-inline'), and WebAssembly ('wasm-unsafe-eval', the least CSP allows for it);
//! they take styles from us and from the `<style>` elements of the residents' build
//! (also by hash); they load images from us, `data:` (the point display's QR code) and
//! the configured map tiles, and talk only to us. No page may be framed, except the
//! widgets under `/embed/`, which the configured sites may frame. Everything that is not
//! a page gets a policy that allows nothing at all.

use crate::routes::extract::over_https;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use huli_contract::TileLayer;
use huli_contract::embed::SiteOrigin;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// For every response that is not one of the app's pages: JSON, files, event streams.
pub const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'";

/// For our service worker (`/sw.js`): it runs no other script and talks only to us.
pub const SERVICE_WORKER: &str = "default-src 'none'; connect-src 'self'; frame-ancestors 'none'";

/// Which of the two page policies a page gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// Every page of the site and the console: never inside another page.
    Refused,
    /// A widget under `/embed/`: framed by us (the staff's preview) and the allowed sites.
    AllowedSites,
}

/// What every response carries, set in one place (one layer, where several cost every
/// request a wrapper each): a policy that allows nothing unless the page set its own;
/// `X-Frame-Options: DENY` for browsers that predate frame-ancestors, on everything but
/// the widgets (whose response carries [`Framing::AllowedSites`] as an extension); no
/// type sniffing; no full URL in the Referer to other sites; no powerful feature but
/// geolocation (check-in), and that for our own pages only; behind HTTPS, HSTS.
pub async fn every_response(request: Request, next: Next) -> Response {
    let https = over_https(request.headers());
    let mut response = next.run(request).await;
    let may_be_framed = response.extensions().get::<Framing>() == Some(&Framing::AllowedSites);
    let headers = response.headers_mut();
    (headers.entry(header::CONTENT_SECURITY_POLICY))
        .or_insert(HeaderValue::from_static(NOTHING_ALLOWED));
    if !may_be_framed {
        (headers.entry(header::X_FRAME_OPTIONS)).or_insert(HeaderValue::from_static("DENY"));
    }
    (headers.entry(header::X_CONTENT_TYPE_OPTIONS)).or_insert(HeaderValue::from_static("nosniff"));
    (headers.entry(header::REFERRER_POLICY))
        .or_insert(HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS),
    );
    if https {
        // A year, renewed by every response. Not includeSubDomains: the district's other
        // sites under the same domain are not ours to commit to HTTPS.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// Geolocation for our own origin (the check-in's distance); every other feature a page
/// could ask for, off, for us and for anything framed in us.
pub const PERMISSIONS: &str = "geolocation=(self), camera=(), microphone=(), \
     display-capture=(), payment=(), usb=(), midi=(), accelerometer=(), gyroscope=(), \
     magnetometer=(), screen-wake-lock=(), publickey-credentials-get=(), \
     xr-spatial-tracking=()";

/// The policies of the app's pages. They name the hashes of the inline scripts and
/// styles of every build's `index.html` (public, staff, widgets, counter), so they are
/// worked out again whenever a new build replaces one.
pub struct PagePolicy {
    indexes: Vec<PathBuf>,
    image_sources: String,
    /// `'self'` and the sites allowed to frame the widgets.
    embedders: String,
    current: Mutex<Option<Worked>>,
}

/// The headers as worked out from the builds of `modified`, last checked `checked`.
struct Worked {
    modified: SystemTime,
    checked: Instant,
    headers: [HeaderValue; 2],
}

/// How often the builds are looked at: a page costs no file-system call in between, and
/// a new build's pages get their policy within a second of it.
const LOOK_AGAIN_AFTER: Duration = Duration::from_secs(1);

impl PagePolicy {
    pub fn new(indexes: Vec<PathBuf>, tiles: &[TileLayer], embed_sites: &[SiteOrigin]) -> Self {
        let mut image_sources = vec!["'self'".to_owned(), "data:".to_owned()];
        image_sources.extend(tiles.iter().filter_map(|t| tile_origin(&t.url_template)));
        let embedders = std::iter::once("'self'")
            .chain(embed_sites.iter().map(SiteOrigin::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        PagePolicy {
            indexes,
            image_sources: image_sources.join(" "),
            embedders,
            current: Mutex::new(None),
        }
    }

    /// The header for a page as the builds now stand.
    pub fn header(&self, framing: Framing) -> HeaderValue {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let recent =
            (current.as_ref()).filter(|worked| worked.checked.elapsed() < LOOK_AGAIN_AFTER);
        let headers = match recent {
            Some(worked) => worked.headers.clone(),
            None => {
                let modified = (self.indexes.iter())
                    .filter_map(|index| std::fs::metadata(index).and_then(|m| m.modified()).ok())
                    .max()
                    .unwrap_or(SystemTime::UNIX_EPOCH);
                let headers = match current.as_ref().filter(|w| w.modified == modified) {
                    Some(worked) => worked.headers.clone(),
                    None => self.work_out(),
                };
                *current = Some(Worked {
                    modified,
                    checked: Instant::now(),
                    headers: headers.clone(),
                });
                headers
            }
        };
        let [refused, allowed_sites] = headers;
        match framing {
            Framing::Refused => refused,
            Framing::AllowedSites => allowed_sites,
        }
    }

    fn work_out(&self) -> [HeaderValue; 2] {
        let indexes: Vec<String> = (self.indexes.iter())
            .map(|index| std::fs::read_to_string(index).unwrap_or_default())
            .collect();
        // In the builds' order, each hash once.
        let sources = |hashes_of: fn(&str) -> Vec<String>| -> String {
            let mut hashes: Vec<String> = Vec::new();
            for hash in indexes.iter().flat_map(|html| hashes_of(html)) {
                if !hashes.contains(&hash) {
                    hashes.push(hash);
                }
            }
            hashes.iter().map(|hash| format!(" '{hash}'")).collect()
        };
        let inline = Inline {
            scripts: sources(inline_script_hashes),
            styles: sources(inline_style_hashes),
        };
        [
            self.policy(&inline, "'none'"),
            self.policy(&inline, &self.embedders),
        ]
    }

    fn policy(&self, inline: &Inline, frame_ancestors: &str) -> HeaderValue {
        let Inline { scripts, styles } = inline;
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
             style-src 'self'{styles}; img-src {}; connect-src 'self'; font-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}",
            self.image_sources
        );
        HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(NOTHING_ALLOWED))
    }
}

/// The CSP sources (`'sha256-…'`, each with a leading space) of the inline scripts and
/// styles of every build's `index.html`.
struct Inline {
    scripts: String,
    styles: String,
}

/// `sha256-…` of the content of every `<script>` without a `src`.
fn inline_script_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "script")
}

/// `sha256-…` of the content of every `<style>` (the residents' build inlines its CSS,
/// so the first screen needs no request beyond the page).
fn inline_style_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "style")
}

/// `sha256-…` of the content of every `<{element}>` that has no `src`.
fn inline_hashes(html: &str, element: &str) -> Vec<String> {
    let (open, close) = (format!("<{element}"), format!("</{element}>"));
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(body_end) = body.find(&close) else {
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
    fn inline_styles_are_hashed_apart_from_scripts() {
        let html = "<style>.map{height:40vh}</style><script>init();</script>";
        let expected = BASE64.encode(Sha256::digest(b".map{height:40vh}"));
        assert_eq!(
            inline_style_hashes(html),
            vec![format!("sha256-{expected}")]
        );
        assert_eq!(inline_script_hashes(html).len(), 1);
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
