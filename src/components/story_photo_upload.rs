//! A story's photo as staff choose it: [`PhotoField`], checked in the browser as the
//! server would (a JPEG, PNG or WebP of at most 8 MiB) as soon as it is chosen; and
//! [`StoryPhotoUpload`], which adds or replaces the photo of a story still waiting for
//! the volunteer's consent.

use crate::api;
use crate::browser;
use crate::components::status::problem_text;
use crate::i18n::{Locale, t, t_string, use_i18n};
use huli_contract::stories::PHOTO_MAX_BYTES;
use huli_contract::{Problem, StoryId, StoryRecord};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use web_sys::Blob;

/// The pictures the server reads, as a file input's `accept` and a `Blob`'s type name them.
const ACCEPTED: &str = "image/jpeg,image/png,image/webp";

/// A chosen photo, kept in the browser (a `Blob` is not `Send`).
pub type ChosenPhoto = RwSignal<Option<Blob>, LocalStorage>;

/// Why the server would refuse `photo`, in the page's language; `None` if it may go.
pub fn photo_problem(i18n: I18nContext<Locale>, photo: &Blob) -> Option<String> {
    let kind = photo.type_();
    // A type the browser does not know is the server's to judge.
    if !kind.is_empty() && !ACCEPTED.split(',').any(|accepted| accepted == kind) {
        return Some(crate::language::written(
            i18n.get_locale_untracked(),
            Problem::NotAPhoto.message(api::lang_of(i18n.get_locale_untracked())),
        ));
    }
    (photo.size() > PHOTO_MAX_BYTES as f64)
        .then(|| t_string!(i18n, stories.photo_too_large).to_owned())
}

/// The photo's label, hint, file input and error; the input empties when `photo` does.
#[component]
pub fn PhotoField(
    /// The input's id; the hint's and the error's start with it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: ViewFn,
    photo: ChosenPhoto,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        if photo.with(Option::is_none)
            && let Some(input) = input.get_untracked()
        {
            input.set_value("");
        }
    });
    let choose = move |ev: leptos::ev::Event| {
        let chosen = browser::chosen_file(&ev);
        problem.set(
            chosen
                .as_ref()
                .and_then(|chosen| photo_problem(i18n, chosen)),
        );
        photo.set(chosen);
    };
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <label for=id.clone()>{move || label.run()}</label>
        <p class="hint" id=hint_id.clone()>{t!(i18n, stories.photo_hint)}</p>
        <input type="file" id=id accept=ACCEPTED node_ref=input on:change=choose
            aria-describedby=format!("{hint_id} {error_id}")
            aria-invalid=move || problem.with(Option::is_some).to_string() />
        <p class="field-error" id=error_id>{move || problem.get()}</p>
    }
}

/// Adds or replaces the photo of `story`, which waits for the volunteer's consent.
#[component]
pub fn StoryPhotoUpload(
    story: StoryId,
    csrf: StoredValue<String>,
    /// Called with the story as it now is.
    #[prop(into)]
    on_uploaded: Callback<StoryRecord>,
) -> impl IntoView {
    let i18n = use_i18n();
    let photo: ChosenPhoto = RwSignal::new_local(None);
    let problem = RwSignal::new(None::<String>);
    let upload = Action::new_local(move |chosen: &Blob| {
        let (chosen, locale) = (chosen.clone(), i18n.get_locale_untracked());
        async move {
            match api::put_story_photo(story, &chosen, &csrf.get_value(), locale).await {
                Ok(record) => {
                    photo.set(None);
                    let _ = on_uploaded.try_run(record);
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        }
    });
    let pending = upload.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        match photo.get_untracked() {
            None => problem.set(Some(crate::language::written(
                i18n.get_locale_untracked(),
                Problem::Required.message(api::lang_of(i18n.get_locale_untracked())),
            ))),
            Some(chosen) => match photo_problem(i18n, &chosen) {
                Some(refused) => problem.set(Some(refused)),
                None => {
                    problem.set(None);
                    upload.dispatch_local(chosen);
                }
            },
        }
    };
    view! {
        <details class="show-link">
            <summary>{t!(i18n, stories.photo_change)}</summary>
            <form class="staff-exports" novalidate on:submit=submit>
                <PhotoField id=format!("story-{}-photo", story.0) label=move || t!(i18n, stories.photo_new)
                    photo problem />
                <button type="submit" class="secondary" aria-disabled=move || pending.get().to_string()>{t!(i18n, stories.photo_upload)}</button>
            </form>
        </details>
    }
}
