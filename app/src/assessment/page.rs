use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::view::{shown, Filter, Order};
use super::{assessment_overview, AssessmentView, PublishResults, Row, SaveAssessments};
use crate::domain::assessment::{Grade, Outcome, ASSESSOR_MAX, COMMENT_MAX, REASON_MAX};
use crate::domain::{format_shanghai, Role};
use crate::error::AppError;
use crate::i18n::{
    assessment_field_text, error_text, grade_key, outcome_key, problem_text, t, use_locale, Locale,
    AK, K,
};
use crate::ui::{error_of, param, succeeded, success_count, ConfirmSubmit, Done, Protected};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

/// A programme's assessment: the institution grades and decides from the
/// list (filtered and sorted by the address) or from an Excel sheet, and
/// publishes the results; every reader sees the list and the summary.
#[component]
pub fn AssessmentPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <Assessment/>
        </Protected>
    }
}

type Import = Action<web_sys::FormData, Result<super::ImportDone, AppError>>;

#[component]
fn Assessment() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let save = ServerAction::<SaveAssessments>::new();
    let publish = ServerAction::<PublishResults>::new();
    // Importing sends a file, so it needs the page's script (multipart).
    let import: Import = Action::new_local(|data: &web_sys::FormData| {
        let data = data.clone();
        async move { super::import_assessments(data.into()).await }
    });
    let saved = success_count(move || succeeded(&save.value().get()));
    let published = success_count(move || succeeded(&publish.value().get()));
    let data = Resource::new(
        move || (saved.get(), published.get(), import.version().get()),
        move |_| assessment_overview(id),
    );
    let query = use_query_map();
    let filter = Memo::new(move |_| Filter::parse(&query.read().get("show").unwrap_or_default()));
    let order = Memo::new(move |_| Order::parse(&query.read().get("sort").unwrap_or_default()));
    view! {
        <Done ok=Signal::derive(move || succeeded(&publish.value().get())) code="published" text=K::ResultsPublishedDone/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}")>{v.topic.clone()}</a></p>
                <h1>{t(AK::Assessment)}</h1>
                <p class="hint">{t(if v.may_edit { AK::AssessmentHint } else { AK::ReadOnly })}</p>
                {summary(&v)}
                {(v.may_edit && v.ended).then(|| view! {
                    {publish_section(&v, publish)}
                    {import_section(id, import)}
                })}
                {(!v.ended).then(|| view! { <p class="notice">{t(AK::NotEnded)}</p> })}
                {move || list(&v, filter.get(), order.get(), save)}
            }.into_any(),
        })}
        </Transition>
    }
}

fn summary(v: &AssessmentView) -> impl IntoView {
    let required = v.min.required(v.total_hours);
    let percent = v.min.percent();
    let total = v.total_hours;
    let grades = Grade::ALL
        .iter()
        .map(|g| {
            let n = v
                .rows
                .iter()
                .filter(|r| r.decision.grade == Some(*g))
                .count();
            view! { {t(grade_key(*g))}" "{n}" · " }
        })
        .collect_view();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| view! { {t(outcome_key(*o))}" "{v.count(Some(*o))}" · " })
        .collect_view();
    let id = v.programme_id;
    let published = v.published.clone().map(|(at, by)| {
        view! {
            <dt>{t(AK::PublishedAt)}</dt><dd>{format!("{} · {by}", format_shanghai(at))}</dd>
            <dt>{t(crate::i18n::CK::Register)}</dt>
            <dd><a href=format!("/programmes/{id}/completion")>{t(crate::i18n::CK::Completion)}</a></dd>
        }
    });
    view! {
        <section class="card">
            <h2>{t(AK::Summary)}</h2>
            <dl class="facts">
                <dt>{t(AK::Trainees)}</dt><dd>{v.rows.len()}</dd>
                <dt>{t(AK::Requirement)}</dt>
                <dd>{move || match use_locale().get() {
                    Locale::Zh => format!("出勤不少于 {required} 学时（课表 {total} 学时的 {percent}%），提交论文且成绩合格以上"),
                    Locale::En => format!("At least {required} class hours attended ({percent}% of {total}), a paper graded pass or better"),
                }}</dd>
                <dt>{t(AK::Outcome)}</dt><dd>{outcomes}{t(AK::Undecided)}" "{v.count(None)}</dd>
                <dt>{t(AK::Grade)}</dt><dd>{grades}{t(AK::NoGrade)}" "{v.rows.iter().filter(|r| r.paper.is_some() && r.decision.grade.is_none()).count()}</dd>
                {published}
            </dl>
        </section>
    }
}

fn publish_section(v: &AssessmentView, publish: ServerAction<PublishResults>) -> impl IntoView {
    let error = Signal::derive(move || error_of(publish.value().get()));
    let id = v.programme_id;
    (v.published.is_none()).then(|| {
        view! {
            <section class="card">
                <h2>{t(K::PublishResults)}</h2>
                <p class="hint">{t(AK::PublishHint)}</p>
                <ActionForm action=publish>
                    <crate::ui::FormError error/>
                    <input type="hidden" name="programme_id" value=id/>
                    <ConfirmSubmit label=K::PublishResults question=K::ConfirmPublishResults/>
                </ActionForm>
            </section>
        }
    })
}

fn import_section(id: i64, import: Import) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="card">
            <h2>{t(AK::Import)}</h2>
            <p class="hint">{t(AK::ImportHint)}</p>
            <p><a href=format!("/programmes/{id}/assessment.xlsx") rel="external" download>{t(AK::DownloadSheet)}</a></p>
            <crate::ui::FileForm programme=id action=import label=K::AssessmentFile button=K::Import accept=".xlsx,.xls,.csv" input_id="assessment-file"/>
            {move || import.value().get().map(|r| match r {
                Ok(done) => view! {
                    <p role="status" class="live ok">{move || match locale.get() {
                        Locale::Zh => format!("{}：{} 人。", AK::Imported.text(Locale::Zh), done.changed),
                        Locale::En => format!("{}: {} trainees.", AK::Imported.text(Locale::En), done.changed),
                    }}</p>
                }.into_any(),
                Err(AppError::Rows(rows)) => view! { <crate::ui::RowErrors rows/> }.into_any(),
                Err(_) => ().into_any(),
            })}
        </section>
    }
}

fn filter_key(f: Filter) -> AK {
    match f {
        Filter::All => AK::ShowAll,
        Filter::Undecided => AK::ShowTodo,
        Filter::NoPaper => AK::ShowNoPaper,
        Filter::Short => AK::ShowShort,
        Filter::Is(o) => outcome_key(o),
    }
}

fn order_key(o: Order) -> AK {
    match o {
        Order::Name => AK::SortName,
        Order::Hours => AK::SortHours,
        Order::Grade => AK::SortGrade,
        Order::Outcome => AK::SortOutcome,
    }
}

/// The filter and sort links: each keeps the other choice.
fn choices(v: &AssessmentView, filter: Filter, order: Order) -> impl IntoView {
    let base = format!("/programmes/{}/assessment", v.programme_id);
    let filters = Filter::ALL
        .into_iter()
        .map(|f| {
            let n = v.rows.iter().filter(|r| f.keeps(v, r)).count();
            let href = format!("{base}?show={}&sort={}", f.code(), order.code());
            let current = (f == filter).then_some("page");
            view! { <li><a href=href aria-current=current>{t(filter_key(f))}" ("{n}")"</a></li> }
        })
        .collect_view();
    let orders = Order::ALL
        .into_iter()
        .map(|o| {
            let href = format!("{base}?show={}&sort={}", filter.code(), o.code());
            let current = (o == order).then_some("page");
            view! { <li><a href=href aria-current=current>{t(order_key(o))}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="choices" aria-label=t(AK::Show)>
            <span>{t(AK::Show)}"："</span><ul class="inline">{filters}</ul>
        </nav>
        <nav class="choices" aria-label=t(AK::SortBy)>
            <span>{t(AK::SortBy)}"："</span><ul class="inline">{orders}</ul>
        </nav>
    }
}

fn list(
    v: &AssessmentView,
    filter: Filter,
    order: Order,
    save: ServerAction<SaveAssessments>,
) -> impl IntoView {
    let editing = v.may_edit && v.ended;
    let shown_rows = shown(v, filter, order);
    let none = shown_rows.is_empty();
    let rows = shown_rows
        .into_iter()
        .map(|r| row(v, r, editing, save))
        .collect_view();
    let head = view! {
        <thead><tr>
            <th scope="col">{t(K::DisplayNameLabel)}</th>
            <th scope="col">{t(AK::Attended)}</th>
            <th scope="col">{t(AK::Paper)}</th>
            <th scope="col">{t(AK::Grade)}</th>
            <th scope="col">{t(AK::Assessor)}</th>
            <th scope="col">{t(AK::Comment)}</th>
            <th scope="col">{t(AK::Outcome)}</th>
            <th scope="col">{t(AK::Reason)}</th>
        </tr></thead>
    };
    let table = view! {
        <crate::ui::TableWrap label=AK::Assessment>
            <table class="assessment">{head}<tbody>{rows}</tbody></table>
        </crate::ui::TableWrap>
    };
    let id = v.programme_id;
    let published = v.published.is_some();
    let body = if editing {
        let locale = use_locale();
        let problem = move || {
            save.value().get().and_then(Result::err).map(|e| {
                let l = locale.get();
                match &e {
                    AppError::Validation(list) if list.iter().all(|f| f.field.contains('.')) => {
                        AK::RowsRefused.text(l).to_owned()
                    }
                    AppError::Validation(list) => list
                        .iter()
                        .map(|f| {
                            let what = problem_text(&f.problem, l);
                            match assessment_field_text(&f.field, l) {
                                Some(name) => format!("{name}：{what}"),
                                None => what,
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("；"),
                    e => error_text(e, l),
                }
            })
        };
        view! {
            <ActionForm action=save attr:class="assessment-form">
                <input type="hidden" name="programme_id" value=id/>
                {move || problem().map(|p| view! { <div class="form-error" role="alert"><p>{p}</p></div> })}
                {table}
                <p class="hint">{t(AK::SaveHint)}</p>
                {published.then(|| view! {
                    <div class="field">
                        <label for="correction">{t(AK::Correction)}</label>
                        <p class="hint" id="correction-hint">{t(AK::CorrectionHint)}</p>
                        <input id="correction" name="correction" maxlength=REASON_MAX aria-describedby="correction-hint"/>
                    </div>
                })}
                <button type="submit" class="primary">{t(AK::SaveRows)}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        table.into_any()
    };
    view! {
        <section class="card">
            {choices(v, filter, order)}
            {if none {
                view! { <p class="muted">{t(AK::NothingShown)}</p> }.into_any()
            } else {
                body
            }}
            // Said below the button that was pressed, not at the top, and
            // still there when the saved rows leave the filtered list.
            <Done ok=Signal::derive(move || succeeded(&save.value().get())) code="saved" text=K::Saved/>
        </section>
    }
}

fn row(
    v: &AssessmentView,
    r: &Row,
    editing: bool,
    save: ServerAction<SaveAssessments>,
) -> impl IntoView {
    let e = r.enrollment_id;
    let short = !v.min.met(r.attended, v.total_hours);
    let hours = view! {
        {format!("{} / {}", r.attended, v.total_hours)}
        {short.then(|| view! { <br/><span class="badge warn">{t(AK::ShowShort)}</span> })}
    };
    let paper = match r.paper {
        Some((pid, n)) => {
            view! { <a href=format!("/papers/{pid}") rel="external">{format!("v{n}")}</a> }
                .into_any()
        }
        None => view! { <span class="badge muted">{t(AK::NoPaper)}</span> }.into_any(),
    };
    let name = view! {
        <th scope="row">{r.name.clone()}<br/><span class="muted">{r.employer.clone()}</span>
            {editing.then(|| row_problems(e, save))}
        </th>
    };
    let d = r.decision.clone();
    let was = d.fingerprint();
    if !editing {
        return view! {
            <tr>
                {name}<td>{hours}</td><td>{paper}</td>
                <td>{d.grade.map(|g| t(grade_key(g)))}</td>
                <td>{d.assessor}</td><td>{d.comment}</td>
                <td>{d.outcome.map(|o| t(outcome_key(o)))}</td>
                <td>{d.reason}</td>
            </tr>
        }
        .into_any();
    }
    let field = move |f: &str| format!("rows[{e}][{f}]");
    let label = |k: AK| {
        let who = r.name.clone();
        move || format!("{who} {}", k.text(use_locale().get()))
    };
    let grades = Grade::ALL
        .iter()
        .map(|g| view! { <option value=g.as_str() selected=d.grade == Some(*g)>{t(grade_key(*g))}</option> })
        .collect_view();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| view! { <option value=o.as_str() selected=d.outcome == Some(*o)>{t(outcome_key(*o))}</option> })
        .collect_view();
    view! {
        <tr>
            {name}<td>{hours}</td><td>{paper}</td>
            <td>
                <select name=field("grade") aria-label=label(AK::Grade) disabled=r.paper.is_none()>
                    <option value="" selected=d.grade.is_none()>{t(AK::NoGrade)}</option>
                    {grades}
                </select>
            </td>
            <td><input name=field("assessor") value=d.assessor maxlength=ASSESSOR_MAX size="6" aria-label=label(AK::Assessor)/></td>
            <td><input name=field("comment") value=d.comment maxlength=COMMENT_MAX aria-label=label(AK::Comment)/></td>
            <td>
                <select name=field("outcome") aria-label=label(AK::Outcome)>
                    <option value="" selected=d.outcome.is_none()>{t(AK::Undecided)}</option>
                    {outcomes}
                </select>
            </td>
            <td>
                <input name=field("reason") value=d.reason maxlength=REASON_MAX placeholder=t(AK::ReasonHint) aria-label=label(AK::Reason)/>
                <input type="hidden" name=field("version") value=r.version/>
                <input type="hidden" name=field("was") value=was/>
            </td>
        </tr>
    }
    .into_any()
}

/// A refused save's problems with this row, by field.
fn row_problems(e: i64, save: ServerAction<SaveAssessments>) -> impl IntoView {
    let locale = use_locale();
    move || {
        let l = locale.get();
        let prefix = format!("{e}.");
        let texts: Vec<String> = match save.value().get() {
            Some(Err(AppError::Validation(list))) => list
                .iter()
                .filter_map(|f| {
                    let field = f.field.strip_prefix(&prefix)?;
                    let what = problem_text(&f.problem, l);
                    Some(match assessment_field_text(field, l) {
                        Some(name) => format!("{name}：{what}"),
                        None => what,
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        (!texts.is_empty()).then(|| {
            view! {
                <ul class="field-error">{texts.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            }
        })
    }
}
