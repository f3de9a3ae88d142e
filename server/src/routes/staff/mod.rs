//! The staff API: signing in, the work on attendance, managing the programme, and
//! records and exports. Every route needs a session cookie; every state-changing one
//! also the session's anti-forgery token.

mod accounts;
mod attendance;
mod exports;
mod extract;
mod manage;
mod records;
mod session;

use crate::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(session::router())
        .merge(accounts::router())
        .merge(attendance::router())
        .merge(manage::router())
        .merge(records::router())
        .merge(exports::router())
}
