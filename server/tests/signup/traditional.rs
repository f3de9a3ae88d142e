//! Traditional Chinese: a request that reads it (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`)
//! gets every answer converted: data, error messages, CSV headers and calendars, each
//! with a validator of its own; the staff console's data is left as stored. (The
//! server-rendered pages: `tests/browser/traditional.test.mjs`.)

use crate::common::TestServer;
use crate::staff_client::{arranger, get};
use crate::{register, shift_with_capacity, signed_up};
use huli_contract::{MyRecord, Skill};
use serde_json::json;

/// Characters only Simplified Chinese writes, among those our pages use.
const SIMPLIFIED_ONLY: &str = "区员门务时报这个们实审发点级请网说认证书动间";

fn simplified_in(text: &str) -> Vec<char> {
    let mut found: Vec<char> = text
        .chars()
        .filter(|c| SIMPLIFIED_ONLY.contains(*c))
        .collect();
    found.dedup();
    found
}

#[tokio::test]
async fn data_and_errors_read_in_traditional_characters_with_their_own_validators() {
    let server = TestServer::start().await;
    let simplified = server
        .get_with("/api/points/1", "Accept-Language", "zh-CN")
        .await;
    let simplified_tag = simplified.headers()["etag"].to_str().unwrap().to_owned();
    let simplified = simplified.text().await.unwrap();
    assert!(simplified.contains("湖里区"), "{simplified}");

    for asked in ["zh-TW", "zh-HK", "zh-MO", "zh-Hant"] {
        let answer = server
            .get_with("/api/points/1", "Accept-Language", asked)
            .await;
        assert_eq!(answer.status(), 200);
        let headers = answer.headers().clone();
        assert_eq!(headers["content-language"], "zh-Hant", "{asked}");
        assert!(
            headers["vary"]
                .to_str()
                .unwrap()
                .contains("accept-language")
        );
        let tag = headers["etag"].to_str().unwrap().to_owned();
        assert_ne!(tag, simplified_tag, "each reading has its own validator");
        let text = answer.text().await.unwrap();
        assert!(text.contains("湖里區"), "the district keeps its 里: {text}");
        assert_eq!(simplified_in(&text), Vec::<char>::new(), "{asked}: {text}");
        let again = (server.client.get(server.url("/api/points/1")))
            .header("Accept-Language", asked)
            .header("If-None-Match", &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);
    }

    let missing = server
        .get_with("/api/points/999", "Accept-Language", "zh-TW")
        .await;
    assert_eq!(missing.status(), 404);
    let message = missing.text().await.unwrap();
    assert!(message.contains("沒有找到所請求的內容"), "{message}");
}

#[tokio::test]
async fn a_volunteers_data_copy_and_calendar_read_in_traditional_characters() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;
    let shift = shift_with_capacity(&server, 2).await;
    signed_up(&server, &volunteer, shift).await;

    let copy = (server.client.get(server.url("/api/me/data.csv")))
        .bearer_auth(&volunteer.key)
        .header("Accept-Language", "zh-TW")
        .send()
        .await
        .unwrap();
    assert_eq!(copy.status(), 200);
    let copy = copy.text().await.unwrap();
    assert!(copy.contains("個人資訊"), "{copy}");
    assert_eq!(simplified_in(&copy), Vec::<char>::new(), "{copy}");

    // A download link carries its reading in `?lang=`, whatever the browser's language.
    let path = format!("/api/shifts/{shift}/calendar.ics?lang=zh-Hant");
    let ics = server.get_with(&path, "Accept-Language", "zh-CN").await;
    let ics = ics.text().await.unwrap().replace("\r\n ", "");
    assert!(ics.contains("學雷鋒志願服務"), "{ics}");
    assert_eq!(simplified_in(&ics), Vec::<char>::new(), "{ics}");
}

/// The volunteer's own record, read as `reading` asks.
async fn my_record(server: &TestServer, key: &str, reading: &str) -> MyRecord {
    let mine = (server.client.get(server.url("/api/me")))
        .bearer_auth(key)
        .header("Accept-Language", reading)
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), 200);
    mine.json().await.unwrap()
}

#[tokio::test]
async fn a_correction_sent_back_in_traditional_characters_keeps_the_name_as_written() {
    let server = TestServer::start().await;
    let volunteer = register(&server).await;
    let shown = my_record(&server, &volunteer.key, "zh-TW").await;
    assert_eq!(shown.name, "測試 志願者");

    // The form sends the name back as it was shown, with the skills corrected.
    let corrected = (server.client.put(server.url("/api/me")))
        .bearer_auth(&volunteer.key)
        .header("Accept-Language", "zh-TW")
        .json(&json!({"name": shown.name, "team_id": 1, "skills": ["first_aid"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(corrected.status(), 200);
    let stored = my_record(&server, &volunteer.key, "zh-CN").await;
    assert_eq!(stored.name, "测试 志愿者", "the name stays as written");
    assert_eq!(stored.skills, [Skill::FirstAid]);

    // A name typed anew is a correction, in whichever characters.
    let renamed = (server.client.put(server.url("/api/me")))
        .bearer_auth(&volunteer.key)
        .json(&json!({"name": "林曉雨", "team_id": 1, "skills": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 200);
    assert_eq!(
        my_record(&server, &volunteer.key, "zh-CN").await.name,
        "林曉雨"
    );
}

#[tokio::test]
async fn the_staff_consoles_data_stays_as_stored_but_its_refusals_are_converted() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let request = |path: &str| {
        let request = server.client.get(server.url(path));
        (request.header("Cookie", &admin.cookie)).header("Accept-Language", "zh-TW")
    };
    let units = request("/api/staff/units").send().await.unwrap();
    assert_eq!(units.status(), 200);
    let units = units.text().await.unwrap();
    let stored = simplified_in(&units);
    assert!(
        !stored.is_empty(),
        "stored text, which its forms send back: {units}"
    );
    let missing = request("/api/staff/volunteers/HL9999999/record")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let message = missing.text().await.unwrap();
    assert!(message.contains("沒有找到"), "{message}");
    assert_eq!(get(&server, None, "/api/staff/units").await.status(), 401);
}
