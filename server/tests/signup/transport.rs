//! Behind HTTPS (as the proxy in front says in `X-Forwarded-Proto`) the session cookie is
//! `__Host-` prefixed and `Secure`, the plain-HTTP cookie counts for nothing, and every
//! answer carries HSTS; over plain HTTP, neither. Every answer allows the browser's
//! powerful features to nobody, but geolocation to our own pages.

use crate::common::TestServer;
use crate::staff_client::{PASSWORD, create, get, sign_in};
use huli_contract::StaffRole;
use serde_json::json;

#[tokio::test]
async fn behind_https_the_session_cookie_is_host_only_and_hsts_is_sent() {
    let server = TestServer::start().await;
    create(&server, "admin", StaffRole::Administrator).await;
    let over_https =
        |request: reqwest::RequestBuilder| request.header("X-Forwarded-Proto", "https");

    let form = json!({ "login": "admin", "password": PASSWORD });
    let signed_in = over_https(server.client.post(server.url("/api/staff/session")))
        .json(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    assert_eq!(
        signed_in.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let set_cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    assert!(set_cookie.starts_with("__Host-huli_staff="), "{set_cookie}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Domain"), "{set_cookie}");
    let token = set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1;

    let session_with = async |cookie: String| {
        over_https(server.client.get(server.url("/api/staff/session")))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(
        session_with(format!("__Host-huli_staff={token}")).await,
        200
    );
    assert_eq!(
        session_with(format!("huli_staff={token}")).await,
        401,
        "behind HTTPS only the __Host- cookie counts"
    );

    // Over plain HTTP: the plain cookie, not Secure, and no HSTS.
    let staff = sign_in(&server, "admin").await;
    assert!(staff.cookie.starts_with("huli_staff="), "{}", staff.cookie);
    let answer = get(&server, Some(&staff), "/api/staff/session").await;
    assert_eq!(answer.status(), 200);
    assert!(answer.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn every_answer_allows_geolocation_to_our_pages_only() {
    let server = TestServer::start().await;
    for path in ["/api/points", "/api/nothing-here", "/healthz", "/"] {
        let answer = server.get(path).await;
        let policy = answer.headers()["permissions-policy"].to_str().unwrap();
        assert!(
            policy.starts_with("geolocation=(self), "),
            "{path}: {policy}"
        );
        for feature in policy.split(", ").skip(1) {
            assert!(feature.ends_with("=()"), "{path}: {feature} is allowed");
        }
    }
}
