//! One radio button of a group bound to a signal, with its label: the staff forms'
//! choices (what to export, how to plan, what to embed).

use leptos::prelude::*;

#[component]
pub fn RadioChoice<T>(
    /// The group's name, shared by its buttons.
    name: &'static str,
    selected: RwSignal<T>,
    value: T,
    label: &'static str,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <label class="choice">
            <input type="radio" name=name prop:checked=move || selected.get() == value
                on:change=move |_| selected.set(value) />
            {label}
        </label>
    }
}
