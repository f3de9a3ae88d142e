//! The counters of one point, team or partner unit, and how they add up to the district.

use crate::attendance::{check_in_with_code, check_out, minutes_into};
use crate::common::TestServer;
use crate::{register, shift_starting_in_minutes, signed_up, unit_at};
use chrono::Datelike;
use huli_contract::{
    ApiErrorBody, Breakdown, Minutes, Scope, ScopedFigures, Stats, china_standard_time,
};

async fn stats(server: &TestServer, query: &str) -> Stats {
    let response = server.get(&format!("/api/stats{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.unwrap()
}

fn sum(scopes: &[ScopedFigures], pick: fn(&ScopedFigures) -> u64) -> u64 {
    scopes.iter().map(pick).sum()
}

#[tokio::test]
async fn points_teams_and_units_each_add_up_to_the_district() {
    let server = TestServer::start().await;
    let district = stats(&server, "").await;
    assert_eq!(district.scope, Scope::District);
    let breakdown: Breakdown = server
        .get("/api/stats/breakdown")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(breakdown.points.len(), 30);
    assert_eq!(breakdown.teams.len(), 163);
    assert_eq!(breakdown.units.len(), 46);
    let year = district.figures.verified_minutes_this_year.0;
    let pending = district.figures.pending_minutes_this_year.0;
    assert!(
        pending > 0,
        "the seed leaves recent hours waiting for review"
    );
    for (kind, scopes) in [
        ("points", &breakdown.points),
        ("teams", &breakdown.teams),
        ("units", &breakdown.units),
    ] {
        assert_eq!(
            sum(scopes, |s| s.figures.verified_minutes_this_year.0),
            year,
            "{kind}"
        );
        assert_eq!(
            sum(scopes, |s| s.figures.pending_minutes_this_year.0),
            pending,
            "{kind}"
        );
    }
    let months = &district.figures.verified_minutes_by_month;
    assert_eq!(
        months.iter().map(|m| m.0).sum::<u64>(),
        year,
        "the months add up to the year"
    );
    let this_month = district.as_of.with_timezone(&china_standard_time()).month();
    assert_eq!(months.len(), this_month as usize, "January to this month");
    assert!(
        months[0] > Minutes(0) || this_month == 1,
        "the seeded year has service"
    );

    let first = &breakdown.points[0];
    let Scope::Point(point) = first.scope else {
        panic!("points come first")
    };
    let one = stats(&server, &format!("?point={}", point.0)).await;
    assert_eq!(
        one.figures, first.figures,
        "the breakdown and the scoped figures agree"
    );
}

#[tokio::test]
async fn a_check_in_moves_its_point_team_and_unit_and_nothing_else() {
    let server = TestServer::start().await;
    // Checking in early: on duty, but the shift's time has not started to run.
    let shift = shift_starting_in_minutes(&server, 10).await;
    let (volunteer, second) = (register(&server).await, register(&server).await);
    let signed = signed_up(&server, &volunteer, shift).await;
    let signup = signed.id.0;
    let second_signup = signed_up(&server, &second, shift).await.id.0;
    let unit = unit_at(&server, 1).await;
    let scopes = [
        "",
        "?point=1",
        "?point=2",
        "?team=1",
        &format!("?unit={unit}"),
    ];
    let mut before = Vec::new();
    for scope in scopes {
        before.push(stats(&server, scope).await.figures.on_duty_now);
    }
    let point_before = stats(&server, "?point=1").await.figures;
    let (status, body) = check_in_with_code(&server, &volunteer, signup).await;
    assert_eq!(status, 200, "{body}");
    let mut after = Vec::new();
    for scope in scopes {
        after.push(stats(&server, scope).await);
    }
    let rise: Vec<u32> = after
        .iter()
        .zip(&before)
        .map(|(after, before)| after.figures.on_duty_now - before)
        .collect();
    assert_eq!(
        rise,
        [1, 1, 0, 1, 1],
        "district, point 1, point 2, team 1, the organiser"
    );
    assert_eq!(
        after[1].figures.on_duty_serving, point_before.on_duty_serving,
        "ten minutes early, their time does not run yet"
    );
    // The shift started 20 minutes ago; a second volunteer's check-in recomputes.
    minutes_into(&server, &signed.shift, 20);
    let (status, body) = check_in_with_code(&server, &second, second_signup).await;
    assert_eq!(status, 200, "{body}");
    let point = stats(&server, "?point=1").await.figures;
    assert_eq!(point.on_duty_now, before[1] + 2);
    assert_eq!(point.on_duty_serving, point_before.on_duty_serving + 2);
    assert!(
        (1200..1260).contains(&point.on_duty_seconds),
        "20 minutes served so far at the point: {} s",
        point.on_duty_seconds
    );
    check_out(&server, &volunteer, signup).await;
    check_out(&server, &second, second_signup).await;
    assert_eq!(
        stats(&server, "?point=1").await.figures.on_duty_now,
        before[1]
    );
}

#[tokio::test]
async fn a_scope_that_is_not_one_is_refused_with_the_field_and_an_unknown_one_is_not_found() {
    let server = TestServer::start().await;
    let two = server.get("/api/stats?point=1&team=2").await;
    assert_eq!(
        two.status(),
        422,
        "each parses, but only one scope at a time"
    );
    let body: ApiErrorBody = two.json().await.unwrap();
    assert_eq!(body.fields[0].field, "team");
    let bad = server.get("/api/live?unit=abc").await;
    assert_eq!(bad.status(), 400);
    assert_eq!(server.get("/api/stats?point=9999").await.status(), 404);
    assert_eq!(server.get("/api/live?team=9999").await.status(), 404);
}
