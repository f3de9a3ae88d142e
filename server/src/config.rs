//! Configuration from command-line flags, each with an environment variable beside it.

use clap::{Parser, ValueEnum};
use std::net::SocketAddr;
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

    /// Database to use; `sqlite://PATH` is created, migrated and seeded on first start.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://var/huli.sqlite3"
    )]
    pub database_url: String,

    /// Folder holding the built web app (Trunk's `dist`).
    #[arg(long, env = "HULI_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// Load the sample programme into an empty database (30 points, a year of history).
    #[arg(long, env = "HULI_SEED", default_value_t = true, action = clap::ArgAction::Set)]
    pub seed: bool,

    /// Log line format: `text` for people, `json` for log collectors.
    #[arg(long, env = "HULI_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}
