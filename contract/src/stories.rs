//! Volunteer stories: a short text, and perhaps a photo, that staff write about a
//! volunteer. A story is published only once that volunteer consents through their
//! personal link; the consent is recorded, and withdrawing it unpublishes the story.

use crate::manage::{Checks, Refused, plain_text};
use crate::{Problem, VolunteerNumber};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct StoryId(pub i64);

pub const TITLE_MAX_CHARS: usize = 60;
/// About a newspaper column's length.
pub const BODY_MAX_CHARS: usize = 2000;
/// The largest photo the server takes; it keeps a re-encoded copy of at most
/// [`PHOTO_MAX_SIDE`] pixels a side.
pub const PHOTO_MAX_BYTES: usize = 8 * 1024 * 1024;
pub const PHOTO_MAX_SIDE: u32 = 1200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StoryStatus {
    /// Written; the volunteer has not consented yet. Nobody else sees it.
    AwaitingConsent,
    /// The volunteer consented: on the public pages.
    Published,
    /// The volunteer withdrew their consent (or was erased): off the public pages, for
    /// good.
    Withdrawn,
}

/// A published story, as anyone reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryView {
    pub id: StoryId,
    pub title: String,
    /// Paragraphs separated by line breaks.
    pub body: String,
    /// The volunteer's name, as they agreed to be named.
    pub volunteer_name: String,
    /// The photo's address on this site, if the story has one.
    pub photo: Option<String>,
    pub published_at: DateTime<Utc>,
}

impl StoryView {
    /// The first paragraph, cut to `max` characters: a list's teaser, a link preview's
    /// description.
    pub fn summary(&self, max: usize) -> String {
        let first = self.body.lines().find(|line| !line.trim().is_empty());
        let first = first.unwrap_or_default().trim();
        match first.char_indices().nth(max) {
            Some((cut, _)) => format!("{}…", &first[..cut]),
            None => first.to_owned(),
        }
    }
}

/// A story as staff and the volunteer it is about see it, whatever its status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryRecord {
    pub story: StoryView,
    pub status: StoryStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "HL0004217"))]
    pub volunteer_number: VolunteerNumber,
    pub written_at: DateTime<Utc>,
    pub consented_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// `POST /api/staff/stories`: a story to put to the volunteer for consent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
// The schema: `crate::openapi_schemas`, built from the limits the parse checks.
#[serde(default)]
pub struct StoryForm {
    pub volunteer_number: String,
    pub title: String,
    /// Paragraphs separated by line breaks (`\n`).
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStory {
    pub volunteer: VolunteerNumber,
    pub title: String,
    pub body: String,
}

impl StoryForm {
    /// Every field's problem at once.
    pub fn parse(&self) -> Result<NewStory, Refused> {
        let mut checks = Checks::default();
        let volunteer = match self.volunteer_number.trim() {
            "" => Err(Problem::Required),
            text => {
                VolunteerNumber::try_from(text.to_owned()).map_err(|_| Problem::NoSuchVolunteer)
            }
        };
        let volunteer = checks.field("volunteer_number", volunteer);
        let title = checks.field("title", plain_text(&self.title, TITLE_MAX_CHARS));
        let body = checks.field("body", paragraphs(&self.body, BODY_MAX_CHARS));
        let story = (|| {
            Some(NewStory {
                volunteer: volunteer?,
                title: title?,
                body: body?,
            })
        })();
        checks.finish(story)
    }
}

/// Trimmed text of 1 to `max` characters that may break lines (`\n`) but holds no other
/// control character; runs of blank lines become one.
pub(crate) fn paragraphs(raw: &str, max: usize) -> Result<String, Problem> {
    if raw.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Problem::NotPlainText);
    }
    if raw.chars().count() > max {
        return Err(Problem::TooLong { max: max as u32 });
    }
    let kept: Vec<&str> = raw.split('\n').map(str::trim).collect();
    let mut text = String::new();
    for (n, line) in kept.iter().enumerate() {
        let after_blank = n > 0 && kept[n - 1].is_empty();
        match (line.is_empty(), after_blank) {
            (true, _) => {}
            (false, true) if !text.is_empty() => text.push_str("\n\n"),
            (false, _) if !text.is_empty() => text.push('\n'),
            (false, _) => {}
        }
        text.push_str(line);
    }
    if text.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_keeps_its_paragraphs_and_names_every_problem() {
        let form = StoryForm {
            volunteer_number: "HL0000042".into(),
            title: " 渡口的“活地图” ".into(),
            body: "  十年来，他每个周末都在轮渡码头。\n\n\n\n他说：“帮一个是一个。”\n  ".into(),
        };
        let story = form.parse().unwrap();
        assert_eq!(story.title, "渡口的“活地图”");
        assert_eq!(
            story.body,
            "十年来，他每个周末都在轮渡码头。\n\n他说：“帮一个是一个。”"
        );
        let wrong = StoryForm {
            volunteer_number: "42".into(),
            title: String::new(),
            body: "a\tb".into(),
        };
        assert_eq!(
            wrong.parse().unwrap_err(),
            [
                ("volunteer_number".to_owned(), Problem::NoSuchVolunteer),
                ("title".to_owned(), Problem::Required),
                ("body".to_owned(), Problem::NotPlainText),
            ]
        );
        assert_eq!(paragraphs(" \n \n", 10), Err(Problem::Required));
        assert_eq!(
            paragraphs(&"字".repeat(11), 10),
            Err(Problem::TooLong { max: 10 })
        );
    }

    #[test]
    fn a_summary_is_the_first_paragraph_cut_short() {
        let story = StoryView {
            id: StoryId(1),
            title: "t".into(),
            body: "第一段很长很长\n第二段".into(),
            volunteer_name: "陈".into(),
            photo: None,
            published_at: DateTime::UNIX_EPOCH,
        };
        assert_eq!(story.summary(4), "第一段很…");
        assert_eq!(story.summary(40), "第一段很长很长");
    }
}
