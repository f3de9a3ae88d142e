//! The built web app. Trunk names every asset after a hash of its content, so those can
//! be cached for a year; `index.html` names the current ones and must be revalidated.
//! Files are sent precompressed (the build writes `.br` and `.gz` beside each). The
//! public routes get their page from `pages.rs` (first screen rendered in); any other
//! path that is not a file gets `index.html` (from memory), whose app says "not found".
//!
//! The volunteers' pages (`/signup`, `/shifts`, `/me`) are a build of their own in
//! `dist/volunteer`, whose files are served under `/volunteer-app/`; `pages.rs` serves
//! their pages too. The staff console is a build of its own in `dist/staff`: its files
//! are served under `/staff-app/`, and `/staff` and every path below it get its
//! `index.html`. So are the
//! widgets other sites embed: the map and the sign-up in `dist/widgets` under
//! `/widgets-app/`, the counter in `dist/counter` under `/counter-app/`; their pages
//! under `/embed/` are `embed.rs`'s, the manifest in the page's reading `manifest.rs`'s.

use super::REVALIDATE;
use super::embed::{self, WidgetPages};
use super::manifest;
use super::pages::PublicPages;
use super::security::{Framing, PagePolicy, SERVICE_WORKER};
use crate::AppState;
use crate::public_reads::Prepared;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The residents' and the volunteers' routes (`src/app.rs`).
const PUBLIC_ROUTES: [&str; 8] = [
    "/",
    "/points/{id}",
    "/stories",
    "/stories/{id}",
    "/signup",
    "/shifts",
    "/me",
    "/trainings",
];

pub fn router(state: AppState, dist_dir: &Path) -> Router {
    let (tiles, embed_sites) = (&state.map.tile_layers, &state.embed_sites.sites);
    let index = dist_dir.join("index.html");
    let volunteer_dir = dist_dir.join("volunteer");
    let volunteer_index = volunteer_dir.join("index.html");
    let staff_dir = dist_dir.join("staff");
    let staff_index = staff_dir.join("index.html");
    let (widgets_dir, counter_dir) = (dist_dir.join("widgets"), dist_dir.join("counter"));
    let built_pages = Arc::new(BuiltPages::default());
    let widget_pages = Arc::new(WidgetPages {
        app: widgets_dir.join("index.html"),
        counter: counter_dir.join("index.html"),
        built: built_pages.clone(),
    });
    let policy = Arc::new(PagePolicy::new(
        vec![
            index.clone(),
            volunteer_index.clone(),
            staff_index.clone(),
            widget_pages.app.clone(),
            widget_pages.counter.clone(),
        ],
        tiles,
        embed_sites,
    ));
    if !index.is_file() {
        tracing::warn!(path = %index.display(), "the web app is not built; only the API is served");
    }
    let public_pages = Arc::new(PublicPages::new(
        state.clone(),
        [index.clone(), volunteer_index],
        built_pages.clone(),
    ));
    let public_page = tower::service_fn(move |request: Request| {
        let pages = public_pages.clone();
        async move { Ok::<_, Infallible>(pages.serve(request).await) }
    });
    // `/` is a page like any other route: from memory, not the folder's index file.
    let files = ServeDir::new(dist_dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(public_page.clone());
    let staff_page = tower::service_fn(move |request: Request| {
        let (index, pages) = (staff_index.clone(), built_pages.clone());
        async move { Ok::<_, Infallible>(pages.serve(&index, request).await) }
    });
    let built_manifest = dist_dir.join("manifest.webmanifest");
    let manifest = tower::service_fn(move |request: Request| {
        let built = built_manifest.clone();
        async move { Ok::<_, Infallible>(manifest::serve(&built, request).await) }
    });
    let built = |dir| ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let widget_page = tower::service_fn(move |request: Request| {
        let pages = widget_pages.clone();
        async move { Ok::<_, Infallible>(embed::page(&pages, request).await) }
    });
    // The app's own routes go straight to its page; any other path is looked for on
    // disk first, then gets the page (which says "not found").
    let mut router = Router::new();
    for route in PUBLIC_ROUTES {
        router = router.route_service(route, public_page.clone());
    }
    router
        .nest_service("/volunteer-app", built(volunteer_dir))
        .nest_service("/staff-app", built(staff_dir))
        .nest_service("/widgets-app", built(widgets_dir))
        .nest_service("/counter-app", built(counter_dir))
        .route_service("/staff", staff_page.clone())
        .route_service("/staff/{*rest}", staff_page)
        .route_service("/embed/{*rest}", widget_page)
        .route_service(manifest::PATH, manifest)
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_control))
        .layer(axum::middleware::from_fn(move |request, next| {
            page_policy(policy.clone(), request, next)
        }))
}

/// The app's pages get their policy (the widgets' lets the allowed sites frame them), the
/// service worker its own; other files keep the one that allows nothing.
async fn page_policy(policy: Arc<PagePolicy>, request: Request, next: Next) -> Response {
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or("");
    let page_path = !last_segment.contains('.') || last_segment.ends_with(".html");
    let service_worker = request.uri().path() == "/sw.js";
    let mut response = next.run(request).await;
    if service_worker {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(SERVICE_WORKER),
        );
        return response;
    }
    let html = (response.headers().get(header::CONTENT_TYPE))
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    // A revalidated page (304) has no body and no type, but the browser takes its
    // headers over for the copy it keeps: it must carry the page's policy too.
    let is_page = html || (page_path && response.status() == StatusCode::NOT_MODIFIED);
    if is_page {
        let framing = (response.extensions().get::<Framing>().copied()).unwrap_or(Framing::Refused);
        let value = policy.header(framing);
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// Each build's `index.html`, kept in memory (compressed and tagged) and read again only
/// when a new build replaces the file, so a shared link costs no file read.
#[derive(Default)]
pub(super) struct BuiltPages {
    read: RwLock<HashMap<PathBuf, (SystemTime, Arc<Prepared>)>>,
}

impl BuiltPages {
    /// `index` for app routes; a plain 404 for a missing file (a path whose last segment
    /// has an extension), so a broken asset link is not hidden behind a 200.
    pub(super) async fn serve(&self, index: &Path, request: Request) -> Response {
        let last_segment = request.uri().path().rsplit('/').next().unwrap_or("");
        if last_segment.contains('.') {
            return StatusCode::NOT_FOUND.into_response();
        }
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return StatusCode::METHOD_NOT_ALLOWED.into_response();
        }
        match self.page(index).await {
            Some(page) => page.respond(request.headers(), REVALIDATE),
            None => StatusCode::NOT_FOUND.into_response(),
        }
    }

    pub(super) async fn page(&self, index: &Path) -> Option<Arc<Prepared>> {
        // A stat is a microsecond: cheaper done here than handed to a blocking thread.
        let modified = std::fs::metadata(index).ok()?.modified().ok()?;
        let known = self
            .read
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(index)
            .cloned();
        if let Some((_, page)) = known.filter(|(seen, _)| *seen == modified) {
            return Some(page);
        }
        let page = Arc::new(Prepared::html(tokio::fs::read(index).await.ok()?));
        (self.read.write().unwrap_or_else(|e| e.into_inner()))
            .insert(index.to_owned(), (modified, page.clone()));
        Some(page)
    }
}

async fn cache_control(request: Request, next: Next) -> Response {
    let immutable = is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let policy = if immutable { IMMUTABLE } else { REVALIDATE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Trunk's hashed names: `stem-<hex>.ext`, and `stem-<hex>_bg.wasm` for the wasm module.
fn is_content_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let Some((stem, _extension)) = file.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn recognises_trunk_hashed_asset_names() {
        assert!(is_content_hashed("/huli-app-5c1d2a9e8f7b6a43.js"));
        assert!(is_content_hashed("/huli-app-5c1d2a9e8f7b6a43_bg.wasm"));
        assert!(is_content_hashed("/main-0af3e2c1d9b8a7f6.css"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/data/huli-boundary.wgs84.geojson"));
        assert!(!is_content_hashed("/points/12"));
        assert!(!is_content_hashed("/leaflet-1.9.4.css"));
    }
}
