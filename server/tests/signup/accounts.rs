//! Staff accounts run safely: administrators create, disable, re-enable and reset them
//! through the API; a disabled account's open session fails on its next request;
//! everyone changes their own password and ends their other sessions; common passwords
//! are refused.

use crate::common::TestServer;
use crate::staff_client::{
    Staff, arranger, create, error_of, get, post, send, sign_in, sign_in_as, sign_in_with,
    whole_audit_log,
};
use crate::unit_at;
use huli_contract::{
    AccountView, ApiErrorBody, ErrorCode, PointId, Problem, SessionsEnded, StaffRole,
};
use reqwest::Method;
use serde_json::{Value, json};

const FIRST: &str = "lantern ferry orchid 47";
const SECOND: &str = "tide kite almond 1919";

async fn field_problem(response: reqwest::Response) -> (u16, String, Problem) {
    let status = response.status().as_u16();
    let body: ApiErrorBody = response.json().await.unwrap();
    let field = body.fields.into_iter().next().expect("a refused field");
    (status, field.field, field.problem)
}

async fn still_signed_in(server: &TestServer, staff: &Staff) -> u16 {
    get(server, Some(staff), "/api/staff/session")
        .await
        .status()
        .as_u16()
}

fn coordinator_form(unit: i64, password: &str) -> Value {
    json!({
        "login": "coord-a",
        "display_name": "协调员 甲",
        "role": {"role": "coordinator", "unit_id": unit},
        "password": password,
    })
}

#[tokio::test]
async fn an_administrator_creates_disables_enables_and_resets_accounts() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let unit = unit_at(&server, 1).await;

    let common = post(
        &server,
        Some(&admin),
        "/api/staff/accounts",
        coordinator_form(unit, "password1234"),
    )
    .await;
    assert_eq!(
        field_problem(common).await,
        (422, "password".into(), Problem::EasilyGuessed)
    );
    let named = post(
        &server,
        Some(&admin),
        "/api/staff/accounts",
        coordinator_form(unit, "coord-a1234567"),
    )
    .await;
    assert_eq!(
        field_problem(named).await.2,
        Problem::EasilyGuessed,
        "the login is no password"
    );
    let nowhere = post(
        &server,
        Some(&admin),
        "/api/staff/accounts",
        coordinator_form(99_999, FIRST),
    )
    .await;
    assert_eq!(
        field_problem(nowhere).await,
        (422, "role".into(), Problem::NotOnTheList)
    );

    let created = post(
        &server,
        Some(&admin),
        "/api/staff/accounts",
        coordinator_form(unit, FIRST),
    )
    .await;
    assert_eq!(created.status(), 201);
    let created: AccountView = created.json().await.unwrap();
    assert_eq!(
        created.account.role,
        StaffRole::Coordinator { unit_id: unit }
    );
    assert!(!created.disabled);
    let again = post(
        &server,
        Some(&admin),
        "/api/staff/accounts",
        coordinator_form(unit, FIRST),
    )
    .await;
    assert_eq!(
        field_problem(again).await,
        (422, "login".into(), Problem::AlreadyInUse)
    );
    let listed: Vec<AccountView> = get(&server, Some(&admin), "/api/staff/accounts")
        .await
        .json()
        .await
        .unwrap();
    assert!(listed.iter().any(|view| view.account.login == "coord-a"));

    // Disabled: the open session fails on its very next request, and no sign-in works.
    let coordinator = sign_in_as(&server, "coord-a", FIRST).await;
    assert_eq!(still_signed_in(&server, &coordinator).await, 200);
    let id = created.account.id;
    let disabled = post(
        &server,
        Some(&admin),
        &format!("/api/staff/accounts/{id}/disable"),
        json!(null),
    )
    .await;
    assert_eq!(disabled.status(), 200);
    assert!(disabled.json::<AccountView>().await.unwrap().disabled);
    assert_eq!(still_signed_in(&server, &coordinator).await, 401);
    let refused = sign_in_with(&server, "coord-a", FIRST).await;
    assert_eq!(error_of(refused).await, (401, ErrorCode::SignInFailed));
    let own = admin_id(&server, &admin).await;
    let myself = post(
        &server,
        Some(&admin),
        &format!("/api/staff/accounts/{own}/disable"),
        json!(null),
    )
    .await;
    assert_eq!(error_of(myself).await, (409, ErrorCode::OwnAccount));

    let enabled = post(
        &server,
        Some(&admin),
        &format!("/api/staff/accounts/{id}/enable"),
        json!(null),
    )
    .await;
    assert!(!enabled.json::<AccountView>().await.unwrap().disabled);
    let coordinator = sign_in_as(&server, "coord-a", FIRST).await;

    // Reset: every session of the account ends; only the new password opens it.
    let path = format!("/api/staff/accounts/{id}/password");
    let weak = post(
        &server,
        Some(&admin),
        &path,
        json!({"password": "qwertyuiop123"}),
    )
    .await;
    assert_eq!(
        field_problem(weak).await,
        (422, "password".into(), Problem::EasilyGuessed)
    );
    let reset = post(&server, Some(&admin), &path, json!({"password": SECOND})).await;
    assert_eq!(reset.json::<SessionsEnded>().await.unwrap().ended, 1);
    assert_eq!(still_signed_in(&server, &coordinator).await, 401);
    assert_eq!(sign_in_with(&server, "coord-a", FIRST).await.status(), 401);
    let coordinator = sign_in_as(&server, "coord-a", SECOND).await;
    for (method, path) in [
        (Method::GET, "/api/staff/accounts".to_owned()),
        (Method::POST, format!("/api/staff/accounts/{own}/disable")),
    ] {
        let response = send(
            &server,
            Some(&coordinator),
            method,
            &path,
            Some(json!(null)),
        )
        .await;
        assert_eq!(
            error_of(response).await,
            (403, ErrorCode::NotAllowed),
            "{path}"
        );
    }
    let missing = post(
        &server,
        Some(&admin),
        "/api/staff/accounts/99999/enable",
        json!(null),
    )
    .await;
    assert_eq!(missing.status(), 404);

    let log = whole_audit_log(&server).await;
    let actions: Vec<&str> = log.iter().map(|entry| entry.action.code()).collect();
    for action in [
        "account.create",
        "account.disable",
        "account.enable",
        "account.reset_password",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains(FIRST) && !text.contains(SECOND) && !text.contains("argon2"));
}

async fn admin_id(server: &TestServer, admin: &Staff) -> i64 {
    let session: Value = get(server, Some(admin), "/api/staff/session")
        .await
        .json()
        .await
        .unwrap();
    session["account"]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn everyone_changes_their_password_and_ends_their_other_sessions() {
    let server = TestServer::start().await;
    create(
        &server,
        "leader",
        StaffRole::PointLeader {
            point_id: PointId(1),
        },
    )
    .await;
    let here = sign_in(&server, "leader").await;
    let phone = sign_in(&server, "leader").await;
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});

    let path = "/api/staff/session/password";
    let wrong = send(
        &server,
        Some(&here),
        Method::PUT,
        path,
        Some(change("not it at all", SECOND)),
    )
    .await;
    assert_eq!(
        field_problem(wrong).await,
        (422, "current_password".into(), Problem::NotCurrentPassword)
    );
    let weak = send(
        &server,
        Some(&here),
        Method::PUT,
        path,
        Some(change(crate::staff_client::PASSWORD, "iloveyou2026")),
    )
    .await;
    assert_eq!(
        field_problem(weak).await,
        (422, "new_password".into(), Problem::EasilyGuessed)
    );
    let changed = send(
        &server,
        Some(&here),
        Method::PUT,
        path,
        Some(change(crate::staff_client::PASSWORD, SECOND)),
    )
    .await;
    assert_eq!(changed.json::<SessionsEnded>().await.unwrap().ended, 1);
    assert_eq!(
        still_signed_in(&server, &here).await,
        200,
        "this session goes on"
    );
    assert_eq!(
        still_signed_in(&server, &phone).await,
        401,
        "the other one ended"
    );
    assert_eq!(
        sign_in_with(&server, "leader", crate::staff_client::PASSWORD)
            .await
            .status(),
        401
    );

    let laptop = sign_in_as(&server, "leader", SECOND).await;
    let ended = send(
        &server,
        Some(&here),
        Method::DELETE,
        "/api/staff/session/others",
        None,
    )
    .await;
    assert_eq!(ended.json::<SessionsEnded>().await.unwrap().ended, 1);
    assert_eq!(still_signed_in(&server, &laptop).await, 401);
    assert_eq!(still_signed_in(&server, &here).await, 200);
    let forged = send(
        &server,
        None,
        Method::DELETE,
        "/api/staff/session/others",
        None,
    )
    .await;
    assert_eq!(forged.status(), 401);
}
