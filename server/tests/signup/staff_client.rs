//! Staff as the tests drive them: accounts made by the real `create-staff` code, signed
//! in through the API, sending the session cookie and the anti-forgery token.

use crate::common::TestServer;
use huli_contract::{ApiErrorBody, ErrorCode, StaffRole, StaffSession};
use serde_json::{Value, json};

pub const PASSWORD: &str = "湖里区学雷锋 test 2026";

/// A signed-in staff member: the session cookie and the anti-forgery token.
pub struct Staff {
    pub cookie: String,
    pub csrf: String,
}

pub async fn create(server: &TestServer, login: &str, role: StaffRole) {
    huli_server::staff_accounts::create(&server.database_url(), login, login, role, PASSWORD)
        .await
        .expect("the account is created");
}

pub async fn sign_in_with(server: &TestServer, login: &str, password: &str) -> reqwest::Response {
    let form = json!({ "login": login, "password": password });
    let request = server
        .client
        .post(server.url("/api/staff/session"))
        .json(&form);
    request.send().await.unwrap()
}

pub async fn sign_in(server: &TestServer, login: &str) -> Staff {
    let response = sign_in_with(server, login, PASSWORD).await;
    assert_eq!(response.status(), 200, "signing in as {login}");
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let session: StaffSession = response.json().await.unwrap();
    Staff {
        cookie,
        csrf: session.csrf_token,
    }
}

pub async fn get(server: &TestServer, staff: Option<&Staff>, path: &str) -> reqwest::Response {
    let mut request = server.client.get(server.url(path));
    if let Some(staff) = staff {
        request = request.header("Cookie", &staff.cookie);
    }
    request.send().await.unwrap()
}

pub async fn post(
    server: &TestServer,
    staff: Option<&Staff>,
    path: &str,
    body: Value,
) -> reqwest::Response {
    let mut request = server.client.post(server.url(path)).json(&body);
    if let Some(staff) = staff {
        request = (request.header("Cookie", &staff.cookie)).header("X-CSRF-Token", &staff.csrf);
    }
    request.send().await.unwrap()
}

pub async fn error_of(response: reqwest::Response) -> (u16, ErrorCode) {
    let status = response.status().as_u16();
    (status, response.json::<ApiErrorBody>().await.unwrap().error)
}

/// Any method, with the session and the anti-forgery token if `staff` is given, and a
/// JSON body if `body` is.
pub async fn send(
    server: &TestServer,
    staff: Option<&Staff>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = server.client.request(method, server.url(path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    if let Some(staff) = staff {
        request = (request.header("Cookie", &staff.cookie)).header("X-CSRF-Token", &staff.csrf);
    }
    request.send().await.unwrap()
}
