//! The staff API: signing in, the work on attendance, managing the programme, and
//! records and exports. Every route needs a session cookie; every state-changing one
//! also the session's anti-forgery token.

mod accounts;
mod attendance;
mod display_links;
mod exports;
mod extract;
mod manage;
mod records;
mod second_factor;
mod session;
mod stories;
mod training_sessions;
mod trainings;

use crate::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(session::router())
        .merge(second_factor::router())
        .merge(accounts::router())
        .merge(attendance::router())
        .merge(manage::router())
        .merge(records::router())
        .merge(trainings::router())
        .merge(training_sessions::router())
        .merge(stories::router())
        .merge(display_links::router())
        .merge(exports::router())
}
