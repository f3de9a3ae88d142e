//! An answer from the API to a question that can change while one is out: a filter, a
//! page of a list, a search. Each change asks again, and only the answer to the latest
//! question is kept, so a slow answer to an earlier question never replaces a later one.
//!
//! A `LocalResource` falls short here: while one request is out it misses a change made
//! in the meantime, and then shows the earlier question's answer for good (the browser
//! test "on a slow connection, an earlier filter's late answer never replaces the later
//! one's").

use crate::api::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

pub struct LatestAnswer<T: Send + Sync + 'static> {
    answer: RwSignal<Option<Result<T, ApiError>>>,
    asks: RwSignal<u64>,
}

impl<T: Send + Sync + 'static> Clone for LatestAnswer<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for LatestAnswer<T> {}

impl<T: Send + Sync + 'static> LatestAnswer<T> {
    /// `ask` reads the question from signals before its first `.await`, as a resource's
    /// fetcher does: a change to any of them asks again.
    pub fn new<Fut>(ask: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let answer = RwSignal::new(None);
        let asks = RwSignal::new(0_u64);
        Effect::new(move || {
            let question = asks.get() + 1;
            let asking = ask();
            asks.update_untracked(|n| *n = question);
            spawn_local(async move {
                let reply = asking.await;
                // Nothing to keep once the page asking was left while the answer was out.
                if asks.try_get_untracked() == Some(question) {
                    answer.set(Some(reply));
                }
            });
        });
        LatestAnswer { answer, asks }
    }

    /// Asks the same question again: after a write, or to retry.
    pub fn ask_again(&self) {
        self.asks.update(|n| *n += 1);
    }

    /// The latest answer, tracked; `None` until the first comes.
    pub fn get(&self) -> Option<Result<T, ApiError>>
    where
        T: Clone,
    {
        self.answer.get()
    }
}

/// The view of the latest answer: [`Loading`](crate::components::status::Loading) until the first, then `show` with each
/// answer in turn (the previous one stays in view while the next is out), or
/// [`LoadError`](crate::components::status::LoadError) with a retry.
#[cfg(feature = "staff-console")]
pub fn answered<T, V>(
    latest: LatestAnswer<T>,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    use crate::components::status::{LoadError, Loading};
    move || match latest.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(value)) => show(value).into_any(),
        Some(Err(error)) => {
            view! { <LoadError error retry=move || latest.ask_again() /> }.into_any()
        }
    }
}
