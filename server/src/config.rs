//! Configuration from command-line flags, each with an environment variable beside it.

use clap::{Parser, ValueEnum};
use huli_contract::embed::SiteOrigin;
use huli_contract::{Lang, MapConfig, TileLayer};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

#[derive(Clone, Debug, Parser)]
#[command(
    name = "huli-server",
    version,
    about = "Huli District Lei Feng volunteer service: API and web app"
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "HULI_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Database to use: `sqlite://PATH`, created and migrated on first start, or
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, an existing database that is
    /// migrated on first start (and seeded with `--seed`).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://var/huli.sqlite3"
    )]
    pub database_url: String,

    /// Folder holding the built web app (Trunk's `dist`).
    #[arg(long, env = "HULI_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// Load the sample programme into an empty database (30 points, a year of history,
    /// 8,500 made-up volunteers). Off by default, so that a mistyped database URL in
    /// production starts empty instead of publishing sample data as real; `cargo xtask
    /// run` turns it on. Every page says so while the sample programme is loaded.
    #[arg(long, env = "HULI_SEED", default_value_t = false, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub seed: bool,

    /// Addresses of the reverse proxies in front of this server, comma-separated. Only
    /// their `X-Forwarded-For` is believed when telling clients apart for the limits.
    #[arg(long, env = "HULI_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,

    /// Per-client limits on registration, sign-in, sign-up, check-in and staff search.
    /// Only benchmarks that play thousands of volunteers from one address turn them off.
    #[arg(long, env = "HULI_RATE_LIMITS", default_value_t = true, action = clap::ArgAction::Set)]
    pub rate_limits: bool,

    /// Open connections this server holds at most; more wait to be accepted.
    #[arg(long, env = "HULI_MAX_CONNECTIONS", default_value_t = 16_384)]
    pub max_connections: usize,

    /// Live-counter streams (`/api/live`) this server holds at most; more get 503.
    #[arg(long, env = "HULI_MAX_LIVE_SUBSCRIBERS", default_value_t = 12_000)]
    pub max_live_subscribers: usize,

    /// Seconds a client has to send a request's headers, and that an idle connection
    /// stays open between requests.
    #[arg(long, env = "HULI_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,

    /// Raster tiles under the map: `none` (the district outline alone, needs no outside
    /// server), `osm` (OpenStreetMap) or `tianditu` (needs `--tianditu-key`).
    #[arg(long, env = "HULI_MAP_TILES", value_enum, default_value_t = MapTiles::None)]
    pub map_tiles: MapTiles,

    /// Tianditu browser key, for `--map-tiles tianditu`.
    #[arg(long, env = "HULI_TIANDITU_KEY")]
    pub tianditu_key: Option<String>,

    /// Log line format: `text` for people, `json` for log collectors.
    #[arg(long, env = "HULI_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// How near a service point (in metres) a phone must be to check in by location.
    #[arg(long, env = "HULI_CHECK_IN_RADIUS_M", default_value_t = huli_contract::DEFAULT_CHECK_IN_RADIUS_M)]
    pub check_in_radius_m: f64,

    /// Websites allowed to frame the widgets under `/embed/`, as comma-separated origins
    /// (`https://www.huli.gov.cn,https://jiangtou.huli.gov.cn`). Every other page refuses
    /// to be framed anywhere.
    #[arg(long, env = "HULI_EMBED_SITES", value_delimiter = ',', value_parser = site_origin)]
    pub embed_sites: Vec<SiteOrigin>,

    /// Years after their last shift (or, without one, their registration) that a
    /// volunteer's personal information is kept; a daily job then erases it. The
    /// privacy notice promises 3.
    #[arg(long, env = "HULI_RETENTION_YEARS", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub retention_years: u32,

    /// Without a command the server serves; `create-staff` adds the first administrator,
    /// `backup` copies the database.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Debug, clap::Subcommand)]
pub enum Command {
    /// Creates the first administrator in the configured database, reading its
    /// password from standard input (at least 12 characters); refused once an enabled
    /// administrator exists. There is no default account or password: every other
    /// account is made by an administrator in the console.
    CreateStaff {
        /// The name to sign in with (3 to 40 characters).
        #[arg(long)]
        login: String,
        /// The name the console and the audit log show.
        #[arg(long)]
        name: String,
    },
    /// Copies the SQLite database, consistent even while the server runs, into a new
    /// file `to`; restore by starting the server on the copy. (PostgreSQL: `pg_dump`.)
    Backup {
        /// The file to create; it must not exist yet.
        to: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MapTiles {
    None,
    Osm,
    Tianditu,
}

impl Config {
    /// The map's tile layers, or why this configuration cannot have them.
    pub fn map_config(&self) -> Result<MapConfig, String> {
        let tile_layers = match (self.map_tiles, self.tianditu_key.as_deref()) {
            (MapTiles::None, _) => Vec::new(),
            (MapTiles::Osm, _) => vec![TileLayer {
                url_template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
                subdomains: Vec::new(),
                attribution: r#"&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors"#.into(),
                max_zoom: 19,
            }],
            (MapTiles::Tianditu, Some(key)) if !key.trim().is_empty() => ["vec", "cva"]
                .into_iter()
                .map(|layer| TileLayer {
                    url_template: format!(
                        "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0\
                         &LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles\
                         &TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
                    ),
                    subdomains: (0..8).map(|n| n.to_string()).collect(),
                    attribution: r#"&copy; <a href="https://www.tianditu.gov.cn/">天地图</a>"#.into(),
                    max_zoom: 18,
                })
                .collect(),
            (MapTiles::Tianditu, _) => {
                return Err("--map-tiles tianditu needs --tianditu-key (HULI_TIANDITU_KEY)".into());
            }
        };
        Ok(MapConfig { tile_layers })
    }
}

fn site_origin(raw: &str) -> Result<SiteOrigin, String> {
    SiteOrigin::parse(raw).map_err(|problem| problem.message(Lang::En))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// The database URL without its password (in the credentials or the query), for
    /// logs.
    pub fn database_for_logs(&self) -> String {
        match self.database_url.split_once('?') {
            Some((url, query)) => {
                let query: Vec<&str> = (query.split('&'))
                    .map(|pair| match pair.split_once('=') {
                        Some(("password", _)) => "password=***",
                        _ => pair,
                    })
                    .collect();
                format!("{}?{}", without_password(url), query.join("&"))
            }
            None => without_password(&self.database_url),
        }
    }
}

/// `url` with the password of its credentials, if any, hidden.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, place)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{place}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Config {
        Config::try_parse_from(std::iter::once("huli-server").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn tiles_are_off_unless_configured() {
        assert!(config(&[]).map_config().unwrap().tile_layers.is_empty());
        let osm = config(&["--map-tiles", "osm"]).map_config().unwrap();
        assert_eq!(osm.tile_layers.len(), 1);
        assert!(osm.tile_layers[0].attribution.contains("OpenStreetMap"));
    }

    #[test]
    fn embed_sites_are_origins() {
        assert!(config(&[]).embed_sites.is_empty());
        let sites = config(&[
            "--embed-sites",
            "https://www.huli.gov.cn/,http://localhost:8081",
        ]);
        let sites: Vec<&str> = sites.embed_sites.iter().map(SiteOrigin::as_str).collect();
        assert_eq!(sites, ["https://www.huli.gov.cn", "http://localhost:8081"]);
        let wrong = [
            "huli-server",
            "--embed-sites",
            "https://www.huli.gov.cn/news",
        ];
        assert!(Config::try_parse_from(wrong).is_err());
    }

    #[test]
    fn tianditu_needs_its_key_and_carries_it() {
        assert!(config(&["--map-tiles", "tianditu"]).map_config().is_err());
        let layers = config(&["--map-tiles", "tianditu", "--tianditu-key", "k123"])
            .map_config()
            .unwrap()
            .tile_layers;
        assert_eq!(layers.len(), 2, "base map and labels");
        assert!(
            layers
                .iter()
                .all(|l| l.url_template.contains("tk=k123") && l.url_template.contains("{z}"))
        );
        assert!(
            layers[0].url_template.contains("LAYER=vec&STYLE"),
            "{}",
            layers[0].url_template
        );
    }

    #[test]
    fn logs_never_show_the_database_password() {
        let shown = |url: &str| config(&["--database-url", url]).database_for_logs();
        let secret = "postgres://huli:s3cret@db.internal:5432/huli";
        assert_eq!(shown(secret), "postgres://huli:***@db.internal:5432/huli");
        let plain = "postgres://huli@127.0.0.1/huli";
        assert_eq!(shown(plain), plain);
        assert_eq!(
            shown("sqlite://var/huli.sqlite3"),
            "sqlite://var/huli.sqlite3"
        );
        let query = "postgres://db.internal/huli?user=huli&password=s3cret&sslmode=require";
        assert_eq!(
            shown(query),
            "postgres://db.internal/huli?user=huli&password=***&sslmode=require"
        );
    }
}
