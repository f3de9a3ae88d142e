//! The staff API: signing in, and the work on attendance. Every route needs a session
//! cookie; every state-changing one also the session's anti-forgery token.

mod attendance;
mod extract;
mod session;

use crate::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(session::router())
        .merge(attendance::router())
}
