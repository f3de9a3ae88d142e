//! The staff's long lists, the review queue and the shifts, as staff page through them:
//! the true total, every record reachable page by page, the filters; and undoing an
//! approval.

use crate::common::TestServer;
use crate::records::shift_day;
use crate::staff::served_an_hour;
use crate::staff_client::{create, error_of, get, post, sign_in, whole_audit_log};
use chrono::Duration;
use huli_contract::{
    ErrorCode, ReviewItem, ReviewPage, ReviewStatus, ShiftPage, StaffRole, china_standard_time,
};
use serde_json::json;
use std::collections::HashSet;

async fn page(server: &TestServer, staff: &crate::staff_client::Staff, query: &str) -> ReviewPage {
    let answer = get(
        server,
        Some(staff),
        &format!("/api/staff/attendance?{query}"),
    )
    .await;
    assert_eq!(answer.status(), 200, "{query}");
    answer.json().await.unwrap()
}

#[tokio::test]
async fn the_queue_says_its_true_total_and_reaches_every_record_page_by_page() {
    let server = TestServer::start().await;
    create(&server, "admin", StaffRole::Administrator).await;
    let admin = sign_in(&server, "admin").await;

    // Pending: the seed leaves several hundred, more than the old cap of 200.
    let first = page(&server, &admin, "status=pending").await;
    assert_eq!(first.items.len(), 50, "a full first page");
    assert!(first.total > 200, "more than the old cap: {}", first.total);
    let mut seen = HashSet::new();
    let mut offset = 0;
    while offset < first.total {
        let next = page(&server, &admin, &format!("offset={offset}")).await;
        assert_eq!((next.total, next.offset), (first.total, offset));
        assert!(!next.items.is_empty());
        seen.extend(next.items.iter().map(|i| i.id));
        offset += 50;
    }
    assert_eq!(seen.len() as u32, first.total, "every record once");
    let beyond = page(&server, &admin, &format!("offset={offset}")).await;
    assert!(beyond.items.is_empty());

    // Each filter narrows the same count it lists.
    let item = &first.items[0];
    let day = (item.shift.starts_at().with_timezone(&china_standard_time())).date_naive();
    let (point, unit, method) = (item.point_id.0, item.unit_id, item.method);
    let method_name = json!(method);
    let method_name = method_name.as_str().unwrap();
    let query = format!("day={day}&point={point}&unit={unit}&method={method_name}");
    let narrow = page(&server, &admin, &query).await;
    assert!(narrow.total < first.total && narrow.items.iter().any(|i| i.id == item.id));
    assert_eq!(narrow.total as usize, narrow.items.len());
    for item in &narrow.items {
        let starts = item.shift.starts_at().with_timezone(&china_standard_time());
        assert_eq!(starts.date_naive(), day);
        assert_eq!((item.point_id.0, item.unit_id), (point, unit));
        assert_eq!(item.method, method);
        assert!(!item.point_name.zh.is_empty() && !item.unit_name.en.is_empty());
    }
    let (status, code) =
        error_of(get(&server, Some(&admin), "/api/staff/attendance?day=soon").await).await;
    assert_eq!((status, code), (400, ErrorCode::BadRequest));
}

#[tokio::test]
async fn an_approval_is_undone_only_by_its_approver_within_ten_minutes() {
    let server = TestServer::start().await;
    let (volunteer, unit, attendance, _) = served_an_hour(&server).await;
    let (_, _, second, _) = served_an_hour(&server).await;
    create(
        &server,
        "approver",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    create(&server, "admin", StaffRole::Administrator).await;
    let (approver, admin) = (
        sign_in(&server, "approver").await,
        sign_in(&server, "admin").await,
    );
    let ids = json!({ "ids": [attendance] });

    let approved = post(
        &server,
        Some(&approver),
        "/api/staff/attendance/approve",
        ids.clone(),
    )
    .await;
    assert_eq!(approved.status(), 200);
    let undo = "/api/staff/attendance/undo";
    let (status, code) = error_of(post(&server, Some(&admin), undo, ids.clone()).await).await;
    assert_eq!(
        (status, code),
        (409, ErrorCode::UndoExpired),
        "only the approver"
    );

    let undone = post(&server, Some(&approver), undo, ids.clone()).await;
    assert_eq!(undone.status(), 200);
    let undone: Vec<ReviewItem> = undone.json().await.unwrap();
    assert_eq!(undone[0].status, ReviewStatus::Pending);
    let log = whole_audit_log(&server).await;
    let newest = (log.iter())
        .find(|entry| entry.subject == format!("attendance/{attendance}"))
        .expect("the attendance is in the audit log");
    assert_eq!(newest.action.code(), "attendance.undo");
    let (status, code) = error_of(post(&server, Some(&approver), undo, ids.clone()).await).await;
    assert_eq!((status, code), (409, ErrorCode::UndoExpired), "once");

    // With one record of two approved more than ten minutes ago, nothing is undone.
    let approve = "/api/staff/attendance/approve";
    let earlier = post(
        &server,
        Some(&approver),
        approve,
        json!({ "ids": [second] }),
    )
    .await;
    assert_eq!(earlier.status(), 200);
    server.clock.advance(Duration::minutes(11));
    let now = post(
        &server,
        Some(&approver),
        approve,
        json!({ "ids": [attendance] }),
    )
    .await;
    assert_eq!(now.status(), 200);
    let both = json!({ "ids": [attendance, second] });
    let (status, code) = error_of(post(&server, Some(&approver), undo, both).await).await;
    assert_eq!((status, code), (409, ErrorCode::UndoExpired));
    let day = shift_day(&server, &volunteer).await;
    let approved = page(
        &server,
        &approver,
        &format!("status=approved&point=1&day={day}"),
    )
    .await;
    assert!(
        approved.items.iter().any(|item| item.id == attendance),
        "all or none"
    );
}

#[tokio::test]
async fn the_shift_list_reaches_every_shift_of_its_days_page_by_page() {
    let server = TestServer::start().await;
    create(&server, "admin", StaffRole::Administrator).await;
    let admin = sign_in(&server, "admin").await;
    let list = |query: String| {
        let (server, admin) = (&server, &admin);
        async move {
            let answer = get(server, Some(admin), &format!("/api/staff/shifts?{query}")).await;
            assert_eq!(answer.status(), 200, "{query}");
            answer.json::<ShiftPage>().await.unwrap()
        }
    };
    let first = list(String::new()).await;
    assert!(
        first.total > 500,
        "more than the old cap of 500: {}",
        first.total
    );
    let mut seen = HashSet::new();
    let mut last_start = None;
    let mut offset = 0;
    while offset < first.total {
        let page = list(format!("offset={offset}")).await;
        assert_eq!(page.total, first.total);
        for shift in &page.items {
            assert!(
                last_start <= Some(shift.window.starts_at()),
                "soonest first"
            );
            last_start = Some(shift.window.starts_at());
            seen.insert(shift.id);
        }
        offset += 50;
    }
    assert_eq!(seen.len() as u32, first.total, "every shift once");
    let at_one = list("point=1".to_owned()).await;
    assert!(at_one.items.iter().all(|s| s.point_id.0 == 1) && at_one.total < first.total);
    let (status, code) =
        error_of(get(&server, Some(&admin), "/api/staff/shifts?offset=-1").await).await;
    assert_eq!((status, code), (400, ErrorCode::BadRequest));
}
