//! The tests' authenticator app: it keeps the secrets staff enrolled, per database and
//! login (so a restarted server's accounts still sign in), and makes their RFC 6238
//! codes as a phone would, with totp-rs rather than the server's own code. Each code it
//! hands out is of a step it has not handed out before: the server accepts a step once.

use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use totp_rs::{Algorithm, Secret, TOTP};

struct Enrolled {
    totp: TOTP,
    last_step: u64,
}

static ENROLLED: LazyLock<Mutex<HashMap<(String, String), Enrolled>>> =
    LazyLock::new(Default::default);

/// Scans the secret the enrolment showed (base32 in groups).
pub fn scan(database: &str, login: &str, shown: &str) {
    let base32: String = shown.split_whitespace().collect();
    let secret = Secret::Encoded(base32).to_bytes().expect("base32");
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, secret, None, login.to_owned())
        .expect("a 160-bit secret");
    let enrolled = Enrolled { totp, last_step: 0 };
    let key = (database.to_owned(), login.to_owned());
    ENROLLED.lock().unwrap().insert(key, enrolled);
}

pub fn has(database: &str, login: &str) -> bool {
    let key = (database.to_owned(), login.to_owned());
    ENROLLED.lock().unwrap().contains_key(&key)
}

/// A code for the server's time `now`, of this step or the next (the server allows
/// one step either way), whichever is still unused; waits for the next step when both
/// are used.
pub async fn code(database: &str, login: &str, now: DateTime<Utc>) -> String {
    let key = (database.to_owned(), login.to_owned());
    let now_step = u64::try_from(now.timestamp()).unwrap() / 30;
    let last_step = ENROLLED.lock().unwrap()[&key].last_step;
    if last_step > now_step {
        let wait = (last_step + 1) * 30 - u64::try_from(now.timestamp()).unwrap();
        tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
        return Box::pin(code(
            database,
            login,
            now + chrono::Duration::seconds(wait as i64),
        ))
        .await;
    }
    let mut enrolled = ENROLLED.lock().unwrap();
    let enrolled = enrolled.get_mut(&key).unwrap();
    let step = now_step.max(enrolled.last_step + 1);
    enrolled.last_step = step;
    enrolled.totp.generate(step * 30)
}
