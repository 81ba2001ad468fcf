use app::domain::Role;
use app::error::AppError;
use app::server::policy::{self, Access};

use crate::both;
use crate::helpers::{Client, TestApp};

#[test]
fn every_registered_server_function_has_a_declared_policy() {
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    assert!(registered.len() >= policy::ALL.len());
    for path in &registered {
        assert!(
            policy::find(path).is_some(),
            "{path} has no entry in app::server::policy"
        );
    }
    for e in policy::ALL {
        assert!(
            registered.contains(&e.path()),
            "{} is declared but not served",
            e.name
        );
    }
}

/// Arguments of the right shape that change nothing lasting.
fn sample(endpoint: &str) -> Vec<(&'static str, &'static str)> {
    match endpoint {
        "login" => vec![("username", "nobody"), ("password", "Nope-nope-1")],
        "set_locale" => vec![("lang", "en")],
        "dismiss_notification" => vec![("id", "999999")],
        "activate" => vec![
            ("code", "2345-6789-ABCD"),
            ("new_password", "New-Pass-123"),
            ("confirm_password", "New-Pass-123"),
        ],
        "activation_slips" | "programme_attendance" => vec![("programme_id", "999999")],
        "my_programme"
        | "my_paper"
        | "paper_overview"
        | "survey_overview"
        | "my_survey"
        | "submit_survey"
        | "assessment_overview"
        | "save_assessments"
        | "publish_results"
        | "completion_overview"
        | "submit_register"
        | "issue_certificates" => {
            vec![("programme_id", "999999")]
        }
        "add_survey_item" => vec![("programme_id", "999999"), ("zh", "题目"), ("en", "")],
        "remove_survey_item" => vec![("programme_id", "999999"), ("key", "x1")],
        "set_survey_state" => vec![("programme_id", "999999"), ("open", "true")],
        "add_standard_item" => vec![
            ("version", "999999"),
            ("kind", "score"),
            ("zh", "题目"),
            ("en", ""),
            ("options", ""),
        ],
        "remove_standard_item" => vec![("version", "999999"), ("key", "s1")],
        "spending" | "closing" | "inspections" => vec![("programme_id", "999999")],
        "record_inspection" => vec![
            ("programme_id", "999999"),
            ("spot_check_id", ""),
            ("checked", "票据"),
            ("findings", ""),
            ("rectify_by", ""),
        ],
        "report_rectification" => vec![("id", "999999"), ("report", "已整改")],
        "decide_rectification" => vec![
            ("id", "999999"),
            ("accept", "true"),
            ("note", ""),
            ("rectify_by", ""),
        ],
        "sanction" => vec![
            ("inspection_id", "999999"),
            ("kind", "warning"),
            ("amount", ""),
            ("from_date", ""),
            ("until_date", ""),
            ("reason", "测试"),
        ],
        "record_recovery" => vec![("sanction", "999999:0"), ("amount", "1")],
        "submit_closing" => vec![("programme_id", "999999"), ("summary", "总结")],
        "review_closing" => vec![("id", "999999"), ("accept", "false"), ("reason", "测试")],
        "remove_closing_file" => vec![("programme_id", "999999"), ("file_id", "1")],
        "add_fee_standard" => vec![("effective_from", ""), ("note", "")],
        "add_spending_line" => vec![
            ("programme_id", "999999"),
            ("category", "meals"),
            ("source", "government"),
            ("amount", "1"),
        ],
        "remove_spending_line" => vec![("programme_id", "999999"), ("line_id", "1")],
        "set_training_category" => vec![("programme_id", "999999"), ("training_category", "third")],
        "withdraw_fee_standard" => vec![("id", "999999")],
        "draw_spot_check" => vec![("year", "1900"), ("scope", "all"), ("sample_size", "1")],
        "record_consent" => vec![
            ("who", "999999:999999"),
            ("scope", "video"),
            ("given_on", "2026-01-01"),
            ("until", "2099-01-01"),
            ("evidence", "授权书"),
        ],
        "revoke_consent" => vec![("consent_id", "999999"), ("reason", "撤回")],
        "list_courseware" => vec![("course_id", "999999"), ("field", "")],
        "withdraw_courseware" => vec![("course_id", "999999"), ("reason", "撤下")],
        "save_programme_account" => vec![
            ("programme_id", "999999"),
            ("government", ""),
            ("unit", ""),
            ("society", ""),
            ("individual", ""),
        ],
        "set_paper" => vec![
            ("programme_id", "999999"),
            ("theme", "主题"),
            ("deadline_date", "2030-01-01"),
            ("deadline_time", "17:00"),
            ("pdf", "on"),
            ("max_mb", "20"),
        ],
        "grant_extension" => vec![
            ("enrollment_id", "999999"),
            ("until_date", "2030-01-01"),
            ("until_time", "17:00"),
            ("reason", "测试"),
        ],
        "my_checkin" | "checkin_code" | "course_roster" => vec![("course_id", "999999")],
        "mark_present" => vec![
            ("course_id", "999999"),
            ("enrollment_id", "999999"),
            ("reason", "测试"),
        ],
        "change_password" => vec![
            ("current_password", "Wrong-current-1"),
            ("new_password", "New-Pass-123"),
            ("confirm_password", "New-Pass-123"),
        ],
        "create_org" => vec![("name", ""), ("kind", "city_bureau"), ("parent_id", "")],
        "set_account_active" => vec![("id", "999999"), ("version", "1"), ("active", "true")],
        "update_org" | "set_org_active" => vec![
            ("id", "1"),
            ("version", "999"),
            ("name", "x"),
            ("parent_id", ""),
            ("active", "true"),
        ],
        "create_account" => vec![
            ("username", ""),
            ("display_name", ""),
            ("role", "trainee"),
            ("org_id", ""),
            ("password", ""),
        ],
        "update_account" => vec![
            ("id", "999999"),
            ("version", "1"),
            ("display_name", ""),
            ("role", "trainee"),
            ("org_id", ""),
        ],
        "reset_password" => vec![("id", "999999"), ("password", "Another-Pass-1")],
        "list_audit" => vec![
            ("query[action]", ""),
            ("query[actor]", ""),
            ("query[from]", ""),
            ("query[to]", ""),
            ("query[page]", "0"),
        ],
        "open_call" => vec![
            ("year", ""),
            ("deadline_date", ""),
            ("deadline_time", ""),
            ("guidance", ""),
        ],
        "update_call" => vec![
            ("id", "999999"),
            ("version", "1"),
            ("deadline_date", ""),
            ("deadline_time", ""),
            ("guidance", ""),
        ],
        "set_call_closed" => vec![("id", "999999"), ("version", "1"), ("closed", "true")],
        "add_area" => vec![
            ("call_id", "999999"),
            ("kind", "national"),
            ("area_name", "x"),
        ],
        "remove_area" | "proposal_form" => vec![("id", "999999")],
        "list_proposals" => vec![
            ("query[year]", ""),
            ("query[unit]", ""),
            ("query[area]", ""),
            ("query[status]", ""),
        ],
        "save_proposal" => crate::planning::blank_proposal("999999"),
        "submit_proposal" | "withdraw_proposal" => vec![("id", "999999"), ("version", "1")],
        "decide_proposals" => vec![("decision", ""), ("reason", "")],
        "publish_plan" => vec![("call_id", "999999"), ("version", "1")],
        "request_change" => vec![
            ("programme_id", "999999"),
            ("start_date", ""),
            ("end_date", ""),
            ("place", ""),
            ("reason", ""),
        ],
        "decide_change" => vec![("id", "999999"), ("approve", "false"), ("reason", "")],
        "disqualify" => vec![
            ("org_id", ""),
            ("from_date", ""),
            ("until_date", ""),
            ("reason", ""),
        ],
        "commend" => vec![("org_id", ""), ("year", ""), ("note", "")],
        "create_lecturer" => vec![
            ("name", ""),
            ("title_level", ""),
            ("affiliation", ""),
            ("field", ""),
            ("bio", ""),
            ("phone", ""),
        ],
        "programme_prep" | "remove_course" | "list_trainees" | "enrollment_notice" => {
            vec![("id", "999999"), ("programme_id", "999999")]
        }
        "add_course" => vec![
            ("programme_id", "999999"),
            ("day", ""),
            ("start_time", ""),
            ("end_time", ""),
            ("title", ""),
            ("form", ""),
            ("class_hours", ""),
            ("place", ""),
        ],
        "vet_lecturer" => vec![
            ("programme_id", "999999"),
            ("lecturer_id", "1"),
            ("expertise_reviewer", ""),
            ("expertise_date", ""),
            ("expertise_note", ""),
            ("compliance_reviewer", ""),
            ("compliance_date", ""),
            ("compliance_note", ""),
            ("approve", "false"),
        ],
        "file_programme" => vec![
            ("programme_id", "999999"),
            ("objectives", ""),
            ("content", ""),
            ("organisation", ""),
            ("budget_text", ""),
            ("eligibility", ""),
            ("quota", ""),
            ("quota_in_province", ""),
            ("quota_out_province", ""),
            ("how_to_apply", ""),
            ("apply_until", ""),
        ],
        "review_filing" => vec![("id", "999999"), ("acknowledge", "false"), ("reason", "")],
        "apply" => vec![
            ("programme_id", "999999"),
            ("name", ""),
            ("gender", ""),
            ("id_number", ""),
            ("mobile", ""),
            ("employer", ""),
            ("province", ""),
            ("title_level", ""),
        ],
        "decide_enrollment" => vec![("id", "999999"), ("version", "1"), ("admit", "false")],
        "save_settings" => vec![("class_hour_minutes", ""), ("version", "1")],
        "save_min_attendance" => vec![("percent", ""), ("version", "1")],
        "save_certificate_format" => vec![("format", ""), ("issuer", ""), ("version", "1")],
        "review_register" => vec![("id", "999999"), ("approve", "false"), ("reason", "")],
        "revoke_certificate" | "reissue_certificate" => vec![("id", "999999"), ("reason", "")],
        "verify_certificate" => vec![("number", "x"), ("name", "y")],
        "retire_lecturer" => vec![("id", "999999")],
        "update_lecturer" => vec![
            ("id", "999999"),
            ("version", "1"),
            ("name", ""),
            ("title_level", ""),
            ("affiliation", ""),
            ("field", ""),
            ("bio", ""),
            ("phone", ""),
        ],
        _ => vec![],
    }
}

both!(every_role_is_allowed_or_denied_exactly_as_declared);

async fn every_role_is_allowed_or_denied_exactly_as_declared(app: TestApp) {
    // A unit user of another organisation, to show roles are not enough
    // to cross organisations once org-scoped endpoints exist.
    app.unit_user("unit.tangshan", "唐山市人力资源和社会保障局")
        .await;

    let callers: [(Option<&str>, Option<Role>); 7] = [
        (None, None),
        (Some("admin"), Some(Role::Admin)),
        (Some("unit"), Some(Role::Unit)),
        (Some("unit.tangshan"), Some(Role::Unit)),
        (Some("institution"), Some(Role::Institution)),
        (Some("trainee"), Some(Role::Trainee)),
        (Some("inspector"), Some(Role::Inspector)),
    ];
    let mut checked = 0;
    for endpoint in policy::ALL {
        for (username, role) in callers {
            // A fresh session per call, so logout or a password change
            // cannot affect the next row of the matrix.
            let mut client: Client = match username {
                Some(u) => app.signed_in(u).await,
                None => app.client(),
            };
            let reply = if matches!(
                endpoint.name,
                "import_trainees"
                    | "upload_attachment"
                    | "import_assessments"
                    | "import_national_numbers"
                    | "import_spending"
                    | "upload_closing_scan"
                    | "upload_closing_file"
            ) {
                let parts = [
                    ("programme_id", None, b"999999".as_slice()),
                    ("file", Some("x.xlsx"), b"x".as_slice()),
                ];
                client.multipart(endpoint.name, &parts).await
            } else {
                client.call(endpoint.name, &sample(endpoint.name)).await
            };
            let denied = matches!(
                reply.error(),
                Some(AppError::Unauthenticated | AppError::Forbidden)
            );
            let expected_allowed = match endpoint.access {
                Access::Public => true,
                Access::SignedIn => role.is_some(),
                Access::Roles(roles) => role.is_some_and(|r| roles.contains(&r)),
            };
            assert_eq!(
                !denied, expected_allowed,
                "{} as {username:?}: {} {}",
                endpoint.name, reply.status, reply.body
            );
            assert!(
                !matches!(reply.error(), Some(AppError::BadRequest)),
                "{}: sample arguments do not fit: {}",
                endpoint.name,
                reply.body
            );
            checked += 1;
        }
    }
    assert_eq!(checked, policy::ALL.len() * callers.len());
}
