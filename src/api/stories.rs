//! Volunteer stories as anyone reads them once published, and as the volunteer they are
//! about answers for them with the personal link's key, as for a shift's sign-up.

use super::{ApiError, get_json, post_json};
use crate::i18n::Locale;
use huli_contract::{AccessKey, StoryId, StoryRecord, StoryView};

/// The published stories, newest first.
pub async fn stories(locale: Locale) -> Result<Vec<StoryView>, ApiError> {
    get_json("/api/stories", locale, None).await
}

/// One published story; [`ApiError::NotFound`] once withdrawn, or if it never was.
pub async fn story(id: StoryId, locale: Locale) -> Result<StoryView, ApiError> {
    get_json(&format!("/api/stories/{}", id.0), locale, None).await
}

/// Every story staff wrote about the volunteer, whatever its status.
pub async fn my_stories(key: &AccessKey, locale: Locale) -> Result<Vec<StoryRecord>, ApiError> {
    get_json("/api/me/stories", locale, Some(key)).await
}

/// The volunteer's answer for a story about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryAnswer {
    /// Publish it, with their name and photo.
    Consent,
    /// Decline it, or withdraw the consent given: off the public pages, for good.
    Withdraw,
}

pub async fn answer_story(
    key: &AccessKey,
    story: StoryId,
    answer: StoryAnswer,
    idempotency_key: &str,
    locale: Locale,
) -> Result<StoryRecord, ApiError> {
    let what = match answer {
        StoryAnswer::Consent => "consent",
        StoryAnswer::Withdraw => "withdraw",
    };
    let path = format!("/api/me/stories/{}/{what}", story.0);
    post_json(&path, locale, Some(key), idempotency_key, &()).await
}
