//! What a page shows while its data loads, and when loading fails.

use crate::api::ApiError;
use crate::i18n::{Locale, t, t_string, use_i18n};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }
}

/// The failure in the user's language, with a way to try again.
#[component]
pub fn LoadError(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || match &error {
        ApiError::Network => t!(i18n, error_network).into_any(),
        ApiError::Refused(body) | ApiError::Server(Some(body)) => body.message.clone().into_any(),
        ApiError::Unauthorized => t!(i18n, error_personal_link).into_any(),
        ApiError::Server(None) | ApiError::NotFound => t!(i18n, error_server).into_any(),
    };
    view! {
        <div class="load-error" role="alert">
            <p>{message}</p>
            <button type="button" on:click=move |_| retry.run(())>{t!(i18n, retry)}</button>
        </div>
    }
}

/// What came of a write, the same way on every form: `children` said politely once it
/// succeeded, the reason in an alert when it failed.
#[component]
pub fn WriteOutcome(
    outcome: RwSignal<Option<Result<(), String>>>,
    children: ChildrenFn,
) -> impl IntoView {
    let done = StoredValue::new(children);
    view! {
        <div role="status" aria-live="polite">
            {move || matches!(outcome.get(), Some(Ok(()))).then(|| view! { <p class="success">{done.with_value(|done| done())}</p> })}
        </div>
        <div role="alert">
            {move || match outcome.get() {
                Some(Err(problem)) => Some(view! { <p class="refusal">{problem}</p> }),
                _ => None,
            }}
        </div>
    }
}

/// The view of a resource from the API: [`Loading`] until it answers, then `show`
/// with its value, or [`LoadError`] with a retry.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(value) => Either::Left(show(value)),
                    Err(error) => Either::Right(view! { <LoadError error retry=move || resource.refetch() /> }),
                }
            })}
        </Suspense>
    }
}

/// `show` with `first`, the value the server drew the page with, if there is one; else
/// as [`loaded`], from `load`.
pub fn loaded_or_first<T, V, Fut>(
    first: Option<T>,
    load: impl Fn() -> Fut + 'static,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> AnyView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    match first {
        Some(value) => show(value).into_any(),
        None => loaded(LocalResource::new(load), show).into_any(),
    }
}

/// What a refused or failed request says, in words to show beside the control: the
/// refused fields' reasons, else the refusal's message, else a network or server note.
pub fn problem_text(i18n: I18nContext<Locale>, error: ApiError) -> String {
    match error {
        ApiError::Refused(body) | ApiError::Server(Some(body)) => {
            let fields: Vec<String> = body.fields.into_iter().map(|f| f.message).collect();
            if fields.is_empty() {
                body.message
            } else {
                fields.join(" ")
            }
        }
        ApiError::Network => t_string!(i18n, error_network).to_owned(),
        _ => t_string!(i18n, error_server).to_owned(),
    }
}
