//! Moving a shift to another day or time, from the staff's list of shifts. Volunteers
//! who hold it keep their places and find the new time in their sign-ups and calendar
//! feeds; the server refuses a move too close to the start for them to cancel, or to a
//! time one of them is busy, and says so under the form.

use crate::api;
use crate::components::status::problem_text;
use crate::i18n::{t, use_i18n};
use huli_contract::{ShiftChangeForm, ShiftId, ShiftWindow, china_standard_time};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn ShiftMove(
    id: ShiftId,
    window: ShiftWindow,
    /// Whether volunteers hold or wait for a place: the form then says what they see.
    held: bool,
    csrf: StoredValue<String>,
    #[prop(into)] on_moved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let huli = china_standard_time();
    let (starts, ends) = (
        window.starts_at().with_timezone(&huli),
        window.ends_at().with_timezone(&huli),
    );
    let day = RwSignal::new(starts.date_naive().to_string());
    let starts = RwSignal::new(starts.format("%H:%M").to_string());
    let ends = RwSignal::new(ends.format("%H:%M").to_string());
    let problem = RwSignal::new(None::<String>);
    let save = Action::new_local(move |form: &ShiftChangeForm| {
        let (form, locale) = (form.clone(), i18n.get_locale_untracked());
        async move {
            // The page may have been left while the request was out.
            match api::change_shift(id, &form, &csrf.get_value(), locale).await {
                Ok(_) => {
                    let _ = on_moved.try_run(());
                }
                Err(error) => {
                    let _ = problem.try_set(Some(problem_text(i18n, error)));
                }
            }
        }
    });
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        problem.set(None);
        // A day and two times in Huli, as RFC 3339 with Huli's offset.
        let day = day.get_untracked();
        let at = |time: String| Some(format!("{day}T{time}:00+08:00"));
        save.dispatch_local(ShiftChangeForm {
            starts_at: at(starts.get_untracked()),
            ends_at: at(ends.get_untracked()),
            capacity: None,
        });
    };
    let field = move |name: &str| format!("move-{name}-{}", id.0);
    view! {
        <details class="shift-move">
            <summary>{t!(i18n, shifts_move)}</summary>
            <form class="review-form" on:submit=submit>
                {held.then(|| view! { <p class="note">{t!(i18n, shifts_move_held)}</p> })}
                <label for=field("day")>{t!(i18n, plan_day)}</label>
                <input id=field("day") type="date" required prop:value=day
                    on:input=move |ev| day.set(event_target_value(&ev)) />
                <label for=field("starts")>{t!(i18n, plan_starts)}</label>
                <input id=field("starts") type="time" required prop:value=starts
                    on:input=move |ev| starts.set(event_target_value(&ev)) />
                <label for=field("ends")>{t!(i18n, plan_ends)}</label>
                <input id=field("ends") type="time" required prop:value=ends
                    on:input=move |ev| ends.set(event_target_value(&ev)) />
                <button type="submit" class="secondary" aria-disabled=move || pending.get().to_string()>
                    {t!(i18n, shifts_move_submit)}
                </button>
                <p class="form-alert" role="alert">{move || problem.get()}</p>
            </form>
        </details>
    }
}
