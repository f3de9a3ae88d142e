//! Training sessions: who may schedule them and mark attendance, the sign-up rules they
//! share with shifts, and attendance putting the training on the volunteer's record.

use crate::common::TestServer;
use crate::staff_client::{
    Staff, arranger, create, error_of, get, post, send, sign_in, whole_audit_log,
};
use crate::{
    NewShift, Volunteer, add_shift, add_shift_at, new_key, number_of, refused, register, signed_up,
    unit_at,
};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{
    ApiErrorBody, AuditAction, Erased, ErrorCode, PointId, Problem, ServiceRecord, SignupStatus,
    StaffRole, Training, TrainingRoster, TrainingSessionView, TrainingSignupView, huli_date,
};
use reqwest::Method;
use serde_json::{Value, json};

fn session_form(unit: i64, training: &str, starts: DateTime<Utc>, capacity: i64) -> Value {
    json!({
        "training": training,
        "organiser_unit_id": unit,
        "starts_at": starts.to_rfc3339(),
        "ends_at": (starts + Duration::hours(2)).to_rfc3339(),
        "place": "湖里区志愿服务中心二楼培训室",
        "trainer": "交警湖里大队 陈警官",
        "capacity": capacity,
    })
}

async fn scheduled(server: &TestServer, staff: &Staff, form: Value) -> TrainingSessionView {
    let response = post(server, Some(staff), "/api/staff/training-sessions", form).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

async fn training_sign_up(
    server: &TestServer,
    volunteer: &Volunteer,
    session: &TrainingSessionView,
) -> reqwest::Response {
    let body = json!({ "session_id": session.id });
    (server.post(
        "/api/training-signups",
        Some(&volunteer.key),
        &new_key(),
        &body,
    ))
    .await
}

async fn training_signed_up(
    server: &TestServer,
    volunteer: &Volunteer,
    session: &TrainingSessionView,
) -> TrainingSignupView {
    let response = training_sign_up(server, volunteer, session).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

fn attendance_path(session: &TrainingSessionView) -> String {
    format!("/api/staff/training-sessions/{}/attendance", session.id.0)
}

#[tokio::test]
async fn sessions_share_the_sign_up_rules_of_shifts_and_count_with_them() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let unit = unit_at(&server, 1).await;
    let starts = server.clock.now() + Duration::hours(30);
    let session = scheduled(&server, &admin, session_form(unit, "etiquette", starts, 1)).await;
    assert_eq!(session.valid_years, None, "etiquette holds");
    let (one, two, three) = (
        register(&server).await,
        register(&server).await,
        register(&server).await,
    );

    let confirmed = training_signed_up(&server, &one, &session).await;
    assert_eq!(confirmed.status, SignupStatus::Confirmed);
    let again = training_signed_up(&server, &one, &session).await;
    assert_eq!(
        again.id, confirmed.id,
        "signing up again is the same sign-up"
    );
    let waiting = training_signed_up(&server, &two, &session).await;
    assert_eq!(
        (waiting.status, waiting.waitlist_position),
        (SignupStatus::Waitlisted, Some(1))
    );

    // Anyone sees the session with its places, and no names.
    let listed = server
        .get("/api/training-sessions?training=etiquette")
        .await;
    let listed: Vec<TrainingSessionView> = listed.json().await.unwrap();
    let shown = listed.iter().find(|s| s.id == session.id).unwrap();
    assert_eq!((shown.confirmed, shown.waitlisted), (1, 1));
    let other = server
        .get("/api/training-sessions?training=first_aid")
        .await;
    let other: Vec<TrainingSessionView> = other.json().await.unwrap();
    assert!(other.iter().all(|s| s.training == Training::FirstAid));
    let bad = server.get("/api/training-sessions?training=karate").await;
    assert_eq!(bad.status(), 400);

    // A shift and a session at the same time exclude each other, either way round.
    let shift = NewShift::default();
    let clashing_shift = add_shift_at(&server, shift, starts + Duration::hours(1)).await;
    assert_eq!(
        refused(&server, &one, clashing_shift).await,
        ErrorCode::OverlappingShift
    );
    signed_up(&server, &three, clashing_shift).await;
    let clash = training_sign_up(&server, &three, &session).await;
    assert_eq!(error_of(clash).await, (409, ErrorCode::OverlappingShift));

    // The first cancels: the waitlist's first takes the place at once.
    let path = format!("/api/training-signups/{}/cancel", confirmed.id.0);
    let cancelled = server
        .post(&path, Some(&one.key), &new_key(), &json!(null))
        .await;
    let cancelled: TrainingSignupView = cancelled.json().await.unwrap();
    assert_eq!(cancelled.status, SignupStatus::Cancelled);
    let mine = server.get_as("/api/me/training-signups", &two.key).await;
    let mine: Vec<TrainingSignupView> = mine.json().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, SignupStatus::Confirmed);
    // Someone else's sign-up cannot be cancelled, nor told apart from none.
    let path = format!("/api/training-signups/{}/cancel", mine[0].id.0);
    let theirs = server
        .post(&path, Some(&one.key), &new_key(), &json!(null))
        .await;
    assert_eq!(theirs.status(), 404);

    // Erasing a volunteer gives up their place too: the next in line takes it.
    let four = register(&server).await;
    let behind = training_signed_up(&server, &four, &session).await;
    assert_eq!(behind.status, SignupStatus::Waitlisted);
    let last_four = &two.phone[two.phone.len() - 4..];
    let body = json!({ "phone_last_digits": last_four });
    let erased = server
        .post("/api/me/erase", Some(&two.key), &new_key(), &body)
        .await;
    let erased: Erased = erased.json().await.unwrap();
    assert_eq!(erased.cancelled_signups, 1);
    let mine = server.get_as("/api/me/training-signups", &four.key).await;
    let mine: Vec<TrainingSignupView> = mine.json().await.unwrap();
    assert_eq!(mine[0].status, SignupStatus::Confirmed);

    // Too late: once started, nobody signs up.
    server.clock.advance(Duration::hours(31));
    let late = training_sign_up(&server, &three, &session).await;
    assert_eq!(error_of(late).await, (409, ErrorCode::ShiftStarted));
}

#[tokio::test]
async fn attendance_puts_the_training_on_record_which_opens_gated_duty_until_it_expires() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let unit = unit_at(&server, 1).await;
    let starts = server.clock.now() + Duration::hours(2);
    let mut form = session_form(unit, "first_aid", starts, 20);
    form["valid_years"] = json!(1);
    let session = scheduled(&server, &admin, form).await;
    assert_eq!(session.valid_years, Some(1));
    let volunteer = register(&server).await;
    let number = number_of(&server, &volunteer).await;
    let bystander = number_of(&server, &register(&server).await).await;
    training_signed_up(&server, &volunteer, &session).await;
    let first_aid = |starts_in_hours| NewShift {
        starts_in_hours,
        training: Some("first_aid"),
        ..Default::default()
    };
    let gated = add_shift(&server, first_aid(50)).await;
    assert_eq!(
        refused(&server, &volunteer, gated).await,
        ErrorCode::TrainingRequired
    );

    let path = attendance_path(&session);
    let present = json!({ "volunteer_number": number.to_string() });
    let early = post(&server, Some(&admin), &path, present.clone()).await;
    assert_eq!(error_of(early).await, (409, ErrorCode::AttendanceNotOpen));
    server.clock.advance(Duration::minutes(100));
    // The console's session has timed out meanwhile.
    let admin = arranger(&server).await;
    let stranger = json!({ "volunteer_number": bystander.to_string() });
    let stranger = post(&server, Some(&admin), &path, stranger).await;
    assert_eq!(stranger.status(), 422);
    let body: ApiErrorBody = stranger.json().await.unwrap();
    assert_eq!(body.fields[0].field, "volunteer_number");
    assert_eq!(body.fields[0].problem, Problem::NotSignedUp);

    let marked = post(&server, Some(&admin), &path, present.clone()).await;
    assert_eq!(marked.status(), 200);
    let roster: TrainingRoster = marked.json().await.unwrap();
    assert_eq!(roster.signups.len(), 1);
    assert!(roster.signups[0].attended);
    assert_eq!(roster.signups[0].volunteer_number, number);
    // Marking again changes nothing, and is logged once.
    let again = post(&server, Some(&admin), &path, present).await;
    assert_eq!(again.status(), 200);
    let attended = whole_audit_log(&server).await;
    let attended = attended
        .iter()
        .filter(|e| e.action == AuditAction::TrainingAttend)
        .count();
    assert_eq!(attended, 1);

    // On record: completed the session's day, valid one year less a day. The session's
    // two hours are learning, not service: nothing is verified.
    let record: ServiceRecord = (server.get_as("/api/me/record", &volunteer.key).await)
        .json()
        .await
        .unwrap();
    let day = huli_date(session.window.starts_at());
    let training = &record.trainings[0];
    assert_eq!(training.training, Training::FirstAid);
    assert_eq!(training.expires_on, Training::expiry(day, Some(1)));
    assert_eq!(training.evidence, None);
    assert_eq!(record.stars.verified.0, 0);
    assert_eq!(
        signed_up(&server, &volunteer, gated).await.status,
        SignupStatus::Confirmed
    );
    let mine = server
        .get_as("/api/me/training-signups", &volunteer.key)
        .await;
    let mine: Vec<TrainingSignupView> = mine.json().await.unwrap();
    assert!(mine[0].attended);

    // A year on, the training has expired and gated duty is refused again.
    server.clock.advance(Duration::days(366));
    let next_year = add_shift(&server, first_aid(20)).await;
    assert_eq!(
        refused(&server, &volunteer, next_year).await,
        ErrorCode::TrainingRequired
    );
}

#[tokio::test]
async fn the_form_names_every_problem_and_coordinators_schedule_for_their_own_unit() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let wrong = json!({"training": "karate", "organiser_unit_id": 0, "starts_at": "tomorrow",
                       "ends_at": "", "place": " ", "trainer": "x", "capacity": 0, "valid_years": 11});
    let response = post(&server, Some(&admin), "/api/staff/training-sessions", wrong).await;
    assert_eq!(response.status(), 422);
    let body: ApiErrorBody = response.json().await.unwrap();
    let fields: Vec<&str> = body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "training",
            "organiser_unit_id",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "valid_years"
        ]
    );
    let starts = server.clock.now() + Duration::days(3);
    let nowhere = session_form(999_999, "etiquette", starts, 5);
    let nowhere = post(
        &server,
        Some(&admin),
        "/api/staff/training-sessions",
        nowhere,
    )
    .await;
    assert_eq!(nowhere.status(), 422);

    let own_unit = unit_at(&server, 1).await;
    let other_unit = unit_at(&server, 2).await;
    create(&server, "own", StaffRole::Coordinator { unit_id: own_unit }).await;
    let own = sign_in(&server, "own").await;
    let theirs = session_form(other_unit, "etiquette", starts, 5);
    let theirs = post(&server, Some(&own), "/api/staff/training-sessions", theirs).await;
    assert_eq!(error_of(theirs).await, (403, ErrorCode::NotAllowed));
    let session = scheduled(
        &server,
        &own,
        session_form(own_unit, "etiquette", starts, 5),
    )
    .await;
    let log = whole_audit_log(&server).await;
    assert!(
        log.iter()
            .any(|e| e.action == AuditAction::TrainingSessionSchedule)
    );
    let listed: Vec<TrainingSessionView> =
        (get(&server, Some(&own), "/api/staff/training-sessions").await)
            .json()
            .await
            .unwrap();
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        [session.id]
    );
}

/// The callers, in the order each case lists what they hear: administrator, the
/// organising unit's coordinator, another unit's coordinator, point 1's leader, nobody.
#[tokio::test]
async fn every_role_and_nobody_against_every_training_session_endpoint() {
    let server = TestServer::start().await;
    let own_unit = unit_at(&server, 1).await;
    let other_unit = unit_at(&server, 2).await;
    let roles = [
        ("admin", StaffRole::Administrator),
        ("own", StaffRole::Coordinator { unit_id: own_unit }),
        (
            "other",
            StaffRole::Coordinator {
                unit_id: other_unit,
            },
        ),
        (
            "leader",
            StaffRole::PointLeader {
                point_id: PointId(1),
            },
        ),
    ];
    let mut callers = Vec::new();
    for (login, role) in roles {
        create(&server, login, role).await;
        callers.push(Some(sign_in(&server, login).await));
    }
    callers.push(None);
    // Starting in 20 minutes: attendance is open.
    let starts = server.clock.now() + Duration::minutes(20);
    let session = scheduled(
        &server,
        &arranger(&server).await,
        session_form(own_unit, "online_publicity", starts, 10),
    )
    .await;
    let volunteer = register(&server).await;
    let number = number_of(&server, &volunteer).await;
    training_signed_up(&server, &volunteer, &session).await;

    let later = server.clock.now() + Duration::days(5);
    let form = session_form(own_unit, "etiquette", later, 5);
    let roster = format!("/api/staff/training-sessions/{}/roster", session.id.0);
    let present = json!({ "volunteer_number": number.to_string() });
    let cases: [(&str, Option<Value>, [u16; 5]); 4] = [
        (
            "/api/staff/training-sessions",
            None,
            [200, 200, 200, 403, 401],
        ),
        (
            "/api/staff/training-sessions",
            Some(form),
            [201, 201, 403, 403, 401],
        ),
        (&roster, None, [200, 200, 404, 403, 401]),
        (
            &attendance_path(&session),
            Some(present),
            [200, 200, 404, 403, 401],
        ),
    ];
    for (path, body, expected) in cases {
        for (n, (caller, expected)) in callers.iter().zip(expected).enumerate() {
            let response = match &body {
                Some(body) => post(&server, caller.as_ref(), path, body.clone()).await,
                None => get(&server, caller.as_ref(), path).await,
            };
            assert_eq!(response.status().as_u16(), expected, "caller {n} on {path}");
        }
    }
}

#[tokio::test]
async fn a_held_shift_is_not_moved_onto_a_session_one_of_its_volunteers_holds() {
    let server = TestServer::start().await;
    let admin = arranger(&server).await;
    let unit = unit_at(&server, 1).await;
    let now = server.clock.now();
    let at_72_hours = session_form(unit, "etiquette", now + Duration::hours(72), 5);
    let session = scheduled(&server, &admin, at_72_hours).await;
    let shift = add_shift_at(&server, NewShift::default(), now + Duration::hours(48)).await;
    let volunteer = register(&server).await;
    signed_up(&server, &volunteer, shift).await;
    training_signed_up(&server, &volunteer, &session).await;

    let starts = now + Duration::hours(71);
    let onto_the_session = json!({
        "starts_at": starts.to_rfc3339(),
        "ends_at": (starts + Duration::hours(2)).to_rfc3339(),
    });
    let path = format!("/api/staff/shifts/{shift}");
    let answer = send(
        &server,
        Some(&admin),
        Method::PATCH,
        &path,
        Some(onto_the_session),
    )
    .await;
    assert_eq!(answer.status(), 422);
    let body: ApiErrorBody = answer.json().await.unwrap();
    assert_eq!(
        (body.fields[0].field.as_str(), &body.fields[0].problem),
        ("starts_at", &Problem::HoldersBusy { volunteers: 1 })
    );
}
