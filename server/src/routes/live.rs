//! `/api/live`: one scope's figures as a server-sent-events stream.

use crate::AppState;
use crate::error::AppError;
use crate::figures::AllFigures;
use crate::live::Live;
use crate::routes::stats::chosen_scope;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderName, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use huli_contract::{ErrorCode, Scope, ScopeQuery, Stats};
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::broadcast::{Receiver, error::RecvError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(live))
}

/// What one subscriber's stream carries from one snapshot to the next.
struct Subscription {
    receiver: Receiver<Arc<AllFigures>>,
    live: Arc<Live>,
    scope: Scope,
    /// The snapshot last sent, so a change elsewhere in the district sends nothing here.
    sent: Stats,
}

/// The next snapshot of the subscriber's scope that differs from the last one sent. One
/// that fell behind the backlog skips to the newest: each is absolute, so nothing is lost
/// by skipping. Ends when the hub closes or the scope no longer exists.
async fn next(mut subscription: Subscription) -> Option<(Stats, Subscription)> {
    loop {
        let figures = match subscription.receiver.recv().await {
            Ok(figures) => figures,
            Err(RecvError::Lagged(_)) => {
                subscription.receiver = subscription.receiver.resubscribe();
                subscription.live.current().await?
            }
            Err(RecvError::Closed) => return None,
        };
        let stats = figures.stats(subscription.scope)?;
        if !same_but_for_running_time(&stats, &subscription.sent) {
            subscription.sent = stats.clone();
            return Some((stats, subscription));
        }
    }
}

/// Whether a subscriber would see nothing new: the scope's figures (but for the running
/// time on duty) and the programme's size (a volunteer registering) are as sent.
fn same_but_for_running_time(stats: &Stats, sent: &Stats) -> bool {
    let size = |s: &Stats| {
        (
            s.year,
            s.service_points,
            s.partner_units,
            s.teams,
            s.volunteers,
        )
    };
    stats.figures.same_but_for_running_time(&sent.figures) && size(stats) == size(sent)
}

/// Server-sent events named `stats`, each a whole `Stats` snapshot of the scope chosen
/// by `point`, `team` or `unit` (the district without one): the current one at once,
/// then one whenever a figure of that scope changes (a check-in, a check-out, a review;
/// not the running time on duty, which clients advance by themselves between snapshots,
/// `on_duty_now` seconds every second), with a comment every 15 seconds to keep
/// proxies from closing the connection.
#[utoipa::path(
    get,
    path = "/api/live",
    tag = "stats",
    params(ScopeQuery),
    responses(
        (status = 200, description = "`text/event-stream` of `stats` events, each a Stats snapshot", content_type = "text/event-stream"),
        (status = 400, description = "An id that is not one", body = huli_contract::ApiErrorBody),
        (status = 422, description = "More than one scope", body = huli_contract::ApiErrorBody),
        (status = 404, description = "No such point, team or unit", body = huli_contract::ApiErrorBody),
        (status = 503, description = "As many subscribers as this server takes; see Retry-After", body = huli_contract::ApiErrorBody),
    )
)]
async fn live(
    State(state): State<AppState>,
    query: Result<Query<ScopeQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let scope = chosen_scope(query)?;
    // Each open stream holds a connection and a little memory for as long as it lasts.
    let slot = (state.live_slots.clone().try_acquire_owned()).map_err(|_| {
        tracing::warn!(target: "security", event = "live_subscribers_full", "a live subscriber refused: the server holds as many as it takes");
        AppError::Limited {
            code: ErrorCode::ServerBusy,
            retry_after: std::time::Duration::from_secs(30),
        }
    })?;
    let (figures, receiver) = (state.live.subscribe().await)
        .ok_or_else(|| AppError::Internal("the counters could not be computed".into()))?;
    let first = figures.stats(scope).ok_or(AppError::NotFound)?;
    let subscription = Subscription {
        receiver,
        live: state.live.clone(),
        scope,
        sent: first.clone(),
    };
    let live = state.live.clone();
    let closed = async move { live.closed().await };
    let events = stream::once(async { first })
        .chain(stream::unfold(subscription, next))
        .take_until(closed)
        .map(move |stats| {
            // The subscriber's slot is given back when its stream is dropped.
            let _held = &slot;
            let event = Event::default().event("stats").json_data(&stats);
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
    use crate::clock::Clock;
    use crate::storage::{self, CountingPeriod, Served, Tally, TallyGroup};
    use huli_contract::{PointId, TeamId};

    fn figures(on_duty_at_point_1: u32) -> AllFigures {
        figures_with(on_duty_at_point_1, 1)
    }

    fn figures_with(on_duty_at_point_1: u32, volunteers: u32) -> AllFigures {
        let tally = Tally {
            groups: vec![TallyGroup {
                point: PointId(1),
                team: Some(TeamId(1)),
                unit: 1,
                served: Served {
                    on_duty: on_duty_at_point_1,
                    ..Served::default()
                },
            }],
            points: vec![PointId(1), PointId(2)],
            teams: vec![TeamId(1)],
            units: vec![1],
            volunteers,
        };
        AllFigures::add_up(
            &[],
            &tally,
            CountingPeriod::ending_at(Clock::default().now()),
        )
    }

    async fn subscription(scope: Scope) -> Subscription {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("live.sqlite3").display());
        let live = Live::new(storage::open(&url).await.unwrap(), Clock::default());
        live.publish(figures(0));
        let (first, receiver) = live.subscribe().await.unwrap();
        Subscription {
            receiver,
            live,
            scope,
            sent: first.stats(scope).unwrap(),
        }
    }

    #[tokio::test]
    async fn a_volunteer_registering_is_sent_though_no_figure_of_the_scope_moved() {
        let subscription = subscription(Scope::District).await;
        subscription.live.publish(figures_with(0, 2));
        let (stats, _) = next(subscription).await.unwrap();
        assert_eq!(stats.volunteers, 2);
    }

    #[tokio::test]
    async fn a_subscriber_that_fell_behind_skips_to_the_newest_snapshot() {
        let subscription = subscription(Scope::District).await;
        let live = subscription.live.clone();
        // Far more changes than the backlog holds, while this subscriber reads nothing.
        for on_duty in 1..=100 {
            live.publish(figures(on_duty));
        }
        let (stats, subscription) = next(subscription).await.unwrap();
        assert_eq!(
            stats.figures.on_duty_now, 100,
            "the newest, not the oldest kept"
        );
        live.publish(figures(101));
        let (stats, _) = next(subscription).await.unwrap();
        assert_eq!(stats.figures.on_duty_now, 101, "and then every change");
    }

    #[tokio::test]
    async fn a_change_elsewhere_sends_nothing_to_a_scoped_subscriber() {
        let subscription = subscription(Scope::Point(PointId(2))).await;
        let live = subscription.live.clone();
        live.publish(figures(3));
        let waiting =
            tokio::time::timeout(std::time::Duration::from_millis(100), next(subscription));
        assert!(waiting.await.is_err(), "point 2 did not change");
    }
}
