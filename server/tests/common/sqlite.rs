//! SQLite databases for the server's tests: each test binary seeds one database, once,
//! and each test server starts on a copy of it (a file written from memory, far quicker
//! than seeding again), as the PostgreSQL tests copy a template database.

use sqlx::{Connection, Executor, SqliteConnection};
use std::path::Path;
use tokio::sync::OnceCell;

/// Writes a copy of this binary's seeded database at `file`.
pub async fn copy_seeded(file: &Path) {
    static SEEDED: OnceCell<Vec<u8>> = OnceCell::const_new();
    let seeded = SEEDED.get_or_init(seeded_database).await;
    std::fs::write(file, seeded).expect("the seeded database is copied");
}

/// The sample programme, seeded by the server itself, as one self-contained file's bytes.
async fn seeded_database() -> Vec<u8> {
    let dir = super::test_dir();
    let seeding = dir.path().join("seeding.sqlite3");
    let config = super::config(&format!("sqlite://{}", seeding.display()), &dir);
    super::seed_on_its_own_runtime(config);
    // One file, with what the write-ahead log beside it holds folded in.
    let copy = dir.path().join("seeded.sqlite3");
    let mut connection = SqliteConnection::connect(&format!("sqlite://{}", seeding.display()))
        .await
        .expect("the seeded database opens");
    let vacuum = format!("VACUUM INTO '{}'", copy.display());
    (connection.execute(vacuum.as_str()).await).expect("the seeded database is copied");
    connection
        .close()
        .await
        .expect("the seeded database closes");
    std::fs::read(copy).expect("the copy reads")
}
