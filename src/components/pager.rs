//! Where a page of a long staff list lies in the whole ("51–100 of 837"), and the way to
//! the pages before and after it.

use crate::browser;
use crate::i18n::{t, t_string, use_i18n};
use huli_contract::STAFF_PAGE;
use leptos::prelude::*;

/// A list's way to another page: `go_to` sets the offset, and marks the move so that
/// the pager drawn with the new page takes the focus, for keyboard and screen reader.
#[derive(Clone, Copy)]
pub struct PageMove {
    pub go_to: Callback<u32>,
    moved: StoredValue<bool>,
}

impl PageMove {
    pub fn new(set_offset: impl Fn(u32) + Send + Sync + 'static) -> Self {
        let moved = StoredValue::new(false);
        let go_to = Callback::new(move |offset| {
            moved.set_value(true);
            set_offset(offset);
        });
        PageMove { go_to, moved }
    }
}

#[component]
pub fn Pager(
    /// The id of the line that says where the page lies: focus goes there after a move.
    range_id: &'static str,
    offset: u32,
    /// How many records this page shows.
    shown: u32,
    total: u32,
    moves: PageMove,
) -> impl IntoView {
    let i18n = use_i18n();
    if moves.moved.get_value() {
        moves.moved.set_value(false);
        browser::focus_soon(range_id);
    }
    let go_to = moves.go_to;
    let previous = offset.saturating_sub(STAFF_PAGE);
    let next = offset + STAFF_PAGE;
    view! {
        <nav class="pager" aria-label=move || t_string!(i18n, pager_label)>
            <p id=range_id class="points-count" tabindex="-1">
                {t!(i18n, pager_range, from = (offset + 1).min(total), to = offset + shown, total = total)}
            </p>
            <button type="button" class="secondary" disabled={offset == 0}
                on:click=move |_| go_to.run(previous)>{t!(i18n, pager_previous)}</button>
            <button type="button" class="secondary" disabled={next >= total}
                on:click=move |_| go_to.run(next)>{t!(i18n, pager_next)}</button>
        </nav>
    }
}
