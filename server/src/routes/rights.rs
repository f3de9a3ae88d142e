//! `/api/me/*`: a volunteer's rights over their data, under their personal link: see
//! and download everything held about them (JSON, and CSV for Excel and WPS), correct
//! their name, team and skills, and withdraw their consent, which erases them.

use crate::AppState;
use crate::catalogue::{name_of, text};
use crate::client_limits::Action;
use crate::error::AppError;
use crate::live::Change;
use crate::routes::csv_file::{CsvFile, csv_response, decimal_hours, export_lang};
use crate::routes::extract::{ApiQuery, Client, JsonForm, SignedIn};
use crate::routes::private_json;
use crate::services::rights;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use huli_contract::glossary::Term;
use huli_contract::{
    ApiErrorBody, Erased, ErasureRequest, Lang, MyData, MyRecord, ProfileForm, china_standard_time,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_data))
        .routes(routes!(my_data_csv))
        .routes(routes!(correct))
        .routes(routes!(erase))
}

pub(super) async fn read_my_data(
    state: &AppState,
    signed_in: SignedIn,
) -> Result<MyData, AppError> {
    let found = state.store.my_data(signed_in.0).await?;
    found.ok_or(AppError::Unauthorized)
}

/// Everything the programme holds about the signed-in volunteer: profile, consent,
/// every sign-up with its attendance and review, trainings and certificates. The
/// number is whole here: it is the volunteer's own copy.
#[utoipa::path(
    get,
    path = "/api/me/data",
    tag = "volunteers",
    security(("personal_link" = [])),
    responses(
        (status = 200, description = "The volunteer's data", body = MyData),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn my_data(State(state): State<AppState>, signed_in: SignedIn) -> Result<Response, AppError> {
    let data = read_my_data(&state, signed_in).await?;
    Ok(private_json(StatusCode::OK, &data))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CsvQuery {
    /// The headers' language: `zh` or `en`; without it, `Accept-Language` decides.
    lang: Option<Lang>,
}

/// The same data as a CSV file for Excel and WPS: the profile, then one table each of
/// sign-ups, trainings and certificates.
#[utoipa::path(
    get,
    path = "/api/me/data.csv",
    tag = "volunteers",
    params(CsvQuery),
    security(("personal_link" = [])),
    responses(
        (status = 200, description = "UTF-8 CSV with a byte order mark", content_type = "text/csv", body = String),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody)
    )
)]
async fn my_data_csv(
    State(state): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<CsvQuery>,
) -> Result<Response, AppError> {
    let data = read_my_data(&state, signed_in).await?;
    let lang = export_lang(query.lang, &headers);
    let bytes = data_csv(&data, lang, state.clock.now())?;
    let file_name = format!("huli-my-data-{}.csv", data.volunteer_number);
    Ok(csv_response(&file_name, bytes))
}

/// Corrects the volunteer's name, team and skills; answers the record as it now is.
#[utoipa::path(
    put,
    path = "/api/me",
    tag = "volunteers",
    security(("personal_link" = [])),
    request_body = ProfileForm,
    responses(
        (status = 200, description = "Corrected", body = MyRecord),
        (status = 400, description = "Malformed JSON", body = ApiErrorBody),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 422, description = "Fields to correct, each with its reason", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn correct(
    State(state): State<AppState>,
    client: Client,
    SignedIn(volunteer): SignedIn,
    JsonForm(form): JsonForm<ProfileForm>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::Registration, client.0)?;
    let profile = form.parse().map_err(AppError::Unprocessable)?;
    rights::correct_profile(&*state.store, volunteer, &profile).await??;
    let record = state.store.my_record(volunteer, state.clock.now()).await?;
    Ok(private_json(StatusCode::OK, &record))
}

/// Withdraws the volunteer's consent and erases their personal information, confirmed
/// by the last four digits of their number. Upcoming sign-ups are given up and their
/// places go to the waitlist; the minutes served stay in the figures without a name.
/// The personal link opens nothing afterwards.
#[utoipa::path(
    post,
    path = "/api/me/erase",
    tag = "volunteers",
    security(("personal_link" = [])),
    request_body = ErasureRequest,
    responses(
        (status = 200, description = "Erased", body = Erased),
        (status = 400, description = "Malformed JSON", body = ApiErrorBody),
        (status = 401, description = "No valid personal link key", body = ApiErrorBody),
        (status = 422, description = "The digits do not match", body = ApiErrorBody),
        (status = 429, description = "Too many requests from this client; see Retry-After", body = ApiErrorBody)
    )
)]
async fn erase(
    State(state): State<AppState>,
    client: Client,
    SignedIn(volunteer): SignedIn,
    JsonForm(confirmation): JsonForm<ErasureRequest>,
) -> Result<Response, AppError> {
    state.client_limits.check(Action::Registration, client.0)?;
    let now = state.clock.now();
    let erased = rights::erase_own(&*state.store, volunteer, &confirmation, now).await??;
    // One volunteer fewer in the programme's figures; their minutes stay.
    state.live.refresh_soon_after_write(Change::Attendance);
    tracing::info!(target: "security", event = "volunteer_erased", by = "self", "a volunteer erased their personal information");
    Ok(private_json(StatusCode::OK, &erased))
}

fn local(at: DateTime<Utc>) -> String {
    (at.with_timezone(&china_standard_time()))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The volunteer's data as one CSV file of four tables.
fn data_csv(data: &MyData, lang: Lang, now: DateTime<Utc>) -> Result<Vec<u8>, AppError> {
    let t = |key: &str| text(lang, &format!("my_data.{key}"));
    let joined = |names: Vec<&str>| names.join(if lang == Lang::Zh { "、" } else { ", " });
    let mut file = CsvFile::new();
    file.row(vec![
        t("file_title").into(),
        t("made_at").into(),
        local(now),
    ])?;
    file.gap()?;
    file.header(&[t("item"), t("value")])?;
    let team = match &data.team {
        Some(team) => team.name.get(lang).to_owned(),
        None => Term::IndividualVolunteer.label(lang),
    };
    let (notice, consented) = match &data.consent {
        Some(consent) => (consent.notice_version.clone(), local(consent.given_at)),
        None => (t("consent_none").into(), String::new()),
    };
    let profile = [
        ("volunteer_number", data.volunteer_number.to_string()),
        ("name", data.name.clone()),
        ("phone", data.phone.as_str().to_owned()),
        ("team", team),
        (
            "skills",
            joined(
                data.skills
                    .iter()
                    .map(|s| name_of(lang, "skill.", s))
                    .collect(),
            ),
        ),
        ("registered_at", local(data.registered_at)),
        ("consent_notice", notice),
        ("consent_given_at", consented),
        ("verified_hours", decimal_hours(data.verified_minutes)),
    ];
    for (key, value) in profile {
        file.row(vec![t(key).into(), value])?;
    }
    file.gap()?;
    let service_columns = [
        "shift_starts",
        "shift_ends",
        "point",
        "duty",
        "signup_status",
        "signed_up_at",
        "checked_in_at",
        "checked_out_at",
        "minutes",
        "review",
    ];
    file.header(&service_columns.map(t))?;
    for line in &data.service {
        file.row(vec![
            local(line.starts_at),
            local(line.ends_at),
            line.point.get(lang).to_owned(),
            name_of(lang, "duty.", &line.duty).into(),
            name_of(lang, "signup_state.", &line.status).into(),
            local(line.signed_up_at),
            line.checked_in_at.map(local).unwrap_or_default(),
            line.checked_out_at.map(local).unwrap_or_default(),
            line.minutes.0.to_string(),
            (line.review)
                .map(|review| name_of(lang, "review_status_", &review).to_owned())
                .unwrap_or_default(),
        ])?;
    }
    file.gap()?;
    file.header(&["training", "completed_at", "expires_on", "evidence"].map(t))?;
    for training in &data.trainings {
        file.row(vec![
            name_of(lang, "training.", &training.training).into(),
            local(training.completed_at),
            (training.expires_on)
                .map(|day| day.to_string())
                .unwrap_or_else(|| t("no_expiry").into()),
            training.evidence.clone().unwrap_or_default(),
        ])?;
    }
    file.gap()?;
    file.header(
        &[
            "certificate",
            "period_first",
            "period_last",
            "verified_hours",
            "issued_at",
        ]
        .map(t),
    )?;
    for certificate in &data.certificates {
        file.row(vec![
            certificate.number.to_string(),
            certificate.period.first().to_string(),
            certificate.period.last().to_string(),
            decimal_hours(certificate.total_minutes),
            local(certificate.issued_at),
        ])?;
    }
    file.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::has;
    use huli_contract::{DutyKind, ReviewStatus, SignupStatus, Skill, Training};

    #[test]
    fn every_name_the_download_uses_is_in_both_catalogues() {
        let keys = [
            "file_title",
            "made_at",
            "item",
            "value",
            "volunteer_number",
            "name",
            "phone",
            "team",
            "skills",
            "registered_at",
            "consent_notice",
            "consent_given_at",
            "consent_none",
            "verified_hours",
            "shift_starts",
            "shift_ends",
            "point",
            "duty",
            "signup_status",
            "signed_up_at",
            "checked_in_at",
            "checked_out_at",
            "minutes",
            "review",
            "training",
            "completed_at",
            "expires_on",
            "no_expiry",
            "evidence",
            "certificate",
            "period_first",
            "period_last",
            "issued_at",
        ];
        for lang in [Lang::Zh, Lang::En] {
            for key in keys {
                assert!(has(lang, &format!("my_data.{key}")), "{key}");
            }
            for duty in [
                DutyKind::PointService,
                DutyKind::TrafficDuty,
                DutyKind::EmergencyRelief,
                DutyKind::CommunityEvent,
            ] {
                assert_ne!(name_of(lang, "duty.", &duty), "?");
            }
            for status in [
                SignupStatus::Confirmed,
                SignupStatus::Waitlisted,
                SignupStatus::Cancelled,
            ] {
                assert_ne!(name_of(lang, "signup_state.", &status), "?");
            }
            for review in [
                ReviewStatus::Pending,
                ReviewStatus::Approved,
                ReviewStatus::Rejected,
            ] {
                assert_ne!(name_of(lang, "review_status_", &review), "?");
            }
            for skill in Skill::ALL {
                assert_ne!(name_of(lang, "skill.", &skill), "?");
            }
            for training in [
                Training::Etiquette,
                Training::FirstAid,
                Training::TrafficRules,
                Training::OnlinePublicity,
            ] {
                assert_ne!(name_of(lang, "training.", &training), "?");
            }
        }
    }
}
