//! The OpenAPI document: what `utoipa` derives from the handlers, completed with the
//! answers every operation shares. Those come from what the operation takes (a path id,
//! a query, a body, an `Idempotency-Key`, a session), because the extractors that take
//! them are what give these answers; a handler documents only its own.

use huli_contract::openapi_schemas::period_day_pattern;
use huli_contract::{CertificateNumber, IdempotencyKey, StaffSession, VolunteerNumber};
use serde_json::{Map, Value, json};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    modifiers(&SecuritySchemes),
    // Schemas only query parameters name: utoipa-axum collects those of bodies and
    // answers by itself, not these.
    components(schemas(
        huli_contract::Lang,
        huli_contract::HoursGrouping,
        huli_contract::DutyKind,
        huli_contract::ReviewStatus,
        huli_contract::CheckInMethod
    )),
    info(
        title = "Huli District Lei Feng volunteer service",
        description = "Service points, sign-up and verified volunteer hours of Huli District, Xiamen. \
                       Errors share one body (`ApiErrorBody`) whose messages follow `Accept-Language` (zh or en)."
    ),
    tags(
        (name = "points", description = "The 30 Lei Feng service points"),
        (name = "volunteers", description = "Teams, registration and a volunteer's own record"),
        (name = "signups", description = "Shifts, sign-up, waitlist and cancellation"),
        (name = "trainings", description = "Training sessions: the upcoming ones, and a volunteer's sign-ups for them"),
        (name = "stories", description = "Volunteer stories, published with each volunteer's consent"),
        (name = "attendance", description = "Checking in and out at the points; served minutes pending review"),
        (name = "stats", description = "Verified volunteer hours and programme size"),
        (name = "staff", description = "The staff console: signing in, reviewing attendance, marking check-ins, \
                                        managing points, units, teams, shifts and insurance, exports, certificates \
                                        and the point display. State-changing requests carry the session's X-CSRF-Token"),
        (name = "health", description = "Liveness for load balancers")
    )
)]
struct ApiDoc;

/// Declares the schemes the endpoints name: the volunteer's personal link, the staff
/// session and its anti-forgery token, the point display's link.
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let bearer = |description: &str| {
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(description))
                    .build(),
            )
        };
        let session = ApiKey::Cookie(ApiKeyValue::with_description(
            crate::staff_auth::COOKIE,
            "The staff session, set by POST /api/staff/session; HttpOnly, SameSite=Lax; \
             behind HTTPS named __Host-huli_staff and Secure",
        ));
        let csrf = ApiKey::Header(ApiKeyValue::with_description(
            StaffSession::CSRF_HEADER,
            "The session's anti-forgery token (`csrf_token` of GET or POST /api/staff/session), \
             required beside the session on every state-changing staff request",
        ));
        let schemes = [
            (
                "personal_link",
                bearer(
                    "The key of the volunteer's personal link (/me#key=…), given once at registration",
                ),
            ),
            ("staff_session", SecurityScheme::ApiKey(session)),
            (
                "display_link",
                bearer(
                    "The key of a point's display link (/staff/screen#…), made by the point's staff",
                ),
            ),
            (CSRF_SCHEME, SecurityScheme::ApiKey(csrf)),
        ];
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, scheme) in schemes {
            components.add_security_scheme(name, scheme);
        }
    }
}

const CSRF_SCHEME: &str = "csrf_token";

/// The document's head: title, tags, schemes and the schemas only parameters name.
pub fn base() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The whole document, every operation's shared answers added.
pub fn complete(openapi: utoipa::openapi::OpenApi) -> Value {
    let mut document = serde_json::to_value(openapi).expect("the OpenAPI document serialises");
    let paths = document["paths"]
        .as_object_mut()
        .expect("the document has paths");
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            if let Some(operation) = operation.as_object_mut() {
                complete_operation(path, method, operation);
            }
        }
    }
    document
}

/// The numbers people read out (a volunteer's, a certificate's) that paths take.
fn number_pattern(path: &str, parameter: &str) -> Option<&'static str> {
    match parameter {
        "number" if path.starts_with("/api/staff/volunteers/") => Some(VolunteerNumber::PATTERN),
        "number" if path.starts_with("/api/staff/certificates/") => {
            Some(CertificateNumber::PATTERN)
        }
        _ => None,
    }
}

fn complete_operation(path: &str, method: &str, operation: &mut Map<String, Value>) {
    let writes = method != "get";
    let schemes: Vec<String> = (operation.get("security").and_then(Value::as_array))
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|requirement| requirement.keys().cloned())
        .collect();
    let mut answers: Vec<(u16, &str)> = Vec::new();
    let parameters = (operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut))
    .map(std::mem::take)
    .unwrap_or_default();
    let mut kept = Vec::with_capacity(parameters.len());
    for mut parameter in parameters {
        let place = parameter["in"].as_str().unwrap_or_default().to_owned();
        let name = parameter["name"].as_str().unwrap_or_default().to_owned();
        match place.as_str() {
            "path" => {
                answers.push((400, "A path parameter does not parse (an id below 1, say)"));
                answers.push((404, "Nothing has this id"));
                if parameter["schema"]["type"] == "integer" {
                    // Every id in a path is a row's id, counted from 1 (`parse_id`).
                    parameter["schema"]["minimum"] = json!(1);
                    parameter["example"] = json!(1);
                }
                if let Some(pattern) = number_pattern(path, &name) {
                    parameter["schema"]["pattern"] = json!(pattern);
                }
            }
            "query" => {
                answers.push((400, "A query parameter does not parse"));
                if matches!(name.as_str(), "from" | "to") {
                    // A period's first and last days (`Period::parse`).
                    parameter["schema"]["pattern"] = json!(period_day_pattern());
                }
            }
            "header" if name == IdempotencyKey::HEADER => {
                parameter["required"] = json!(true);
                parameter["schema"] = idempotency_key_schema();
                parameter["example"] = json!("3f1c2b4a-0d9e-4c1b-9a7f-5e6d2c1b0a98");
                answers.push((
                    400,
                    "The Idempotency-Key is missing or malformed, or the body does not parse",
                ));
                answers.push((
                    422,
                    "This Idempotency-Key came before with a different request",
                ));
            }
            _ => {}
        }
        kept.push(parameter);
    }
    if !kept.is_empty() {
        operation.insert("parameters".into(), Value::Array(kept));
    }
    if operation.contains_key("requestBody") {
        answers.push((400, "The body is not JSON of this shape"));
        answers.push((413, "The body is larger than the API reads"));
        answers.push((
            422,
            "A field is refused: `fields` names each, with the reason",
        ));
    }
    for scheme in &schemes {
        match scheme.as_str() {
            "staff_session" => {
                answers.push((
                    401,
                    "No staff session: never signed in, signed out, or timed out",
                ));
                answers.push((
                    403,
                    "Not this account's role or scope, or its second factor must be set up first",
                ));
            }
            "personal_link" => answers.push((401, "No valid personal link")),
            "display_link" => answers.push((401, "No valid display link")),
            _ => {}
        }
    }
    if writes && schemes.iter().any(|scheme| scheme == "staff_session") {
        // The anti-forgery token goes with the session on every staff write.
        if let Some(requirements) = operation.get_mut("security").and_then(Value::as_array_mut) {
            for requirement in requirements.iter_mut().filter_map(Value::as_object_mut) {
                if requirement.contains_key("staff_session") {
                    requirement.insert(CSRF_SCHEME.into(), json!([]));
                }
            }
        }
        answers.push((
            403,
            "Without the session's anti-forgery token, or from another site",
        ));
    }
    let responses = operation
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("responses is an object");
    for (status, description) in answers {
        responses.entry(status.to_string()).or_insert_with(|| {
            json!({
                "description": description,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiErrorBody"}}}
            })
        });
    }
}

/// What `IdempotencyKey::parse` accepts.
fn idempotency_key_schema() -> Value {
    let (shortest, longest) = IdempotencyKey::LENGTH;
    json!({
        "type": "string",
        "minLength": shortest,
        "maxLength": longest,
        "pattern": format!("^[A-Za-z0-9_-]{{{shortest},{longest}}}$"),
    })
}
