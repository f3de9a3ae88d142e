//! "Download my data": everything held about the volunteer, as JSON or as CSV for
//! Excel and WPS (PIPL art. 45).

use crate::api::{self, DataFormat};
use crate::components::status::{WriteOutcome, problem_text};
use crate::i18n::{t, use_i18n};
use huli_contract::AccessKey;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn MyDataDownload(access: AccessKey) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let download = move |format: DataFormat| {
        let access = access.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let (key, locale) = (access.clone(), i18n.get_locale_untracked());
            spawn_local(async move {
                let result = api::download_my_data(&key, format, locale).await;
                busy.set(false);
                outcome.set(Some(result.map_err(|error| problem_text(i18n, error))));
            });
        }
    };
    view! {
        <div class="actions" data-testid="my-data-download">
            <button type="button" class="secondary" aria-disabled=move || busy.get().to_string()
                on:click=download(DataFormat::Json)>{t!(i18n, rights_download_json)}</button>
            <button type="button" class="secondary" aria-disabled=move || busy.get().to_string()
                on:click=download(DataFormat::Csv)>{t!(i18n, rights_download_csv)}</button>
        </div>
        <WriteOutcome outcome>{t!(i18n, rights_download_started)}</WriteOutcome>
    }
}
