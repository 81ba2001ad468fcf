use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

use crate::accounts::AccountsPage;
use crate::assessment::AssessmentPage;
use crate::attendance::{AttendancePage, CourseRosterPage, ProjectorPage};
use crate::audit::AuditPage;
use crate::auth::{
    initial_user, user_json, CurrentUser, LoginPage, Logout, PasswordPage, USER_SCRIPT_ID,
};
use crate::calls::{CallPage, CallsPage};
use crate::certificates::{CertificatesPage, CompletionPage, VerifyPage};
use crate::closing::ClosingPage;
use crate::courseware::{CataloguePage, CoursewarePage};
use crate::domain::Role;
use crate::enrollment::{ApplyPage, TraineesPage};
use crate::i18n::{initial_locale, kind_key, role_key, t, t_owned, CurrentLocale, K};
use crate::inspections::InspectionsPage;
use crate::orgs::OrgsPage;
use crate::papers::{MyPaperPage, PapersPage};
use crate::plan::{PlanPage, ProgrammePage, ProgrammesPage};
use crate::prep::{LecturersPage, PrepPage};
use crate::proposals::{NewProposalPage, ProposalPage, ProposalsPage, ReviewPage};
use crate::settings::SettingsPage;
use crate::spending::{FeesPage, SpendingPage};
use crate::spot_checks::SpotChecksPage;
use crate::standing::StandingPage;
use crate::survey::{MySurveyPage, QuestionnairePage, SurveyPage};
use crate::trainee::{ActivatePage, MePage, MyCheckinPage, MyProgrammePage, SlipsPage};
use crate::ui::{reload_to, succeeded, LanguageSwitch, Protected};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = initial_locale();
    let user = user_json(&initial_user());
    let light = crate::ui::light::rendering_light_page();
    view! {
        <!DOCTYPE html>
        <html lang=locale.html_lang()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                // The build names its files by content hash, so browsers may
                // keep them for a year (see `server::headers`).
                <HashedStylesheet options=options.clone() id="leptos"/>
                {(!light).then(|| view! {
                    <AutoReload options=options.clone()/>
                    <HydrationScripts options=options.clone()/>
                })}
                <MetaTags/>
                <script type="application/json" id=USER_SCRIPT_ID inner_html=user></script>
            </head>
            <body data-light=light.then_some("true")>
                <App/>
            </body>
        </html>
    }
}

/// Who is signed in, known before rendering (see `auth::signed_in`).
/// Signing in or out ends in a full page load, so it never changes while a
/// page is shown.
#[derive(Clone)]
pub struct Auth {
    pub user: Option<CurrentUser>,
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let current = CurrentLocale::new(initial_locale());
    let locale = current.signal;
    provide_context(current);

    // Effects run only in the browser: keep <html lang> in step with the
    // switch, and tell tests that the page is interactive.
    Effect::new(move |_| {
        let l = locale.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", l.html_lang());
        }
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    crate::ui::guard_unsaved_edits();
    view! {
        <Title text=t_owned(K::AppName)/>
        <Router>
            <Layout/>
        </Router>
    }
}

/// Everything inside the router. Actions whose errors must show without
/// JavaScript are created in the route views: only there does the router
/// provide the error that a plain form post carries back in the URL.
#[component]
fn Layout() -> impl IntoView {
    provide_context(Auth {
        user: initial_user(),
    });

    view! {
            <Header/>
            <main id="main">
                // Async rendering: pages wait for their data, so a redirect or
                // status set while rendering still reaches the response head
                // (needed when JavaScript is off).
                <Routes fallback=|| view! { <h1>{t(K::PageNotFound)}</h1> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/password") view=PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/orgs") view=OrgsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view=AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/calls") view=CallsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/calls/:year") view=CallPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/proposals") view=ReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/standing") view=StandingPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings") view=SettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/survey") view=QuestionnairePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/certificates") view=CertificatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/fees") view=FeesPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/spot-checks") view=SpotChecksPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/courseware") view=CoursewarePage ssr=SsrMode::Async/>
                    <Route path=path!("/courseware") view=CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals") view=ProposalsPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/new") view=NewProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposals/:id") view=ProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes") view=ProgrammesPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id") view=ProgrammePage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/prep") view=PrepPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/trainees") view=TraineesPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/slips") view=SlipsPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/attendance") view=AttendancePage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/papers") view=PapersPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/survey") view=SurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/assessment") view=AssessmentPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/completion") view=CompletionPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/spending") view=SpendingPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/closing") view=ClosingPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/inspections") view=InspectionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/courses/:course") view=CourseRosterPage ssr=SsrMode::Async/>
                    <Route path=path!("/programmes/:id/courses/:course/code") view=ProjectorPage ssr=SsrMode::Async/>
                    <Route path=path!("/lecturers") view=LecturersPage ssr=SsrMode::Async/>
                    <Route path=path!("/activate") view=ActivatePage ssr=SsrMode::Async/>
                    <Route path=path!("/me") view=MePage ssr=SsrMode::Async/>
                    <Route path=path!("/me/programmes/:id") view=MyProgrammePage ssr=SsrMode::Async/>
                    <Route path=path!("/me/checkin/:course") view=MyCheckinPage ssr=SsrMode::Async/>
                    <Route path=path!("/me/papers/:id") view=MyPaperPage ssr=SsrMode::Async/>
                    <Route path=path!("/me/surveys/:id") view=MySurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("/enroll/:id") view=ApplyPage ssr=SsrMode::Async/>
                    <Route path=path!("/plan") view=PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify/:token") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/plan/:year") view=PlanPage ssr=SsrMode::Async/>
                </Routes>
            </main>
    }
}

fn nav_links(role: Role) -> Vec<(&'static str, K)> {
    // A trainee's home is the light page for phones.
    let home = if role == Role::Trainee { "/me" } else { "/" };
    let mut links = vec![(home, K::Home)];
    if matches!(role, Role::Admin | Role::Inspector) {
        links.push(("/admin/calls", K::TopicCalls));
        links.push(("/admin/proposals", K::ReviewProposals));
        links.push(("/programmes", K::Programmes));
        links.push(("/admin/standing", K::UnitStanding));
        links.push(("/admin/orgs", K::Organisations));
        links.push(("/admin/accounts", K::Accounts));
        links.push(("/admin/audit", K::AuditLog));
        links.push(("/admin/settings", K::ProvinceSettings));
        links.push(("/admin/survey", K::SurveyQuestionnaire));
        links.push(("/admin/certificates", K::CertificatesNav));
        links.push(("/admin/fees", K::FeeStandardsNav));
        links.push(("/admin/spot-checks", K::SpotChecksNav));
    }
    if role == Role::Admin {
        links.push(("/admin/courseware", K::CoursewareNav));
    }
    if role == Role::Unit {
        links.push(("/proposals", K::MyProposals));
    }
    if matches!(role, Role::Unit | Role::Institution) {
        links.push(("/programmes", K::Programmes));
    }
    if role == Role::Institution {
        links.push(("/lecturers", K::LecturerRegistry));
    }
    links.push(("/plan", K::AnnualPlan));
    links
}

#[component]
fn Header() -> impl IntoView {
    let user = use_auth().user;
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if succeeded(&logout.value().get()) {
            reload_to("/login");
        }
    });
    view! {
        <header class="topbar">
            <a class="brand" href="/">{t(K::AppShort)}</a>
            {match user {
                Some(u) => view! {
                    <nav aria-label=t(K::Menu)>
                        {nav_links(u.role)
                            .into_iter()
                            .map(|(href, key)| view! { <A href=href>{t(key)}</A> })
                            .collect_view()}
                    </nav>
                    <span class="who">{u.display_name.clone()}</span>
                    <ActionForm action=logout attr:class="inline">
                        <button type="submit" class="link">{t(K::SignOut)}</button>
                    </ActionForm>
                }
                .into_any(),
                None => view! {
                    <nav aria-label=t(K::Menu)>
                        <A href="/plan">{t(K::AnnualPlan)}</A>
                        <A href="/courseware">{t(K::CatalogueNav)}</A>
                    </nav>
                    <A href="/login">{t(K::SignIn)}</A>
                }
                .into_any(),
            }}
            <LanguageSwitch/>
        </header>
    }
}

#[component]
fn HomePage() -> impl IntoView {
    view! {
        <Protected>
            <Welcome/>
        </Protected>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let user = expect_context::<CurrentUser>();
    // A trainee's home is the light page made for phones.
    if user.role == Role::Trainee {
        return view! { <leptos_router::components::Redirect path="/me"/> }.into_any();
    }
    let org = user.org_name.clone();
    // One text node: adjacent texts merge in HTML and would not hydrate.
    let welcome = t(K::Welcome);
    let name = user.display_name.clone();
    view! {
        <section class="card">
            <h1>{move || format!("{}{}", welcome(), name)}</h1>
            <dl class="facts">
                <dt>{t(K::YourRole)}</dt>
                <dd>{t(role_key(user.role))}</dd>
                {org.map(|o| view! { <dt>{t(K::YourOrg)}</dt><dd>{o}</dd> })}
            </dl>
            <p>{t(K::HomeIntro)}</p>
        </section>
        <crate::work::WorkList/>
        <crate::notifications::Notifications/>
    }
    .into_any()
}

/// Labels for organisation kinds, used by several pages.
pub fn kind_label(kind: crate::domain::OrgKind) -> impl Fn() -> &'static str + Copy {
    t(kind_key(kind))
}
