//! Each request body's schema, from the patterns and limits of the parent module.

use super::*;
use crate::manage::{
    ADDRESS_MAX_CHARS, INSURER_MAX_CHARS, MAX_CAPACITY, MAX_INSURED_SHIFTS, MAX_TEMPLATE_WEEKS,
    NAME_MAX_CHARS, OPENING_HOURS_KINDS, POLICY_NUMBER_MAX_CHARS,
};
use crate::{
    AccessKey, BulkApproval, Coordinate, LoginForm, NewPassword, ReviewForm, ReviewReason, Service,
    Skill, StaffRole, VolunteerName,
};
use utoipa::openapi::schema::{
    AllOfBuilder, ArrayBuilder, KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat,
    SchemaType, Type,
};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn string_or_null() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Null]))
}

fn null() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::Null)
}

fn integer(min: i64, max: i64) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(min))
        .maximum(Some(max))
}

/// Plain text: at least `min` characters besides white space, at most `max` as sent.
fn plain_text(min: usize, max: usize) -> ObjectBuilder {
    string()
        .min_length(Some(min))
        .max_length(Some(max))
        .pattern(Some(plain_text_pattern(min)))
}

/// Text that may break lines: at least one character besides white space.
fn paragraphs(max: usize) -> ObjectBuilder {
    string()
        .min_length(Some(1))
        .max_length(Some(max))
        .pattern(Some(paragraphs_pattern()))
}

fn volunteer_number() -> ObjectBuilder {
    string()
        .pattern(Some(crate::VolunteerNumber::PATTERN))
        .description(Some("The volunteer number: HL and seven digits."))
}

fn one_of_names<S: AsRef<str>>(names: &[S]) -> ObjectBuilder {
    string().enum_values(Some(names.iter().map(|name| name.as_ref().to_owned())))
}

fn names_of<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    (values.iter())
        .map(|value| match serde_json::to_value(value) {
            Ok(serde_json::Value::String(name)) => name,
            other => panic!("a unit variant serialises to its name, not {other:?}"),
        })
        .collect()
}

/// An id the server looks up: a positive 64-bit integer.
pub fn id() -> ObjectBuilder {
    integer(1, i64::MAX)
}

fn id_or_null() -> OneOfBuilder {
    OneOfBuilder::new().item(null()).item(id())
}

fn date() -> ObjectBuilder {
    string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .pattern(Some(date_pattern(None)))
}

fn date_time() -> ObjectBuilder {
    string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
        .pattern(Some(DATE_TIME_PATTERN))
}

fn time() -> ObjectBuilder {
    string()
        .pattern(Some(TIME_PATTERN))
        .description(Some("`HH:MM`"))
}

fn capacity() -> ObjectBuilder {
    integer(1, i64::from(MAX_CAPACITY))
}

fn training_or_blank() -> ObjectBuilder {
    string_or_null()
        .pattern(Some(trimmed_name_pattern(
            crate::trainings::TRAININGS,
            false,
            true,
        )))
        .description(Some(
            "A training the duty requires; blank or null for none.",
        ))
}

fn access_key() -> ObjectBuilder {
    let digits = AccessKey::HEX_DIGITS;
    string()
        .min_length(Some(digits))
        .max_length(Some(digits))
        .pattern(Some(format!("^[0-9A-Fa-f]{{{digits}}}$")))
}

fn password(min: usize) -> ObjectBuilder {
    string()
        .min_length(Some(min))
        .max_length(Some(NewPassword::MAX_CHARS))
}

fn volunteer_name() -> ObjectBuilder {
    plain_text(1, VolunteerName::MAX_CHARS)
}

fn skills() -> ArrayBuilder {
    ArrayBuilder::new().items(one_of_names(&names_of(&Skill::ALL)))
}

fn object(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(description))
}

/// A volunteer serves in a team or on their own: `team_id`, or `individual: true`.
fn team_or_individual() -> OneOfBuilder {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .property("team_id", id())
                .required("team_id")
                .property(
                    "individual",
                    ObjectBuilder::new().enum_values(Some([false])),
                ),
        )
        .item(
            ObjectBuilder::new()
                .property("individual", ObjectBuilder::new().enum_values(Some([true])))
                .required("individual")
                .property("team_id", null()),
        )
}

pub fn latitude() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .minimum(Some(-Coordinate::MAX_LAT))
        .maximum(Some(Coordinate::MAX_LAT))
        .description(Some("Latitude in degrees (WGS-84)"))
}

pub fn longitude() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .minimum(Some(-Coordinate::MAX_LON))
        .maximum(Some(Coordinate::MAX_LON))
        .description(Some("Longitude in degrees (WGS-84)"))
}

fn account_form() -> ObjectBuilder {
    object("`POST /api/staff/accounts`.")
        .property(
            "login",
            string()
                .pattern(Some({
                    let (w, c) = (space(), control());
                    let (min, max) = (crate::accounts::MIN_LOGIN_CHARS, LoginForm::MAX_LOGIN_CHARS);
                    format!("^[{w}]*[^{w}{c}]{{{min},{max}}}[{w}]*$")
                }))
                .description(Some(
                    "3 to 40 characters without white space (white space around is trimmed).",
                )),
        )
        .required("login")
        .property(
            "display_name",
            plain_text(1, crate::accounts::SHORT_NAME_MAX_CHARS),
        )
        .required("display_name")
        .property("role", Ref::from_schema_name(StaffRole::name()))
        .required("role")
        .property(
            "password",
            password(NewPassword::MIN_CHARS).description(Some(
                "The first password; the server also refuses easily guessed ones.",
            )),
        )
        .required("password")
}

macro_rules! schema_of {
    ($($type:ty => $build:expr;)*) => {$(
        impl PartialSchema for $type {
            fn schema() -> RefOr<Schema> {
                $build.into()
            }
        }
        impl ToSchema for $type {}
    )*};
}

impl PartialSchema for crate::AccountForm {
    fn schema() -> RefOr<Schema> {
        account_form().into()
    }
}

impl ToSchema for crate::AccountForm {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        referred::<StaffRole>(schemas);
    }
}

schema_of! {
    crate::RegistrationForm => AllOfBuilder::new()
        .item(object("The registration form. A volunteer registers with a team (`team_id`) or on their own (`individual: true`), never both.")
            .property("name", volunteer_name())
            .required("name")
            .property("phone", string().pattern(Some(phone_pattern())).description(Some("A mainland mobile number as typed: spaces, dashes, dots, brackets and a +86, 0086 or 86 prefix are fine.")))
            .required("phone")
            .property("team_id", id_or_null())
            .property("individual", ObjectBuilder::new().schema_type(Type::Boolean))
            .property("skills", skills())
            .property("consent", ObjectBuilder::new().schema_type(Type::Boolean).enum_values(Some([true])).description(Some("The separate, explicit consent to processing personal information.")))
            .required("consent")
            .property("consent_version", one_of_names(&[crate::PRIVACY_NOTICE_VERSION]).description(Some("The version of the personal-information notice the person read.")))
            .required("consent_version")
            .property("access_key", access_key().description(Some("The personal link's key, drawn at random by the browser: 64 hexadecimal digits.")))
            .required("access_key"))
        .item(team_or_individual());

    crate::ProfileForm => AllOfBuilder::new()
        .item(object("`PUT /api/me`: the volunteer's corrections to their name, team and skills.")
            .property("name", volunteer_name())
            .required("name")
            .property("team_id", id_or_null())
            .property("individual", ObjectBuilder::new().schema_type(Type::Boolean))
            .property("skills", skills()))
        .item(team_or_individual());

    crate::ErasureRequest => object("`POST /api/me/erase`: the last four digits of the volunteer's mobile number, typed to confirm.")
        .examples([serde_json::json!({"phone_last_digits": "1234"})])
        .property("phone_last_digits", string().pattern(Some(last_digits_pattern())))
        .required("phone_last_digits");

    crate::SignupRequest => object("`POST /api/signups`.")
        .examples([serde_json::json!({"shift_id": 1})])
        .property("shift_id", id())
        .required("shift_id");

    crate::PasswordReset => object("`POST /api/staff/accounts/{id}/password`.")
        .property("password", password(NewPassword::MIN_CHARS))
        .required("password");

    crate::PasswordChange => object("`PUT /api/staff/session/password`.")
        .property("current_password", password(1))
        .required("current_password")
        .property("new_password", password(NewPassword::MIN_CHARS))
        .required("new_password");

    crate::LoginForm => object("`POST /api/staff/session`.")
        .examples([serde_json::json!({"login": "zhang.wei", "password": "湖里学雷锋 2026 春", "code": "123456"})])
        .property("login", string().max_length(Some(LoginForm::MAX_LOGIN_CHARS)).pattern(Some(format!("[^{}]", space()))))
        .required("login")
        .property("password", password(1))
        .required("password")
        .property("code", string().pattern(Some({
            let code = second_factor_pattern(true);
            let code = code.trim_start_matches('^').trim_end_matches('$');
            format!("^(?:[{}]*|{code})$", space())
        })).description(Some("For an account with a second factor: six digits from the authenticator app, or a recovery code. Blank or absent otherwise.")));

    crate::PasswordConfirmation => object("The account's password typed again.")
        .property("password", password(1))
        .required("password");

    crate::SecondFactorConfirmation => object("`PUT /api/staff/session/second-factor`: the app's current code.")
        .property("code", string().pattern(Some(second_factor_pattern(false))))
        .required("code");

    crate::BulkApproval => object("The ids of attendance records to approve (or to undo).")
        .examples([serde_json::json!({"ids": [1, 2]})])
        .property("ids", ArrayBuilder::new().items(id()).min_items(Some(1)).max_items(Some(BulkApproval::MAX_IDS)))
        .required("ids");

    crate::ReviewForm => {
        let reason = || plain_text(ReviewReason::MIN_CHARS, ReviewReason::MAX_CHARS);
        let minutes = || ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::Integer, Type::Null])).format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)));
        let decision = |name: &str| one_of_names(&[name]);
        let approve = ObjectBuilder::new()
            .property("decision", decision("approve")).required("decision")
            .property("minutes", minutes())
            .property("reason", string_or_null());
        let adjust = ObjectBuilder::new()
            .property("decision", decision("adjust")).required("decision")
            .property("minutes", integer(0, ReviewForm::MAX_MINUTES)).required("minutes")
            .property("reason", reason()).required("reason");
        let reject = ObjectBuilder::new()
            .property("decision", decision("reject")).required("decision")
            .property("minutes", minutes())
            .property("reason", reason()).required("reason");
        AllOfBuilder::new()
            .item(object("A decision on the minutes served: `approve`; `adjust` with the minutes that count instead and a reason; or `reject` with a reason.")
                .property("decision", one_of_names(&ReviewForm::DECISIONS))
                .required("decision"))
            .item(OneOfBuilder::new().item(approve).item(adjust).item(reject))
    };

    crate::InsuranceForm => object("The organiser's accident insurance for some high-risk shifts; dates are China Standard Time and inclusive.")
        .examples([serde_json::json!({"shift_ids": [1], "insurer": "中国人寿", "policy_number": "PICC-2026/0042", "covers_from": "2026-12-01", "covers_until": "2026-12-31"})])
        .property("shift_ids", ArrayBuilder::new().items(id()).min_items(Some(1)).max_items(Some(MAX_INSURED_SHIFTS)))
        .required("shift_ids")
        .property("insurer", plain_text(1, INSURER_MAX_CHARS))
        .required("insurer")
        .property("policy_number", string().min_length(Some(1)).max_length(Some(POLICY_NUMBER_MAX_CHARS)).pattern(Some(policy_number_pattern())))
        .required("policy_number")
        .property("covers_from", date())
        .required("covers_from")
        .property("covers_until", date().description(Some("On or after `covers_from`.")))
        .required("covers_until");

    crate::PointForm => {
        let text = |max| OneOfBuilder::new().item(null()).item(plain_text(1, max));
        let services = ArrayBuilder::new().items(one_of_names(&names_of(&Service::ALL)));
        let location = ObjectBuilder::new()
            .property("lat", latitude()).required("lat")
            .property("lon", longitude()).required("lon");
        object("Changes to a service point; a field left out (or null) stays as it is.")
            .property("name_zh", text(NAME_MAX_CHARS))
            .property("name_en", text(NAME_MAX_CHARS))
            .property("address_zh", text(ADDRESS_MAX_CHARS))
            .property("address_en", text(ADDRESS_MAX_CHARS))
            .property("opening_hours", OneOfBuilder::new().item(null()).item(<crate::OpeningHoursForm as PartialSchema>::schema()))
            .property("services", OneOfBuilder::new().item(null()).item(services))
            .property("location", OneOfBuilder::new().item(null()).item(location.description(Some("Moves the marker (WGS-84); the point must stay inside the district."))))
    };

    crate::OpeningHoursForm => {
        let [all_day, daily] = OPENING_HOURS_KINDS;
        OneOfBuilder::new()
            .description(Some("`all_day`, or `daily` with the times it opens and closes (China Standard Time)."))
            .item(ObjectBuilder::new()
                .property("kind", one_of_names(&[all_day])).required("kind")
                .property("opens", string_or_null())
                .property("closes", string_or_null()))
            .item(ObjectBuilder::new()
                .property("kind", one_of_names(&[daily])).required("kind")
                .property("opens", time()).required("opens")
                .property("closes", time()).required("closes"))
    };

    crate::DisplayLinkForm => object("`POST /api/staff/points/{id}/display-links`.")
        .examples([serde_json::json!({"label": "前台平板"})])
        .property("label", plain_text(1, crate::accounts::SHORT_NAME_MAX_CHARS).description(Some("Which device it is for, as staff will recognise it.")))
        .required("label");

    crate::TemplateForm => object("The same shift every week for the next `weeks` weeks; times are China Standard Time.")
        .property("point_id", id()).required("point_id")
        .property("organiser_unit_id", id()).required("organiser_unit_id")
        .property("duty", one_of_names(crate::manage::DUTIES)).required("duty")
        .property("capacity", capacity()).required("capacity")
        .property("required_training", training_or_blank())
        .property("weekday", string().pattern(Some(trimmed_name_pattern(crate::manage::WEEKDAYS, true, false)))).required("weekday")
        .property("starts", time()).required("starts")
        .property("ends", time().description(Some("`HH:MM` on the same day, after `starts`."))).required("ends")
        .property("weeks", integer(1, i64::from(MAX_TEMPLATE_WEEKS))).required("weeks")
        .property("first_date", OneOfBuilder::new().item(null()).item(date().description(Some("The first week to plan; without it, the coming one."))));

    crate::ShiftForm => object("One shift to create; times are RFC 3339 with their offset.")
        .examples([serde_json::json!({"point_id": 1, "organiser_unit_id": 1, "duty": "point_service", "starts_at": "2027-03-05T09:00:00+08:00", "ends_at": "2027-03-05T12:00:00+08:00", "capacity": 4})])
        .property("point_id", id()).required("point_id")
        .property("organiser_unit_id", id()).required("organiser_unit_id")
        .property("duty", one_of_names(crate::manage::DUTIES)).required("duty")
        .property("starts_at", date_time()).required("starts_at")
        .property("ends_at", date_time()).required("ends_at")
        .property("capacity", capacity()).required("capacity")
        .property("required_training", training_or_blank());

    crate::ShiftChangeForm => {
        let capacity_or_null = || OneOfBuilder::new().item(null()).item(capacity());
        OneOfBuilder::new()
            .description(Some("Changes to a shift: new times (both), more places, or both."))
            .item(ObjectBuilder::new()
                .property("starts_at", date_time()).required("starts_at")
                .property("ends_at", date_time()).required("ends_at")
                .property("capacity", capacity_or_null()))
            .item(ObjectBuilder::new()
                .property("starts_at", null())
                .property("ends_at", null())
                .property("capacity", capacity()).required("capacity"))
    };

    crate::TeamForm => object("A new volunteer team.")
        .examples([serde_json::json!({"name_zh": "禾山街道志愿服务队", "name_en": "Heshan Volunteers", "kind": "community"})])
        .property("name_zh", plain_text(1, NAME_MAX_CHARS)).required("name_zh")
        .property("name_en", plain_text(1, NAME_MAX_CHARS)).required("name_en")
        .property("kind", one_of_names(crate::manage::TEAM_KINDS)).required("kind")
        .property("unit_id", id_or_null());

    crate::UnitForm => object("A new partner unit.")
        .examples([serde_json::json!({"name_zh": "湖里区图书馆", "name_en": "Huli Library", "kind": "public_institution"})])
        .property("name_zh", plain_text(1, NAME_MAX_CHARS)).required("name_zh")
        .property("name_en", plain_text(1, NAME_MAX_CHARS)).required("name_en")
        .property("kind", one_of_names(crate::manage::UNIT_KINDS)).required("kind");

    crate::PairingForm => object("Pairs a unit with the point it staffs.")
        .examples([serde_json::json!({"point_id": 1})])
        .property("point_id", id()).required("point_id");

    crate::CertificateRequest => {
        let day = |description: &str| string()
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .pattern(Some(period_day_pattern()))
            .description(Some(description));
        object("The period a certificate is asked for.")
            .examples([serde_json::json!({"from": "2026-01-01", "to": "2026-12-31"})])
            .property("from", day("First day")).required("from")
            .property("to", day("Last day")).required("to")
    };

    crate::NewPersonalLink => object("A new personal link's key, drawn by the browser.")
        .property("access_key", access_key()).required("access_key");

    crate::StoryForm => object("A story about a volunteer, put to them for consent.")
        .examples([serde_json::json!({"volunteer_number": "HL0004217", "title": "The ferry terminal's living map", "body": "Every Saturday for ten years…"})])
        .property("volunteer_number", volunteer_number()).required("volunteer_number")
        .property("title", plain_text(1, crate::stories::TITLE_MAX_CHARS)).required("title")
        .property("body", paragraphs(crate::stories::BODY_MAX_CHARS).description(Some("Paragraphs separated by line breaks (\\n); no other control character."))).required("body");

    crate::TrainingSignupRequest => object("`POST /api/training-signups`.")
        .examples([serde_json::json!({"session_id": 1})])
        .property("session_id", id())
        .required("session_id");

    crate::TrainingAttendanceForm => object("One volunteer who came to the session.")
        .examples([serde_json::json!({"volunteer_number": "HL0004217"})])
        .property("volunteer_number", volunteer_number())
        .required("volunteer_number");

    crate::TrainingSessionForm => object("One training session to schedule; times are RFC 3339 with their offset.")
        .examples([serde_json::json!({"training": "traffic_rules", "organiser_unit_id": 1, "starts_at": "2027-03-05T09:00:00+08:00", "ends_at": "2027-03-05T11:00:00+08:00", "place": "Huli traffic police brigade, meeting room 2", "trainer": "Officer Chen", "capacity": 30})])
        .property("training", one_of_names(crate::trainings::TRAININGS)).required("training")
        .property("organiser_unit_id", id()).required("organiser_unit_id")
        .property("starts_at", date_time()).required("starts_at")
        .property("ends_at", date_time()).required("ends_at")
        .property("place", plain_text(1, crate::training_sessions::PLACE_MAX_CHARS)).required("place")
        .property("trainer", plain_text(1, crate::training_sessions::TRAINER_MAX_CHARS)).required("trainer")
        .property("capacity", capacity()).required("capacity")
        .property("valid_years", OneOfBuilder::new().item(null()).item(integer(1, i64::from(crate::trainings::MAX_VALID_YEARS)).description(Some("Years the training stays valid after attending; null or left out for its usual validity."))));

    crate::TrainingEntryForm => object("A training the volunteer did elsewhere, recorded by staff who saw the evidence.")
        .examples([serde_json::json!({"training": "first_aid", "completed_on": "2026-03-05", "evidence": "Red Cross first-aider certificate 3502-118"})])
        .property("training", one_of_names(crate::trainings::TRAININGS)).required("training")
        .property("completed_on", date().description(Some("The day it was completed; not after today (China Standard Time)."))).required("completed_on")
        .property("valid_years", OneOfBuilder::new().item(null()).item(integer(1, i64::from(crate::trainings::MAX_VALID_YEARS)).description(Some("Years it stays valid; null or left out for the training's usual validity (first aid 3 years, the others without end)."))))
        .property("evidence", plain_text(1, crate::trainings::EVIDENCE_MAX_CHARS).description(Some("What shows it was done: a certificate's number, the trainer, the organiser."))).required("evidence");
}

/// The roles an account form names, and the opening hours a point form names.
fn referred<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
    schemas.push((T::name().into_owned(), T::schema()));
    T::schemas(schemas);
}
