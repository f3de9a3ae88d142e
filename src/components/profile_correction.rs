//! "Correct my details": the volunteer's name, team and skills (PIPL art. 46). Checked
//! with the contract's own parser before sending; the server's reasons land beside the
//! same fields.

use crate::api;
use crate::components::registration_form::{INDIVIDUAL, SkillChoices, TeamOptions};
use crate::components::status::{WriteOutcome, loaded, problem_text};
use crate::i18n::{t, use_i18n};
use huli_contract::glossary::Term;
use huli_contract::{AccessKey, MyRecord, Problem, ProfileForm, TeamId};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ProfileCorrection(
    access: AccessKey,
    mine: MyRecord,
    /// Called with the record as the server now holds it.
    #[prop(into)]
    on_corrected: Callback<MyRecord>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(mine.name.clone());
    let team = RwSignal::new(match &mine.team {
        Some(team) => team.id.0.to_string(),
        None => INDIVIDUAL.to_owned(),
    });
    let skills = RwSignal::new(mine.skills.clone());
    let problems = RwSignal::new(Vec::<(String, Problem)>::new());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let saving = RwSignal::new(false);
    let teams = LocalResource::new(move || api::teams(i18n.get_locale_untracked()));
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let form = ProfileForm {
            name: name.get_untracked(),
            team_id: team.get_untracked().parse().ok().map(TeamId),
            individual: team.get_untracked() == INDIVIDUAL,
            skills: skills.get_untracked(),
        };
        outcome.set(None);
        if let Err(found) = form.parse() {
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        saving.set(true);
        let (key, locale) = (access.clone(), i18n.get_locale_untracked());
        spawn_local(async move {
            let result = api::correct_profile(&key, &form, locale).await;
            saving.set(false);
            match result {
                Ok(record) => {
                    outcome.set(Some(Ok(())));
                    let _ = on_corrected.try_run(record);
                }
                Err(api::ApiError::Refused(body)) if !body.fields.is_empty() => {
                    problems.set(
                        body.fields
                            .into_iter()
                            .map(|f| (f.field, f.problem))
                            .collect(),
                    );
                }
                Err(error) => outcome.set(Some(Err(problem_text(i18n, error)))),
            }
        });
    };
    let problem = move |field: &'static str| {
        move || {
            problems.with(|all| {
                (all.iter()).find(|(f, _)| f == field).map(|(_, p)| {
                    crate::language::written(
                        i18n.get_locale(),
                        p.message(api::lang_of(i18n.get_locale())),
                    )
                })
            })
        }
    };
    let invalid = move |field: &'static str| move || problem(field)().is_some().to_string();
    view! {
        <form class="registration" novalidate on:submit=on_submit data-testid="profile-correction">
            <div class="field">
                <label for="me-name">{t!(i18n, field_name)}</label>
                <input id="me-name" name="name" type="text" autocomplete="name" maxlength="40"
                    aria-required="true" aria-describedby="me-name-error" aria-invalid=invalid("name")
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
                <p class="field-error" id="me-name-error">{problem("name")}</p>
            </div>
            <div class="field">
                <label for="me-team">{t!(i18n, field_team)}</label>
                {loaded(teams, move |list| view! {
                    <select id="me-team" name="team" aria-describedby="me-team-error"
                        aria-invalid=invalid("team_id")
                        prop:value=team on:change=move |ev| team.set(event_target_value(&ev))>
                        <option value=INDIVIDUAL>
                            {move || crate::language::written(i18n.get_locale(), Term::IndividualVolunteer.label(api::lang_of(i18n.get_locale())))}
                        </option>
                        <TeamOptions teams=list />
                    </select>
                })}
                <p class="field-error" id="me-team-error">{problem("team_id")}</p>
            </div>
            <fieldset class="field">
                <legend>{t!(i18n, field_skills)}</legend>
                <SkillChoices skills />
            </fieldset>
            <button type="submit" class="primary" aria-disabled=move || saving.get().to_string()>
                {move || if saving.get() { t!(i18n, rights_saving).into_any() } else { t!(i18n, rights_save).into_any() }}
            </button>
            <WriteOutcome outcome>{t!(i18n, rights_saved)}</WriteOutcome>
        </form>
    }
}
