//! Serving the built web app: deep links, cache policy, precompressed files.

mod common;

use common::TestServer;

const INDEX: &str = "<!doctype html><title>Huli</title>";

async fn server_with_app() -> TestServer {
    let server = TestServer::start().await;
    let dist = server.dist();
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(
        dist.join("huli-app-5c1d2a9e8f7b6a43.js"),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(
        dist.join("huli-app-5c1d2a9e8f7b6a43.js.br"),
        b"\x0b\x07\x80export default 1;\x03",
    )
    .unwrap();
    server
}

#[tokio::test]
async fn deep_links_get_the_app_and_are_revalidated() {
    let server = server_with_app().await;
    for path in ["/", "/points/7", "/signup", "/me", "/staff"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), INDEX, "{path}");
    }
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
