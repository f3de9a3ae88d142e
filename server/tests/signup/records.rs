//! Records through the staff API: CSV exports (read back with a CSV reader, Chinese
//! text and all), service certificates, replacing a lost personal link, and the point
//! display with its roster.

mod authorisation;
mod certificates;
mod display;
mod exports;

use crate::common::TestServer;
use crate::staff::served_an_hour;
use crate::staff_client::{Staff, create, post, sign_in};
use crate::{Volunteer, number_of};
use huli_contract::{MyRecord, StaffRole, TeamId, VolunteerNumber, china_standard_time};
use serde_json::json;

/// A name a spreadsheet could break: a comma, quotes, a line break and Chinese text.
pub const AWKWARD_NAME: &str = "王小明, \"小红\"\n第二行";

/// The day (China Standard Time) the shift of [`approved_hour`] started, as the
/// volunteer's own record shows it.
pub async fn shift_day(server: &TestServer, volunteer: &Volunteer) -> String {
    let me = server.get_as("/api/me", &volunteer.key).await;
    let record: MyRecord = me.json().await.unwrap();
    let started = record.signups[0].shift.window.starts_at();
    let started = started.with_timezone(&china_standard_time());
    started.format("%Y-%m-%d").to_string()
}

/// Reads a CSV export back the way a spreadsheet would, after checking its byte order
/// mark; returns the header and the rows.
pub async fn read_csv(response: reqwest::Response) -> (Vec<String>, Vec<Vec<String>>) {
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"huli-")
    );
    let bytes = response.bytes().await.unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("starts with the UTF-8 byte order mark");
    let mut reader = csv::Reader::from_reader(body);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// One hour served at point 1 by a volunteer with an awkward name, approved by the
/// organising unit's coordinator; with that coordinator, the unit, the volunteer's
/// number and the volunteer.
pub async fn approved_hour(server: &TestServer) -> (Staff, i64, VolunteerNumber, Volunteer) {
    let (volunteer, unit, attendance, _) = served_an_hour(server).await;
    let number = number_of(server, &volunteer).await;
    // Written directly: the API refuses a line break in a name (`PUT /api/me`), yet the
    // exports must survive one in records kept before that rule.
    sqlx::query("UPDATE volunteers SET name = $1 WHERE id = $2")
        .bind(AWKWARD_NAME)
        .bind(number.id())
        .execute(&server.db().await)
        .await
        .unwrap();
    create(
        server,
        "coordinator",
        StaffRole::Coordinator { unit_id: unit },
    )
    .await;
    let coordinator = sign_in(server, "coordinator").await;
    let path = format!("/api/staff/attendance/{attendance}/review");
    let approved = post(
        server,
        Some(&coordinator),
        &path,
        json!({"decision": "approve"}),
    )
    .await;
    assert_eq!(approved.status(), 200);
    (coordinator, unit, number, volunteer)
}

/// A team of the unit, made by its coordinator.
pub async fn unit_team(server: &TestServer, coordinator: &Staff, unit: i64) -> TeamId {
    let form = json!({"name_zh": "单位测试队", "name_en": "Unit test team", "kind": "unit", "unit_id": unit});
    let team = post(server, Some(coordinator), "/api/staff/teams", form).await;
    assert_eq!(team.status(), 201);
    team.json::<huli_contract::TeamRef>().await.unwrap().id
}

/// Moves the volunteer into `team`, as they do under their personal link (under a plain
/// name: the API refuses the awkward one).
pub async fn join_team(server: &TestServer, volunteer: &Volunteer, team: TeamId) {
    let form = json!({"name": "测试 志愿者", "team_id": team});
    let moved = (server.client.put(server.url("/api/me")))
        .bearer_auth(&volunteer.key)
        .json(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
}
