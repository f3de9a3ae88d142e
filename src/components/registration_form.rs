//! The registration form. It checks itself with the contract's own parser before
//! sending, so the messages next to each field are the very ones the server would give;
//! the server's answers (a number already registered, say) land in the same places.

use crate::api::{self, ApiError};
use crate::browser;
use crate::components::status::loaded;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::personal_link;
use huli_contract::glossary::Term;
use huli_contract::{
    AccessKey, PRIVACY_NOTICE_VERSION, Problem, Registered, RegistrationForm, Skill, TeamId,
    TeamKind, TeamRef,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The team list's value for a resident who serves on their own.
pub const INDIVIDUAL: &str = "individual";

/// The id of the control a request field is entered in.
fn control_id(field: &str) -> &'static str {
    match field {
        "name" => "reg-name",
        "phone" => "reg-phone",
        "team_id" => "reg-team",
        _ => "reg-consent",
    }
}

/// Focuses the field once its error is drawn, so a screen reader reads both together.
fn focus(field: &str) {
    browser::focus_soon(control_id(field));
}

type FieldProblems = RwSignal<Vec<(String, Problem)>>;

/// The message under a field, and whether it has one (for `aria-invalid`).
fn problem_of(problems: FieldProblems, fields: &'static [&'static str]) -> Option<Problem> {
    problems.with(|all| {
        all.iter()
            .find(|(field, _)| fields.contains(&field.as_str()))
            .map(|(_, problem)| problem.clone())
    })
}

#[component]
fn FieldError(problems: FieldProblems, fields: &'static [&'static str]) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        problem_of(problems, fields).map(|p| {
            crate::language::written(
                i18n.get_locale(),
                p.message(api::lang_of(i18n.get_locale())),
            )
        })
    };
    view! {
        <p class="field-error" id=format!("{}-error", control_id(fields[0]))>{message}</p>
    }
}

/// Calls `on_registered` with the server's answer and the personal link's key, which
/// this form drew from Web Crypto and sent.
#[component]
pub fn RegistrationFormView(
    #[prop(into)] on_registered: Callback<(Registered, AccessKey)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (name, phone, team) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let skills = RwSignal::new(Vec::<Skill>::new());
    let consent = RwSignal::new(false);
    let problems: FieldProblems = RwSignal::new(Vec::new());
    let form_error = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);
    // A retry of the same form reuses its idempotency key; a changed form is a new request.
    let last_attempt = StoredValue::new(None::<(RegistrationForm, String)>);
    let teams = LocalResource::new(move || api::teams(i18n.get_locale_untracked()));
    // One key for this form's life: a retried registration sends the same one.
    let access_key = StoredValue::new(personal_link::new_key());

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let form = RegistrationForm {
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            team_id: team.get_untracked().parse().ok().map(TeamId),
            individual: team.get_untracked() == INDIVIDUAL,
            skills: skills.get_untracked(),
            consent: consent.get_untracked(),
            consent_version: PRIVACY_NOTICE_VERSION.to_owned(),
            access_key: access_key.get_value().map(String::from).unwrap_or_default(),
        };
        form_error.set(None);
        let registration = match form.parse() {
            Ok(registration) => registration,
            Err(found) => {
                // Without Web Crypto there is no safe key to offer: say so once, above.
                let (fields, unfixable): (Vec<_>, Vec<_>) = found
                    .into_iter()
                    .partition(|(field, _)| field != "access_key");
                if let Some((_, problem)) = unfixable.first() {
                    form_error.set(Some(crate::language::written(
                        i18n.get_locale_untracked(),
                        problem.message(api::lang_of(i18n.get_locale_untracked())),
                    )));
                }
                if let Some((field, _)) = fields.first() {
                    focus(field);
                }
                problems.set(fields);
                return;
            }
        };
        problems.set(Vec::new());
        let key = match last_attempt.get_value() {
            Some((sent, key)) if sent == form => key,
            _ => api::new_idempotency_key(),
        };
        last_attempt.set_value(Some((form.clone(), key.clone())));
        submitting.set(true);
        let locale = i18n.get_locale_untracked();
        spawn_local(async move {
            let result = api::register(&form, &key, locale).await;
            submitting.set(false);
            match result {
                Ok(registered) => {
                    // The page may have been left while the request was out.
                    let _ = on_registered.try_run((registered, registration.access_key.clone()));
                }
                Err(ApiError::Refused(body)) if !body.fields.is_empty() => {
                    focus(&body.fields[0].field);
                    problems.set(
                        body.fields
                            .into_iter()
                            .map(|f| (f.field, f.problem))
                            .collect(),
                    );
                }
                Err(ApiError::Refused(body) | ApiError::Server(Some(body))) => {
                    form_error.set(Some(body.message));
                }
                Err(ApiError::Network) => {
                    form_error.set(Some(t_string!(i18n, error_network).to_owned()))
                }
                Err(_) => form_error.set(Some(t_string!(i18n, error_server).to_owned())),
            }
        });
    };

    let invalid = move |fields: &'static [&'static str]| {
        move || problem_of(problems, fields).is_some().to_string()
    };
    let summary = move || {
        (!problems.with(Vec::is_empty)).then(|| view! { <p>{t!(i18n, form_has_errors)}</p> })
    };
    view! {
        <form class="registration" novalidate on:submit=on_submit data-testid="registration-form">
            <h2>{t!(i18n, register_heading)}</h2>
            <div role="alert" class="form-alert">
                {summary}
                {move || form_error.get()}
            </div>
            <div class="field">
                <label for="reg-name">{t!(i18n, field_name)}</label>
                <p class="hint" id="reg-name-hint">{t!(i18n, field_name_hint)}</p>
                <input id="reg-name" name="name" type="text" autocomplete="name" maxlength="40"
                    aria-required="true" aria-describedby="reg-name-hint reg-name-error"
                    aria-invalid=invalid(&["name"])
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
                <FieldError problems fields=&["name"] />
            </div>
            <div class="field">
                <label for="reg-phone">{t!(i18n, field_phone)}</label>
                <p class="hint" id="reg-phone-hint">{t!(i18n, field_phone_hint)}</p>
                <input id="reg-phone" name="phone" type="tel" inputmode="tel" autocomplete="tel"
                    aria-required="true" aria-describedby="reg-phone-hint reg-phone-error"
                    aria-invalid=invalid(&["phone"])
                    prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev)) />
                <FieldError problems fields=&["phone"] />
            </div>
            <div class="field">
                <label for="reg-team">{t!(i18n, field_team)}</label>
                <p class="hint" id="reg-team-hint">{t!(i18n, field_team_hint)}</p>
                {loaded(teams, move |list| view! {
                    <select id="reg-team" name="team" aria-required="true"
                        aria-describedby="reg-team-hint reg-team-error"
                        aria-invalid=invalid(&["team_id"])
                        prop:value=team on:change=move |ev| team.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, field_team_choose)}</option>
                        <option value=INDIVIDUAL>
                            {move || crate::language::written(i18n.get_locale(), Term::IndividualVolunteer.label(api::lang_of(i18n.get_locale())))}
                        </option>
                        <TeamOptions teams=list />
                    </select>
                })}
                <FieldError problems fields=&["team_id"] />
            </div>
            <fieldset class="field">
                <legend>{t!(i18n, field_skills)}</legend>
                <p class="hint">{t!(i18n, field_skills_hint)}</p>
                <SkillChoices skills />
            </fieldset>
            <fieldset class="field consent">
                <legend>{t!(i18n, consent_heading)}</legend>
                <ul id="reg-consent-notice">
                    <li>{t!(i18n, consent_purpose)}</li>
                    <li>{t!(i18n, consent_what)}</li>
                    <li>{t!(i18n, consent_who)}</li>
                    <li>{t!(i18n, consent_retention)}</li>
                    <li>{t!(i18n, consent_rights)}</li>
                </ul>
                <label class="check">
                    <input id="reg-consent" type="checkbox" name="consent"
                        aria-required="true" aria-describedby="reg-consent-notice reg-consent-error"
                        aria-invalid=invalid(&["consent", "consent_version"])
                        prop:checked=consent on:change=move |ev| consent.set(event_target_checked(&ev)) />
                    {t!(i18n, consent_checkbox)}
                </label>
                <FieldError problems fields=&["consent", "consent_version"] />
            </fieldset>
            <button type="submit" class="primary" aria-disabled=move || submitting.get().to_string()>
                {move || if submitting.get() { t!(i18n, register_sending).into_any() } else { t!(i18n, register_button).into_any() }}
            </button>
        </form>
    }
}

/// The teams, grouped by kind in the order the list gives them.
#[component]
pub fn TeamOptions(teams: Vec<TeamRef>) -> impl IntoView {
    let i18n = use_i18n();
    let mut groups: Vec<(TeamKind, Vec<TeamRef>)> = Vec::new();
    for team in teams {
        match groups.iter_mut().find(|(kind, _)| *kind == team.kind) {
            Some((_, members)) => members.push(team),
            None => groups.push((team.kind, vec![team])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, members)| {
            view! {
                <optgroup label=move || labels::team_kind(i18n.get_locale(), kind)>
                    {members.into_iter().map(|team| {
                        let name = team.name.clone();
                        view! {
                            <option value=team.id.0.to_string()>
                                {move || name.get(api::lang_of(i18n.get_locale())).to_owned()}
                            </option>
                        }
                    }).collect_view()}
                </optgroup>
            }
        })
        .collect_view()
}

#[component]
pub fn SkillChoices(skills: RwSignal<Vec<Skill>>) -> impl IntoView {
    let i18n = use_i18n();
    Skill::ALL
        .into_iter()
        .map(|skill| {
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                skills.update(|chosen| {
                    chosen.retain(|s| *s != skill);
                    if on {
                        chosen.push(skill);
                    }
                });
            };
            view! {
                <label class="check">
                    <input type="checkbox" name="skills"
                        prop:checked=move || skills.with(|s| s.contains(&skill)) on:change=toggle />
                    {move || labels::skill(i18n.get_locale(), skill)}
                </label>
            }
        })
        .collect_view()
}
