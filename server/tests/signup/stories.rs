//! Volunteer stories: published only with the volunteer's consent, unpublished when
//! they withdraw it or are erased; photos re-encoded; who may write them.

use crate::common::TestServer;
use crate::records::approved_hour;
use crate::staff_client::{Staff, arranger, create, error_of, get, post, sign_in, whole_audit_log};
use crate::{Volunteer, new_key, number_of, register, unit_at};
use huli_contract::{
    ApiErrorBody, AuditAction, ErrorCode, PointId, Problem, StaffRole, StoryRecord, StoryStatus,
    StoryView, VolunteerNumber,
};
use image::{ImageEncoder, Rgb, RgbImage};
use serde_json::{Value, json};

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_pixel(width, height, Rgb([190, 20, 30]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&picture, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    png
}

fn story_form(volunteer: VolunteerNumber) -> Value {
    json!({
        "volunteer_number": volunteer.to_string(),
        "title": "轮渡码头的“活地图”",
        "body": "十年来，每个周六他都在轮渡码头为旅客指路。\n\n他说：“帮一个是一个。”",
    })
}

async fn written(server: &TestServer, staff: &Staff, form: Value) -> StoryRecord {
    let response = post(server, Some(staff), "/api/staff/stories", form).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

async fn upload(
    server: &TestServer,
    staff: Option<&Staff>,
    story: i64,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let path = format!("/api/staff/stories/{story}/photo");
    let mut request = server.client.put(server.url(&path)).body(bytes);
    if let Some(staff) = staff {
        request = (request.header("Cookie", &staff.cookie)).header("X-CSRF-Token", &staff.csrf);
    }
    request.send().await.unwrap()
}

async fn answer(
    server: &TestServer,
    volunteer: &Volunteer,
    story: &StoryRecord,
    what: &str,
) -> reqwest::Response {
    let path = format!("/api/me/stories/{}/{what}", story.story.id.0);
    (server.post(&path, Some(&volunteer.key), &new_key(), &json!(null))).await
}

async fn public_list(server: &TestServer) -> Vec<StoryView> {
    server.get("/api/stories").await.json().await.unwrap()
}

#[tokio::test]
async fn a_story_is_published_only_with_consent_and_withdrawing_it_unpublishes_it() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let volunteer = register(&server).await;
    let number = number_of(&server, &volunteer).await;
    let story = written(&server, &admin, story_form(number)).await;
    assert_eq!(story.status, StoryStatus::AwaitingConsent);
    assert_eq!(story.story.body.lines().count(), 3, "its paragraphs kept");
    let public = format!("/api/stories/{}", story.story.id.0);
    assert!(
        public_list(&server).await.is_empty(),
        "nothing without consent"
    );
    assert_eq!(server.get(&public).await.status(), 404);

    // A large photo is kept re-encoded, at most 1200 pixels a side.
    let with_photo = upload(&server, Some(&admin), story.story.id.0, png(2400, 1000)).await;
    assert_eq!(with_photo.status(), 200);
    let with_photo: StoryRecord = with_photo.json().await.unwrap();
    let photo_path = with_photo.story.photo.clone().expect("a photo");
    let photo = server.get(&photo_path).await;
    assert_eq!(photo.status(), 200);
    assert_eq!(photo.headers()["content-type"], "image/jpeg");
    let kept = image::load_from_memory(&photo.bytes().await.unwrap()).unwrap();
    assert_eq!((kept.width(), kept.height()), (1200, 500));

    // The volunteer sees it and consents; nobody else can answer for them.
    let mine: Vec<StoryRecord> = (server.get_as("/api/me/stories", &volunteer.key).await)
        .json()
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, StoryStatus::AwaitingConsent);
    let someone = register(&server).await;
    let theirs = answer(&server, &someone, &story, "consent").await;
    assert_eq!(theirs.status(), 404);
    let consented = answer(&server, &volunteer, &story, "consent").await;
    let consented: StoryRecord = consented.json().await.unwrap();
    assert_eq!(consented.status, StoryStatus::Published);
    assert!(consented.consented_at.is_some());
    let listed = public_list(&server).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].title, "轮渡码头的“活地图”");
    assert_eq!(server.get(&public).await.status(), 200);
    // What the volunteer consented to stays as it was.
    let late = upload(&server, Some(&admin), story.story.id.0, png(10, 10)).await;
    assert_eq!(error_of(late).await, (409, ErrorCode::StoryAnswered));

    // Withdrawn: off the public pages at once, photo included, for good.
    let withdrawn = answer(&server, &volunteer, &story, "withdraw").await;
    let withdrawn: StoryRecord = withdrawn.json().await.unwrap();
    assert_eq!(withdrawn.status, StoryStatus::Withdrawn);
    assert!(withdrawn.withdrawn_at.is_some());
    assert!(public_list(&server).await.is_empty());
    assert_eq!(server.get(&public).await.status(), 404);
    assert_eq!(server.get(&photo_path).await.status(), 404);
    let again = answer(&server, &volunteer, &story, "consent").await;
    assert_eq!(error_of(again).await, (409, ErrorCode::StoryAnswered));

    // The log names the stories and whom they are about, never what they say.
    let log = whole_audit_log(&server).await;
    let about_stories: Vec<_> = log
        .iter()
        .filter(|e| e.subject.starts_with("story/"))
        .collect();
    let actions: Vec<AuditAction> = about_stories.iter().map(|e| e.action).collect();
    assert_eq!(actions, [AuditAction::StoryPhoto, AuditAction::StoryWrite]);
    assert!(
        about_stories
            .iter()
            .all(|e| !format!("{:?}", e.after).contains("活地图"))
    );

    // Erasing a volunteer takes their published story with them.
    let second = written(&server, &admin, story_form(number)).await;
    answer(&server, &volunteer, &second, "consent").await;
    assert_eq!(public_list(&server).await.len(), 1);
    let digits = &volunteer.phone[volunteer.phone.len() - 4..];
    let body = json!({ "phone_last_digits": digits });
    let erased = server
        .post("/api/me/erase", Some(&volunteer.key), &new_key(), &body)
        .await;
    assert_eq!(erased.status(), 200);
    assert!(public_list(&server).await.is_empty());
}

#[tokio::test]
async fn the_story_form_and_the_photo_refuse_what_they_cannot_take() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let wrong = json!({"volunteer_number": "HL12", "title": " ", "body": "一\t二"});
    let response = post(&server, Some(&admin), "/api/staff/stories", wrong).await;
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    let fields: Vec<&str> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["volunteer_number", "title", "body"]);
    let nobody = story_form(VolunteerNumber::from_id(9_999_999).unwrap());
    let nobody = post(&server, Some(&admin), "/api/staff/stories", nobody).await;
    assert_eq!(nobody.status(), 422);

    let volunteer = register(&server).await;
    let story = written(
        &server,
        &admin,
        story_form(number_of(&server, &volunteer).await),
    )
    .await;
    let id = story.story.id.0;
    let text = upload(&server, Some(&admin), id, b"GIF89a not a photo".to_vec()).await;
    assert_eq!(text.status(), 422);
    let body: ApiErrorBody = text.json().await.unwrap();
    assert_eq!(body.fields[0].field, "photo");
    assert_eq!(body.fields[0].problem, Problem::NotAPhoto);
    let huge = upload(&server, Some(&admin), id, vec![0xFF; 9 * 1024 * 1024]).await;
    assert_eq!(error_of(huge).await, (413, ErrorCode::BodyTooLarge));
    let missing = upload(&server, Some(&admin), 9_999_999, png(10, 10)).await;
    assert_eq!(missing.status(), 404);
}

/// The callers, in the order each case lists what they hear: administrator, the
/// coordinator of the unit the volunteer served, another unit's coordinator, point 1's
/// leader, nobody.
#[tokio::test]
async fn every_role_and_nobody_against_every_story_endpoint() {
    let server = TestServer::start().await;
    let (own, _unit, number, _volunteer) = approved_hour(&server).await;
    let other_unit = unit_at(&server, 2).await;
    create(&server, "admin", StaffRole::Administrator).await;
    let other = StaffRole::Coordinator {
        unit_id: other_unit,
    };
    create(&server, "other", other).await;
    let leader = StaffRole::PointLeader {
        point_id: PointId(1),
    };
    create(&server, "leader", leader).await;
    let callers = [
        Some(sign_in(&server, "admin").await),
        Some(own),
        Some(sign_in(&server, "other").await),
        Some(sign_in(&server, "leader").await),
        None,
    ];
    let expected = [
        ("list", [200, 200, 200, 403, 401]),
        ("write", [201, 201, 422, 403, 401]),
        ("photo", [200, 200, 404, 403, 401]),
    ];
    for (what, expected) in expected {
        for (n, (caller, expected)) in callers.iter().zip(expected).enumerate() {
            let status = match what {
                "list" => get(&server, caller.as_ref(), "/api/staff/stories")
                    .await
                    .status(),
                "write" => {
                    let form = story_form(number);
                    post(&server, caller.as_ref(), "/api/staff/stories", form)
                        .await
                        .status()
                }
                _ => {
                    // Each on a story of the coordinator's unit, waiting for consent.
                    let story = written(&server, callers[1].as_ref().unwrap(), story_form(number));
                    let id = story.await.story.id.0;
                    upload(&server, caller.as_ref(), id, png(20, 20))
                        .await
                        .status()
                }
            };
            assert_eq!(status.as_u16(), expected, "caller {n}: {what}");
        }
    }
}
