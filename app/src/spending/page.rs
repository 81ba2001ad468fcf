use leptos::prelude::*;

use super::{
    category_index, source_index, spending, AddSpendingLine, Lecture, LineView, RemoveSpendingLine,
    SaveProgrammeAccount, SetTrainingCategory, SpendingView, NOTE_MAX,
};
use crate::domain::fees::TrainingCategory;
use crate::domain::spending::{
    flags_in_order, lecture_line_cap, paid_before, DayGroup, Flag, Line,
};
use crate::domain::{yuan_input, ExpenseCategory, Fen, FundingSource, Role};
use crate::i18n::{
    category_key, category_text, day_group_key, error_text, lecturer_title_key, source_key, t,
    use_locale, Locale, FK, K,
};
use crate::ui::{error_of, param, ConfirmSubmit, FieldError, FormError, Protected, TableWrap};

const READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];

/// A programme's spending: the lines with their flags, the per-day caps,
/// the budget against the actuals, and for the unit and the institution
/// the forms that enter lines and the funds received.
#[component]
pub fn SpendingPage() -> impl IntoView {
    view! {
        <Protected roles=READERS>
            <SpendingAccount/>
        </Protected>
    }
}

#[component]
fn SpendingAccount() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    let add = ServerAction::<AddSpendingLine>::new();
    let remove = ServerAction::<RemoveSpendingLine>::new();
    let account = ServerAction::<SaveProgrammeAccount>::new();
    let category = ServerAction::<SetTrainingCategory>::new();
    // One count per action: an `||` of them would stop watching the
    // others once the first had succeeded.
    let counts = [
        crate::ui::success_count(move || crate::ui::succeeded(&add.value().get())),
        crate::ui::success_count(move || crate::ui::succeeded(&remove.value().get())),
        crate::ui::success_count(move || crate::ui::succeeded(&account.value().get())),
        crate::ui::success_count(move || crate::ui::succeeded(&category.value().get())),
    ];
    let changed = Signal::derive(move || counts.iter().map(|c| c.get()).sum::<u32>());
    // A message speaks for the address only until the next action runs;
    // then only the latest action's message is shown.
    let url = Signal::derive(move || changed.get() == 0);
    let last = RwSignal::new("");
    let track = move |ok: Signal<bool>, code: &'static str| {
        Effect::new(move |_| {
            if ok.get() {
                last.set(code);
            }
        })
    };
    track(
        Signal::derive(move || crate::ui::succeeded(&add.value().get())),
        "spending_line_added",
    );
    track(
        Signal::derive(move || crate::ui::succeeded(&remove.value().get())),
        "spending_line_removed",
    );
    track(
        Signal::derive(move || crate::ui::succeeded(&account.value().get())),
        "programme_account_saved",
    );
    track(
        Signal::derive(move || crate::ui::succeeded(&category.value().get())),
        "training_category_set",
    );
    let said = move |code: &'static str| Signal::derive(move || last.get() == code);
    // Importing sends a file, so it needs the page's script (multipart).
    let import: Import = Action::new_local(|data: &web_sys::FormData| {
        let data = data.clone();
        async move { super::import_spending(data.into()).await }
    });
    let data = Resource::new(
        move || (changed.get(), import.version().get()),
        move |_| spending(id),
    );
    let remove_error = Signal::derive(move || error_of(remove.value().get()));
    view! {
        <crate::ui::Done ok=said("spending_line_added") url code="spending_line_added" text=FK::LineEntered/>
        <crate::ui::Done ok=said("spending_line_removed") url code="spending_line_removed" text=FK::LineRemoved/>
        <crate::ui::Done ok=said("programme_account_saved") url code="programme_account_saved" text=FK::FundsSaved/>
        <crate::ui::Done ok=said("training_category_set") url code="training_category_set" text=FK::CategorySet/>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <p><a href=format!("/programmes/{id}/prep")>{v.topic.clone()}</a></p>
                <h1>{t(FK::Spending)}</h1>
                <p class="hint">{t(FK::SpendingHint)}</p>
                {v.locked.map(|status| {
                    let text = if status == crate::domain::closing::ClosingStatus::Accepted { FK::Closed } else { FK::Locked };
                    view! {
                        <p class="live warn">{t(text)}" "<a href=format!("/programmes/{id}/closing")>{t(crate::i18n::JK::ClosingNav)}</a></p>
                    }
                })}
                {facts(&v)}
                {v.may_set_category.then(|| view! { <CategoryForm category v=v.clone()/> })}
                {v.may_edit.then(|| view! { <AddLine add v=v.clone()/> })}
                {v.may_edit.then(|| import_section(id, import))}
                {lines(&v, remove, remove_error)}
                {day_caps(&v)}
                {planned_vs_actual(&v)}
                {v.may_edit.then(|| view! { <Funds account v=v.clone()/> })}
            }.into_any(),
        })}
        </Transition>
    }
}

type Import = Action<web_sys::FormData, Result<super::Imported, crate::error::AppError>>;

fn import_section(id: i64, import: Import) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="card">
            <h2>{t(FK::ImportLines)}</h2>
            <p class="hint">{t(FK::ImportHint)}</p>
            <p><a href=format!("/programmes/{id}/spending.xlsx") rel="external" download>{t(FK::Template)}</a></p>
            <crate::ui::FileForm programme=id action=import label=K::SpendingFile button=K::Import accept=".xlsx,.xls,.csv" input_id="spending-file">
                <label class="check">
                    <input type="checkbox" name="replace" value="1"/>
                    {t(FK::ReplaceLines)}
                </label>
            </crate::ui::FileForm>
            {move || match import.value().get() {
                Some(Err(crate::error::AppError::Rows(rows))) => view! { <crate::ui::RowErrors rows/> }.into_any(),
                Some(Ok(done)) => view! { <p class="live ok" role="status">{move || {
                    let l = locale.get();
                    let mut said = FK::Imported.text(l).replace("{n}", &done.added.to_string());
                    if done.replaced > 0 {
                        said.push_str(&FK::ReplacedLines.text(l).replace("{n}", &done.replaced.to_string()));
                    }
                    said
                }}</p> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

fn facts(v: &SpendingView) -> impl IntoView {
    let locale = use_locale();
    let category = v.category;
    view! {
        <dl class="facts">
            <dt>{t(K::Dates)}</dt><dd>{format!("{} – {}", v.start_date, v.end_date)}</dd>
            <dt>{t(FK::StandardApplied)}</dt>
            <dd>{t(FK::StandardFrom)}" "{v.standard.effective_from.to_string()}</dd>
            <dt>{t(FK::Category)}</dt><dd>{move || category_text(category, locale.get())}</dd>
            <dt>{t(FK::PersonDays)}</dt>
            <dd>{format!("{} × {} = {}", v.trainees, v.days, v.person_days())}" "<span class="muted">"("{t(FK::PersonDaysHow)}")"</span></dd>
        </dl>
    }
}

/// A flag as the reader's words.
pub(crate) fn flag_text(f: &Flag, l: Locale) -> String {
    match f {
        Flag::OverCap(o) => FK::OverCapLine
            .text(l)
            .replace("{cap}", &o.cap.yuan_text())
            .replace("{excess}", &o.excess.yuan_text()),
        Flag::TraineeCharge => FK::TraineeCharge.text(l).to_owned(),
    }
}

/// The column heads of a table of lines, entered or frozen.
fn line_heads() -> impl IntoView {
    view! {
        <th scope="col">{t(K::ExpenseCategories)}</th>
        <th scope="col">{t(FK::Course)}</th>
        <th scope="col">{t(FK::Source)}</th>
        <th scope="col" class="num">{t(FK::Amount)}</th>
        <th scope="col">{t(FK::Flags)}</th>
        <th scope="col">{t(FK::LineNote)}</th>
    }
}

/// The lines as they were judged when closing materials were sent: read
/// only, with the flags they carried then.
pub(crate) fn frozen_lines(rows: Vec<LineView>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <table class="lines">
            <thead><tr>
                {line_heads()}
            </tr></thead>
            <tbody>
            {rows.into_iter().map(|r| {
                let fl = r.flags.clone();
                let flagged = !fl.is_empty();
                let lec = r.lecture.clone();
                view! {
                    <tr class=if flagged { "flagged" } else { "" }>
                        <td>{t(category_key(r.line.category))}</td>
                        <td>{move || lec.as_ref().map(|l| lecture_text(l, locale.get())).unwrap_or_default()}</td>
                        <td>{t(source_key(r.line.source))}</td>
                        <td class="num">{r.line.amount.yuan_text()}</td>
                        <td>{move || fl.iter().map(|f| view! { <span class="badge rejected">{flag_text(f, locale.get())}</span> }).collect_view()}</td>
                        <td>{r.note.clone()}</td>
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

pub(crate) fn lecture_text(l: &Lecture, locale: Locale) -> String {
    format!(
        "{} {} · {}（{}）· {} {}",
        l.day,
        l.course,
        l.lecturer,
        lecturer_title_key(l.title).text(locale),
        l.hours,
        FK::Hours.text(locale)
    )
}

fn lines(
    v: &SpendingView,
    remove: ServerAction<RemoveSpendingLine>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let may_edit = v.may_edit;
    let id = v.programme_id;
    if v.lines.is_empty() {
        return view! { <h2>{t(FK::Lines)}</h2><p class="muted">{t(FK::NoLines)}</p> }.into_any();
    }
    let rows: Vec<LineView> = v.lines.clone();
    let overs: Vec<DayGroup> = v.day_overs.iter().map(|(g, _)| *g).collect();
    let per_day = v.person_days() > 0;
    view! {
        <h2>{t(FK::Lines)}</h2>
        <FormError error/>
        <TableWrap label=FK::Lines><table>
            <thead><tr>
                {line_heads()}
                {may_edit.then(|| view! { <th scope="col"><span class="sr-only">{t(FK::Remove)}</span></th> })}
            </tr></thead>
            <tbody>
            {rows.into_iter().map(|r| {
                // Accommodation, meals, venue, materials and transport are
                // judged as category totals per person-day, not line by line.
                let by_day = r.line.category != ExpenseCategory::LectureFees;
                let group_over = by_day && overs.iter().any(|g| g.holds(r.line.category));
                let flagged = !r.flags.is_empty() || group_over;
                let fl = r.flags.clone();
                let none = fl.is_empty();
                let lec = r.lecture.clone();
                let subject = format!("{} {}", r.line.amount.yuan_text(), r.note);
                view! {
                    <tr class=if flagged { "flagged" } else { "" }>
                        <td>{t(category_key(r.line.category))}</td>
                        <td>{move || lec.as_ref().map(|l| lecture_text(l, locale.get())).unwrap_or_default()}</td>
                        <td>{t(source_key(r.line.source))}</td>
                        <td class="num">{r.line.amount.yuan_text()}</td>
                        <td>
                            {move || fl.iter().map(|f| view! { <span class="badge rejected">{flag_text(f, locale.get())}</span> }).collect_view()}
                            {move || match (none, by_day, group_over, per_day) {
                                (_, true, true, _) => view! { <span class="badge rejected">{FK::GroupOver.text(locale.get())}</span> }.into_any(),
                                (true, true, false, true) => view! { <span class="muted">{FK::GroupWithin.text(locale.get())}</span> }.into_any(),
                                (true, true, false, false) => view! { <span class="muted">{FK::NoPersonDaysShort.text(locale.get())}</span> }.into_any(),
                                (true, false, _, _) => view! { <span class="muted">{FK::WithinCap.text(locale.get())}</span> }.into_any(),
                                _ => ().into_any(),
                            }}
                        </td>
                        <td>{r.note.clone()}</td>
                        {may_edit.then(|| view! {
                            <td>
                                <ActionForm action=remove>
                                    <input type="hidden" name="programme_id" value=id/>
                                    <input type="hidden" name="line_id" value=r.id/>
                                    <ConfirmSubmit label=K::Remove question=K::ConfirmRemoveLine subject inline=true/>
                                </ActionForm>
                            </td>
                        })}
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table></TableWrap>
    }
    .into_any()
}

/// The line being typed, judged as the server will judge it.
fn live_line(
    v: &SpendingView,
    category: &str,
    lecture: &str,
    amount: &str,
    charged: bool,
    l: Locale,
) -> Option<(bool, String)> {
    let category = ExpenseCategory::parse(category)?;
    let amount = Fen::parse_yuan(amount).ok()?;
    let chosen = v.lectures.iter().find(|x| x.key() == lecture);
    if category == ExpenseCategory::LectureFees && chosen.is_none() {
        return None;
    }
    let line = Line {
        category,
        source: FundingSource::Government,
        amount,
        lecture: chosen
            .filter(|_| category == ExpenseCategory::LectureFees)
            .map(|x| (x.hours, x.title)),
        charged_to_trainees: charged,
    };
    // Judged after the lines already entered, as the server will.
    let mut keyed: Vec<(Option<(i64, i64)>, &Line)> = v
        .lines
        .iter()
        .map(|x| {
            (
                x.lecture.as_ref().map(|l| (l.course_id, l.lecturer_id)),
                &x.line,
            )
        })
        .collect();
    let key = chosen.map(|x| (x.course_id, x.lecturer_id));
    keyed.push((key, &line));
    let found = flags_in_order(&keyed, &v.standard)
        .pop()
        .unwrap_or_default();
    let mut parts = Vec::new();
    if let (Some((hours, title)), Some(key)) = (line.lecture, key) {
        let per = v.standard.lecture_cap(title);
        let cap = lecture_line_cap(&v.standard, hours, title);
        parts.push(
            FK::LiveCap
                .text(l)
                .replace("{cap}", &cap.yuan_text())
                .replace("{hours}", &hours.to_string())
                .replace("{per}", &per.yuan_text()),
        );
        // A second payment for the same lecture is judged with the first.
        let paid = paid_before(&keyed, keyed.len() - 1, key);
        if paid != Fen::ZERO {
            parts.push(FK::PaidBefore.text(l).replace("{paid}", &paid.yuan_text()));
        }
    }
    parts.extend(found.iter().map(|f| flag_text(f, l)));
    if found.is_empty() && line.lecture.is_some() {
        parts.push(FK::WithinCap.text(l).to_owned());
    }
    (!parts.is_empty()).then(|| (found.is_empty(), parts.join(" · ")))
}

#[component]
fn AddLine(add: ServerAction<AddSpendingLine>, v: SpendingView) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(add.value().get()));
    let category = RwSignal::new(ExpenseCategory::LectureFees.as_str().to_owned());
    let lecture = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let charged = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    let added = crate::ui::success_count(move || crate::ui::succeeded(&add.value().get()));
    crate::ui::reset_after(added, form);
    Effect::new(move |_| {
        if added.get() > 0 {
            amount.set(String::new());
            charged.set(false);
        }
    });
    let live_v = StoredValue::new(v.clone());
    let live = move || {
        live_line(
            &live_v.read_value(),
            &category.get(),
            &lecture.get(),
            &amount.get(),
            charged.get(),
            locale.get(),
        )
    };
    let is_lecture = move || category.get() == ExpenseCategory::LectureFees.as_str();
    let lectures = v.lectures.clone();
    let id = v.programme_id;
    view! {
        <section class="card">
            <h2>{t(FK::AddLine)}</h2>
            <ActionForm action=add node_ref=form attr:class="grid-form">
                <FormError error/>
                <input type="hidden" name="programme_id" value=id/>
                <div class="field">
                    <label for="category">{t(K::ExpenseCategories)}</label>
                    <select id="category" name="category" aria-describedby="category-error"
                        on:change=move |ev| category.set(event_target_value(&ev))>
                        {ExpenseCategory::ALL.iter().map(|c| {
                            let selected = *c == ExpenseCategory::LectureFees;
                            view! { <option value=c.as_str() selected=selected>{t(category_key(*c))}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error field="category"/>
                </div>
                <div class="field wide" hidden=move || !is_lecture()>
                    <label for="lecture">{t(FK::Course)}</label>
                    <select id="lecture" name="lecture" aria-describedby="lecture-error spending-live"
                        on:change=move |ev| lecture.set(event_target_value(&ev))>
                        <option value="">{t(FK::ChooseCourse)}</option>
                        {lectures.iter().map(|l| {
                            let key = l.key();
                            let l = l.clone();
                            view! { <option value=key>{move || lecture_text(&l, locale.get())}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error field="lecture"/>
                </div>
                <div class="field">
                    <label for="source">{t(FK::Source)}</label>
                    <select id="source" name="source" aria-describedby="source-error">
                        {FundingSource::ALL.iter().map(|s| view! { <option value=s.as_str()>{t(source_key(*s))}</option> }).collect_view()}
                    </select>
                    <FieldError error field="source"/>
                </div>
                <div class="field">
                    <label for="amount">{t(FK::Amount)}</label>
                    <input id="amount" name="amount" inputmode="decimal" autocomplete="off"
                        aria-describedby="amount-error amount-hint spending-live"
                        prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev))/>
                    <p class="hint" id="amount-hint">{move || if is_lecture() { FK::AfterTaxHint } else { FK::AmountHint }.text(locale.get())}</p>
                    <FieldError error field="amount"/>
                </div>
                <div class="field wide">
                    <label class="check">
                        <input type="checkbox" name="charged_to_trainees" value="1"
                            prop:checked=move || charged.get()
                            on:change=move |ev| charged.set(event_target_checked(&ev))/>
                        {t(FK::ChargedToTrainees)}
                    </label>
                    <p class="hint">{t(FK::ChargedHint)}</p>
                </div>
                <div class="field wide">
                    <label for="note">{t(FK::LineNote)}</label>
                    <input id="note" name="note" maxlength=NOTE_MAX autocomplete="off" aria-describedby="note-error"/>
                    <FieldError error field="note"/>
                </div>
                <p id="spending-live" class=move || match live() { Some((true, _)) => "live ok wide", Some((false, _)) => "live warn wide", None => "wide" } aria-live="polite">
                    {move || live().map(|x| x.1).unwrap_or_default()}
                </p>
                <div class="actions wide">
                    <button type="submit" class="primary">{t(FK::Save)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

fn day_caps(v: &SpendingView) -> impl IntoView {
    let locale = use_locale();
    let overs = v.day_overs.clone();
    let no_days = v.person_days() <= 0;
    view! {
        <h2>{t(FK::DayOvers)}</h2>
        {if no_days {
            view! { <p class="muted">{t(FK::NoPersonDays)}</p> }.into_any()
        } else if overs.is_empty() {
            view! { <p class="live ok">{t(FK::DayOk)}</p> }.into_any()
        } else {
            view! {
                <ul class="flags">
                {overs.into_iter().map(|(g, o)| view! {
                    <li class="live warn">{move || format!("{}：{}", day_group_key(g).text(locale.get()), flag_text(&Flag::OverCap(o), locale.get()))}</li>
                }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

fn money(f: i64) -> String {
    crate::domain::yuan_text(f)
}

/// An actual figure, marked in words (not colour alone) where it passes
/// the budget.
fn actual(spent: i64, planned: i64) -> impl IntoView {
    let locale = use_locale();
    let over = spent > planned;
    view! {
        <td class=if over { "num over" } else { "num" }>
            {money(spent)}
            {over.then(|| view! { <br/><span class="small">{move || FK::OverBudget.text(locale.get()).replace("{n}", &money(spent - planned))}</span> })}
        </td>
    }
}

fn planned_vs_actual(v: &SpendingView) -> impl IntoView {
    let (pc, ps) = v.planned;
    let (ac, asrc) = v.spent;
    let funds = v.funds;
    view! {
        <h2>{t(FK::PlannedVsActual)}</h2>
        <TableWrap label=FK::PlannedVsActual><table>
            <thead><tr>
                <th scope="col">{t(K::ExpenseCategories)}</th>
                <th scope="col" class="num">{t(FK::Planned)}</th>
                <th scope="col" class="num">{t(FK::Actual)}</th>
            </tr></thead>
            <tbody>
            {ExpenseCategory::ALL.iter().map(|c| {
                let i = category_index(*c);
                view! { <tr><th scope="row">{t(category_key(*c))}</th><td class="num">{money(pc[i])}</td>{actual(ac[i], pc[i])}</tr> }
            }).collect_view()}
            <tr><th scope="row">{t(FK::Total)}</th><td class="num">{money(pc.iter().sum())}</td>{actual(ac.iter().sum(), pc.iter().sum())}</tr>
            </tbody>
        </table></TableWrap>
        <TableWrap label=K::FundingSources><table>
            <thead><tr>
                <th scope="col">{t(K::FundingSources)}</th>
                <th scope="col" class="num">{t(FK::Planned)}</th>
                <th scope="col" class="num">{t(FK::Actual)}</th>
                <th scope="col" class="num">{t(FK::Received)}</th>
            </tr></thead>
            <tbody>
            {FundingSource::ALL.iter().map(|s| {
                let i = source_index(*s);
                view! { <tr><th scope="row">{t(source_key(*s))}</th><td class="num">{money(ps[i])}</td>{actual(asrc[i], ps[i])}<td class="num">{money(funds[i])}</td></tr> }
            }).collect_view()}
            <tr><th scope="row">{t(FK::Total)}</th><td class="num">{money(ps.iter().sum())}</td>{actual(asrc.iter().sum(), ps.iter().sum())}<td class="num">{money(funds.iter().sum())}</td></tr>
            </tbody>
        </table></TableWrap>
    }
}

/// R15 as the funds are typed: received minus spent, in the reader's words.
fn balance_text(received: Result<Fen, ()>, spent: i64, l: Locale) -> (bool, String) {
    match received {
        Err(()) => (false, String::new()),
        Ok(r) if r.fen() == spent => (true, FK::Balanced.text(l).to_owned()),
        Ok(r) => {
            let key = if r.fen() < spent {
                FK::FundsShort
            } else {
                FK::FundsOver
            };
            (
                false,
                key.text(l).replace("{n}", &money((spent - r.fen()).abs())),
            )
        }
    }
}

#[component]
fn Funds(account: ServerAction<SaveProgrammeAccount>, v: SpendingView) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(account.value().get()));
    let funds: [RwSignal<String>; 4] =
        std::array::from_fn(|i| RwSignal::new(yuan_input(v.funds[i])));
    let spent = v.total;
    let live = move || {
        let typed: Result<Vec<Fen>, ()> = funds
            .iter()
            .map(|s| match s.get().trim() {
                "" => Ok(Fen::ZERO),
                x => Fen::parse_yuan(x).map_err(|_| ()),
            })
            .collect();
        let sum = typed.and_then(|list| crate::domain::total(list).map_err(|_| ()));
        balance_text(sum, spent, locale.get())
    };
    view! {
        <section class="card">
            <h2>{t(FK::Funds)}</h2>
            <p class="hint">{t(FK::FundsHint)}</p>
            <ActionForm action=account attr:class="grid-form">
                <FormError error/>
                <input type="hidden" name="programme_id" value=v.programme_id/>
                {FundingSource::ALL.iter().enumerate().map(|(i, s)| {
                    let sig = funds[i];
                    let name = s.as_str();
                    view! {
                        <div class="field">
                            <label for=name>{t(source_key(*s))}</label>
                            <input id=name name=name inputmode="decimal" autocomplete="off"
                                aria-describedby=format!("{name}-error funds-live")
                                prop:value=move || sig.get()
                                on:input=move |ev| sig.set(event_target_value(&ev))/>
                            <FieldError error field=name/>
                        </div>
                    }
                }).collect_view()}
                <p id="funds-live" class=move || if live().0 { "live ok wide" } else { "live warn wide" }>{move || live().1}</p>
                <div class="actions wide">
                    <button type="submit" class="primary">{t(FK::SaveFunds)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The admin's choice of the training category, which sets the per-day
/// caps the programme's spending is judged by.
#[component]
fn CategoryForm(category: ServerAction<SetTrainingCategory>, v: SpendingView) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(category.value().get()));
    let now = v.category;
    view! {
        <section class="card">
            <h2>{t(FK::SetCategory)}</h2>
            <p class="hint">{t(FK::SetCategoryHint)}</p>
            <ActionForm action=category attr:class="grid-form">
                <FormError error/>
                <input type="hidden" name="programme_id" value=v.programme_id/>
                <div class="field">
                    <label for="training_category">{t(FK::Category)}</label>
                    <select id="training_category" name="training_category" aria-describedby="training_category-error">
                        {TrainingCategory::ALL.iter().map(|c| {
                            let c = *c;
                            view! { <option value=c.as_str() selected=c == now>{move || category_text(c, locale.get())}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error field="training_category"/>
                </div>
                <button type="submit" class="primary">{t(FK::SaveCategory)}</button>
            </ActionForm>
        </section>
    }
}
