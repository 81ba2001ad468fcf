use super::Locale;
use crate::domain::{OrgKind, Role};

macro_rules! keys {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($name,)* }

        impl K {
            pub fn text(self, l: Locale) -> &'static str {
                match (self, l) {
                    $((K::$name, Locale::Zh) => $zh, (K::$name, Locale::En) => $en,)*
                }
            }
        }
    };
}

keys! {
    AppName => "高研 · 河北省高级研修项目管理", "Gaoyan · Hebei Advanced Training";
    AppShort => "高研", "Gaoyan";
    Home => "首页", "Home";
    Organisations => "机构管理", "Organisations";
    Accounts => "账号管理", "Accounts";
    AuditLog => "审计日志", "Audit log";
    SignIn => "登录", "Sign in";
    SignOut => "退出", "Sign out";
    SwitchLanguage => "English", "中文";
    SwitchLanguageLabel => "切换语言", "Switch language";
    Username => "用户名", "User name";
    Password => "密码", "Password";
    LoginTitle => "登录高研系统", "Sign in to Gaoyan";
    ChangePassword => "修改密码", "Change password";
    CurrentPassword => "当前密码", "Current password";
    NewPasswordLabel => "新密码", "New password";
    ConfirmPassword => "确认新密码", "Confirm new password";
    PasswordRules => "至少 8 个字符，包含小写字母、大写字母、数字、符号中的至少三类。", "At least 8 characters, with three of: lower case, upper case, digit, symbol.";
    MustChangeNotice => "这是管理员为您设置的初始密码，请先设置新密码。", "An administrator set this password for you; choose your own to continue.";
    PasswordChanged => "密码已修改。", "Password changed.";
    Save => "保存", "Save";
    Saved => "已保存。", "Saved.";
    Create => "新建", "Create";
    Edit => "编辑", "Edit";
    Cancel => "取消", "Cancel";
    Deactivate => "停用", "Deactivate";
    Activate => "启用", "Activate";
    Actions => "操作", "Actions";
    Status => "状态", "Status";
    Active => "正常", "Active";
    Inactive => "已停用", "Deactivated";
    NoneOption => "（无）", "(none)";
    Welcome => "欢迎", "Welcome";
    YourRole => "角色", "Role";
    YourOrg => "所属机构", "Organisation";
    HomeIntro => "本系统管理河北省专业技术人才知识更新工程高级研修项目：从年度选题征集到结业证书、经费与效益评估。", "This system runs Hebei's advanced training programmes for senior professionals, from the yearly topic call to certificates, spending and evaluation.";
    Name => "名称", "Name";
    Kind => "类型", "Kind";
    ParentUnit => "所属申报单位", "Declaring unit";
    NewOrganisation => "新建机构", "New organisation";
    EditOrganisation => "编辑机构", "Edit organisation";
    DisplayNameLabel => "姓名", "Name";
    RoleLabel => "角色", "Role";
    Organisation => "机构", "Organisation";
    InitialPassword => "初始密码", "Initial password";
    InitialPasswordHint => "用户首次登录时须修改此密码。", "The user must change it at first sign-in.";
    NewAccount => "新建账号", "New account";
    EditAccount => "编辑账号", "Edit account";
    ResetPassword => "重置密码", "Reset password";
    PendingChange => "待改密", "Must change password";
    Time => "时间", "Time";
    Actor => "操作人", "Actor";
    Action => "操作", "Action";
    Target => "对象", "Target";
    ClientIp => "IP 地址", "IP address";
    Filter => "筛选", "Filter";
    DateFrom => "起始日期", "From";
    DateTo => "截止日期", "To";
    AllActions => "全部操作", "All actions";
    Detail => "详情", "Detail";
    NoRecords => "暂无记录", "No records";
    Loading => "加载中…", "Loading…";
    PageNotFound => "页面不存在", "Page not found";
    Menu => "菜单", "Menu";
    Previous => "上一页", "Previous";
    Next => "下一页", "Next";
    RoleAdmin => "省人社厅管理员", "Provincial admin";
    RoleUnit => "申报单位", "Declaring unit";
    RoleInstitution => "承办机构", "Host institution";
    RoleTrainee => "学员", "Trainee";
    RoleInspector => "检查人员", "Inspector";
    KindProvince => "省人社厅", "Provincial HRSS department";
    KindCityBureau => "市人社局", "City HRSS bureau";
    KindProvincialDept => "省直部门", "Provincial department";
    KindOtherUnit => "其他有关单位", "Other unit";
    KindInstitution => "承办机构", "Host institution";
}

pub fn role_key(role: Role) -> K {
    match role {
        Role::Admin => K::RoleAdmin,
        Role::Unit => K::RoleUnit,
        Role::Institution => K::RoleInstitution,
        Role::Trainee => K::RoleTrainee,
        Role::Inspector => K::RoleInspector,
    }
}

pub fn kind_key(kind: OrgKind) -> K {
    match kind {
        OrgKind::Province => K::KindProvince,
        OrgKind::CityBureau => K::KindCityBureau,
        OrgKind::ProvincialDept => K::KindProvincialDept,
        OrgKind::OtherUnit => K::KindOtherUnit,
        OrgKind::Institution => K::KindInstitution,
    }
}

/// Audit actions are stored as stable codes and named in the reader's language.
pub fn action_text(code: &str, l: Locale) -> &'static str {
    let zh = l == Locale::Zh;
    let (a, b) = match code {
        "login" => ("登录", "Signed in"),
        "login_failed" => ("登录失败", "Failed sign-in"),
        "lockout" => ("账号锁定", "Account locked"),
        "logout" => ("退出", "Signed out"),
        "password_changed" => ("修改密码", "Changed password"),
        "password_reset" => ("重置密码", "Reset password"),
        "org_created" => ("新建机构", "Created organisation"),
        "org_updated" => ("修改机构", "Updated organisation"),
        "org_deactivated" => ("停用机构", "Deactivated organisation"),
        "org_activated" => ("启用机构", "Activated organisation"),
        "account_created" => ("新建账号", "Created account"),
        "account_updated" => ("修改账号", "Updated account"),
        "account_deactivated" => ("停用账号", "Deactivated account"),
        "account_activated" => ("启用账号", "Activated account"),
        _ => ("其他", "Other"),
    };
    if zh {
        a
    } else {
        b
    }
}

/// What an audit record is about, by its stored code.
pub fn target_text(kind: &str, l: Locale) -> &'static str {
    match (kind, l) {
        ("account", Locale::Zh) => "账号",
        ("account", Locale::En) => "Account",
        ("organisation", Locale::Zh) => "机构",
        ("organisation", Locale::En) => "Organisation",
        (_, Locale::Zh) => "其他",
        (_, Locale::En) => "Other",
    }
}

/// The detail of an audit record: a failed sign-in stores a reason code,
/// shown in the reader's language; other details are names, shown as they are.
pub fn detail_text(action: &str, detail: &str, l: Locale) -> String {
    if action != "login_failed" {
        return detail.to_owned();
    }
    let zh = l == Locale::Zh;
    let text = match detail {
        "password" => {
            if zh {
                "密码错误"
            } else {
                "wrong password"
            }
        }
        "locked" => {
            if zh {
                "账号已锁定"
            } else {
                "account locked"
            }
        }
        "unknown" => {
            if zh {
                "无此用户名"
            } else {
                "no such user name"
            }
        }
        "inactive" => {
            if zh {
                "账号或机构已停用"
            } else {
                "account or organisation deactivated"
            }
        }
        other => return other.to_owned(),
    };
    text.to_owned()
}

pub const AUDIT_ACTIONS: [&str; 14] = [
    "login",
    "login_failed",
    "lockout",
    "logout",
    "password_changed",
    "password_reset",
    "org_created",
    "org_updated",
    "org_deactivated",
    "org_activated",
    "account_created",
    "account_updated",
    "account_deactivated",
    "account_activated",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_sign_in_reasons_are_named_and_other_details_kept() {
        assert_eq!(
            detail_text("login_failed", "locked", Locale::Zh),
            "账号已锁定"
        );
        assert_eq!(
            detail_text("login_failed", "unknown", Locale::En),
            "no such user name"
        );
        assert_eq!(
            detail_text("org_created", "邯郸学院", Locale::En),
            "邯郸学院"
        );
        assert_eq!(target_text("organisation", Locale::Zh), "机构");
    }

    #[test]
    fn every_audit_action_has_a_name_in_both_languages() {
        for code in AUDIT_ACTIONS {
            assert_ne!(action_text(code, Locale::Zh), "其他", "{code}");
            assert_ne!(action_text(code, Locale::En), "Other", "{code}");
        }
    }
}
