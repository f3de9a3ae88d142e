use clap::Parser;
use huli_server::Server;
use huli_server::config::{Command, Config, LogFormat};
use huli_server::staff_accounts;
use tracing_subscriber::EnvFilter;

/// Every request allocates and frees a few dozen small buffers on two threads; glibc's
/// allocator spent a fifth of the server's time on them (`cargo xtask bench`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match config.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }

    if let Some(Command::CreateStaff { login, name }) = &config.command {
        return create_staff(&config.database_url, login, name).await;
    }

    if let Some(Command::Backup { to }) = &config.command {
        return match huli_server::storage::backup(&config.database_url, to).await {
            Ok(()) => {
                println!("backed up to {}", to.display());
                std::process::ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("could not back up: {error}");
                std::process::ExitCode::FAILURE
            }
        };
    }

    let server = match Server::start(&config).await {
        Ok(server) => server,
        Err(error) => {
            tracing::error!(%error, "could not start");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Scripts and tests read this line to learn the port (the listen port may be 0).
    println!("listening on http://{}", server.local_addr());
    tracing::info!(addr = %server.local_addr(), database = %config.database_for_logs(), dist = %config.dist_dir.display(), "serving");
    server.serve(shutdown_signal()).await;
    tracing::info!("stopped");
    std::process::ExitCode::SUCCESS
}

/// `create-staff`: the first administrator. The password comes on standard input, so
/// it stays out of the shell's history and the process list.
async fn create_staff(database_url: &str, login: &str, name: &str) -> std::process::ExitCode {
    eprintln!("Password for {login} (at least 12 characters), then Enter:");
    let mut password = String::new();
    if std::io::stdin().read_line(&mut password).is_err() {
        eprintln!("could not read the password");
        return std::process::ExitCode::FAILURE;
    }
    let password = password.trim_end_matches(['\r', '\n']);
    let created =
        staff_accounts::create_first_administrator(database_url, login, name, password).await;
    match created {
        Ok(id) => {
            println!("created administrator account {id}: {login}");
            println!("sign in at /staff; the console asks to set up two-step verification first");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("could not create the account: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
