//! Writing a volunteer's story in the console: whom it is about (their volunteer number),
//! its title and text, and a photo if there is one. The contract's own parser checks the
//! form before it is sent, so the message under each field is the server's; the server's
//! own refusals land in the same places. The story is written first, then its photo
//! sent; nothing is published until the volunteer agrees on their own page.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::status::{WriteOutcome, problem_text};
use crate::components::story_photo_upload::{ChosenPhoto, PhotoField, photo_problem};
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::stories::{BODY_MAX_CHARS, TITLE_MAX_CHARS};
use huli_contract::{Problem, StoryForm};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use web_sys::Blob;

#[component]
pub fn StoryWriter(
    csrf: StoredValue<String>,
    #[prop(into)] on_written: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || api::lang_of(i18n.get_locale());
    let (number, title, body) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let photo: ChosenPhoto = RwSignal::new_local(None);
    let photo_refused = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<(String, Problem)>::new());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let write = Action::new_local(move |(form, chosen): &(StoryForm, Option<Blob>)| {
        let (form, chosen, locale) = (form.clone(), chosen.clone(), i18n.get_locale_untracked());
        async move {
            let csrf = csrf.get_value();
            let written = match api::write_story(&form, &csrf, locale).await {
                Ok(written) => written,
                Err(ApiError::Refused(body)) if !body.fields.is_empty() => {
                    let found = body.fields.into_iter().map(|f| (f.field, f.problem));
                    problems.set(found.collect());
                    browser::focus_soon("story-form-problems");
                    return;
                }
                Err(error) => {
                    outcome.set(Some(Err(problem_text(i18n, error))));
                    return;
                }
            };
            let sent = match chosen {
                Some(chosen) => api::put_story_photo(written.story.id, &chosen, &csrf, locale)
                    .await
                    .map(|_| ())
                    .map_err(|error| problem_text(i18n, error)),
                None => Ok(()),
            };
            // The story is written either way: the form starts afresh.
            for field in [number, title, body] {
                field.set(String::new());
            }
            photo.set(None);
            let failed = |reason| format!("{} {reason}", t_string!(i18n, stories.photo_failed));
            outcome.set(Some(sent.map_err(failed)));
            // The page may have been left while the request was out.
            let _ = on_written.try_run(());
        }
    });
    let pending = write.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let form = StoryForm {
            volunteer_number: number.get_untracked(),
            title: title.get_untracked(),
            body: body.get_untracked(),
        };
        let chosen = photo.get_untracked();
        let refused = chosen
            .as_ref()
            .and_then(|chosen| photo_problem(i18n, chosen));
        outcome.set(None);
        problems.set(form.parse().err().unwrap_or_default());
        let fine = problems.with_untracked(Vec::is_empty) && refused.is_none();
        photo_refused.set(refused);
        if fine {
            write.dispatch_local((form, chosen));
        } else {
            browser::focus_soon("story-form-problems");
        }
    };
    let problem = move |field: &'static str| {
        move || {
            problems.with(|all| {
                (all.iter())
                    .find(|(f, _)| f == field)
                    .map(|(_, p)| crate::language::written(i18n.get_locale(), p.message(lang())))
            })
        }
    };
    let invalid = move |field: &'static str| move || problem(field)().is_some().to_string();
    let summary = move || {
        let any = !problems.with(Vec::is_empty) || photo_refused.with(Option::is_some);
        any.then(|| view! { <p>{t!(i18n, form_has_errors)}</p> })
    };
    let count = move || {
        let used = body.with(|text| text.chars().count());
        t!(i18n, stories.body_count, used = used, max = BODY_MAX_CHARS)
    };
    view! {
        <form class="staff-exports story-writer" novalidate on:submit=submit data-testid="story-writer">
            <h2>{t!(i18n, stories.write_heading)}</h2>
            <p class="hint">{t!(i18n, stories.write_hint)}</p>
            <div class="form-alert" id="story-form-problems" tabindex="-1">{summary}</div>
            <label for="story-volunteer">{t!(i18n, stories.volunteer_number)}</label>
            <input id="story-volunteer" type="text" autocomplete="off" spellcheck="false"
                aria-describedby="story-volunteer-error" aria-invalid=invalid("volunteer_number")
                prop:value=number on:input=move |ev| number.set(event_target_value(&ev)) />
            <p class="field-error" id="story-volunteer-error">{problem("volunteer_number")}</p>
            <label for="story-title">{t!(i18n, stories.title_label)}</label>
            <input id="story-title" type="text" maxlength=TITLE_MAX_CHARS.to_string()
                aria-describedby="story-title-error" aria-invalid=invalid("title")
                prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) />
            <p class="field-error" id="story-title-error">{problem("title")}</p>
            <label for="story-body">{t!(i18n, stories.body_label)}</label>
            <p class="hint" id="story-body-hint">{t!(i18n, stories.body_hint)}</p>
            <textarea id="story-body" rows="10" aria-describedby="story-body-hint story-body-count story-body-error"
                aria-invalid=invalid("body") prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <p class="hint" id="story-body-count">{count}</p>
            <p class="field-error" id="story-body-error">{problem("body")}</p>
            <PhotoField id="story-photo" label=move || t!(i18n, stories.photo_label) photo problem=photo_refused />
            <button type="submit" class="primary" aria-disabled=move || pending.get().to_string()>
                {t!(i18n, stories.write_submit)}
            </button>
            <WriteOutcome outcome>{t!(i18n, stories.written)}</WriteOutcome>
        </form>
    }
}
