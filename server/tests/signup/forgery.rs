//! Every state-changing staff route, read from the OpenAPI document, refuses a signed-in
//! administrator's request that lacks the session's anti-forgery token.

use crate::common::TestServer;
use crate::staff_client::{create, error_of, sign_in};
use huli_contract::{ErrorCode, StaffRole};
use reqwest::Method;

#[tokio::test]
async fn every_staff_write_without_the_anti_forgery_token_is_refused() {
    let server = TestServer::start().await;
    create(&server, "admin", StaffRole::Administrator).await;
    let admin = sign_in(&server, "admin").await;
    let openapi = server.get_json("/api/openapi.json").await;
    let mut writes = Vec::new();
    for (path, item) in openapi["paths"].as_object().unwrap() {
        // Signing in is how a session and its token begin.
        if !path.starts_with("/api/staff/") || path == "/api/staff/session" {
            continue;
        }
        for method in ["post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                let concrete = path.replace("{id}", "1").replace("{number}", "HL0000001");
                writes.push((method.to_uppercase(), concrete));
            }
        }
    }
    assert!(writes.len() >= 15, "the staff API's writes: {writes:?}");
    for (method, path) in writes {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let request = server.client.request(method.clone(), server.url(&path));
        let answer = request
            .header("Cookie", &admin.cookie)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            error_of(answer).await,
            (403, ErrorCode::ForgeryCheckFailed),
            "{method} {path}"
        );
    }
}
