//! Public answers come from memory, and no read is stale: after a staff edit to a point,
//! a sign-up, a check-in, a check-out and a review, the next read of each public answer
//! they affect shows the change, under a new `ETag`. So does the point's page, whose
//! first screen the server renders from the same answers.

use crate::attendance::{check_in_with_code, check_out, on_a_running_shift};
use crate::common::TestServer;
use crate::manage::{cast, shift_form};
use crate::staff::attendance_id;
use crate::staff_client::{post, send, sign_in};
use crate::{register, signed_up};
use chrono::Duration;
use huli_contract::{PointDetail, PointSummary, ShiftView, Stats};
use serde::de::DeserializeOwned;
use serde_json::json;

/// An answer and the tag it came with.
struct Seen<T> {
    etag: String,
    body: T,
}

async fn read<T: DeserializeOwned>(server: &TestServer, path: &str) -> Seen<T> {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    Seen {
        etag,
        body: response.json().await.unwrap(),
    }
}

async fn point_list(server: &TestServer) -> Seen<Vec<PointSummary>> {
    read(server, "/api/points").await
}
async fn point_one(server: &TestServer) -> Seen<PointDetail> {
    read(server, "/api/points/1").await
}
async fn stats_of_point_one(server: &TestServer) -> Seen<Stats> {
    read(server, "/api/stats?point=1").await
}

/// The point's page as the server renders it (in English): the data its first screen
/// was drawn from, which it carries for the browser.
async fn point_page(server: &TestServer) -> Seen<serde_json::Value> {
    let response = server.get_with("/points/1", "Accept-Language", "en").await;
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let html = response.text().await.unwrap();
    let (_, data) = html
        .split_once(r#"<script id="huli-first-screen" type="application/json">"#)
        .expect("the page carries its data");
    let body: serde_json::Value =
        serde_json::from_str(data.split_once("</script>").unwrap().0).unwrap();
    let name = body["point"]["point"]["name"]["en"].as_str().unwrap();
    assert!(html.contains(&format!("<h1>{name}</h1>")), "{html}");
    Seen { etag, body }
}

/// The point's page shows what the API answers now, under a new tag.
async fn page_is_fresh(server: &TestServer, before: &str) -> String {
    let page = point_page(server).await;
    let (detail, stats) = (point_one(server).await, stats_of_point_one(server).await);
    assert_eq!(
        page.body["point"],
        serde_json::to_value(&detail.body).unwrap()
    );
    assert_eq!(
        page.body["stats"],
        serde_json::to_value(&stats.body).unwrap()
    );
    assert_ne!(page.etag, before, "a changed page has a new tag");
    page.etag
}

fn first(points: &Seen<Vec<PointSummary>>) -> &PointSummary {
    points
        .body
        .iter()
        .find(|p| p.id.0 == 1)
        .expect("point 1 is listed")
}

#[tokio::test]
async fn every_kind_of_write_is_in_the_next_public_read_under_a_new_tag() {
    let server = TestServer::start().await;
    std::fs::create_dir_all(server.dist()).unwrap();
    std::fs::write(
        server.dist().join("index.html"),
        "<!doctype html><html lang=\"zh-Hans\"><head><title>Huli</title></head><body></body></html>",
    )
    .unwrap();
    let cast = cast(&server).await;
    let list = point_list(&server).await;
    let detail = point_one(&server).await;
    let page = point_page(&server).await;
    assert_eq!(point_page(&server).await.etag, page.etag, "the same page");
    assert_eq!(
        point_list(&server).await.etag,
        list.etag,
        "nothing changed: the same answer"
    );

    // A staff edit to the point: its name, in the list and on its page.
    let edit = json!({ "name_en": "Zhonglun Park service point, renamed" });
    let edited = send(
        &server,
        Some(&cast.own),
        reqwest::Method::PATCH,
        "/api/staff/points/1",
        Some(edit),
    )
    .await;
    assert_eq!(edited.status(), 200);
    let (list_edited, detail_edited) = (point_list(&server).await, point_one(&server).await);
    assert_eq!(
        first(&list_edited).name.en,
        "Zhonglun Park service point, renamed"
    );
    assert_eq!(
        detail_edited.body.point.name.en,
        "Zhonglun Park service point, renamed"
    );
    assert_ne!(list_edited.etag, list.etag);
    assert_ne!(detail_edited.etag, detail.etag);
    let page = page_is_fresh(&server, &page.etag).await;

    // A shift planned the day after tomorrow, then a sign-up on it: one place fewer.
    let planned = post(
        &server,
        Some(&cast.own),
        "/api/staff/shifts",
        shift_form(cast.unit, "point_service", 2, 9),
    )
    .await;
    assert_eq!(planned.status(), 201);
    let shift: ShiftView = planned.json().await.unwrap();
    let (list_planned, detail_planned) = (point_list(&server).await, point_one(&server).await);
    let offered = |detail: &Seen<PointDetail>| {
        (detail.body.upcoming_shifts.iter())
            .find(|s| s.id == shift.id)
            .map(|s| s.confirmed)
    };
    assert_eq!(
        offered(&detail_planned),
        Some(0),
        "the new shift is offered"
    );
    assert_eq!(
        first(&list_planned).open_places_this_week,
        first(&list_edited).open_places_this_week + 4
    );
    let volunteer = register(&server).await;
    signed_up(&server, &volunteer, shift.id.0).await;
    let (list_signed, detail_signed) = (point_list(&server).await, point_one(&server).await);
    assert_eq!(offered(&detail_signed), Some(1), "the sign-up is counted");
    assert_eq!(
        first(&list_signed).open_places_this_week,
        first(&list_planned).open_places_this_week - 1
    );
    assert_ne!(detail_signed.etag, detail_planned.etag);
    assert_ne!(list_signed.etag, list_planned.etag);
    let page = page_is_fresh(&server, &page).await;

    // A check-in on a shift under way: one more on duty, on the page and in the figures.
    let (volunteer, shift, signup) = on_a_running_shift(&server, 0).await;
    let (detail_before, stats_before) =
        (point_one(&server).await, stats_of_point_one(&server).await);
    let (status, body) = check_in_with_code(&server, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    let (detail_in, stats_in) = (point_one(&server).await, stats_of_point_one(&server).await);
    assert_eq!(
        detail_in.body.on_duty_now,
        detail_before.body.on_duty_now + 1
    );
    assert_eq!(
        stats_in.body.figures.on_duty_now,
        stats_before.body.figures.on_duty_now + 1
    );
    assert_ne!(detail_in.etag, detail_before.etag);
    assert_ne!(stats_in.etag, stats_before.etag);
    let page = page_is_fresh(&server, &page).await;

    // An hour served, checked out: pending, and nobody on duty any more.
    server.clock.advance(Duration::minutes(60));
    let served = check_out(&server, &volunteer, signup)
        .await
        .attendance
        .unwrap();
    let (detail_out, stats_out) = (point_one(&server).await, stats_of_point_one(&server).await);
    assert_eq!(detail_out.body.on_duty_now, detail_before.body.on_duty_now);
    assert_eq!(
        stats_out.body.figures.pending_minutes_this_year.0,
        stats_in.body.figures.pending_minutes_this_year.0 + 60
    );
    assert_ne!(stats_out.etag, stats_in.etag);
    let page = page_is_fresh(&server, &page).await;

    // The organiser approves it: verified on the point's page and in its figures.
    let attendance = attendance_id(&server, shift, served.checked_in_at).await;
    let path = format!("/api/staff/attendance/{attendance}/review");
    // An hour later, the coordinator signs in again.
    let own = sign_in(&server, "own-unit").await;
    let approved = post(&server, Some(&own), &path, json!({ "decision": "approve" })).await;
    assert_eq!(approved.status(), 200);
    let (detail_verified, stats_verified) =
        (point_one(&server).await, stats_of_point_one(&server).await);
    assert_eq!(
        detail_verified.body.verified_minutes_this_year.0,
        detail_out.body.verified_minutes_this_year.0 + 60
    );
    assert_eq!(
        stats_verified.body.figures.verified_minutes_this_year.0,
        stats_out.body.figures.verified_minutes_this_year.0 + 60
    );
    assert_ne!(detail_verified.etag, detail_out.etag);
    assert_ne!(stats_verified.etag, stats_out.etag);
    page_is_fresh(&server, &page).await;
}

#[tokio::test]
async fn a_public_answer_is_sent_compressed_and_revalidates_to_a_304() {
    let server = TestServer::start().await;
    for path in [
        "/api/points",
        "/api/points/1",
        "/api/stats",
        "/api/teams",
        "/api/map",
    ] {
        let brotli = server.get_with(path, "Accept-Encoding", "br, gzip").await;
        assert_eq!(brotli.status(), 200, "{path}");
        assert_eq!(brotli.headers()["content-encoding"], "br", "{path}");
        // Data is sent in Traditional characters to those who read them.
        let vary = "accept-encoding, accept-language";
        assert_eq!(brotli.headers()["vary"], vary, "{path}");
        let etag = brotli.headers()["etag"].to_str().unwrap().to_owned();
        let again = server.get_with(path, "If-None-Match", &etag).await;
        assert_eq!(again.status(), 304, "{path}");
        let plain = server.get(path).await;
        assert!(plain.headers().get("content-encoding").is_none(), "{path}");
        let _: serde_json::Value = plain.json().await.unwrap();
    }
}
