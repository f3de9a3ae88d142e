//! The time served so far by the volunteers on duty, ticking each second between
//! snapshots: each of them whose shift has started adds a second every second until
//! the next snapshot says otherwise.

use crate::format::duration;
use crate::i18n::{t, use_i18n};
use huli_contract::Stats;
use leptos::prelude::*;
use std::time::Duration;

fn now_ms() -> f64 {
    chrono::Utc::now().timestamp_millis() as f64
}

#[component]
pub fn OnDutyClock(stats: Memo<Stats>) -> impl IntoView {
    let i18n = use_i18n();
    let (now, set_now) = signal(now_ms());
    // The phone's own clock may be off; counting from when the snapshot arrived is not.
    let received_at = Memo::new(move |_| {
        stats.track();
        now_ms()
    });
    // Ticks in the browser only: the server draws the snapshot's own figure.
    Effect::new(move || {
        if let Ok(ticking) =
            set_interval_with_handle(move || set_now.set(now_ms()), Duration::from_secs(1))
        {
            on_cleanup(move || ticking.clear());
        }
    });
    let seconds = move || {
        let elapsed = ((now.get() - received_at.get()) / 1_000.0).max(0.0) as u64;
        stats.with(|s| s.figures.on_duty_seconds + u64::from(s.figures.on_duty_serving) * elapsed)
    };
    let on_duty = move || stats.with(|s| s.figures.on_duty_now > 0);
    view! {
        <Show when=on_duty>
            // A timer is not announced each second; a screen reader reads it on request.
            <p class="on-duty-time" role="timer" data-testid="on-duty-time" data-seconds=seconds>
                {t!(i18n, on_duty_served, time = move || duration(i18n.get_locale(), seconds()))}
            </p>
        </Show>
    }
}
