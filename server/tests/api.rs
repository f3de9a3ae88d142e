//! The JSON API against the real server and a freshly seeded SQLite database.

mod common;

use common::TestServer;
use huli_contract::{
    ApiErrorBody, DistrictBoundary, ErrorCode, MapConfig, PointDetail, PointSummary, Stats,
};

fn huli() -> DistrictBoundary {
    DistrictBoundary::from_geojson(include_str!(
        "../../public/data/huli-boundary.wgs84.geojson"
    ))
    .unwrap()
}

#[tokio::test]
async fn lists_the_30_points_inside_the_district_each_with_its_partner_units() {
    let server = TestServer::start().await;
    let points: Vec<PointSummary> = server.get("/api/points").await.json().await.unwrap();
    assert_eq!(points.len(), 30);
    let boundary = huli();
    let mut units = std::collections::HashSet::new();
    for point in &points {
        assert!(
            boundary.contains(point.location),
            "{} lies outside Huli",
            point.name.zh
        );
        assert!(
            point.location_approximate,
            "seeded coordinates are estimates"
        );
        assert!(
            !point.partner_units.is_empty() && !point.services.is_empty(),
            "{}",
            point.name.zh
        );
        units.extend(point.partner_units.iter().map(|u| u.id));
    }
    assert_eq!(units.len(), 46, "every partner unit staffs a point");
}

#[tokio::test]
async fn a_point_page_has_its_hours_and_the_next_shifts_open_for_sign_up() {
    let server = TestServer::start().await;
    let detail: PointDetail = server.get("/api/points/1").await.json().await.unwrap();
    assert_eq!(detail.point.id.0, 1);
    assert!(detail.verified_minutes_this_year.whole_hours() > 1_000);
    assert_eq!(detail.on_duty_now, 0, "the seed leaves nobody checked in");
    let shifts = &detail.upcoming_shifts;
    assert!(!shifts.is_empty());
    let now = chrono::Utc::now();
    let starts: Vec<_> = shifts.iter().map(|s| s.window.starts_at()).collect();
    assert!(
        starts.iter().all(|start| *start > now),
        "only shifts still to come"
    );
    assert!(
        starts.windows(2).all(|pair| pair[0] <= pair[1]),
        "soonest first"
    );
    assert!(
        shifts.iter().all(|s| s.availability(now).is_ok()),
        "only shifts that take sign-ups, with a place or on the waitlist"
    );
}

#[tokio::test]
async fn needing_volunteers_agrees_with_the_point_pages() {
    let server = TestServer::start().await;
    let points: Vec<PointSummary> = server.get("/api/points").await.json().await.unwrap();
    assert!(points.iter().any(|p| p.open_places_this_week > 0));
    for point in points
        .iter()
        .filter(|p| p.open_places_this_week > 0)
        .take(5)
    {
        let path = format!("/api/points/{}", point.id.0);
        let detail: PointDetail = server.get(&path).await.json().await.unwrap();
        let week = chrono::Utc::now() + chrono::Duration::days(7);
        let free_this_week: u32 = detail
            .upcoming_shifts
            .iter()
            .filter(|s| s.window.starts_at() <= week)
            .map(|s| s.places_left())
            .sum();
        assert!(free_this_week > 0 && free_this_week <= point.open_places_this_week);
    }
}

#[tokio::test]
async fn the_point_list_revalidates_to_a_304() {
    let server = TestServer::start().await;
    let first = server.get("/api/points").await;
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");
    let again = server.get_with("/api/points", "If-None-Match", &etag).await;
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.bytes().await.unwrap().is_empty());
    let stale = server
        .get_with("/api/points", "If-None-Match", "W/\"0000\"")
        .await;
    assert_eq!(stale.status(), 200);
}

#[tokio::test]
async fn the_map_needs_no_tile_server_by_default() {
    let server = TestServer::start().await;
    let map: MapConfig = server.get("/api/map").await.json().await.unwrap();
    assert!(map.tile_layers.is_empty());
}

#[tokio::test]
async fn stats_count_only_verified_hours_close_to_200000_a_year() {
    let server = TestServer::start().await;
    let stats: Stats = server.get("/api/stats").await.json().await.unwrap();
    assert_eq!(
        (stats.service_points, stats.partner_units, stats.teams),
        (30, 46, 163)
    );
    assert!(stats.volunteers >= 8_500);
    let year = stats.figures.verified_minutes_last_12_months.whole_hours();
    assert!(
        (185_000..=205_000).contains(&year),
        "verified hours in the last 12 months: {year}"
    );
    assert!(
        stats.figures.verified_minutes_this_year <= stats.figures.verified_minutes_last_12_months
    );
}

#[tokio::test]
async fn bad_ids_get_400_naming_the_field_in_the_requested_language() {
    let server = TestServer::start().await;
    let english = server
        .get_with("/api/points/abc", "Accept-Language", "en-GB,en;q=0.9")
        .await;
    assert_eq!(english.status(), 400);
    assert_eq!(english.headers()["content-language"], "en");
    let body: ApiErrorBody = english.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::BadRequest);
    assert_eq!(body.fields[0].field, "id");
    assert_eq!(body.fields[0].message, "Enter a whole number.");

    let chinese = server.get("/api/points/0").await;
    assert_eq!(chinese.status(), 400);
    let body: ApiErrorBody = chinese.json().await.unwrap();
    assert_eq!(body.fields[0].field, "id");
    assert!(
        body.fields[0].message.starts_with("请填写 1 到"),
        "{}",
        body.fields[0].message
    );
}

#[tokio::test]
async fn unknown_points_and_api_paths_get_a_json_404() {
    let server = TestServer::start().await;
    for path in ["/api/points/999", "/api/volunteers/phone-book"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body: ApiErrorBody = response.json().await.unwrap();
        assert_eq!(body.error, ErrorCode::NotFound);
    }
}

#[tokio::test]
async fn a_method_an_address_does_not_take_gets_405_in_the_error_body_with_allow() {
    let server = TestServer::start().await;
    let response = (server.client.delete(server.url("/api/points")))
        .send()
        .await;
    let response = response.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET,HEAD");
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn a_path_segment_that_is_not_utf8_gets_the_error_body() {
    let server = TestServer::start().await;
    let response = server.get("/api/points/%FF%FE").await;
    assert_eq!(response.status(), 400);
    let body: ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::BadRequest);
}

#[tokio::test]
async fn openapi_document_is_generated_from_the_handlers() {
    let server = TestServer::start().await;
    let spec = server.get_json("/api/openapi.json").await;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/points",
        "/api/points/{id}",
        "/api/map",
        "/api/stats",
        "/healthz",
        "/api/teams",
        "/api/me",
        "/api/shifts",
        "/api/shifts/{id}",
        "/api/shifts/{id}/calendar.ics",
        "/api/live",
    ] {
        assert!(
            spec["paths"][path]["get"].is_object(),
            "{path} is documented"
        );
    }
    for path in [
        "/api/volunteers",
        "/api/signups",
        "/api/signups/{id}/cancel",
        "/api/signups/{id}/check-in",
        "/api/signups/{id}/check-out",
    ] {
        assert!(
            spec["paths"][path]["post"].is_object(),
            "{path} is documented"
        );
    }
    assert_eq!(
        spec["components"]["securitySchemes"]["personal_link"]["scheme"],
        "bearer"
    );
    for schema in [
        "PointSummary",
        "PointDetail",
        "Stats",
        "ApiErrorBody",
        "RegistrationForm",
        "SignupView",
        "MyRecord",
    ] {
        assert!(
            spec["components"]["schemas"][schema].is_object(),
            "{schema} is documented"
        );
    }
}

#[tokio::test]
async fn health_check_answers_and_api_responses_are_compressed() {
    let server = TestServer::start().await;
    assert_eq!(server.get_json("/healthz").await["status"], "ok");
    let response = server
        .get_with("/api/points", "Accept-Encoding", "br, gzip")
        .await;
    assert_eq!(response.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn a_restart_keeps_the_data_and_does_not_seed_twice() {
    let server = TestServer::start().await;
    let before: Stats = server.get("/api/stats").await.json().await.unwrap();
    let dir = server.stop().await;
    let server = TestServer::start_in(dir).await;
    let after: Stats = server.get("/api/stats").await.json().await.unwrap();
    assert_eq!(before.volunteers, after.volunteers);
    assert_eq!(
        before.figures.verified_minutes_last_12_months,
        after.figures.verified_minutes_last_12_months
    );
    let points: Vec<PointSummary> = server.get("/api/points").await.json().await.unwrap();
    assert_eq!(points.len(), 30);
}
