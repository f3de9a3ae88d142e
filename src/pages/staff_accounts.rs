//! `/staff/accounts`: administrators create staff accounts, disable and re-enable them
//! (a disabled account's sessions end at once), and set a new password for one whose
//! owner forgot theirs.

use crate::api;
use crate::components::layout::set_title;
use crate::components::staff_gate::StaffGate;
use crate::components::status::{loaded, problem_text};
use crate::format;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use huli_contract::{AccountForm, AccountView, PointId, StaffRole, StaffSession};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    set_title(move || t_string!(i18n, accounts_title).to_owned());
    view! {
        <h1>{t!(i18n, accounts_title)}</h1>
        <StaffGate page=|session| view! { <Accounts session /> } />
    }
}

#[component]
fn Accounts(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    if !session.account.role.is_administrator() {
        return view! { <p class="notice">{t!(i18n, accounts_administrators_only)}</p> }.into_any();
    }
    let accounts = LocalResource::new(move || api::staff_accounts(i18n.get_locale_untracked()));
    let csrf = StoredValue::new(session.csrf_token);
    let own = session.account.id;
    let changed = Callback::new(move |()| accounts.refetch());
    view! {
        {loaded(accounts, move |list: Vec<AccountView>| view! {
            <ul class="review-list" data-testid="accounts">
                {list.into_iter().map(|account| {
                    let mine = account.account.id == own;
                    view! { <AccountItem account own=mine csrf=csrf.get_value() on_changed=changed /> }
                }).collect_view()}
            </ul>
        })}
        <NewAccount csrf=csrf.get_value() on_created=changed />
    }
    .into_any()
}

#[component]
fn AccountItem(
    account: AccountView,
    /// The administrator's own account, which they cannot disable.
    own: bool,
    csrf: String,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = account.account.id;
    let disabled = account.disabled;
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let new_password = RwSignal::new(String::new());
    let csrf = StoredValue::new(csrf);
    let toggle = move |_| {
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::set_account_enabled(id, disabled, &csrf.get_value(), locale).await {
                Ok(_) => {
                    let _ = on_changed.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let reset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let password = new_password.get_untracked();
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::reset_account_password(id, &password, &csrf.get_value(), locale).await {
                Ok(_) => {
                    new_password.set(String::new());
                    problem.set(None);
                    done.set(Some(t_string!(i18n, accounts_password_set).to_owned()));
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let role = account.account.role;
    let seen = account.last_seen_at;
    let password_id = format!("account-password-{id}");
    view! {
        <li class="review-item" data-testid="account-item" data-login=account.account.login.clone()>
            <p>
                <strong>{account.account.display_name.clone()}</strong>" "
                <span class="note">{account.account.login.clone()}</span>" · "
                {move || labels::staff_role(i18n.get_locale(), role)}" · "
                {move || if disabled { t_string!(i18n, accounts_disabled) } else { t_string!(i18n, accounts_active) }}
            </p>
            <p class="note">
                {move || match seen {
                    Some(at) => t!(i18n, accounts_last_seen, at = format::huli_time(at)).into_any(),
                    None => t!(i18n, accounts_never_seen).into_any(),
                }}
            </p>
            {(!own).then(|| view! {
                <button type="button" class=if disabled { "secondary" } else { "danger" } on:click=toggle>
                    {move || if disabled { t!(i18n, accounts_enable).into_any() } else { t!(i18n, accounts_disable).into_any() }}
                </button>
            })}
            <form class="certificate-form" on:submit=reset>
                <label for=password_id.clone()>{t!(i18n, accounts_new_password)}</label>
                <input id=password_id type="password" autocomplete="new-password" required minlength="12"
                    prop:value=new_password on:input=move |ev| new_password.set(event_target_value(&ev)) />
                <button type="submit" class="secondary">{t!(i18n, accounts_set_password)}</button>
            </form>
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <p role="status">{move || done.get()}</p>
        </li>
    }
}

/// The roles a new account can have, as the form offers them.
const ROLES: [&str; 3] = ["administrator", "coordinator", "point_leader"];

#[component]
fn NewAccount(csrf: String, #[prop(into)] on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (login, name, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let role = RwSignal::new("coordinator".to_owned());
    let scope = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(csrf);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let scope_id = scope.get_untracked().trim().parse::<i64>().unwrap_or(0);
        let role = match role.get_untracked().as_str() {
            "administrator" => StaffRole::Administrator,
            "point_leader" => StaffRole::PointLeader {
                point_id: PointId(scope_id),
            },
            _ => StaffRole::Coordinator { unit_id: scope_id },
        };
        let form = AccountForm {
            login: login.get_untracked(),
            display_name: name.get_untracked(),
            role,
            password: password.get_untracked(),
        };
        if let Err(found) = form.parse() {
            let lang = api::lang_of(i18n.get_locale_untracked());
            problem.set(Some(
                found
                    .iter()
                    .map(|(_, p)| {
                        crate::language::written(i18n.get_locale_untracked(), p.message(lang))
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
            return;
        }
        spawn_local(async move {
            let locale = i18n.get_locale_untracked();
            match api::create_account(&form, &csrf.get_value(), locale).await {
                Ok(account) => {
                    problem.set(None);
                    created.set(Some(account.account.login));
                    login.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    let _ = on_created.try_run(());
                }
                Err(error) => problem.set(Some(problem_text(i18n, error))),
            }
        });
    };
    let needs_scope = move || role.get() != "administrator";
    view! {
        <form class="staff-exports" on:submit=submit data-testid="new-account">
            <h2>{t!(i18n, accounts_new)}</h2>
            <label for="account-login">{t!(i18n, accounts_login)}</label>
            <input id="account-login" type="text" autocomplete="off" required maxlength="40"
                prop:value=login on:input=move |ev| login.set(event_target_value(&ev)) />
            <label for="account-name">{t!(i18n, accounts_display_name)}</label>
            <input id="account-name" type="text" autocomplete="off" required maxlength="40"
                prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="account-role">{t!(i18n, accounts_role)}</label>
            <select id="account-role" on:change=move |ev| role.set(event_target_value(&ev))>
                {ROLES.map(|code| {
                    let sample = match code {
                        "administrator" => StaffRole::Administrator,
                        "point_leader" => StaffRole::PointLeader { point_id: PointId(0) },
                        _ => StaffRole::Coordinator { unit_id: 0 },
                    };
                    view! {
                        <option value=code selected=move || role.get() == code>
                            {move || labels::staff_role(i18n.get_locale(), sample)}
                        </option>
                    }
                }).to_vec()}
            </select>
            <Show when=needs_scope>
                <label for="account-scope">
                    {move || if role.get() == "point_leader" { t!(i18n, accounts_point_id).into_any() } else { t!(i18n, accounts_unit_id).into_any() }}
                </label>
                <input id="account-scope" type="number" inputmode="numeric" min="1" required
                    prop:value=scope on:input=move |ev| scope.set(event_target_value(&ev)) />
            </Show>
            <label for="account-password">{t!(i18n, accounts_first_password)}</label>
            <p class="hint" id="account-password-hint">{t!(i18n, accounts_password_hint)}</p>
            <input id="account-password" type="password" autocomplete="new-password" required minlength="12"
                aria-describedby="account-password-hint"
                prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
            <p class="form-alert" role="alert">{move || problem.get()}</p>
            <p role="status">{move || created.get().map(|login| view! { {t!(i18n, accounts_created, login = login)} })}</p>
            <button type="submit" class="primary">{t!(i18n, accounts_create)}</button>
        </form>
    }
}
