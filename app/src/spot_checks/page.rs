use leptos::prelude::*;

use super::{spot_checks, DrawSpotCheck, DrawView, SpotChecksView, NOTE_MAX};
use crate::domain::spot_check::{ids_text, SpotScope};
use crate::domain::Role;
use crate::i18n::{error_text, scope_text, t, use_locale, K, XK};
use crate::ui::{error_of, FieldError, FormError, Protected, TableWrap};

/// Random spot checks (R16): every draw, run again on each reading, and
/// the form for a new one.
#[component]
pub fn SpotChecksPage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin, Role::Inspector]>
            <SpotChecksList/>
        </Protected>
    }
}

#[component]
fn SpotChecksList() -> impl IntoView {
    let locale = use_locale();
    let draw = ServerAction::<DrawSpotCheck>::new();
    let ok = Signal::derive(move || crate::ui::succeeded(&draw.value().get()));
    let drawn = crate::ui::success_count(move || ok.get());
    let data = Resource::new(move || drawn.get(), |_| spot_checks());
    let url = Signal::derive(move || drawn.get() == 0);
    view! {
        <crate::ui::Done ok url code="spot_check_drawn" text=XK::Drawn/>
        <h1>{t(XK::SpotChecks)}</h1>
        <p class="hint">{t(XK::SpotChecksHint)}</p>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <DrawForm draw v=v.clone()/>
                {if v.draws.is_empty() {
                    view! { <p class="muted">{t(XK::NoDraws)}</p> }.into_any()
                } else {
                    v.draws.iter().map(one).collect_view().into_any()
                }}
            }.into_any(),
        })}
        </Transition>
    }
}

#[component]
fn DrawForm(draw: ServerAction<DrawSpotCheck>, v: SpotChecksView) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(draw.value().get()));
    let form = NodeRef::<leptos::html::Form>::new();
    let drawn = crate::ui::success_count(move || crate::ui::succeeded(&draw.value().get()));
    crate::ui::reset_after(drawn, form);
    view! {
        <section class="card">
            <h2>{t(XK::NewDraw)}</h2>
            <ActionForm action=draw node_ref=form attr:class="grid-form">
                <FormError error/>
                <div class="field">
                    <label for="year">{t(XK::Year)}</label>
                    <select id="year" name="year" aria-describedby="year-error">
                        {v.years.iter().map(|y| {
                            let selected = Some(*y) == v.first_year;
                            view! { <option value=y.to_string() selected=selected>{y.to_string()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error field="year"/>
                </div>
                <div class="field wide">
                    <label for="scope">{t(XK::Scope)}</label>
                    <select id="scope" name="scope" aria-describedby="scope-error">
                        {SpotScope::ALL.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.as_str()>{move || scope_text(s, locale.get())}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error field="scope"/>
                </div>
                <div class="field">
                    <label for="sample_size">{t(XK::SampleSize)}</label>
                    <input id="sample_size" name="sample_size" inputmode="numeric" autocomplete="off"
                        aria-describedby="sample_size-error"/>
                    <FieldError error field="sample_size"/>
                </div>
                <div class="field wide">
                    <label for="note">{t(XK::Note)}</label>
                    <input id="note" name="note" maxlength=NOTE_MAX autocomplete="off" aria-describedby="note-error"/>
                    <FieldError error field="note"/>
                </div>
                <div class="actions wide">
                    <button type="submit" class="primary">{t(XK::Draw)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

fn one(d: &DrawView) -> impl IntoView {
    let locale = use_locale();
    let (year, id, scope) = (d.year, d.id, d.scope);
    let heading = move || {
        XK::DrawHeading
            .text(locale.get())
            .replace("{year}", &year.to_string())
            .replace("{id}", &id.to_string())
    };
    let count = d.population.len();
    let verified = d.verified;
    let sample = d.sample.clone();
    let population = ids_text(&d.population).replace(',', ", ");
    let note = d.note.clone();
    view! {
        <section class="card" aria-labelledby=format!("draw-{id}")>
            <h2 id=format!("draw-{id}")>{heading}</h2>
            {(!note.is_empty()).then(|| view! { <p>{note}</p> })}
            <dl class="facts">
                <dt>{t(XK::Scope)}</dt><dd>{move || scope_text(scope, locale.get())}</dd>
                <dt>{t(XK::Population)}</dt>
                <dd>{move || XK::PopulationCount.text(locale.get()).replace("{n}", &count.to_string())}</dd>
                <dt>{t(XK::SampleSize)}</dt><dd>{d.sample_size}</dd>
                <dt>{t(XK::Seed)}</dt><dd><code>{d.seed.clone()}</code></dd>
                <dt>{t(XK::DrawnBy)}</dt>
                <dd>{d.drawn_by.clone()}" · "{crate::domain::format_shanghai(d.drawn_at)}</dd>
            </dl>
            <p class=if verified { "live ok" } else { "live warn" } role="status">
                {t(if verified { XK::Verified } else { XK::NotVerified })}
            </p>
            <TableWrap label=XK::Sample><table>
                <caption>{t(XK::Sample)}</caption>
                <thead><tr>
                    <th scope="col" class="num">{t(XK::Order)}</th>
                    <th scope="col">{t(XK::Topic)}</th>
                    <th scope="col">{t(XK::Unit)}</th>
                    <th scope="col">{t(XK::Institution)}</th>
                    <th scope="col">{t(XK::EndDate)}</th>
                </tr></thead>
                <tbody>
                {sample.into_iter().enumerate().map(|(i, g)| view! {
                    <tr>
                        <td class="num">{i + 1}</td>
                        <td><a href=format!("/programmes/{}", g.id)>{g.topic}</a></td>
                        <td>{g.unit}</td>
                        <td>{g.institution}</td>
                        <td>{g.end_date}</td>
                    </tr>
                }).collect_view()}
                </tbody>
            </table></TableWrap>
            <details>
                <summary>{t(XK::PopulationIds)}</summary>
                <p><code>{population}</code></p>
                <p class="hint">{t(XK::HowToRerun)}</p>
            </details>
        </section>
    }
}
