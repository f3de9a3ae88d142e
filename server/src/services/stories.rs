//! Volunteer stories: staff write them, the volunteer they are about consents or not,
//! and may withdraw the consent at any time. Only a consented story is published.

use super::idempotent;
use super::records::staff_change;
use crate::storage::{
    EncodedPhoto, IdempotentRequest, Outcome, Refusal, StorageResult, Store, StoryFacts,
    VolunteerId, WriteTx,
};
use chrono::{DateTime, Utc};
use huli_contract::{
    AuditAction, ErrorCode, NewStory, Problem, StaffAccount, StoryId, StoryRecord, StoryStatus,
};
use serde_json::json;

/// Writes a story about a volunteer the account sees (administrators any); it waits
/// for the volunteer's consent.
pub async fn write(
    store: &dyn Store,
    by: &StaffAccount,
    story: &NewStory,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<StoryRecord>> {
    let Some(only_unit) = by.role.unit_scope() else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    };
    let mut tx = store.begin_write().await?;
    if !tx.volunteer_visible(only_unit, story.volunteer).await? {
        let field = "volunteer_number".to_owned();
        return Ok(Err(Refusal::Field(field, Problem::NoSuchVolunteer)));
    }
    let id = tx.insert_story(story, only_unit, by.id, now).await?;
    // The log names the story and whom it is about, not what it says.
    let after = json!({ "volunteer": story.volunteer });
    let change = staff_change(by, AuditAction::StoryWrite, subject(id), Some(after));
    tx.record_audit(by, change, now).await?;
    let facts = written(&mut *tx, id).await?;
    tx.commit().await?;
    Ok(Ok(facts.record))
}

/// Shows a photo on a story still waiting for consent: the volunteer consents to what
/// they saw, so an answered story keeps its photo.
pub async fn set_photo(
    store: &dyn Store,
    by: &StaffAccount,
    id: StoryId,
    photo: &EncodedPhoto,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<StoryRecord>> {
    let Some(only_unit) = by.role.unit_scope() else {
        return Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)));
    };
    let mut tx = store.begin_write().await?;
    let facts = tx.story_facts(id).await?;
    let Some(facts) = facts.filter(|f| only_unit.is_none() || f.unit == only_unit) else {
        return Ok(Err(Refusal::NotFound));
    };
    if facts.record.status != StoryStatus::AwaitingConsent {
        return Ok(Err(Refusal::Rule(ErrorCode::StoryAnswered)));
    }
    tx.set_story_photo(id, photo).await?;
    let after = json!({ "photo": photo.id });
    let change = staff_change(by, AuditAction::StoryPhoto, subject(id), Some(after));
    tx.record_audit(by, change, now).await?;
    let facts = written(&mut *tx, id).await?;
    tx.commit().await?;
    Ok(Ok(facts.record))
}

/// The volunteer's answer to a story about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Publish it.
    Consent,
    /// Decline it before, or withdraw the consent after publication: it leaves the
    /// public pages for good.
    Withdraw,
}

/// Records the volunteer's answer. Consent publishes a story waiting for it (again:
/// nothing changes); withdrawing unpublishes it, and a withdrawn story stays so.
pub async fn answer(
    store: &dyn Store,
    volunteer: VolunteerId,
    id: StoryId,
    answer: Answer,
    request: &IdempotentRequest,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<StoryRecord>> {
    idempotent(store, request, now, move |tx| {
        Box::pin(answer_in(tx, volunteer, id, answer, now))
    })
    .await
}

async fn answer_in(
    tx: &mut dyn WriteTx,
    volunteer: VolunteerId,
    id: StoryId,
    answer: Answer,
    now: DateTime<Utc>,
) -> StorageResult<Outcome<StoryRecord>> {
    let facts = tx.story_facts(id).await?;
    // Someone else's story reads as one that does not exist.
    let Some(facts) = facts.filter(|facts| facts.volunteer == volunteer) else {
        return Ok(Err(Refusal::NotFound));
    };
    let next = match (facts.record.status, answer) {
        (StoryStatus::AwaitingConsent, Answer::Consent) => StoryStatus::Published,
        (StoryStatus::AwaitingConsent | StoryStatus::Published, Answer::Withdraw) => {
            StoryStatus::Withdrawn
        }
        (StoryStatus::Published, Answer::Consent) | (StoryStatus::Withdrawn, Answer::Withdraw) => {
            return Ok(Ok(facts.record));
        }
        (StoryStatus::Withdrawn, Answer::Consent) => {
            return Ok(Err(Refusal::Rule(ErrorCode::StoryAnswered)));
        }
    };
    tx.set_story_status(id, next, now).await?;
    Ok(Ok(written(tx, id).await?.record))
}

fn subject(id: StoryId) -> String {
    format!("story/{}", id.0)
}

async fn written(tx: &mut dyn WriteTx, id: StoryId) -> StorageResult<StoryFacts> {
    Ok(tx
        .story_facts(id)
        .await?
        .expect("the story was written in this transaction"))
}
