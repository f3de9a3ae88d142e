//! How often one client may do what costs us or others something: register, sign in,
//! sign up or cancel, check in, search volunteers. Each kind has its own allowance per
//! client address (GCRA: a burst, then a steady rate), kept in this server's memory and
//! measured on the server's clock, so tests can move past a wait.
//!
//! Several servers each keep their own counts: behind a load balancer that spreads a
//! client over `n` servers, the client gets up to `n` times the allowance. The sign-in
//! lockout and the wrong check-in codes, which guard secrets, are counted in the
//! database instead and hold across servers.

use crate::clock::Clock;
use crate::error::AppError;
use governor::clock::Clock as GovernorClock;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use huli_contract::ErrorCode;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// What a client asks for that has an allowance of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Registering, and correcting or erasing one's own record.
    Registration,
    SignIn,
    /// Signing up for a shift and cancelling one.
    SignUp,
    CheckIn,
    StaffSearch,
}

impl Action {
    const ALL: [Action; 5] = [
        Action::Registration,
        Action::SignIn,
        Action::SignUp,
        Action::CheckIn,
        Action::StaffSearch,
    ];

    /// The burst a client may use at once, and how often one more is allowed after.
    /// Registration stays generous enough for a school registering its pupils over one
    /// network (20 at once, then 180 an hour), while no script fills the shifts.
    fn quota(self) -> (u32, Duration) {
        match self {
            Action::Registration => (20, Duration::from_secs(20)),
            Action::SignIn => (10, Duration::from_secs(6)),
            Action::SignUp | Action::CheckIn => (30, Duration::from_secs(2)),
            Action::StaffSearch => (60, Duration::from_secs(1)),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The server's [`Clock`] as governor reads time: nanoseconds since the Unix epoch.
#[derive(Clone, Debug)]
struct ServerClock(Clock);

impl GovernorClock for ServerClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        let nanos = self.0.now().timestamp_nanos_opt().unwrap_or_default();
        Nanos::from(u64::try_from(nanos).unwrap_or_default())
    }
}

type Limiter =
    RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, ServerClock, NoOpMiddleware<Nanos>>;

/// The allowances of every client, one limiter per [`Action`].
pub struct ClientLimits {
    limiters: Option<Vec<Limiter>>,
    clock: ServerClock,
}

impl ClientLimits {
    /// With `enabled` false every request is let through (benchmarks, load tests).
    pub fn new(enabled: bool, clock: Clock) -> Self {
        let clock = ServerClock(clock);
        let limiters = enabled.then(|| {
            (Action::ALL.iter())
                .map(|action| {
                    let (burst, every) = action.quota();
                    let quota = Quota::with_period(every)
                        .expect("a period above zero")
                        .allow_burst(NonZeroU32::new(burst).expect("a burst above zero"));
                    RateLimiter::new(quota, DefaultKeyedStateStore::default(), clock.clone())
                })
                .collect()
        });
        ClientLimits { limiters, clock }
    }

    /// Spends one of `client`'s allowance for `action`, or says how long it must wait.
    pub fn check(&self, action: Action, client: IpAddr) -> Result<(), AppError> {
        let Some(limiters) = &self.limiters else {
            return Ok(());
        };
        let client = allowance_holder(client);
        limiters[action.index()]
            .check_key(&client)
            .map_err(|not_until| {
                let retry_after = not_until.wait_time_from(self.clock.now());
                tracing::warn!(target: "security", event = "rate_limited", ?action, %client, "too many requests");
                AppError::Limited {
                    code: ErrorCode::TooManyRequests,
                    retry_after,
                }
            })
    }

    /// Drops the counts of clients that are back to a full allowance, so memory
    /// follows the clients of the last minutes, not every address ever seen.
    pub fn forget_idle_clients(&self) {
        for limiter in self.limiters.iter().flatten() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Whose allowance an address uses: an IPv4 address's own, and for IPv6 its /64, which
/// one subscriber holds whole.
fn allowance_holder(client: IpAddr) -> IpAddr {
    match client {
        IpAddr::V4(_) => client,
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(prefix.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_spends_its_burst_then_waits_while_others_go_on() {
        let clock = Clock::default();
        let limits = ClientLimits::new(true, clock.clone());
        let one: IpAddr = "203.0.113.7".parse().unwrap();
        let other: IpAddr = "203.0.113.8".parse().unwrap();
        for _ in 0..10 {
            limits.check(Action::SignIn, one).unwrap();
        }
        let Err(AppError::Limited { retry_after, .. }) = limits.check(Action::SignIn, one) else {
            panic!("the 11th sign-in must wait");
        };
        assert!(retry_after <= Duration::from_secs(6) && retry_after > Duration::from_secs(5));
        limits.check(Action::SignIn, other).unwrap();
        limits.check(Action::SignUp, one).unwrap();
        clock.advance(chrono::Duration::seconds(6));
        limits.check(Action::SignIn, one).unwrap();
    }

    #[test]
    fn one_ipv6_subscriber_shares_one_allowance() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(allowance_holder(a), allowance_holder(b));
        assert_ne!(allowance_holder(a), allowance_holder(c));
    }
}
