//! Staff sign-in: passwords hashed with argon2id, session tokens of which only a hash is
//! stored, and the anti-forgery token derived from the session.

use crate::error::AppError;
use crate::storage::{SignInFailures, StorageResult, Store, StoredSession};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};
use huli_contract::{ErrorCode, NewPassword, Problem};
use rand::TryRngCore;
use sha2::{Digest, Sha256};

/// The session cookie's name over plain HTTP (a machine of one's own, a test).
pub const COOKIE: &str = "huli_staff";

/// The session cookie's name behind HTTPS: browsers accept a `__Host-` cookie only with
/// `Secure`, `Path=/` and no `Domain`, so no site on a sibling subdomain can set or
/// overwrite it, and the server accepts no other there.
pub const SECURE_COOKIE: &str = "__Host-huli_staff";

/// The session cookie's name for a request that came over HTTPS or not.
pub fn cookie_name(over_https: bool) -> &'static str {
    if over_https { SECURE_COOKIE } else { COOKIE }
}

/// A session ends after this long without a request…
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// …and after this long in any case: staff sign in again each working day.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

/// A session's last request is written down at most this often, so that reading the
/// console costs no write per request; the idle timeout is therefore this much coarse.
const SEEN_EVERY: Duration = Duration::minutes(1);

/// Failed sign-ins one client may make for one login before it waits.
const FREE_FAILURES: u32 = 5;
/// The first wait; each further failure doubles it, up to [`LONGEST_WAIT`].
const FIRST_WAIT: Duration = Duration::seconds(30);
const LONGEST_WAIT: Duration = Duration::hours(1);
/// Where wrong second-factor codes are counted for an account from every client
/// together, in place of a client's address.
pub const CODES_FROM_ANY_CLIENT: &str = "second-factor codes, any client";
/// Failures older than this no longer count, and the minute's job deletes them.
pub const FAILURE_MEMORY: Duration = Duration::hours(24);

/// How long a client must still wait before it may try `login` again, after the
/// failures it made for that login; `None` when it may try now. Counting per login and
/// client means a stranger's failures make the stranger wait, never the account's owner.
pub fn sign_in_wait(failures: SignInFailures, now: DateTime<Utc>) -> Option<Duration> {
    let last = failures.last?;
    let beyond_free = failures.count.checked_sub(FREE_FAILURES)?;
    let wait = (0..beyond_free.min(16)).fold(FIRST_WAIT, |wait, _| (wait * 2).min(LONGEST_WAIT));
    let remaining = last + wait - now;
    (remaining > Duration::zero()).then_some(remaining)
}

/// The session behind a cookie's hash, if it is alive at `now`. A
/// cookie nobody was given costs one read and no write; a live session is marked as
/// seen at most once per [`SEEN_EVERY`], and an expired one is closed.
pub async fn signed_in(
    store: &dyn Store,
    token_hash: &[u8; 32],
    now: DateTime<Utc>,
) -> StorageResult<Option<StoredSession>> {
    let Some(session) = store.staff_session(token_hash).await? else {
        return Ok(None);
    };
    if now - session.last_seen_at >= IDLE_TIMEOUT || now - session.created_at >= ABSOLUTE_TIMEOUT {
        store.close_staff_session(token_hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= SEEN_EVERY {
        store.staff_session_seen(token_hash, now).await?;
    }
    Ok(Some(session))
}

/// OWASP's argon2id settings (Password Storage Cheat Sheet; ASVS 2.4): 19 MiB of memory,
/// two passes, one lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A new staff password that passed every check: long enough ([`NewPassword`]), and
/// not one a guesser tries early (OWASP ASVS 6.2.4, 6.2.11). zxcvbn judges it against
/// its bundled lists of common and breached passwords, names and words, keyboard
/// patterns and dates, and against the account's own login and name; a password it
/// finds in fewer than 10^10 guesses (below its score 3) is refused.
pub struct ChosenPassword(NewPassword);

impl ChosenPassword {
    pub fn parse(input: &str, about_the_account: &[&str]) -> Result<Self, Problem> {
        let password = NewPassword::parse(input)?;
        let estimate = zxcvbn::zxcvbn(password.as_str(), about_the_account);
        if estimate.score() < zxcvbn::Score::Three {
            return Err(Problem::EasilyGuessed);
        }
        Ok(ChosenPassword(password))
    }
}

/// The PHC string to store for `password`, with a fresh random salt.
pub fn hash_password(password: &ChosenPassword) -> String {
    hash(&password.0)
}

fn hash(password: &NewPassword) -> String {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut salt)
        .expect("the system's random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a salt");
    argon2()
        .hash_password(password.as_str().as_bytes(), &salt)
        .expect("argon2id hashes any password")
        .to_string()
}

/// Whether `candidate` is the password behind `stored`. Without an account (`None`) a
/// hash is still computed, so the time taken does not tell which logins exist.
pub fn verify_password(stored: Option<&str>, candidate: &str) -> bool {
    // A hash of a password nobody has, computed once.
    static DECOY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        hash(&NewPassword::parse("decoy password, never valid").expect("long enough"))
    });
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DECOY.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = argon2()
        .verify_password(candidate.as_bytes(), &parsed)
        .is_ok();
    real && matches
}

/// Runs password checks on their own threads, at most half the machine's cores and at a
/// lower priority than requests, so that a crowd of sign-ins (honest or not) leaves the
/// volunteers signing up their share of the machine. A check that cannot start within
/// [`PasswordChecks::QUEUE`] is refused as busy.
pub struct PasswordChecks {
    slots: tokio::sync::Semaphore,
    checks: std::sync::mpsc::Sender<PasswordCheck>,
}

/// A stored hash (if the login exists), the candidate, and where to send the verdict.
type PasswordCheck = (Option<String>, String, tokio::sync::oneshot::Sender<bool>);

impl Default for PasswordChecks {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let threads = (cores / 2).max(1);
        let (checks, queue) = std::sync::mpsc::channel::<PasswordCheck>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        for n in 0..threads {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || {
                    lower_this_threads_priority();
                    // Ends with the server, when the sender is dropped.
                    while let Ok((stored, candidate, verdict)) = queue
                        .lock()
                        .map_err(|_| std::sync::mpsc::RecvError)
                        .and_then(|queue| queue.recv())
                    {
                        let _ = verdict.send(verify_password(stored.as_deref(), &candidate));
                    }
                })
                .expect("a password-check thread starts");
        }
        PasswordChecks {
            slots: tokio::sync::Semaphore::new(threads),
            checks,
        }
    }
}

impl PasswordChecks {
    const QUEUE: std::time::Duration = std::time::Duration::from_secs(5);

    /// [`verify_password`] on a password-check thread, when one is free.
    pub async fn verify(
        &self,
        stored: Option<String>,
        candidate: String,
    ) -> Result<bool, AppError> {
        let busy = AppError::Limited {
            code: ErrorCode::ServerBusy,
            retry_after: Self::QUEUE,
        };
        let Ok(Ok(_slot)) = tokio::time::timeout(Self::QUEUE, self.slots.acquire()).await else {
            tracing::warn!(target: "security", event = "sign_in_queue_full", "sign-ins waited too long for a password check");
            return Err(busy);
        };
        let (verdict, verdict_received) = tokio::sync::oneshot::channel();
        let stopped = || AppError::Internal("the password-check threads stopped".into());
        (self.checks.send((stored, candidate, verdict))).map_err(|_| stopped())?;
        verdict_received.await.map_err(|_| stopped())
    }
}

/// Nice 10: the kernel then gives a request thread that wants the core about ten times
/// this thread's share. Measured by the flood bench: under a password-guessing flood,
/// sign-ups' p99 stays near its quiet value only with this.
fn lower_this_threads_priority() {
    // SAFETY: gettid and setpriority take and return plain integers; on Linux
    // PRIO_PROCESS with a thread id changes that one thread.
    let changed =
        unsafe { libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10) };
    if changed != 0 {
        tracing::warn!(
            "password checks run at normal priority: {}",
            std::io::Error::last_os_error()
        );
    }
}

/// A new session's token for the cookie: 256 random bits as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the system's random source");
    hex(&bytes)
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The anti-forgery token of a session: derived from the cookie's token, so a page of
/// another site, which can neither read our cookie nor our responses, cannot know it.
pub fn csrf_token(token: &str) -> String {
    let mut digest = Sha256::new();
    digest.update(b"huli csrf\0");
    digest.update(token.as_bytes());
    hex(&digest.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_guessable_passwords_are_refused() {
        let refused = [
            ("password1234", "anyone"),
            ("qwertyuiop123", "anyone"),
            ("123456789012", "anyone"),
            ("iloveyou2026", "anyone"),
            ("huli-coordinator", "huli-coordinator"),
        ];
        for (password, login) in refused {
            assert!(
                matches!(
                    ChosenPassword::parse(password, &[login]),
                    Err(Problem::EasilyGuessed)
                ),
                "{password}"
            );
        }
        assert!(matches!(
            ChosenPassword::parse("short", &[]),
            Err(Problem::TooShort { min: 12 })
        ));
        for good in [
            "湖里区学雷锋 test 2026",
            "lantern ferry orchid 47",
            "lei feng 2026 coordinator",
        ] {
            assert!(
                ChosenPassword::parse(good, &["coordinator"]).is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn a_stored_hash_is_argon2id_and_verifies_only_its_password() {
        let password = NewPassword::parse("correct horse battery").unwrap();
        let stored = hash(&password);
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify_password(Some(&stored), "correct horse battery"));
        assert!(!verify_password(Some(&stored), "correct horse battery!"));
        assert!(!verify_password(None, "decoy password, never valid"));
        assert_ne!(stored, hash(&password), "a fresh salt each time");
    }

    #[test]
    fn five_failures_are_free_then_each_doubles_the_wait() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let after = |count| SignInFailures {
            count,
            last: Some(now),
        };
        assert_eq!(sign_in_wait(SignInFailures::default(), now), None);
        assert_eq!(sign_in_wait(after(4), now), None);
        assert_eq!(sign_in_wait(after(5), now), Some(Duration::seconds(30)));
        assert_eq!(sign_in_wait(after(6), now), Some(Duration::seconds(60)));
        assert_eq!(sign_in_wait(after(7), now), Some(Duration::seconds(120)));
        assert_eq!(sign_in_wait(after(500), now), Some(LONGEST_WAIT));
        let later = now + Duration::seconds(30);
        assert_eq!(sign_in_wait(after(5), later), None, "the wait is over");
        let almost = now + Duration::seconds(20);
        assert_eq!(sign_in_wait(after(5), almost), Some(Duration::seconds(10)));
    }

    #[test]
    fn the_csrf_token_follows_from_the_session_token_alone() {
        let token = new_token();
        assert_eq!(token.len(), 64);
        assert_eq!(csrf_token(&token), csrf_token(&token));
        assert_ne!(csrf_token(&token), csrf_token(&new_token()));
        assert_ne!(csrf_token(&token), token);
    }
}
