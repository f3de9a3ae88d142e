//! Training sessions as volunteers see them: the upcoming ones, and their own sign-ups,
//! made and cancelled with the personal link's key as a shift's are.

use super::{ApiError, get_json, post_json};
use crate::i18n::Locale;
use crate::point_filter::enum_name;
use huli_contract::{
    AccessKey, Training, TrainingSessionId, TrainingSessionView, TrainingSignupId,
    TrainingSignupRequest, TrainingSignupView,
};

/// The sessions that have not started, soonest first: of every training, or of `training`.
pub async fn training_sessions(
    training: Option<Training>,
    locale: Locale,
) -> Result<Vec<TrainingSessionView>, ApiError> {
    let path = match training {
        Some(training) => format!("/api/training-sessions?training={}", enum_name(&training)),
        None => "/api/training-sessions".to_owned(),
    };
    get_json(&path, locale, None).await
}

pub async fn sign_up_for_training(
    key: &AccessKey,
    session_id: TrainingSessionId,
    idempotency_key: &str,
    locale: Locale,
) -> Result<TrainingSignupView, ApiError> {
    let body = TrainingSignupRequest { session_id };
    let path = "/api/training-signups";
    post_json(path, locale, Some(key), idempotency_key, &body).await
}

pub async fn cancel_training_signup(
    key: &AccessKey,
    signup: TrainingSignupId,
    idempotency_key: &str,
    locale: Locale,
) -> Result<TrainingSignupView, ApiError> {
    let path = format!("/api/training-signups/{}/cancel", signup.0);
    post_json(&path, locale, Some(key), idempotency_key, &()).await
}

/// The volunteer's sign-ups for sessions that have not ended, cancelled ones too.
pub async fn my_training_signups(
    key: &AccessKey,
    locale: Locale,
) -> Result<Vec<TrainingSignupView>, ApiError> {
    get_json("/api/me/training-signups", locale, Some(key)).await
}
