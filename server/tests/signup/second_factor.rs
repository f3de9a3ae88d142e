//! The staff's second factor: an administrator may do nothing but enrol until they
//! have one; signing in then takes a code, each accepted once; recovery codes work
//! once each; other roles switch it on and off; an administrator's password reset
//! removes it; `create-staff` makes only the first administrator.

use crate::authenticator;
use crate::common::TestServer;
use crate::staff_client::{
    PASSWORD, Staff, arranger, create, enrol, error_of, get, post, send, sign_in, sign_in_with,
    sign_in_with_code, whole_audit_log,
};
use crate::unit_at;
use huli_contract::{ApiErrorBody, ErrorCode, Problem, StaffRole, StaffSession};
use huli_server::staff_accounts::{CreateError, create_first_administrator};
use reqwest::Method;
use serde_json::json;

const PATH: &str = "/api/staff/session/second-factor";

/// The cookie and anti-forgery token of a 200 sign-in answer, and its session.
async fn signed_in(response: reqwest::Response) -> (Staff, StaffSession) {
    assert_eq!(response.status(), 200);
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let session: StaffSession = response.json().await.unwrap();
    let staff = Staff {
        cookie,
        csrf: session.csrf_token.clone(),
    };
    (staff, session)
}

/// Signs in as `login` from the address `from` with `code`.
async fn sign_in_from(
    server: &TestServer,
    login: &str,
    from: &str,
    code: &str,
) -> reqwest::Response {
    let form = json!({ "login": login, "password": PASSWORD, "code": code });
    let request = (server.client.post(server.url("/api/staff/session")))
        .header("X-Forwarded-For", from)
        .json(&form);
    request.send().await.unwrap()
}

async fn status(server: &TestServer, staff: &Staff, path: &str) -> u16 {
    get(server, Some(staff), path).await.status().as_u16()
}

#[tokio::test]
async fn an_administrator_enrols_before_anything_else_and_then_signs_in_with_codes() {
    let server = TestServer::start().await;
    let database = server.database_url();
    let made = create_first_administrator(&database, "first-admin", "区管理员", PASSWORD).await;
    made.expect("the first administrator is made");
    let again = create_first_administrator(&database, "second-admin", "区管理员", PASSWORD).await;
    assert!(matches!(again, Err(CreateError::AdministratorExists)));

    let (admin, session) = signed_in(sign_in_with(&server, "first-admin", PASSWORD).await).await;
    assert_eq!(
        session.second_factor,
        huli_contract::SecondFactorStatus::Required
    );
    let (laptop, _) = signed_in(sign_in_with(&server, "first-admin", PASSWORD).await).await;
    let refused = get(&server, Some(&admin), "/api/staff/accounts").await;
    assert_eq!(
        error_of(refused).await,
        (403, ErrorCode::SecondFactorEnrolmentRequired)
    );
    assert_eq!(status(&server, &admin, "/api/staff/session").await, 200);

    // Enrolling takes the password again: a session alone cannot put a phone in force.
    let refused = post(
        &server,
        Some(&admin),
        PATH,
        json!({"password": "not it at all 1"}),
    )
    .await;
    let body: ApiErrorBody = refused.json().await.unwrap();
    assert_eq!(body.fields[0].problem, Problem::NotCurrentPassword);
    // A code that is not from the new secret does not switch it on.
    let begun = post(&server, Some(&admin), PATH, json!({"password": PASSWORD})).await;
    assert_eq!(begun.status(), 200);
    let enrolment: huli_contract::SecondFactorEnrolment = begun.json().await.unwrap();
    assert!(enrolment.otpauth_uri.starts_with("otpauth://totp/"));
    assert!(enrolment.qr_svg.starts_with("<?xml") || enrolment.qr_svg.starts_with("<svg"));
    let wrong = send(
        &server,
        Some(&admin),
        Method::PUT,
        PATH,
        Some(json!({"code": "abc"})),
    );
    let body: ApiErrorBody = wrong.await.json().await.unwrap();
    assert_eq!(body.fields[0].problem, Problem::NotASecondFactorCode);

    let recovery = enrol(&server, &admin, "first-admin").await;
    assert_eq!(recovery.codes.len(), 10);
    assert_eq!(status(&server, &admin, "/api/staff/accounts").await, 200);
    assert_eq!(
        status(&server, &laptop, "/api/staff/session").await,
        401,
        "enrolling ends the account's other sessions"
    );

    // Signing in now takes a code; each is accepted once.
    let without = sign_in_with(&server, "first-admin", PASSWORD).await;
    assert_eq!(
        error_of(without).await,
        (401, ErrorCode::SecondFactorNeeded)
    );
    let code = authenticator::code(&database, "first-admin", server.clock.now()).await;
    let with = sign_in_with_code(&server, "first-admin", PASSWORD, &code).await;
    let (_, session) = signed_in(with).await;
    assert_eq!(session.second_factor, huli_contract::SecondFactorStatus::On);
    let replayed = sign_in_with_code(&server, "first-admin", PASSWORD, &code).await;
    assert_eq!(
        error_of(replayed).await,
        (401, ErrorCode::SecondFactorFailed)
    );
    let wrong_password = sign_in_with_code(&server, "first-admin", "not it at all 1", &code);
    assert_eq!(
        error_of(wrong_password.await).await,
        (401, ErrorCode::SignInFailed)
    );

    // A recovery code, in any case and grouping, once.
    let recovery_code = recovery.codes[3].to_uppercase().replace('-', " ");
    let recovered = sign_in_with_code(&server, "first-admin", PASSWORD, &recovery_code).await;
    assert_eq!(recovered.status(), 200);
    let reused = sign_in_with_code(&server, "first-admin", PASSWORD, &recovery_code).await;
    assert_eq!(error_of(reused).await, (401, ErrorCode::SecondFactorFailed));

    // An administrator keeps theirs.
    let off = send(
        &server,
        Some(&admin),
        Method::DELETE,
        PATH,
        Some(json!({"password": PASSWORD})),
    );
    assert_eq!(error_of(off.await).await, (403, ErrorCode::NotAllowed));

    let log = serde_json::to_string(&whole_audit_log(&server).await).unwrap();
    assert!(log.contains("account.second_factor_on"));
    let secret: String = enrolment.secret.split_whitespace().collect();
    assert!(!log.contains(&secret) && !log.contains(&recovery.codes[0]));
}

#[tokio::test]
async fn other_roles_switch_it_on_and_off_and_a_reset_removes_it() {
    let server = TestServer::start().await;
    let unit = unit_at(&server, 1).await;
    create(
        &server,
        "coord-tf",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    let coordinator = sign_in(&server, "coord-tf").await;
    let session: StaffSession = get(&server, Some(&coordinator), "/api/staff/session")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        session.second_factor,
        huli_contract::SecondFactorStatus::Off
    );
    assert_eq!(
        status(&server, &coordinator, "/api/staff/attendance").await,
        200
    );

    // Without the anti-forgery token nothing is enrolled.
    let forged = Staff {
        cookie: coordinator.cookie.clone(),
        csrf: "0".repeat(64),
    };
    let refused = post(&server, Some(&forged), PATH, json!({"password": PASSWORD})).await;
    assert_eq!(
        error_of(refused).await,
        (403, ErrorCode::ForgeryCheckFailed)
    );

    enrol(&server, &coordinator, "coord-tf").await;
    let without = sign_in_with(&server, "coord-tf", PASSWORD).await;
    assert_eq!(
        error_of(without).await,
        (401, ErrorCode::SecondFactorNeeded)
    );

    // Switching it off takes the password again.
    let off = |password: &str| {
        let body = json!({ "password": password });
        send(
            &server,
            Some(&coordinator),
            Method::DELETE,
            PATH,
            Some(body),
        )
    };
    let wrong: ApiErrorBody = off("not my password 12").await.json().await.unwrap();
    assert_eq!(wrong.fields[0].problem, Problem::NotCurrentPassword);
    assert_eq!(off(PASSWORD).await.status(), 204);
    assert_eq!(
        sign_in_with(&server, "coord-tf", PASSWORD).await.status(),
        200
    );

    // Enrolled again, then reset by an administrator: the new password alone signs in.
    enrol(&server, &coordinator, "coord-tf").await;
    let admin = arranger(&server).await;
    let accounts: Vec<huli_contract::AccountView> =
        get(&server, Some(&admin), "/api/staff/accounts")
            .await
            .json()
            .await
            .unwrap();
    let id = (accounts.iter())
        .find(|view| view.account.login == "coord-tf")
        .unwrap()
        .account
        .id;
    let reset = post(
        &server,
        Some(&admin),
        &format!("/api/staff/accounts/{id}/password"),
        json!({ "password": "harbour kite lantern 88" }),
    )
    .await;
    assert_eq!(reset.status(), 200);
    let (_, session) =
        signed_in(sign_in_with(&server, "coord-tf", "harbour kite lantern 88").await).await;
    assert_eq!(
        session.second_factor,
        huli_contract::SecondFactorStatus::Off
    );
}

#[tokio::test]
async fn wrong_codes_from_many_addresses_make_the_account_wait() {
    // Behind our proxy, which names each client.
    let server = TestServer::start_with(|config| {
        config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let unit = unit_at(&server, 1).await;
    create(&server, "coord-w", StaffRole::Coordinator { unit_id: unit }).await;
    let coordinator = sign_in(&server, "coord-w").await;
    enrol(&server, &coordinator, "coord-w").await;
    // Whoever has the password tries codes from five addresses, once each: every
    // address is still far from its own limit, but the account's is reached, and the
    // right code from a sixth address waits too.
    for n in 1..=5 {
        let wrong = sign_in_from(&server, "coord-w", &format!("198.51.100.{n}"), "000000").await;
        assert_eq!(error_of(wrong).await, (401, ErrorCode::SecondFactorFailed));
    }
    let code = authenticator::code(&server.database_url(), "coord-w", server.clock.now()).await;
    let waits = sign_in_from(&server, "coord-w", "198.51.100.6", &code).await;
    assert_eq!(error_of(waits).await, (429, ErrorCode::TooManySignIns));
}
