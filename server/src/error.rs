//! The server's one error type. Every failure becomes a JSON body in the contract's
//! `ApiErrorBody` shape, in the language the request asked for; a 500 says nothing of
//! its cause, which goes to the log instead.

use crate::storage::{Refusal, StorageError};
use crate::traditional::reading_of;
use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use huli_contract::{ApiErrorBody, ErrorCode, FieldError, Lang, Problem};

#[derive(Clone, Debug)]
pub enum AppError {
    /// The request could not be read (a path, query or body that does not parse).
    BadRequest(Vec<(String, Problem)>),
    /// The request was read, but fields are not acceptable: each with its reason.
    Unprocessable(Vec<(String, Problem)>),
    /// No valid personal link.
    Unauthorized,
    NotFound,
    /// A rule of the programme refuses what was asked: 409, or what the code calls for
    /// (401 to sign in, 403 not allowed, 413 too large).
    Refused(ErrorCode),
    /// Too many requests from this client, or the server is at a limit: 429 (503 for
    /// [`ErrorCode::ServerBusy`]), with `Retry-After`.
    Limited {
        code: ErrorCode,
        retry_after: std::time::Duration,
    },
    Internal(String),
}

impl AppError {
    pub fn bad_field(field: &str, problem: Problem) -> Self {
        AppError::BadRequest(vec![(field.to_owned(), problem)])
    }

    /// Query parameters refused: 400 when one does not parse, 422 when each parses but
    /// together they break a rule (two scopes at once, a period that ends before it
    /// starts), which the OpenAPI document cannot state about parameters.
    pub fn query(fields: Vec<(String, Problem)>) -> Self {
        let rules_only = (fields.iter()).all(|(_, problem)| {
            matches!(
                problem,
                Problem::OnlyOneScope | Problem::PeriodOutOfOrder { .. }
            )
        });
        if rules_only && !fields.is_empty() {
            AppError::Unprocessable(fields)
        } else {
            AppError::BadRequest(fields)
        }
    }

    fn code(&self) -> ErrorCode {
        match self {
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::Unprocessable(_) => ErrorCode::ValidationFailed,
            AppError::Unauthorized => ErrorCode::PersonalLinkInvalid,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::Refused(code) | AppError::Limited { code, .. } => *code,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unprocessable(_) | AppError::Refused(ErrorCode::IdempotencyKeyReused) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Unauthorized
            | AppError::Refused(
                ErrorCode::StaffSignInRequired
                | ErrorCode::SignInFailed
                | ErrorCode::SecondFactorNeeded
                | ErrorCode::SecondFactorFailed
                | ErrorCode::DisplayLinkInvalid,
            ) => StatusCode::UNAUTHORIZED,
            AppError::Refused(
                ErrorCode::NotAllowed
                | ErrorCode::ForgeryCheckFailed
                | ErrorCode::SecondFactorEnrolmentRequired,
            ) => StatusCode::FORBIDDEN,
            AppError::Refused(ErrorCode::BodyTooLarge) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Refused(ErrorCode::MethodNotAllowed) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Limited {
                code: ErrorCode::ServerBusy,
                ..
            } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Limited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Refused(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(&self, lang: Lang) -> ApiErrorBody {
        let fields = match self {
            AppError::BadRequest(fields) | AppError::Unprocessable(fields) => fields
                .iter()
                .map(|(field, problem)| FieldError {
                    field: field.clone(),
                    message: problem.message(lang),
                    problem: problem.clone(),
                })
                .collect(),
            AppError::Unauthorized
            | AppError::NotFound
            | AppError::Refused(_)
            | AppError::Limited { .. }
            | AppError::Internal(_) => Vec::new(),
        };
        ApiErrorBody {
            error: self.code(),
            message: self.code().message(lang).to_owned(),
            fields,
        }
    }

    fn render(&self, lang: Lang) -> Response {
        let mut response = (self.status(), Json(self.body(lang))).into_response();
        if matches!(self, AppError::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let AppError::Limited { retry_after, .. } = self {
            // Whole seconds, rounded up: a client that waits as told is let in.
            let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.tag()),
        );
        response
    }
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Rule(code) => AppError::Refused(code),
            Refusal::Field(field, problem) => AppError::Unprocessable(vec![(field, problem)]),
            Refusal::NotFound => AppError::NotFound,
        }
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        AppError::Internal(error.to_string())
    }
}

impl IntoResponse for AppError {
    /// Renders in the default language and leaves the error in the response's
    /// extensions, where [`localize_errors`] finds it and renders it again if the
    /// request asked for another language.
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let mut response = self.render(Lang::default());
        response.extensions_mut().insert(self);
        response
    }
}

/// The language a request asked for through `Accept-Language`.
pub fn request_lang(request: &Request) -> Lang {
    reading_of(request.headers()).lang()
}

/// Middleware: error bodies in the request's language.
pub async fn localize_errors(request: Request, next: Next) -> Response {
    let lang = request_lang(&request);
    let response = next.run(request).await;
    if lang == Lang::default() {
        return response;
    }
    match response.extensions().get::<AppError>() {
        Some(error) => error.render(lang),
        None => response,
    }
}
