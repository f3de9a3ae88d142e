//! Serving the built web app: deep links, cache policy, precompressed files.

mod common;

use common::built_app::{
    COUNTER_SCRIPT, INDEX, INLINE_SCRIPT, INLINE_STYLE, STAFF_INDEX, STAFF_SCRIPT,
    VOLUNTEER_SCRIPT, WIDGETS_SCRIPT, server_with_app,
};

#[tokio::test]
async fn deep_links_get_the_app_and_are_revalidated() {
    let server = server_with_app().await;
    // The residents' build's page, and the volunteers' build's, with each page's own
    // head (and first screen, in pages.rs).
    for (path, script) in [
        ("/", "init();"),
        ("/points/7", "init();"),
        ("/signup", "volunteer();"),
        ("/signup?shift=4", "volunteer();"),
        ("/me", "volunteer();"),
        ("/shifts", "volunteer();"),
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        let page = response.text().await.unwrap();
        assert!(
            page.contains(&format!("<script type=module>{script}</script>")),
            "{path}: {page}"
        );
        assert!(!page.contains("<title>Huli</title>"), "{path}: {page}");
        assert!(!page.contains("<title>Volunteer</title>"), "{path}: {page}");
    }
    let asset = server
        .get("/volunteer-app/huli-volunteer-1a2b3c4d5e6f7a8b.js")
        .await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let elsewhere = server.get("/no/such/page").await;
    assert_eq!(
        elsewhere.text().await.unwrap(),
        INDEX,
        "the app says \"not found\""
    );
    // Residents never download the console: it is a build of its own.
    for path in [
        "/staff",
        "/staff/display/3",
        "/staff/certificates/HLZY-2026-000001",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), STAFF_INDEX, "{path}");
    }
    let asset = server.get("/staff-app/huli-app-0a1b2c3d4e5f6a7b.js").await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let missing = server.get("/staff-app/huli-app-0000000000000000.js").await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_sent_precompressed() {
    let server = server_with_app().await;
    let plain = server.get("/huli-app-5c1d2a9e8f7b6a43.js").await;
    assert_eq!(plain.status(), 200);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let brotli = server
        .get_with("/huli-app-5c1d2a9e8f7b6a43.js", "Accept-Encoding", "br")
        .await;
    assert_eq!(brotli.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn a_missing_asset_is_a_404_not_the_app() {
    let server = server_with_app().await;
    assert_eq!(
        server.get("/huli-app-0000000000000000.js").await.status(),
        404
    );
    let page = server.get("/index.html").await;
    assert_eq!(page.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn every_route_has_a_content_security_policy_and_refuses_framing() {
    let server = server_with_app().await;
    let openapi = server.get_json("/api/openapi.json").await;
    let mut api: Vec<String> = openapi["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, item)| item.get("get").is_some())
        .map(|(path, _)| path.replace("{id}", "1").replace("{number}", "HL0000001"))
        .collect();
    api.extend(["/api/nothing-here".to_owned(), "/healthz".to_owned()]);
    assert!(api.len() > 20, "every GET route of the API: {api:?}");
    for path in &api {
        let response = server.get(path).await;
        let headers = response.headers();
        assert_eq!(
            headers["content-security-policy"], "default-src 'none'; frame-ancestors 'none'",
            "{path}"
        );
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
    }
    let asset = server.get("/huli-app-5c1d2a9e8f7b6a43.js").await;
    assert_eq!(
        asset.headers()["content-security-policy"],
        "default-src 'none'; frame-ancestors 'none'"
    );
    for path in ["/", "/points/7", "/me", "/staff/display/1", "/index.html"] {
        let response = server.get(path).await;
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        for directive in [
            "default-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "connect-src 'self'",
        ] {
            assert!(policy.contains(directive), "{path}: {policy}");
        }
        let scripts = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap()
            .trim();
        assert_eq!(
            scripts,
            format!(
                "script-src 'self' 'wasm-unsafe-eval' {INLINE_SCRIPT} {VOLUNTEER_SCRIPT} {STAFF_SCRIPT} {WIDGETS_SCRIPT} {COUNTER_SCRIPT}"
            ),
            "{path}: nothing looser than 'wasm-unsafe-eval'"
        );
        let styles = policy
            .split(';')
            .find(|d| d.trim().starts_with("style-src"))
            .unwrap()
            .trim();
        assert_eq!(styles, format!("style-src 'self' {INLINE_STYLE}"), "{path}");
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");

        // Revalidating the page keeps its policy: the browser applies the 304's headers.
        // The app's routes are pages from memory, with a tag; `/index.html` is the file.
        let (asks, validator) = match response.headers().get("etag") {
            Some(etag) => ("If-None-Match", etag),
            None => ("If-Modified-Since", &response.headers()["last-modified"]),
        };
        let validator = validator.to_str().unwrap().to_owned();
        let again = server.get_with(path, asks, &validator).await;
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["content-security-policy"], policy, "{path}");
    }
}

#[tokio::test]
async fn the_service_worker_and_the_manifest_are_revalidated_and_the_worker_talks_only_to_us() {
    let server = server_with_app().await;
    let worker = server.get("/sw.js").await;
    assert_eq!(worker.status(), 200);
    let headers = worker.headers();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    // A new worker is found on the next visit, not a year later.
    assert_eq!(headers["cache-control"], "no-cache");
    assert_eq!(
        headers["content-security-policy"],
        "default-src 'none'; connect-src 'self'; frame-ancestors 'none'"
    );
    let built = include_str!("../../public/manifest.webmanifest");
    std::fs::write(server.dist().join("manifest.webmanifest"), built).unwrap();
    let manifest = server.get("/manifest.webmanifest").await;
    assert_eq!(manifest.status(), 200);
    assert_eq!(manifest.headers()["cache-control"], "no-cache");
    assert_eq!(
        manifest.headers()["content-type"],
        "application/manifest+json"
    );
    assert_eq!(manifest.text().await.unwrap(), built, "as built");
    let posted = server
        .client
        .post(server.url("/manifest.webmanifest"))
        .send();
    assert_eq!(posted.await.unwrap().status(), 405);

    // A Traditional page links `?lang=zh-Hant`; a browser that asks for zh-TW gets the
    // same without it.
    let in_traditional = [
        ("/manifest.webmanifest?lang=zh-Hant", "zh-CN"),
        ("/manifest.webmanifest", "zh-TW,zh;q=0.9"),
    ];
    for (path, languages) in in_traditional {
        let answer = server.get_with(path, "Accept-Language", languages).await;
        assert_eq!(answer.status(), 200);
        assert!(
            (answer.headers()["vary"].to_str().unwrap())
                .to_ascii_lowercase()
                .contains("accept-language")
        );
        let manifest: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(manifest["lang"], "zh-Hant");
        assert_eq!(
            manifest["name"],
            "湖里學雷鋒志願服務 · Huli Lei Feng volunteer service"
        );
        assert_eq!(
            manifest["shortcuts"][0]["name"],
            "服務點地圖 · Map of the points"
        );
    }
}

#[tokio::test]
async fn the_page_is_kept_in_memory_until_a_new_build_replaces_it() {
    let server = server_with_app().await;
    let first = server.get_with("/points/3", "Accept-Encoding", "br").await;
    assert_eq!(first.headers()["content-encoding"], "br");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let unchanged = server.get_with("/points/3", "If-None-Match", &etag).await;
    assert_eq!(
        unchanged.status(),
        304,
        "the same page while nothing changed"
    );

    let rebuilt = INDEX.replace("init();", "init(); ");
    std::fs::write(server.dist().join("index.html"), &rebuilt).unwrap();
    let after = server.get_with("/points/3", "If-None-Match", &etag).await;
    assert_eq!(after.status(), 200, "a new build is a new page");
    assert!(after.text().await.unwrap().contains("init(); "));
}
