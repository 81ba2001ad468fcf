//! Who may call each server function. Every server function names its
//! `Endpoint` here and passes it to the guard first thing; a test fails if a
//! registered server function has no entry (tests/integration/policy.rs).

use crate::domain::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// No sign-in needed (login, language, the public plan later).
    Public,
    /// Any signed-in account, even one that must still change its password.
    SignedIn,
    /// Signed in, password changed, and one of these roles.
    Roles(&'static [Role]),
}

#[derive(Debug)]
pub struct Endpoint {
    /// The server function's endpoint; it is served at `/api/{name}`.
    pub name: &'static str,
    pub access: Access,
}

impl Endpoint {
    pub fn path(&self) -> String {
        format!("/api/{}", self.name)
    }

    pub fn allows(&self, role: Option<Role>, must_change_password: bool) -> bool {
        match (self.access, role) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::SignedIn, Some(_)) => true,
            (Access::Roles(roles), Some(r)) => !must_change_password && roles.contains(&r),
        }
    }
}

const ADMIN: &[Role] = &[Role::Admin];
const ADMIN_OR_INSPECTOR: &[Role] = &[Role::Admin, Role::Inspector];
const UNIT: &[Role] = &[Role::Unit];
const INSTITUTION: &[Role] = &[Role::Institution];
const TRAINEE: &[Role] = &[Role::Trainee];
const PREPARERS: &[Role] = &[Role::Institution, Role::Unit];
const PLANNERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit];
const PROGRAMME_READERS: &[Role] = &[Role::Admin, Role::Inspector, Role::Unit, Role::Institution];
const EVERY_ROLE: &[Role] = &[
    Role::Admin,
    Role::Inspector,
    Role::Unit,
    Role::Institution,
    Role::Trainee,
];

macro_rules! endpoints {
    ($($konst:ident = $name:literal, $access:expr;)*) => {
        $(pub const $konst: Endpoint = Endpoint { name: $name, access: $access };)*
        pub const ALL: &[&Endpoint] = &[$(&$konst),*];
    };
}

endpoints! {
    CURRENT_USER = "current_user", Access::Public;
    LOGIN = "login", Access::Public;
    SET_LOCALE = "set_locale", Access::Public;
    LOGOUT = "logout", Access::SignedIn;
    CHANGE_PASSWORD = "change_password", Access::SignedIn;
    LIST_ORGS = "list_orgs", Access::Roles(ADMIN_OR_INSPECTOR);
    CREATE_ORG = "create_org", Access::Roles(ADMIN);
    UPDATE_ORG = "update_org", Access::Roles(ADMIN);
    SET_ORG_ACTIVE = "set_org_active", Access::Roles(ADMIN);
    LIST_ACCOUNTS = "list_accounts", Access::Roles(ADMIN_OR_INSPECTOR);
    CREATE_ACCOUNT = "create_account", Access::Roles(ADMIN);
    UPDATE_ACCOUNT = "update_account", Access::Roles(ADMIN);
    SET_ACCOUNT_ACTIVE = "set_account_active", Access::Roles(ADMIN);
    RESET_PASSWORD = "reset_password", Access::Roles(ADMIN);
    LIST_AUDIT = "list_audit", Access::Roles(ADMIN_OR_INSPECTOR);
    LIST_CALLS = "list_calls", Access::Roles(PLANNERS);
    OPEN_CALL = "open_call", Access::Roles(ADMIN);
    UPDATE_CALL = "update_call", Access::Roles(ADMIN);
    SET_CALL_CLOSED = "set_call_closed", Access::Roles(ADMIN);
    ADD_AREA = "add_area", Access::Roles(ADMIN);
    REMOVE_AREA = "remove_area", Access::Roles(ADMIN);
    LIST_PROPOSALS = "list_proposals", Access::Roles(PLANNERS);
    PROPOSAL_FORM = "proposal_form", Access::Roles(PLANNERS);
    SAVE_PROPOSAL = "save_proposal", Access::Roles(UNIT);
    SUBMIT_PROPOSAL = "submit_proposal", Access::Roles(UNIT);
    WITHDRAW_PROPOSAL = "withdraw_proposal", Access::Roles(UNIT);
    DECIDE_PROPOSALS = "decide_proposals", Access::Roles(ADMIN);
    PUBLISH_PLAN = "publish_plan", Access::Roles(ADMIN);
    GET_PLAN = "get_plan", Access::Public;
    LIST_PROGRAMMES = "list_programmes", Access::Roles(PROGRAMME_READERS);
    REQUEST_CHANGE = "request_change", Access::Roles(UNIT);
    DECIDE_CHANGE = "decide_change", Access::Roles(ADMIN);
    LIST_STANDING = "list_standing", Access::Roles(ADMIN_OR_INSPECTOR);
    DISQUALIFY = "disqualify", Access::Roles(ADMIN);
    COMMEND = "commend", Access::Roles(ADMIN);
    PROVINCE_SETTINGS = "province_settings", Access::Roles(ADMIN_OR_INSPECTOR);
    SAVE_SETTINGS = "save_settings", Access::Roles(ADMIN);
    MY_WORK = "my_work", Access::Roles(EVERY_ROLE);
    PROGRAMME_STAGES = "programme_stages", Access::Roles(PROGRAMME_READERS);
    LIST_LECTURERS = "list_lecturers", Access::Roles(INSTITUTION);
    CREATE_LECTURER = "create_lecturer", Access::Roles(INSTITUTION);
    UPDATE_LECTURER = "update_lecturer", Access::Roles(INSTITUTION);
    RETIRE_LECTURER = "retire_lecturer", Access::Roles(INSTITUTION);
    PROGRAMME_PREP = "programme_prep", Access::Roles(PROGRAMME_READERS);
    ADD_COURSE = "add_course", Access::Roles(INSTITUTION);
    REMOVE_COURSE = "remove_course", Access::Roles(INSTITUTION);
    VET_LECTURER = "vet_lecturer", Access::Roles(PREPARERS);
    FILE_PROGRAMME = "file_programme", Access::Roles(UNIT);
    REVIEW_FILING = "review_filing", Access::Roles(ADMIN);
    ENROLLMENT_NOTICE = "enrollment_notice", Access::Public;
    APPLY = "apply", Access::Public;
    LIST_TRAINEES = "list_trainees", Access::Roles(PROGRAMME_READERS);
    DECIDE_ENROLLMENT = "decide_enrollment", Access::Roles(INSTITUTION);
    IMPORT_TRAINEES = "import_trainees", Access::Roles(INSTITUTION);
    UPLOAD_ATTACHMENT = "upload_attachment", Access::Roles(UNIT);
    MY_NOTIFICATIONS = "my_notifications", Access::SignedIn;
    DISMISS_NOTIFICATION = "dismiss_notification", Access::SignedIn;
    ACTIVATE = "activate", Access::Public;
    ACTIVATION_SLIPS = "activation_slips", Access::Roles(INSTITUTION);
    MY_HOME = "my_home", Access::Roles(TRAINEE);
    MY_PROGRAMME = "my_programme", Access::Roles(TRAINEE);
    MY_CHECKIN = "my_checkin", Access::Roles(TRAINEE);
    CHECKIN_CODE = "checkin_code", Access::Roles(INSTITUTION);
    COURSE_ROSTER = "course_roster", Access::Roles(PROGRAMME_READERS);
    MARK_PRESENT = "mark_present", Access::Roles(INSTITUTION);
    PROGRAMME_ATTENDANCE = "programme_attendance", Access::Roles(PROGRAMME_READERS);
    PAPER_OVERVIEW = "paper_overview", Access::Roles(PROGRAMME_READERS);
    SET_PAPER = "set_paper", Access::Roles(INSTITUTION);
    GRANT_EXTENSION = "grant_extension", Access::Roles(INSTITUTION);
    MY_PAPER = "my_paper", Access::Roles(TRAINEE);
    SURVEY_OVERVIEW = "survey_overview", Access::Roles(PROGRAMME_READERS);
    ADD_SURVEY_ITEM = "add_survey_item", Access::Roles(INSTITUTION);
    REMOVE_SURVEY_ITEM = "remove_survey_item", Access::Roles(INSTITUTION);
    SET_SURVEY_STATE = "set_survey_state", Access::Roles(INSTITUTION);
    MY_SURVEY = "my_survey", Access::Roles(TRAINEE);
    SUBMIT_SURVEY = "submit_survey", Access::Roles(TRAINEE);
    QUESTIONNAIRE = "questionnaire", Access::Roles(ADMIN_OR_INSPECTOR);
    ASSESSMENT_OVERVIEW = "assessment_overview", Access::Roles(PROGRAMME_READERS);
    SAVE_ASSESSMENTS = "save_assessments", Access::Roles(INSTITUTION);
    PUBLISH_RESULTS = "publish_results", Access::Roles(INSTITUTION);
    IMPORT_ASSESSMENTS = "import_assessments", Access::Roles(INSTITUTION);
    SAVE_MIN_ATTENDANCE = "save_min_attendance", Access::Roles(ADMIN);
    SAVE_CERTIFICATE_FORMAT = "save_certificate_format", Access::Roles(ADMIN);
    COMPLETION_OVERVIEW = "completion_overview", Access::Roles(PROGRAMME_READERS);
    SUBMIT_REGISTER = "submit_register", Access::Roles(UNIT);
    REVIEW_REGISTER = "review_register", Access::Roles(ADMIN);
    ISSUE_CERTIFICATES = "issue_certificates", Access::Roles(ADMIN);
    IMPORT_NATIONAL_NUMBERS = "import_national_numbers", Access::Roles(ADMIN);
    REVOKE_CERTIFICATE = "revoke_certificate", Access::Roles(ADMIN);
    REISSUE_CERTIFICATE = "reissue_certificate", Access::Roles(ADMIN);
    VERIFY_CERTIFICATE = "verify_certificate", Access::Public;
    CERTIFICATE_YEARS = "certificate_years", Access::Roles(ADMIN_OR_INSPECTOR);
    ADD_STANDARD_ITEM = "add_standard_item", Access::Roles(ADMIN);
    REMOVE_STANDARD_ITEM = "remove_standard_item", Access::Roles(ADMIN);
    FEE_STANDARDS = "fee_standards", Access::Roles(ADMIN_OR_INSPECTOR);
    ADD_FEE_STANDARD = "add_fee_standard", Access::Roles(ADMIN);
    SPENDING = "spending", Access::Roles(PROGRAMME_READERS);
    ADD_SPENDING_LINE = "add_spending_line", Access::Roles(PREPARERS);
    REMOVE_SPENDING_LINE = "remove_spending_line", Access::Roles(PREPARERS);
    SAVE_PROGRAMME_ACCOUNT = "save_programme_account", Access::Roles(PREPARERS);
    SET_TRAINING_CATEGORY = "set_training_category", Access::Roles(ADMIN);
    WITHDRAW_FEE_STANDARD = "withdraw_fee_standard", Access::Roles(ADMIN);
    SPOT_CHECKS = "spot_checks", Access::Roles(ADMIN_OR_INSPECTOR);
    DRAW_SPOT_CHECK = "draw_spot_check", Access::Roles(ADMIN_OR_INSPECTOR);
    COURSEWARE_ADMIN = "courseware_admin", Access::Roles(ADMIN);
    RECORD_CONSENT = "record_consent", Access::Roles(ADMIN);
    REVOKE_CONSENT = "revoke_consent", Access::Roles(ADMIN);
    LIST_COURSEWARE = "list_courseware", Access::Roles(ADMIN);
    WITHDRAW_COURSEWARE = "withdraw_courseware", Access::Roles(ADMIN);
    COURSEWARE_CATALOGUE = "courseware_catalogue", Access::Public;
    IMPORT_SPENDING = "import_spending", Access::Roles(PREPARERS);
    CLOSING = "closing", Access::Roles(PROGRAMME_READERS);
    SUBMIT_CLOSING = "submit_closing", Access::Roles(UNIT);
    REVIEW_CLOSING = "review_closing", Access::Roles(ADMIN);
    UPLOAD_CLOSING_SCAN = "upload_closing_scan", Access::Roles(UNIT);
    UPLOAD_CLOSING_FILE = "upload_closing_file", Access::Roles(UNIT);
    REMOVE_CLOSING_FILE = "remove_closing_file", Access::Roles(UNIT);
    INSPECTIONS = "inspections", Access::Roles(PROGRAMME_READERS);
    RECORD_INSPECTION = "record_inspection", Access::Roles(ADMIN_OR_INSPECTOR);
    REPORT_RECTIFICATION = "report_rectification", Access::Roles(UNIT);
    DECIDE_RECTIFICATION = "decide_rectification", Access::Roles(ADMIN_OR_INSPECTOR);
    SANCTION = "sanction", Access::Roles(ADMIN);
    RECORD_RECOVERY = "record_recovery", Access::Roles(ADMIN);
}

pub fn find(path: &str) -> Option<&'static Endpoint> {
    ALL.iter().copied().find(|e| e.path() == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_names_are_unique() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn an_account_that_must_change_its_password_may_do_only_that() {
        assert!(CHANGE_PASSWORD.allows(Some(Role::Admin), true));
        assert!(!LIST_ORGS.allows(Some(Role::Admin), true));
        assert!(LIST_ORGS.allows(Some(Role::Admin), false));
        assert!(!CREATE_ORG.allows(Some(Role::Inspector), false));
        assert!(!LOGOUT.allows(None, false));
    }
}
