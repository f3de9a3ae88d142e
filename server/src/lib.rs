//! The Huli volunteer service's server: the JSON API, the OpenAPI document and the built
//! web app, in one stateless binary in front of one database.

mod access_key;
pub mod config;
pub mod error;
mod routes;
mod seed;
pub mod storage;

use chrono::Utc;
use config::Config;
use huli_contract::{MapConfig, china_standard_time};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use storage::{StorageError, Store};
use tokio::net::TcpListener;

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub map: Arc<MapConfig>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("configuration: {0}")]
    Config(String),
    #[error("listening on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A server bound to its address, ready to serve.
pub struct Server {
    listener: TcpListener,
    router: axum::Router,
}

impl Server {
    /// Opens (creating, migrating and, if configured, seeding) the database and binds
    /// the listening socket. Port 0 picks a free port; see [`Server::local_addr`].
    pub async fn start(config: &Config) -> Result<Server, StartError> {
        let map = Arc::new(config.map_config().map_err(StartError::Config)?);
        let store = storage::open(&config.database_url).await?;
        if config.seed {
            let now = Utc::now();
            let today = now.with_timezone(&china_standard_time()).date_naive();
            if store.seed_if_empty(&|| seed::programme(today, now)).await? {
                tracing::info!(%today, "seeded an empty database with the sample programme");
            }
        }
        let state = AppState { store, map };
        let router = routes::router(state, &config.dist_dir);
        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| StartError::Listen {
                    addr: config.listen,
                    source,
                })?;
        Ok(Server { listener, router })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound socket has an address")
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}
