use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    courseware_admin, ConsentView, CoursewareAdminView, LectureView, ListCourseware, RecordConsent,
    RevokeConsent, WithdrawCourseware, FIELD_MAX, TEXT_MAX,
};
use crate::domain::courseware::ConsentScope;
use crate::domain::{format_shanghai, Role};
use crate::i18n::{consent_scope_text, error_text, lecturer_title_key, t, use_locale, K, WK};
use crate::ui::{
    error_of, ConfirmSubmit, FormError, Protected, SelectField, TableWrap, TextArea, TextField,
};

/// The province's courseware desk (R14): a year's lectures given, each
/// lecturer's consent, what the catalogue shows, and the four steps.
#[component]
pub fn CoursewarePage() -> impl IntoView {
    view! {
        <Protected roles=&[Role::Admin]>
            <CoursewareBody/>
        </Protected>
    }
}

#[component]
fn CoursewareBody() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let year = move || query.read().get("year").unwrap_or_default();
    let record = ServerAction::<RecordConsent>::new();
    let revoke = ServerAction::<RevokeConsent>::new();
    let list = ServerAction::<ListCourseware>::new();
    let withdraw = ServerAction::<WithdrawCourseware>::new();
    let notices = crate::ui::LastDone::new(vec![
        (
            Signal::derive(move || crate::ui::succeeded(&record.value().get())),
            "consent_recorded",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&revoke.value().get())),
            "consent_revoked",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&list.value().get())),
            "courseware_listed",
        ),
        (
            Signal::derive(move || crate::ui::succeeded(&withdraw.value().get())),
            "courseware_withdrawn",
        ),
    ]);
    let changed = notices.changed();
    let url = notices.url();
    let data = Resource::new(
        move || (changed.get(), year()),
        |(_, y)| courseware_admin(y),
    );
    view! {
        <crate::ui::Done ok=notices.said(&["consent_recorded"]) url code="consent_recorded" text=WK::ConsentRecorded/>
        <crate::ui::Done ok=notices.said(&["consent_revoked"]) url code="consent_revoked" text=WK::ConsentRevoked/>
        <crate::ui::Done ok=notices.said(&["courseware_listed"]) url code="courseware_listed" text=WK::Listed/>
        <crate::ui::Done ok=notices.said(&["courseware_withdrawn"]) url code="courseware_withdrawn" text=WK::WithdrawnDone/>
        <h1>{t(WK::Courseware)}</h1>
        <p class="hint">{t(WK::CoursewareHint)}</p>
        <p><a href="/courseware" rel="external">{t(WK::OpenCatalogue)}</a></p>
        <Transition fallback=move || view! { <p class="muted">{t(K::Loading)}</p> }>
        {move || data.get().map(|r| match r {
            Err(e) => view! { <p class="form-error" role="alert">{move || error_text(&e, locale.get())}</p> }.into_any(),
            Ok(v) => view! {
                <Years v=v.clone()/>
                {if v.lectures.is_empty() {
                    view! { <p class="muted">{t(WK::NoLectures)}</p> }.into_any()
                } else {
                    view! {
                        <Lectures v=v.clone()/>
                        <RecordForm v=v.clone() action=record/>
                        <RevokeForm v=v.clone() action=revoke/>
                        <ListForm v=v.clone() action=list/>
                        <WithdrawForm v=v.clone() action=withdraw/>
                    }.into_any()
                }}
            }.into_any(),
        })}
        </Transition>
    }
}

#[component]
fn Years(v: CoursewareAdminView) -> impl IntoView {
    let locale = use_locale();
    let shown = v.year;
    (v.years.len() > 1).then(|| view! {
        <nav class="actions" aria-label=move || WK::Years.text(locale.get())>
            {v.years.into_iter().map(|y| {
                let current = (Some(y) == shown).then_some("page");
                let text = move || WK::YearLink.text(locale.get()).replace("{year}", &y.to_string());
                view! { <a href=format!("/admin/courseware?year={y}") aria-current=current>{text}</a> }
            }).collect_view()}
        </nav>
    })
}

fn consent_state(c: &ConsentView, today: &str) -> WK {
    if c.in_force {
        WK::InForce
    } else if c.revoked.is_some() {
        WK::Revoked
    } else if c.given_on.as_str() > today {
        WK::NotYetValid
    } else {
        WK::Expired
    }
}

#[component]
fn Lectures(v: CoursewareAdminView) -> impl IntoView {
    let locale = use_locale();
    let today = v.today.clone();
    let label = move |k: WK| move || k.text(locale.get());
    let year = v.year.unwrap_or_default().to_string();
    let caption = move || WK::Lectures.text(locale.get()).replace("{year}", &year);
    view! {
        <TableWrap label=WK::Courseware><table>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{t(WK::Day)}</th>
                <th scope="col">{t(WK::Lecture)}</th>
                <th scope="col">{t(WK::Lecturers)}</th>
                <th scope="col">{t(WK::Status)}</th>
            </tr></thead>
            <tbody>
            {v.lectures.into_iter().map(|l| {
                let today = today.clone();
                let status = match &l.listing {
                    None => WK::NotListed,
                    Some(x) if x.withdrawn.is_some() => WK::Withdrawn,
                    Some(x) if x.public => WK::Public,
                    Some(_) => WK::Hidden,
                };
                let field = l.listing.as_ref().filter(|x| x.withdrawn.is_none()).map(|x| x.field.clone());
                view! {
                    <tr>
                        <td data-label=label(WK::Day)>{l.day.clone()}" "{l.start_time.clone()}</td>
                        <td data-label=label(WK::Lecture)>
                            <strong>{l.title.clone()}</strong><br/>
                            <a href=format!("/programmes/{}", l.programme_id)>{l.topic.clone()}</a>
                            <span class="muted">" · "{l.institution.clone()}</span>
                        </td>
                        <td data-label=label(WK::Lecturers)>
                            <ul class="people">
                            {l.lecturers.iter().map(|p| {
                                let title = p.title;
                                let newest = p.consents.first().cloned();
                                let state = newest.as_ref().map(|c| consent_state(c, &today));
                                view! {
                                    <li>
                                        {p.name.clone()}<span class="muted">"（"{move || lecturer_title_key(title).text(locale.get())}"）"</span>
                                        " "{match (newest, state) {
                                            (Some(c), Some(s)) => {
                                                let scope = c.scope;
                                                view! {
                                                    <span class=format!("badge {}", if c.in_force { "ok" } else { "warn" })>{t(s)}</span>
                                                    <br/><span class="muted">
                                                        {move || consent_scope_text(scope, locale.get())}" · "
                                                        {c.given_on.clone()}" – "{c.until.clone()}" · "{c.evidence.clone()}
                                                        <br/>{t(WK::RecordedBy)}{c.recorded_by.clone()}" · "{format_shanghai(c.recorded_at)}
                                                        {c.revoked.clone().map(|r| view! {
                                                            <br/>{t(WK::RevokedBy)}{r.by}" · "{format_shanghai(r.at)}" · "{r.reason}
                                                        })}
                                                    </span>
                                                }.into_any()
                                            }
                                            _ => view! { <span class="badge">{t(WK::NoConsentYet)}</span> }.into_any(),
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                            </ul>
                        </td>
                        <td data-label=label(WK::Status)>
                            <span class=format!("badge {}", match status { WK::Public => "ok", WK::NotListed => "muted", _ => "warn" })>{t(status)}</span>
                            {field.map(|f| view! { <br/><span class="muted">{f}</span> })}
                        </td>
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table></TableWrap>
    }
}

/// "{day} {time} {title} — {name}（{affiliation}）" for each lecturer of
/// each lecture: the time tells same-titled sessions apart, the
/// affiliation namesakes.
fn pairs(v: &CoursewareAdminView) -> Vec<(String, String)> {
    v.lectures
        .iter()
        .flat_map(|l| {
            l.lecturers.iter().map(move |p| {
                (
                    format!("{}:{}", l.course_id, p.lecturer_id),
                    format!("{} — {}（{}）", lecture_label(l), p.name, p.affiliation),
                )
            })
        })
        .collect()
}

fn lecture_label(l: &LectureView) -> String {
    format!("{} {} {}", l.day, l.start_time, l.title)
}

/// The options of a select, after a blank one that must be changed: a
/// step on the wrong lecture is worse than a step refused.
fn with_blank(l: crate::i18n::Locale, options: &[(String, String)]) -> Vec<(String, String)> {
    std::iter::once((String::new(), WK::Choose.text(l).to_owned()))
        .chain(options.iter().cloned())
        .collect()
}

#[component]
fn RecordForm(v: CoursewareAdminView, action: ServerAction<RecordConsent>) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(action.value().get().map(|r| r.map(|_| ()))));
    let who = pairs(&v);
    let options = Signal::derive(move || with_blank(locale.get(), &who));
    let scopes = Signal::derive(move || {
        ConsentScope::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    consent_scope_text(*s, locale.get()).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card">
            <h2>{t(WK::RecordConsent)}</h2>
            <p class="hint">{t(WK::RecordConsentHint)}</p>
            <ActionForm action attr:class="grid-form">
                <FormError error/>
                <SelectField label=WK::Who name="who" error options id_prefix="rc-"/>
                <SelectField label=WK::ScopeField name="scope" error options=scopes id_prefix="rc-"/>
                <TextField label=WK::GivenOn name="given_on" kind="date" error value=v.today.clone() id_prefix="rc-"/>
                <TextField label=WK::Until name="until" kind="date" error id_prefix="rc-"/>
                <TextArea label=WK::Evidence name="evidence" error maxlength=TEXT_MAX rows=2 id_prefix="rc-"/>
                <div class="actions wide">
                    <button type="submit" class="primary">{t(WK::RecordConsent)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn RevokeForm(v: CoursewareAdminView, action: ServerAction<RevokeConsent>) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(action.value().get()));
    let open: Vec<(String, String, ConsentScope)> = v
        .lectures
        .iter()
        .flat_map(|l| {
            l.lecturers.iter().flat_map(move |p| {
                p.consents
                    .iter()
                    .filter(|c| c.revoked.is_none())
                    .map(move |c| {
                        (
                            c.id.to_string(),
                            format!(
                                "{} — {} · {} – {}",
                                lecture_label(l),
                                p.name,
                                c.given_on,
                                c.until
                            ),
                            c.scope,
                        )
                    })
            })
        })
        .collect();
    (!open.is_empty()).then(|| {
        let options = Signal::derive(move || {
            let l = locale.get();
            let all: Vec<_> = open
                .iter()
                .map(|(id, label, scope)| {
                    (id.clone(), format!("{label} · {}", consent_scope_text(*scope, l)))
                })
                .collect();
            with_blank(l, &all)
        });
        view! {
            <section class="card">
                <h2>{t(WK::RevokeConsent)}</h2>
                <ActionForm action attr:class="grid-form">
                    <FormError error/>
                    <SelectField label=WK::WhichConsent name="consent_id" error options id_prefix="rv-"/>
                    <TextArea label=WK::RevokeReason name="reason" error maxlength=TEXT_MAX rows=2 id_prefix="rv-"/>
                    <ConfirmSubmit label=WK::RevokeConsent question=WK::ConfirmRevoke/>
                </ActionForm>
            </section>
        }
    })
}

#[component]
fn ListForm(v: CoursewareAdminView, action: ServerAction<ListCourseware>) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || error_of(action.value().get()));
    // (id, label, lecturers still to consent)
    let open: Vec<(String, String, String)> = v
        .lectures
        .iter()
        .filter(|l| l.listing.as_ref().is_none_or(|x| x.withdrawn.is_some()))
        .map(|l| {
            let missing: Vec<&str> = l
                .lecturers
                .iter()
                .filter(|p| p.in_force().is_none())
                .map(|p| p.name.as_str())
                .collect();
            (
                l.course_id.to_string(),
                lecture_label(l),
                missing.join("、"),
            )
        })
        .collect();
    (!open.is_empty()).then(|| {
        let options = Signal::derive(move || {
            let l = locale.get();
            let all: Vec<_> = open
                .iter()
                .map(|(id, label, missing)| {
                    let label = if missing.is_empty() {
                        label.clone()
                    } else {
                        format!("{label}（{}）", WK::Missing.text(l).replace("{names}", missing))
                    };
                    (id.clone(), label)
                })
                .collect();
            with_blank(l, &all)
        });
        view! {
            <section class="card">
                <h2>{t(WK::List)}</h2>
                <p class="hint">{t(WK::ListHint)}</p>
                <ActionForm action attr:class="grid-form">
                    <FormError error/>
                    <SelectField label=WK::WhichLecture name="course_id" error options id_prefix="ls-"/>
                    <TextField label=WK::FieldOptional name="field" error maxlength=FIELD_MAX id_prefix="ls-"/>
                    <div class="actions wide">
                        <button type="submit" class="primary">{t(WK::List)}</button>
                    </div>
                </ActionForm>
            </section>
        }
    })
}

#[component]
fn WithdrawForm(v: CoursewareAdminView, action: ServerAction<WithdrawCourseware>) -> impl IntoView {
    let error = Signal::derive(move || error_of(action.value().get()));
    let listed: Vec<(String, String)> = v
        .lectures
        .iter()
        .filter(|l| l.listing.as_ref().is_some_and(|x| x.withdrawn.is_none()))
        .map(|l| (l.course_id.to_string(), lecture_label(l)))
        .collect();
    let locale = use_locale();
    (!listed.is_empty()).then(|| {
        let options = Signal::derive(move || with_blank(locale.get(), &listed));
        view! {
            <section class="card">
                <h2>{t(WK::Withdraw)}</h2>
                <ActionForm action attr:class="grid-form">
                    <FormError error/>
                    <SelectField label=WK::WhichLecture name="course_id" error options id_prefix="wd-"/>
                    <TextArea label=WK::WithdrawReason name="reason" error maxlength=TEXT_MAX rows=2 id_prefix="wd-"/>
                    <ConfirmSubmit label=WK::Withdraw question=WK::ConfirmWithdraw/>
                </ActionForm>
            </section>
        }
    })
}
