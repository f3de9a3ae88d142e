//! A stand-in for the built web app in the test server's `dist`: the five builds'
//! pages (residents', volunteers', staff console, embedded widgets, counter), each with
//! one inline script (the residents' also its inline styles), and a few assets.

use super::TestServer;

pub const INDEX: &str = "<!doctype html><title>Huli</title><style>main{margin:0}</style>\
    <script type=module>init();</script>";
/// The SHA-256 of `main{margin:0}`, base64: the public build's inline styles.
pub const INLINE_STYLE: &str = "'sha256-wVFnjj/0Stl5yVsX6P6dRqNPPn9IalHvqnMI92CBN8E='";
/// The SHA-256 of `init();`, base64: the public build's one inline script.
pub const INLINE_SCRIPT: &str = "'sha256-GEnM5q1nYY/iACnyMTdov+tNp9OFcBnnDgNXUXaVNXc='";
/// The volunteers' build (`/signup`, `/me`).
pub const VOLUNTEER_INDEX: &str =
    "<!doctype html><title>Volunteer</title><script type=module>volunteer();</script>";
pub const VOLUNTEER_SCRIPT: &str = "'sha256-S+ZIZDLDDdvEzs5KSYQqXB5S9O0dWt1HvzJgFhwD8SU='";
/// The staff console's own build.
pub const STAFF_INDEX: &str =
    "<!doctype html><title>Staff</title><script type=module>staff();</script>";
pub const STAFF_SCRIPT: &str = "'sha256-42bLK6EM8oELCNmpYuS17leZ+1VGR7eqlJ0czmezKE4='";
/// The embedded map's and sign-up's build.
pub const WIDGETS_INDEX: &str =
    "<!doctype html><title>Widgets</title><script type=module>widgets();</script>";
pub const WIDGETS_SCRIPT: &str = "'sha256-P02FHuAv/RFZvnVNmfOfUMabEZWR9jGuvqArtFp7aTY='";
/// The embeddable counter's own build.
pub const COUNTER_INDEX: &str =
    "<!doctype html><title>Counter</title><script type=module>counter();</script>";
pub const COUNTER_SCRIPT: &str = "'sha256-UfgS1Al2sI/7FPdwAcymJNjwq1kbHYwY848hwxBlC8Q='";

pub async fn server_with_app() -> TestServer {
    let server = TestServer::start().await;
    let dist = server.dist();
    std::fs::create_dir_all(dist.join("staff")).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::create_dir_all(dist.join("volunteer")).unwrap();
    std::fs::write(dist.join("volunteer/index.html"), VOLUNTEER_INDEX).unwrap();
    std::fs::write(
        dist.join("volunteer/huli-volunteer-1a2b3c4d5e6f7a8b.js"),
        "export default 4;",
    )
    .unwrap();
    std::fs::write(dist.join("staff/index.html"), STAFF_INDEX).unwrap();
    std::fs::create_dir_all(dist.join("widgets")).unwrap();
    std::fs::write(dist.join("widgets/index.html"), WIDGETS_INDEX).unwrap();
    std::fs::create_dir_all(dist.join("counter")).unwrap();
    std::fs::write(dist.join("counter/index.html"), COUNTER_INDEX).unwrap();
    std::fs::write(
        dist.join("counter/huli-counter-0a1b2c3d4e5f6a7b.js"),
        "export default 3;",
    )
    .unwrap();
    std::fs::write(dist.join("embed.js"), "(function () {})();").unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), r#"{"name":"Huli"}"#).unwrap();
    std::fs::write(
        dist.join("staff/huli-app-0a1b2c3d4e5f6a7b.js"),
        "export default 2;",
    )
    .unwrap();
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
