//! The widgets other sites embed: which sites may frame them, what a wrong widget URL
//! answers, the loader script, and that nothing needs (or gets) CORS.

mod common;

use common::EMBEDDING_SITE;
use common::built_app::{COUNTER_INDEX, WIDGETS_INDEX, server_with_app};

fn policy_of(response: &reqwest::Response) -> String {
    response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn widgets_may_be_framed_by_the_allowed_sites_and_nothing_else_may() {
    let server = server_with_app().await;
    let frame_ancestors = format!("frame-ancestors 'self' {EMBEDDING_SITE}");
    let widgets = [
        ("/embed/map", WIDGETS_INDEX),
        (
            "/embed/map?category=park&sub_district=jiangtou&lang=en&compact=1&accent=0b5394",
            WIDGETS_INDEX,
        ),
        ("/embed/signup/7", WIDGETS_INDEX),
        ("/embed/counter", COUNTER_INDEX),
        (
            "/embed/counter?point=3&show=verified,pending&lang=zh",
            COUNTER_INDEX,
        ),
        ("/embed/counter?team=2", COUNTER_INDEX),
        ("/embed/counter?lang=zh-Hant", COUNTER_INDEX),
        ("/embed/signup/7?lang=zh-Hant", WIDGETS_INDEX),
    ];
    for (path, page) in widgets {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let policy = policy_of(&response);
        assert!(policy.ends_with(&frame_ancestors), "{path}: {policy}");
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{path}: {policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        assert!(
            response.headers().get("x-frame-options").is_none(),
            "{path}"
        );
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{path}: no cookies"
        );
        let validator = response.headers()["etag"].to_str().unwrap().to_owned();
        assert_eq!(response.text().await.unwrap(), page, "{path}");

        // A revalidated widget keeps its policy, or the browser would stop framing it.
        let again = server.get_with(path, "If-None-Match", &validator).await;
        assert_eq!(again.status(), 304, "{path}");
        assert!(policy_of(&again).ends_with(&frame_ancestors), "{path}");
        assert!(again.headers().get("x-frame-options").is_none(), "{path}");
    }
    // The site itself, the console and the API refuse framing, even by allowed sites.
    for path in [
        "/",
        "/points/3",
        "/signup",
        "/staff/embed",
        "/api/embed/sites",
        "/embed.js",
    ] {
        let response = server.get(path).await;
        assert!(
            policy_of(&response).ends_with("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
    }
}

#[tokio::test]
async fn a_wrong_widget_url_says_what_is_wrong_in_the_frame_in_the_readers_language() {
    let server = server_with_app().await;
    let bad = server
        .get_with(
            "/embed/counter?point=x&accent=ffff00&show=hours",
            "Accept-Language",
            "en",
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert!(policy_of(&bad).ends_with(&format!("frame-ancestors 'self' {EMBEDDING_SITE}")));
    assert!(
        bad.headers().get("x-frame-options").is_none(),
        "shown in the frame"
    );
    let text = bad.text().await.unwrap();
    for expected in [
        "<html lang=\"en\">",
        "<code>point</code>: Enter a whole number.",
        "<code>show</code>: Choose one of: verified, last_12_months, on_duty, pending.",
        "<code>accent</code>: This colour is too light",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // The widget's own language option wins over the browser's.
    let zh = server
        .get_with("/embed/map?category=zoo&lang=zh", "Accept-Language", "en")
        .await;
    assert_eq!(zh.status(), 400);
    let text = zh.text().await.unwrap();
    assert!(
        text.contains("<code>category</code>: 请从以下选项中选择：park、square"),
        "{text}"
    );
    // In Traditional characters, asked by the widget or by the browser.
    let traditional = server
        .get_with(
            "/embed/map?category=zoo&lang=zh-Hant",
            "Accept-Language",
            "en",
        )
        .await;
    assert_eq!(traditional.status(), 400);
    let text = traditional.text().await.unwrap();
    for expected in [
        "<html lang=\"zh-Hant\">",
        "<title>嵌入地址有誤</title>",
        "<code>category</code>: 請從以下選項中選擇：park、square",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let taiwan = server
        .get_with("/embed/chart", "Accept-Language", "zh-TW,en;q=0.5")
        .await;
    assert_eq!(taiwan.status(), 404);
    assert!(taiwan.text().await.unwrap().contains("沒有這個嵌入內容"));
    let unknown = server.get("/embed/map?lang=fr").await;
    assert_eq!(unknown.status(), 400);
    assert!(
        (unknown.text().await.unwrap())
            .contains("<code>lang</code>: 请从以下选项中选择：zh、zh-Hant、en")
    );

    for path in [
        "/embed/chart",
        "/embed/signup/abc",
        "/embed/signup/0",
        "/embed/map/extra",
    ] {
        let missing = server.get(path).await;
        assert_eq!(missing.status(), 404, "{path}");
        assert!(
            missing.text().await.unwrap().contains("没有这个嵌入内容"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_loader_and_the_counter_build_are_served_and_nothing_needs_cors() {
    let server = server_with_app().await;
    let loader = server.get("/embed.js").await;
    assert_eq!(loader.status(), 200);
    assert!(
        loader.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    assert_eq!(
        loader.headers()["cache-control"],
        "no-cache",
        "a stable name, revalidated"
    );
    let asset = server
        .get("/counter-app/huli-counter-0a1b2c3d4e5f6a7b.js")
        .await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    let sites = server.get_json("/api/embed/sites").await;
    assert_eq!(sites, serde_json::json!({ "sites": [EMBEDDING_SITE] }));

    // Each widget runs in a frame of our own origin, so it calls our API as a
    // same-origin page: no response allows another origin to read it.
    for path in [
        "/api/embed/sites",
        "/api/stats",
        "/api/points",
        "/embed/counter",
        "/embed.js",
    ] {
        let response = server.get_with(path, "Origin", EMBEDDING_SITE).await;
        assert!(
            response
                .headers()
                .get("access-control-allow-origin")
                .is_none(),
            "{path}"
        );
    }
}
