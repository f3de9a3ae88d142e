//! The Huli volunteer service's server: the JSON API, the OpenAPI document and the built
//! web app, in one stateless binary in front of one database.

mod access_key;
mod calendar;
mod catalogue;
mod client_limits;
pub mod clock;
pub mod config;
pub mod error;
mod figures;
mod live;
mod public_reads;
pub mod rotating_code;
mod routes;
mod second_factor;
mod seed;
mod serve;
mod services;
pub mod staff_accounts;
mod staff_auth;
pub mod storage;
mod story_photo;
mod traditional;

use clock::Clock;
use config::Config;
use huli_contract::embed::EmbedSites;
use huli_contract::{MapConfig, china_standard_time};
use live::Change;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use storage::Heard;
use storage::{StorageError, Store};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// What every handler may use. Handlers and layers clone it for every request, so it is
/// one shared pointer: cloning five would cost five atomic counts per request.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub store: Arc<dyn Store>,
    pub live: Arc<live::Live>,
    /// What everyone reads, made once and kept until something it shows changes.
    pub public: Arc<public_reads::PublicReads>,
    pub map: Arc<MapConfig>,
    pub check_in_radius_m: f64,
    /// The sites allowed to frame the widgets under `/embed/`.
    pub embed_sites: Arc<EmbedSites>,
    pub clock: Clock,
    /// Proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    pub client_limits: client_limits::ClientLimits,
    /// One permit per open `/api/live` stream.
    pub live_slots: Arc<Semaphore>,
    pub password_checks: staff_auth::PasswordChecks,
    /// Volunteers are erased this many years after their last shift.
    pub retention_years: u32,
    /// The day (China Standard Time) the retention limit was last applied: once a day.
    pub retention_applied_on: std::sync::Mutex<Option<chrono::NaiveDate>>,
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
    live: Arc<live::Live>,
    clock: Clock,
    limits: serve::ConnectionLimits,
}

impl Server {
    /// Opens (creating, migrating and, if configured, seeding) the database and binds
    /// the listening socket. Port 0 picks a free port; see [`Server::local_addr`].
    pub async fn start(config: &Config) -> Result<Server, StartError> {
        Server::start_at(config, Clock::default()).await
    }

    /// [`Server::start`] on a given clock: a test restarts a server at the time its
    /// clock had reached.
    pub async fn start_at(config: &Config, clock: Clock) -> Result<Server, StartError> {
        let map = Arc::new(config.map_config().map_err(StartError::Config)?);
        let store = storage::open(&config.database_url).await?;
        if config.seed {
            let now = clock.now();
            let today = now.with_timezone(&china_standard_time()).date_naive();
            if store.seed_if_empty(&|| seed::programme(today, now)).await? {
                tracing::info!(%today, "seeded an empty database with the sample programme");
            }
        }
        let live = live::Live::new(store.clone(), clock.clone());
        let public = Arc::new(public_reads::PublicReads::default());
        store.listen_to_other_servers(Arc::new({
            let (live, public) = (live.clone(), public.clone());
            move |heard| {
                public.something_changed();
                match heard {
                    Heard::Change(Change::Programme) => {}
                    Heard::Change(change) => {
                        live.refresh_soon(change);
                    }
                    Heard::Missed => {
                        live.refresh_soon(Change::Approved);
                    }
                }
            }
        }));
        let state = AppState(Arc::new(Shared {
            store,
            live: live.clone(),
            public,
            map,
            check_in_radius_m: config.check_in_radius_m,
            embed_sites: Arc::new(EmbedSites {
                sites: config.embed_sites.clone(),
            }),
            clock: clock.clone(),
            trusted_proxies: config.trusted_proxies.clone(),
            client_limits: client_limits::ClientLimits::new(config.rate_limits, clock.clone()),
            live_slots: Arc::new(Semaphore::new(config.max_live_subscribers)),
            password_checks: staff_auth::PasswordChecks::default(),
            retention_years: config.retention_years,
            retention_applied_on: Default::default(),
        }));
        // What came due while no server ran (check-outs forgotten at shifts that ended)
        // is settled before the first request, so that the first answers already hold it.
        minute_jobs(&state).await;
        tokio::spawn(every_minute(state.clone()));
        let router = routes::router(state, &config.dist_dir);
        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| StartError::Listen {
                    addr: config.listen,
                    source,
                })?;
        Ok(Server {
            listener,
            router,
            live,
            clock,
            limits: serve::ConnectionLimits {
                header_timeout: std::time::Duration::from_secs(config.header_timeout_secs),
                max_connections: config.max_connections,
            },
        })
    }

    /// The clock the server acts at: tests move it forward.
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound socket has an address")
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) {
        let live = self.live;
        let shutdown = async move {
            shutdown.await;
            // Live streams never end by themselves; requests in flight still finish.
            live.close();
        };
        serve::serve(self.listener, self.router, self.limits, shutdown).await;
    }
}

/// Every minute (and once at start): closes the attendance of volunteers who forgot to
/// check out, at their shift's end, flagged for review; forgets day-old idempotency
/// answers, failed sign-ins and wrong check-in codes, and the request counts of clients
/// gone quiet; then refreshes the live counters, which also picks up changes made by
/// other servers on the same database. Runs until the runtime stops.
async fn every_minute(state: AppState) {
    let minute = std::time::Duration::from_secs(60);
    let mut every_minute = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
    loop {
        every_minute.tick().await;
        minute_jobs(&state).await;
    }
}

/// Erases the volunteers whose last shift ended more than the retention period ago,
/// on the first round of each day (China Standard Time).
async fn apply_retention_once_a_day(state: &AppState, now: chrono::DateTime<chrono::Utc>) {
    let today = now.with_timezone(&china_standard_time()).date_naive();
    {
        let mut applied_on = (state.retention_applied_on.lock()).unwrap_or_else(|e| e.into_inner());
        if *applied_on == Some(today) {
            return;
        }
        *applied_on = Some(today);
    }
    let Some(cutoff) = now.checked_sub_months(chrono::Months::new(12 * state.retention_years))
    else {
        return;
    };
    match services::rights::erase_past_retention(&*state.store, cutoff, now).await {
        Ok(0) => {}
        Ok(erased) => {
            tracing::info!(target: "security", event = "retention_erased", erased, "erased volunteers past the retention period");
            state.live.refresh_soon_after_write(Change::Attendance);
        }
        Err(error) => {
            tracing::error!(%error, "erasing volunteers past the retention period");
            // Tried again on the next round.
            *(state.retention_applied_on.lock()).unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}

/// One round of the minute's work.
async fn minute_jobs(state: &AppState) {
    let now = state.clock.now();
    match state.store.close_forgotten_check_outs(now).await {
        Ok(0) => {}
        Ok(closed) => {
            tracing::info!(closed, "closed forgotten check-outs for review");
            state.public.something_changed();
            if let Err(error) = state.store.announce(Change::Attendance).await {
                tracing::error!(%error, "telling the other servers of a change");
            }
        }
        Err(error) => tracing::error!(%error, "closing forgotten check-outs"),
    }
    if let Err(error) = state.store.forget_expired_answers(now).await {
        tracing::error!(%error, "forgetting expired idempotency answers");
    }
    let before = now - staff_auth::FAILURE_MEMORY;
    if let Err(error) = state.store.forget_failures(before).await {
        tracing::error!(%error, "forgetting old failed sign-ins and wrong codes");
    }
    state.client_limits.forget_idle_clients();
    apply_retention_once_a_day(state, now).await;
    // Time passing moves the rolling year, so approved minutes are reread too.
    state.live.refresh_here(Change::Approved).await;
}
