//! The live counters: `/api/live` through the browser's EventSource. Each event is a
//! whole snapshot, so a page that was offline just shows the next one. After the
//! connection drops (a server restart, a phone leaving coverage) it is reopened with
//! growing pauses, and the page says quietly that it is catching up.

use crate::api::scoped;
use huli_contract::{Scope, Stats};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventSource, MessageEvent};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Live,
    /// Dropped; the next attempt is on its way.
    Offline,
}

#[derive(Clone, Copy)]
pub struct LiveStats {
    pub stats: ReadSignal<Option<Stats>>,
    pub connection: ReadSignal<Connection>,
}

/// The longest pause between attempts to reconnect.
const MAX_BACKOFF_MS: u64 = 30_000;

/// An open EventSource and the handlers it calls, dropped together.
struct Open {
    source: EventSource,
    _on_stats: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Subscribes to `scope`'s figures for as long as the calling component lives.
pub fn live_stats(scope: Scope) -> LiveStats {
    let (stats, set_stats) = signal(None::<Stats>);
    let (connection, set_connection) = signal(Connection::Connecting);
    let open = StoredValue::new_local(None::<Open>);
    let stopped = StoredValue::new(false);
    let failures = StoredValue::new(0u32);
    let handles = Handles {
        scope,
        open,
        stopped,
        failures,
        set_stats,
        set_connection,
    };
    // Once the page is in the browser (never while the server renders it).
    Effect::new(move || connect(handles));
    on_cleanup(move || {
        stopped.set_value(true);
        open.set_value(None);
    });
    LiveStats { stats, connection }
}

/// What each attempt to connect shares with the next.
#[derive(Clone, Copy)]
struct Handles {
    scope: Scope,
    open: StoredValue<Option<Open>, LocalStorage>,
    stopped: StoredValue<bool>,
    /// Failed attempts since the last snapshot arrived; sets the pause before the next.
    failures: StoredValue<u32>,
    set_stats: WriteSignal<Option<Stats>>,
    set_connection: WriteSignal<Connection>,
}

impl Handles {
    /// True once the page that subscribed is gone (its values disposed with it).
    fn stopped(self) -> bool {
        self.stopped.try_get_value().unwrap_or(true)
    }
}

fn connect(handles: Handles) {
    if handles.stopped() {
        return;
    }
    let Ok(source) = EventSource::new(&scoped("/api/live", handles.scope)) else {
        handles.set_connection.set(Connection::Offline);
        return;
    };
    let on_stats = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let snapshot = event
            .data()
            .as_string()
            .and_then(|data| serde_json::from_str::<Stats>(&data).ok());
        if let Some(snapshot) = snapshot {
            handles.failures.set_value(0);
            handles.set_stats.set(Some(snapshot));
            handles.set_connection.set(Connection::Live);
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        // Close and retry ourselves: the browser's own retry has no backoff, and a whole
        // district's phones reconnecting at once after a restart should spread out.
        if handles.stopped() {
            return;
        }
        // Closed, not dropped: this very handler belongs to it. No further errors come
        // from a closed source, so only one retry is ever pending.
        handles.open.with_value(|open| {
            if let Some(open) = open {
                open.source.close();
            }
        });
        handles.set_connection.set(Connection::Offline);
        let failures = handles.failures.get_value();
        handles.failures.set_value(failures + 1);
        let pause = (1_000u64 << failures.min(5)).min(MAX_BACKOFF_MS);
        let jitter = (js_sys::Math::random() * 500.0) as u64;
        set_timeout(
            move || {
                if !handles.stopped() {
                    handles.open.set_value(None);
                    connect(handles);
                }
            },
            Duration::from_millis(pause + jitter),
        );
    });
    let _ = source.add_event_listener_with_callback("stats", on_stats.as_ref().unchecked_ref());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    handles.open.set_value(Some(Open {
        source,
        _on_stats: on_stats,
        _on_error: on_error,
    }));
}
