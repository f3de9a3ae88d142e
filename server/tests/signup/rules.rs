//! The sign-up rules: capacity and waitlist, promotion on cancel, the cancel deadline,
//! overlap, the insurance and training gates, idempotent retries, and no overbooking
//! under parallel sign-ups.

use crate::common::TestServer;
use crate::staff_client::{self, arranger};
use crate::{
    NewShift, Places, add_shift, add_shift_at, cancel, cancel_with_key, count, new_key, number_of,
    refused, register, register_many, shift_starting_in, shift_with_capacity, sign_up, signed_up,
};
use chrono::Duration;
use futures_util::future::join_all;
use huli_contract::{
    ApiErrorBody, DutyKind, ErrorCode, MyRecord, PointDetail, ShiftView, SignupStatus, SignupView,
    china_standard_time, huli_date,
};
use serde_json::json;

#[tokio::test]
async fn a_full_shift_waitlists_in_order_and_a_cancellation_promotes_the_first() {
    let server = TestServer::start().await;
    let shift = add_shift(&server, NewShift::default()).await;
    let people = register_many(&server, 4).await;
    let mut signups = Vec::new();
    for volunteer in &people {
        signups.push(signed_up(&server, volunteer, shift).await);
    }
    let statuses: Vec<_> = signups
        .iter()
        .map(|s| (s.status, s.waitlist_position))
        .collect();
    assert_eq!(
        statuses,
        [
            (SignupStatus::Confirmed, None),
            (SignupStatus::Confirmed, None),
            (SignupStatus::Waitlisted, Some(1)),
            (SignupStatus::Waitlisted, Some(2)),
        ]
    );
    let view: ShiftView = server
        .get(&format!("/api/shifts/{shift}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((view.confirmed, view.waitlisted), (2, 2));

    let cancelled = cancel(&server, &people[0], signups[0].id.0).await;
    assert_eq!(cancelled.status(), 200);
    let cancelled: SignupView = cancelled.json().await.unwrap();
    assert_eq!(cancelled.status, SignupStatus::Cancelled);
    let again = cancel(&server, &people[0], signups[0].id.0).await;
    assert_eq!(again.status(), 200, "cancelling twice changes nothing");

    let record = |i: usize| {
        let server = &server;
        let key = people[i].key.clone();
        async move {
            let me = server.get_as("/api/me", &key).await;
            me.json::<MyRecord>().await.unwrap().signups.remove(0)
        }
    };
    let promoted = record(2).await;
    assert_eq!(promoted.status, SignupStatus::Confirmed);
    let still_waiting = record(3).await;
    assert_eq!(still_waiting.waitlist_position, Some(1));
    assert_eq!(count(&server, Places::Confirmed, shift).await, 2);

    let not_theirs = cancel(&server, &people[1], signups[3].id.0).await;
    assert_eq!(
        not_theirs.status(),
        404,
        "one cannot cancel another's sign-up"
    );
}

#[tokio::test]
async fn the_cancel_deadline_closes_cancelling_and_the_waitlist() {
    let server = TestServer::start().await;
    let soon = NewShift {
        starts_in_hours: 1,
        capacity: 1,
        ..Default::default()
    };
    let shift = add_shift(&server, soon).await;
    let first = register(&server).await;
    let second = register(&server).await;
    let signup = signed_up(&server, &first, shift).await;
    assert_eq!(refused(&server, &second, shift).await, ErrorCode::ShiftFull);
    let late = cancel(&server, &first, signup.id.0).await;
    assert_eq!(late.status(), 409);
    let body: ApiErrorBody = late.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::CancelDeadlinePassed);

    server.clock.advance(Duration::minutes(61));
    assert_eq!(
        refused(&server, &second, shift).await,
        ErrorCode::ShiftStarted
    );
}

#[tokio::test]
async fn a_volunteer_cannot_hold_two_overlapping_shifts() {
    let server = TestServer::start().await;
    let morning = add_shift(&server, NewShift::default()).await;
    let overlapping = shift_starting_in(&server, 50).await;
    let shown = server.get_json(&format!("/api/shifts/{morning}")).await;
    let morning_ends = serde_json::from_value::<ShiftView>(shown)
        .unwrap()
        .window
        .ends_at();
    let back_to_back = add_shift_at(&server, NewShift::default(), morning_ends).await;
    let volunteer = register(&server).await;
    signed_up(&server, &volunteer, morning).await;
    assert_eq!(
        refused(&server, &volunteer, overlapping).await,
        ErrorCode::OverlappingShift
    );
    signed_up(&server, &volunteer, back_to_back).await;
}

#[tokio::test]
async fn high_risk_duty_needs_insurance_and_traffic_duty_its_training() {
    let server = TestServer::start().await;
    let uninsured = add_shift(
        &server,
        NewShift {
            duty: "emergency_relief",
            insured: false,
            ..Default::default()
        },
    )
    .await;
    let traffic = add_shift(
        &server,
        NewShift {
            duty: "traffic_duty",
            training: Some("traffic_rules"),
            starts_in_hours: 72,
            ..Default::default()
        },
    )
    .await;
    let volunteer = register(&server).await;
    assert_eq!(
        refused(&server, &volunteer, uninsured).await,
        ErrorCode::ShiftNotInsured
    );
    assert_eq!(
        refused(&server, &volunteer, traffic).await,
        ErrorCode::TrainingRequired
    );

    let today = huli_date(server.clock.now());
    let training = json!({"training": "traffic_rules", "completed_on": today, "evidence": "交警大队培训签到表"});
    let number = number_of(&server, &volunteer).await;
    let path = format!("/api/staff/volunteers/{number}/trainings");
    let admin = arranger(&server).await;
    let recorded = staff_client::post(&server, Some(&admin), &path, training).await;
    assert_eq!(recorded.status(), 200);
    let signup = signed_up(&server, &volunteer, traffic).await;
    assert_eq!(signup.status, SignupStatus::Confirmed);
    assert!(signup.shift.insured, "the volunteer sees they are insured");
    assert_eq!(count(&server, Places::Confirmed, uninsured).await, 0);
}

#[tokio::test]
async fn a_retried_sign_up_returns_the_first_answer_and_never_signs_up_twice() {
    let server = TestServer::start().await;
    let shift = add_shift(&server, NewShift::default()).await;
    let volunteer = register(&server).await;
    let key = new_key();
    let attempts = join_all((0..5).map(|_| sign_up(&server, &volunteer, shift, &key))).await;
    let first: SignupView = serde_json::from_str(&attempts[0].1).unwrap();
    for (status, body) in &attempts {
        assert_eq!(*status, 200);
        assert_eq!(serde_json::from_str::<SignupView>(body).unwrap(), first);
    }
    assert_eq!(count(&server, Places::Confirmed, shift).await, 1);

    let other_shift = shift_starting_in(&server, 200).await;
    let (status, body) = sign_up(&server, &volunteer, other_shift, &key).await;
    assert_eq!(status, 422, "a key is for one request only: {body}");
    assert_eq!(count(&server, Places::Confirmed, other_shift).await, 0);
}

#[tokio::test]
async fn parallel_sign_ups_never_overbook() {
    let server = TestServer::start().await;
    let shift = shift_with_capacity(&server, 5).await;
    let people = register_many(&server, 40).await;
    let answers = join_all(people.iter().map(|v| signed_up(&server, v, shift))).await;
    let confirmed = answers
        .iter()
        .filter(|s| s.status == SignupStatus::Confirmed)
        .count();
    let mut positions: Vec<u32> = answers.iter().filter_map(|s| s.waitlist_position).collect();
    positions.sort();
    assert_eq!(confirmed, 5);
    assert_eq!(positions, (1..=35).collect::<Vec<_>>());
    assert_eq!(count(&server, Places::Confirmed, shift).await, 5);
    assert_eq!(count(&server, Places::Waitlisted, shift).await, 35);
}

#[tokio::test]
async fn the_database_itself_refuses_a_confirmed_place_beyond_capacity() {
    let server = TestServer::start().await;
    let shift = shift_with_capacity(&server, 1).await;
    let first = register(&server).await;
    let second = register(&server).await;
    signed_up(&server, &first, shift).await;
    let bypass = sqlx::query(
        "INSERT INTO signups (shift_id, volunteer_id, status, created_at) \
         VALUES ($1, $2, 'confirmed', 0)",
    )
    .bind(shift)
    .bind(number_of(&server, &second).await.id())
    .execute(&server.db().await)
    .await;
    assert!(bypass.unwrap_err().to_string().contains("over capacity"));
}

#[tokio::test]
async fn a_shift_downloads_as_a_calendar_event() {
    let server = TestServer::start().await;
    let shift = add_shift(&server, NewShift::default()).await;
    let response = server
        .get(&format!("/api/shifts/{shift}/calendar.ics?lang=en"))
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".ics")
    );
    let view: ShiftView = server
        .get(&format!("/api/shifts/{shift}"))
        .await
        .json()
        .await
        .unwrap();
    let ics = response.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    let start = view.window.starts_at().format("DTSTART:%Y%m%dT%H%M%SZ");
    assert!(ics.contains(&start.to_string()), "{ics}");
    assert!(ics.contains("SUMMARY:Lei Feng volunteer shift"), "{ics}");
    let point: PointDetail = server
        .get(&format!("/api/points/{}", view.point_id.0))
        .await
        .json()
        .await
        .unwrap();
    // Unfolded, as a calendar reads it: lines longer than 75 octets continue after CRLF + space.
    let unfolded = ics.replace("\r\n ", "");
    let street = point.point.address.en.split(',').next().unwrap();
    let location = unfolded
        .lines()
        .find(|l| l.starts_with("LOCATION:"))
        .unwrap();
    assert!(location.contains(street), "the address is in {location}");
    let geo = format!(
        "GEO:{:.6};{:.6}",
        point.point.location.lat(),
        point.point.location.lon()
    );
    assert!(unfolded.contains(&geo), "{geo} in {ics}");
    assert!(ics.contains("END:VEVENT"));
    assert_eq!(
        server.get("/api/shifts/999999/calendar.ics").await.status(),
        404
    );
}

#[tokio::test]
async fn retried_cancels_promote_once_and_a_waitlisted_cancel_promotes_nobody() {
    let server = TestServer::start().await;
    let shift = shift_with_capacity(&server, 1).await;
    let people = register_many(&server, 4).await;
    let mut signups = Vec::new();
    for volunteer in &people {
        signups.push(signed_up(&server, volunteer, shift).await);
    }
    // The last in line leaves: nobody moves up.
    assert_eq!(
        cancel(&server, &people[3], signups[3].id.0).await.status(),
        200
    );
    assert_eq!(count(&server, Places::Confirmed, shift).await, 1);
    // The confirmed one cancels, and the request is retried: one promotion only.
    let key = new_key();
    for _ in 0..3 {
        let answer = cancel_with_key(&server, &people[0], signups[0].id.0, &key).await;
        assert_eq!(answer.status(), 200);
    }
    assert_eq!(count(&server, Places::Confirmed, shift).await, 1);
    assert_eq!(count(&server, Places::Waitlisted, shift).await, 1);
    let promoted: MyRecord = server
        .get_as("/api/me", &people[1].key)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(promoted.signups[0].status, SignupStatus::Confirmed);

    // Coming back after cancelling joins the back of the queue.
    let back = signed_up(&server, &people[0], shift).await;
    assert_eq!(back.waitlist_position, Some(2));
}

#[tokio::test]
async fn a_refusal_is_replayed_and_keys_belong_to_one_volunteer() {
    let server = TestServer::start().await;
    let full = shift_with_capacity(&server, 1).await;
    let overlapping = shift_starting_in(&server, 49).await;
    let first = register(&server).await;
    let second = register(&server).await;
    signed_up(&server, &first, full).await;
    // A place on a waitlist is held too: it blocks an overlapping shift.
    let waiting = signed_up(&server, &second, full).await;
    assert_eq!(waiting.status, SignupStatus::Waitlisted);
    let key = new_key();
    let (status, _) = sign_up(&server, &second, overlapping, &key).await;
    assert_eq!(status, 409);
    assert_eq!(cancel(&server, &second, waiting.id.0).await.status(), 200);
    let (status, body) = sign_up(&server, &second, overlapping, &key).await;
    assert_eq!(status, 409, "a retry hears the first answer: {body}");
    let error: ApiErrorBody = serde_json::from_str(&body).unwrap();
    assert_eq!(error.error, ErrorCode::OverlappingShift);
    signed_up(&server, &second, overlapping).await;

    // The same key from another volunteer is another request.
    let third = register(&server).await;
    let (status, body) = sign_up(&server, &third, overlapping, &key).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(count(&server, Places::Confirmed, overlapping).await, 2);
}

#[tokio::test]
async fn a_days_open_shifts_are_listed_across_points_soonest_first_and_filtered() {
    let server = TestServer::start().await;
    let open = add_shift(
        &server,
        NewShift {
            starts_in_hours: 72,
            ..NewShift::default()
        },
    )
    .await;
    let uninsured = add_shift(
        &server,
        NewShift {
            starts_in_hours: 72,
            duty: "traffic_duty",
            insured: false,
            ..NewShift::default()
        },
    )
    .await;
    let shift: ShiftView =
        serde_json::from_value(server.get_json(&format!("/api/shifts/{open}")).await).unwrap();
    let huli = china_standard_time();
    let day = shift.window.starts_at().with_timezone(&huli).date_naive();
    let ids = |shifts: &[ShiftView]| shifts.iter().map(|s| s.id.0).collect::<Vec<_>>();

    let listed: Vec<ShiftView> =
        serde_json::from_value(server.get_json(&format!("/api/shifts?day={day}")).await).unwrap();
    assert!(ids(&listed).contains(&open));
    assert!(
        !ids(&listed).contains(&uninsured),
        "high-risk duty takes no sign-ups before its insurance is on record"
    );
    assert!((listed.iter()).all(|s| s.window.starts_at().with_timezone(&huli).date_naive() == day));
    assert!((listed.windows(2)).all(|w| w[0].window.starts_at() <= w[1].window.starts_at()));
    assert!(
        (listed.iter()).any(|s| s.point_id.0 != 1),
        "every point's shifts, not one point's"
    );

    let at_point: Vec<ShiftView> = serde_json::from_value(
        server
            .get_json(&format!("/api/shifts?day={day}&point=1"))
            .await,
    )
    .unwrap();
    assert!(ids(&at_point).contains(&open));
    assert!(at_point.iter().all(|s| s.point_id.0 == 1));
    let of_duty: Vec<ShiftView> = serde_json::from_value(
        server
            .get_json(&format!("/api/shifts?day={day}&duty=community_event"))
            .await,
    )
    .unwrap();
    assert!(!ids(&of_duty).contains(&open));
    assert!(of_duty.iter().all(|s| s.duty == DutyKind::CommunityEvent));

    assert_eq!(server.get("/api/shifts?day=tomorrow").await.status(), 400);
}
