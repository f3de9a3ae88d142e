//! `/api/live`: the headline figures as a server-sent-events stream.

use crate::AppState;
use crate::error::AppError;
use crate::live::Live;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use huli_contract::Stats;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::broadcast::{Receiver, error::RecvError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(live))
}

/// The next snapshot for one subscriber. One that fell behind the backlog skips to the
/// newest snapshot: each is absolute, so nothing is lost by skipping.
async fn next(
    (mut receiver, live): (Receiver<Arc<Stats>>, Arc<Live>),
) -> Option<(Arc<Stats>, (Receiver<Arc<Stats>>, Arc<Live>))> {
    match receiver.recv().await {
        Ok(stats) => Some((stats, (receiver, live))),
        Err(RecvError::Lagged(_)) => {
            let receiver = receiver.resubscribe();
            let newest = live.latest().await?;
            Some((newest, (receiver, live)))
        }
        Err(RecvError::Closed) => None,
    }
}

/// Server-sent events named `stats`, each a whole `Stats` snapshot: the current one at
/// once, then one whenever a figure changes (a check-in, a check-out, a review), with a
/// comment every 15 seconds to keep proxies from closing the connection.
#[utoipa::path(
    get,
    path = "/api/live",
    tag = "stats",
    responses((status = 200, description = "`text/event-stream` of `stats` events, each a Stats snapshot", content_type = "text/event-stream"))
)]
async fn live(State(state): State<AppState>) -> Result<Response, AppError> {
    let (first, receiver) = state.live.subscribe().await?;
    let changes = stream::unfold((receiver, state.live.clone()), next);
    let live = state.live.clone();
    let closed = async move { live.closed().await };
    let events = stream::once(async { first })
        .chain(changes)
        .take_until(closed)
        .map(|stats| {
            let event = Event::default().event("stats").json_data(&*stats);
            Ok::<_, Infallible>(event.expect("Stats serialises"))
        });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response();
    // nginx and similar proxies would otherwise hold events back in a buffer.
    response.headers_mut().insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage;

    #[tokio::test]
    async fn a_subscriber_that_fell_behind_skips_to_the_newest_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("live.sqlite3").display());
        let live = Live::new(storage::open(&url).await.unwrap());
        let (first, receiver) = live.subscribe().await.unwrap();
        assert_eq!(first.on_duty_now, 0);
        // Far more changes than the backlog holds, while this subscriber reads nothing.
        for on_duty in 1..=100 {
            live.publish(Stats {
                on_duty_now: on_duty,
                ..(*first).clone()
            })
            .await;
        }
        let (snapshot, (mut receiver, _)) = next((receiver, live.clone())).await.unwrap();
        assert_eq!(snapshot.on_duty_now, 100, "the newest, not the oldest kept");
        live.publish(Stats {
            on_duty_now: 101,
            ..(*first).clone()
        })
        .await;
        assert_eq!(
            receiver.recv().await.unwrap().on_duty_now,
            101,
            "and then every change"
        );
    }
}
