//! Staff as the tests drive them: accounts made by the real `create-staff` code, signed
//! in through the API, sending the session cookie and the anti-forgery token.

use crate::authenticator;
use crate::common::{KeptSession, TestServer};
use chrono::Duration;
use huli_contract::{
    ApiErrorBody, ErrorCode, RecoveryCodes, SecondFactorEnrolment, SecondFactorStatus, StaffRole,
    StaffSession,
};
use huli_server::staff_accounts::CreateError;
use reqwest::Method;
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

/// The administrator the tests arrange the programme with (shifts, insurance): made once
/// per database, signed in once per server and again when the server's clock has moved
/// near the end of the session.
pub async fn arranger(server: &TestServer) -> Staff {
    const LOGIN: &str = "arranger";
    let mut kept = server.arranger.lock().await;
    let now = server.clock.now();
    if let Some(session) = kept.as_mut()
        && now - session.last_used < Duration::minutes(20)
        && now - session.signed_in_at < Duration::hours(11)
    {
        session.last_used = now;
        return Staff {
            cookie: session.cookie.clone(),
            csrf: session.csrf.clone(),
        };
    }
    if kept.is_none() {
        let url = server.database_url();
        let made = huli_server::staff_accounts::create(
            &url,
            LOGIN,
            LOGIN,
            StaffRole::Administrator,
            PASSWORD,
        )
        .await;
        // A restarted server's database has it already.
        assert!(
            matches!(made, Ok(_) | Err(CreateError::LoginTaken(_))),
            "the arranging account is made"
        );
    }
    let staff = sign_in(server, LOGIN).await;
    *kept = Some(KeptSession {
        cookie: staff.cookie.clone(),
        csrf: staff.csrf.clone(),
        signed_in_at: now,
        last_used: now,
    });
    staff
}

/// The newest 200 entries of the whole audit log, as an administrator reads them.
pub async fn whole_audit_log(server: &TestServer) -> Vec<huli_contract::AuditEntry> {
    let admin = arranger(server).await;
    let log = get(server, Some(&admin), "/api/staff/audit").await;
    log.json().await.unwrap()
}

/// The actions the whole audit log records as `code` (for example `export`), with their
/// subjects, newest first.
pub async fn logged(server: &TestServer, code: &str) -> Vec<String> {
    (whole_audit_log(server).await.into_iter())
        .filter(|entry| entry.action.code() == code)
        .map(|entry| entry.subject)
        .collect()
}

pub async fn sign_in_with(server: &TestServer, login: &str, password: &str) -> reqwest::Response {
    sign_in_with_code(server, login, password, "").await
}

pub async fn sign_in_with_code(
    server: &TestServer,
    login: &str,
    password: &str,
    code: &str,
) -> reqwest::Response {
    let form = json!({ "login": login, "password": password, "code": code });
    let request = server
        .client
        .post(server.url("/api/staff/session"))
        .json(&form);
    request.send().await.unwrap()
}

pub async fn sign_in(server: &TestServer, login: &str) -> Staff {
    sign_in_as(server, login, PASSWORD).await
}

/// Signs in with `password`, which must be the account's, and the code of the second
/// factor these tests enrolled for it, if any. An administrator without one enrols it
/// first, as the console makes them.
pub async fn sign_in_as(server: &TestServer, login: &str, password: &str) -> Staff {
    let database = server.database_url();
    let response = match authenticator::has(&database, login) {
        true => {
            let code = authenticator::code(&database, login, server.clock.now()).await;
            sign_in_with_code(server, login, password, &code).await
        }
        false => sign_in_with(server, login, password).await,
    };
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
    let staff = Staff {
        cookie,
        csrf: session.csrf_token,
    };
    if session.second_factor == SecondFactorStatus::Required {
        enrol(server, &staff, login).await;
    }
    staff
}

/// Enrols a second factor for the signed-in `staff` (whose password is [`PASSWORD`]),
/// scanned by the tests' authenticator; the recovery codes.
pub async fn enrol(server: &TestServer, staff: &Staff, login: &str) -> RecoveryCodes {
    const PATH: &str = "/api/staff/session/second-factor";
    let begun = post(server, Some(staff), PATH, json!({ "password": PASSWORD })).await;
    assert_eq!(begun.status(), 200, "enrolling {login}");
    let enrolment: SecondFactorEnrolment = begun.json().await.unwrap();
    let database = server.database_url();
    authenticator::scan(&database, login, &enrolment.secret);
    let code = authenticator::code(&database, login, server.clock.now()).await;
    let confirmed = send(
        server,
        Some(staff),
        Method::PUT,
        PATH,
        Some(json!({ "code": code })),
    );
    let confirmed = confirmed.await;
    assert_eq!(
        confirmed.status(),
        200,
        "confirming {login}'s second factor"
    );
    confirmed.json().await.unwrap()
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

/// Makes a display link for `point` as `staff`; its key, from the address's `#`.
pub async fn display_key(server: &TestServer, staff: &Staff, point: i64) -> String {
    let path = format!("/api/staff/points/{point}/display-links");
    let made = post(server, Some(staff), &path, json!({ "label": "前台平板" })).await;
    assert_eq!(made.status(), 201);
    let made: huli_contract::NewDisplayLink = made.json().await.unwrap();
    let (_, key) = made
        .url
        .split_once("/staff/screen#")
        .expect("the device's address");
    key.to_owned()
}

/// What the device holding the display link `key` is shown.
pub async fn display(server: &TestServer, key: &str) -> reqwest::Response {
    let request = server.client.get(server.url("/api/display"));
    request.bearer_auth(key).send().await.unwrap()
}
