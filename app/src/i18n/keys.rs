use super::Locale;
use crate::domain::{
    AreaKind, ChangeStatus, ExpenseCategory, FundingSource, LecturerTitle, NeedKind, OrgKind,
    ProposalStatus, Role, TeachingForm, TraineeTitle,
};
use crate::enrollment::EnrollmentStatus;
use crate::prep::FilingStatus;

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
    AddArea => "添加领域", "Add area";
    All => "全部", "All";
    AmountYuan => "金额（元）", "Amount (yuan)";
    AnnualPlan => "年度计划", "Annual plan";
    Approve => "批准", "Approve";
    ApprovedChanges => "已批准的变更", "Approved changes";
    AreaKind => "领域类别", "Area type";
    AreaName => "领域名称", "Area name";
    Budget => "经费预算", "Budget";
    BudgetBalanced => "经费来源与支出合计一致", "sources match the spending total";
    BudgetTotal => "支出合计", "Spending total";
    CallClosed => "已截止", "Closed";
    CallOpen => "征集中", "Open";
    ChangeHistory => "变更记录", "Change history";
    ChangePending => "变更待审批", "Change pending";
    Changed => "已变更", "Changed";
    ClassHours => "学时", "Class hours";
    CloseCall => "关闭征集", "Close the call";
    Commend => "表彰", "Commend";
    Commendations => "表彰记录", "Commendations";
    CommendedLastYear => "上年度受表彰", "Commended last year";
    ConfirmDecision => "确认执行", "Confirm";
    ContactName => "联系人", "Contact person";
    ContactPhone => "联系电话", "Contact phone";
    Dates => "举办时间", "Dates";
    Deadline => "截止时间", "Deadline";
    DeadlineDate => "截止日期", "Deadline date";
    DeadlineTime => "截止时刻（北京时间）", "Deadline time (Beijing time)";
    DecideChange => "审批变更申请", "Decide the change request";
    Decision => "评审结果", "Decision";
    Disqualifications => "取消申报资格记录", "Disqualifications";
    DisqualifiedUntil => "取消申报资格至", "Disqualified until";
    Disqualify => "取消申报资格", "Disqualify";
    DownloadExcel => "下载 Excel", "Download Excel";
    EditCall => "修改征集", "Edit the call";
    EndDate => "结束日期", "End date";
    ExpenseCategories => "支出科目", "Expense categories";
    FundingSources => "经费来源", "Funding sources";
    Guidance => "申报指南", "Guidance";
    HostInstitution => "承办机构", "Host institution";
    InstitutionCommended => "承办机构上年度受表彰", "Institution commended last year";
    MyProposals => "选题申报", "Topic proposals";
    Need => "需求说明", "Need statement";
    NeedKind => "选题针对", "The topic answers";
    NewProposal => "新建选题", "New proposal";
    NoOpenCall => "目前没有正在征集的选题。", "No topic call is open now.";
    NoPublishedPlan => "尚未发布年度计划。", "No annual plan has been published yet.";
    Note => "说明", "Note";
    NothingPicked => "请先勾选选题。", "Tick the proposals first.";
    OpenCall => "发布选题征集", "Open a topic call";
    PastProgrammes => "往年项目", "Past programmes";
    Pick => "选择", "Pick";
    Place => "举办地点", "Place";
    PlanPublished => "计划已发布", "Plan published";
    PreviewDecision => "预览将要执行的变更", "Preview the change";
    PriorityAreas => "重点领域", "Priority areas";
    ProgrammeTopic => "项目名称", "Programme";
    Programmes => "研修项目", "Programmes";
    ProposalTitle => "选题名称", "Title";
    PublishPlan => "发布年度计划", "Publish the annual plan";
    PublishPlanHint => "发布后，每个入选选题成为一个研修项目并公开；此后举办时间、地点只能经变更审批调整。", "Each selected proposal becomes a public programme; afterwards dates and place change only through approved requests.";
    PublishedAt => "发布时间", "Published";
    Reason => "理由", "Reason";
    RecommendNational => "推荐申报国家级", "Recommended for national level";
    RecordDecision => "提交评审结果", "Record the decision";
    Reject => "不予入选", "Reject";
    Remove => "删除", "Remove";
    ReopenCall => "重新开放征集", "Reopen the call";
    RequestChange => "申请变更时间或地点", "Request a change of dates or place";
    RequestChangeHint => "年度计划发布后，举办时间、地点的变更须经省人社厅批准。", "After publication, changes of dates or place need the department's approval.";
    ReviewProposals => "选题评审", "Proposal review";
    SaveDraft => "保存草稿", "Save draft";
    Select => "入选", "Select";
    Selected => "入选", "Selected";
    SendRequest => "提交变更申请", "Send the request";
    Serial => "序号", "No.";
    StartDate => "开始日期", "Start date";
    Submit => "提交申报", "Submit";
    Submitted => "已提交", "Submitted";
    SubmittedAt => "提交时间", "Submitted";
    TopicCall => "选题征集", "topic call";
    TopicCalls => "选题征集", "Topic calls";
    Trainees => "计划人数", "Planned trainees";
    UnitStanding => "表彰与取消资格", "Commendations and disqualifications";
    ViewPublishedPlan => "查看已发布的年度计划", "View the published plan";
    Withdraw => "撤回", "Withdraw";
    Year => "年度", "Year";
    StatusDraft => "草稿", "Draft";
    StatusSubmitted => "已提交", "Submitted";
    StatusSelected => "入选", "Selected";
    StatusRejected => "未入选", "Not selected";
    ChangePendingStatus => "待审批", "Pending";
    ChangeApproved => "已批准", "Approved";
    ChangeRejected => "已驳回", "Rejected";
    AreaNational => "国家战略", "National strategy";
    AreaRegional => "区域战略", "Regional strategy";
    AreaFrontier => "前沿领域", "Frontier field";
    NeedSummarise => "需要总结的问题", "Problems to summarise";
    NeedUnsolved => "尚未解决的问题", "Unsolved problems";
    NeedUrgent => "亟待解决的问题", "Urgent problems";
    CatAccommodation => "住宿费", "Accommodation";
    CatMeals => "伙食费", "Meals";
    CatVenue => "场地费", "Venue";
    CatLectureFees => "讲课费", "Lecture fees";
    CatMaterials => "资料费", "Materials";
    CatTransport => "交通费", "Transport";
    SrcGovernment => "政府投入", "Government";
    SrcUnit => "单位自筹", "Unit";
    SrcSociety => "社会资助", "Society";
    SrcIndividual => "个人缴费", "Individual";
    Acknowledge => "确认备案", "Acknowledge";
    AddCourse => "添加课程", "Add course";
    Admit => "录取", "Admit";
    Affiliation => "工作单位", "Affiliation";
    Applied => "报名已提交，请等待承办机构录取通知；可用手机号登录查看。", "Application sent; the host institution will tell you the outcome. Sign in with your mobile number to follow it.";
    ApplyNow => "我要报名", "Apply";
    ApplyUntil => "报名截止日期", "Applications close";
    Bio => "简介", "Short biography";
    BudgetText => "经费预算说明", "Budget";
    Compliance => "合规审核", "Compliance";
    ComplianceDate => "合规审核日期", "Compliance check date";
    ComplianceNote => "合规审核意见（政治、法律）", "Compliance note (politics and law)";
    ComplianceReviewer => "合规审核人", "Compliance reviewer";
    Content => "研修内容", "Content";
    CourseTitle => "课程名称", "Course";
    Day => "日期", "Date";
    Decline => "不录取", "Decline";
    Eligibility => "招收对象与条件", "Who may apply";
    Employer => "工作单位", "Employer";
    EndTime => "结束时间", "End time";
    EnrollmentClosedText => "报名已截止。", "Applications are closed.";
    EnrollmentNotice => "招收学员通知", "Enrollment notice";
    ExcelFile => "Excel 文件（.xlsx）", "Excel file (.xlsx)";
    Expertise => "专业审核", "Expertise";
    ExpertiseDate => "专业审核日期", "Expertise check date";
    ExpertiseNote => "专业审核意见（资历、影响力、实践经验）", "Expertise note (qualification, influence, practice)";
    ExpertiseReviewer => "专业审核人", "Expertise reviewer";
    ExportTrainees => "导出学员名单", "Export trainee list";
    Female => "女", "Female";
    Field => "专业领域", "Field";
    FileProgramme => "报送备案", "File";
    Filing => "实施方案与招收学员通知备案", "Filing: implementation plan and enrollment notice";
    FilingDue => "备案截止日期", "Filing due";
    FilingStatus => "备案状态", "Filing";
    Gender => "性别", "Gender";
    HowToApply => "报名方式", "How to apply";
    IdNumber => "身份证号", "ID number";
    ImplementationPlan => "实施方案", "Implementation plan";
    Import => "导入", "Import";
    ImportHint => "列依次为：姓名、性别、身份证号、手机号、工作单位、省份、职称/职务（与导出格式相同）。有任何错误行则整个文件不导入。", "Columns: name, gender, ID number, mobile, employer, province, title or post (as in the export). A file with any bad row is not imported at all.";
    ImportTrainees => "导入学员名单", "Import a trainee list";
    Imported => "已导入人数：", "Imported:";
    Late => "逾期", "Late";
    Lecturer => "授课专家", "Lecturer";
    LecturerRegistry => "授课专家库", "Lecturer registry";
    LecturerVetting => "授课专家审核", "Lecturer vetting";
    Lecturers => "授课专家", "Lecturers";
    Male => "男", "Male";
    Mobile => "手机号", "Mobile";
    NewLecturer => "新增授课专家", "New lecturer";
    NotFiled => "未备案", "Not filed";
    NotVetted => "未审核", "Not vetted";
    NotYetVetted => "以下授课专家尚未通过审核，不能报送备案：", "Not yet approved, so filing is blocked: ";
    Objectives => "研修目标", "Objectives";
    OrganisationText => "组织管理", "Organisation";
    Province => "省份", "Province";
    Quota => "招收人数", "Places";
    QuotaIn => "其中省内", "Of which inside Hebei";
    QuotaOut => "其中省外", "Of which outside Hebei";
    RecordVetting => "保存审核结果", "Record the vetting";
    ReturnFiling => "退回修改", "Return for correction";
    Schedule => "课程安排", "Schedule";
    StartTime => "开始时间", "Start time";
    TeachingForm => "教学形式", "Teaching form";
    TitleLevel => "职称级别", "Title level";
    TraineeMix => "学员结构", "Trainee mix";
    TraineeTitle => "职称/职务", "Title or post";
    VetLecturer => "审核授课专家", "Vet a lecturer";
    WarnFewSenior => "提示：中高级职称或管理岗位学员比例偏低（少于五分之四）。", "Note: fewer than four in five hold a mid/senior title or a management post.";
    WarnNoOutside => "提示：尚无省外学员，高研班应面向省内外招收。", "Note: no trainee from outside the province yet; programmes recruit inside and outside Hebei.";
    FilingFiled => "待确认", "Awaiting review";
    FilingAcknowledged => "已备案", "Acknowledged";
    FilingReturned => "已退回", "Returned";
    FormKeynote => "主题报告", "Keynote";
    FormSeminar => "专题研讨", "Seminar";
    FormExchange => "学术交流", "Academic exchange";
    FormOnSite => "现场教学", "On-site teaching";
    FormFieldVisit => "参观考察", "Field visit";
    LtMid => "中级及以下", "Mid-level and below";
    LtAssociate => "副高级", "Associate senior";
    LtFull => "正高级", "Full senior";
    LtAcademician => "院士或全国知名专家", "Academician or national expert";
    TtJunior => "初级", "Junior";
    TtMid => "中级", "Mid-level";
    TtAssociate => "副高级", "Associate senior";
    TtFull => "正高级", "Full senior";
    TtManager => "管理岗位", "Management post";
    EsApplied => "已报名", "Applied";
    EsAdmitted => "已录取", "Admitted";
    EsDeclined => "未录取", "Declined";
    Preparation => "项目筹备", "Preparation";
    Attachments => "附件（PDF，每个不超过 5 MB）", "Attachments (PDF, at most 5 MB each)";
    Upload => "上传", "Upload";
    PendingAttachment => "随下次备案报送", "Goes with the next filing";
    PdfFile => "PDF 文件", "PDF file";
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

pub fn status_key(s: ProposalStatus) -> K {
    match s {
        ProposalStatus::Draft => K::StatusDraft,
        ProposalStatus::Submitted => K::StatusSubmitted,
        ProposalStatus::Selected => K::StatusSelected,
        ProposalStatus::Rejected => K::StatusRejected,
    }
}

pub fn change_status_key(s: ChangeStatus) -> K {
    match s {
        ChangeStatus::Pending => K::ChangePendingStatus,
        ChangeStatus::Approved => K::ChangeApproved,
        ChangeStatus::Rejected => K::ChangeRejected,
    }
}

pub fn area_kind_key(k: AreaKind) -> K {
    match k {
        AreaKind::National => K::AreaNational,
        AreaKind::Regional => K::AreaRegional,
        AreaKind::Frontier => K::AreaFrontier,
    }
}

pub fn need_kind_key(k: NeedKind) -> K {
    match k {
        NeedKind::Summarise => K::NeedSummarise,
        NeedKind::Unsolved => K::NeedUnsolved,
        NeedKind::Urgent => K::NeedUrgent,
    }
}

pub fn category_key(c: ExpenseCategory) -> K {
    match c {
        ExpenseCategory::Accommodation => K::CatAccommodation,
        ExpenseCategory::Meals => K::CatMeals,
        ExpenseCategory::Venue => K::CatVenue,
        ExpenseCategory::LectureFees => K::CatLectureFees,
        ExpenseCategory::Materials => K::CatMaterials,
        ExpenseCategory::Transport => K::CatTransport,
    }
}

pub fn source_key(s: FundingSource) -> K {
    match s {
        FundingSource::Government => K::SrcGovernment,
        FundingSource::Unit => K::SrcUnit,
        FundingSource::Society => K::SrcSociety,
        FundingSource::Individual => K::SrcIndividual,
    }
}

pub fn filing_status_key(s: FilingStatus) -> K {
    match s {
        FilingStatus::Filed => K::FilingFiled,
        FilingStatus::Acknowledged => K::FilingAcknowledged,
        FilingStatus::Returned => K::FilingReturned,
    }
}

pub fn teaching_form_key(f: TeachingForm) -> K {
    match f {
        TeachingForm::Keynote => K::FormKeynote,
        TeachingForm::Seminar => K::FormSeminar,
        TeachingForm::AcademicExchange => K::FormExchange,
        TeachingForm::OnSite => K::FormOnSite,
        TeachingForm::FieldVisit => K::FormFieldVisit,
    }
}

pub fn lecturer_title_key(t: LecturerTitle) -> K {
    match t {
        LecturerTitle::MidOrBelow => K::LtMid,
        LecturerTitle::AssociateSenior => K::LtAssociate,
        LecturerTitle::FullSenior => K::LtFull,
        LecturerTitle::Academician => K::LtAcademician,
    }
}

pub fn trainee_title_key(t: TraineeTitle) -> K {
    match t {
        TraineeTitle::Junior => K::TtJunior,
        TraineeTitle::Mid => K::TtMid,
        TraineeTitle::AssociateSenior => K::TtAssociate,
        TraineeTitle::FullSenior => K::TtFull,
        TraineeTitle::Manager => K::TtManager,
    }
}

pub fn enrollment_status_key(s: EnrollmentStatus) -> K {
    match s {
        EnrollmentStatus::Applied => K::EsApplied,
        EnrollmentStatus::Admitted => K::EsAdmitted,
        EnrollmentStatus::Declined => K::EsDeclined,
    }
}

/// The name of an imported column, for row errors.
pub fn import_field_text(field: &str, l: Locale) -> &'static str {
    let key = match field {
        "name" => K::DisplayNameLabel,
        "gender" => K::Gender,
        "id_number" => K::IdNumber,
        "mobile" => K::Mobile,
        "employer" => K::Employer,
        "province" => K::Province,
        "title_level" => K::TraineeTitle,
        _ => K::ExcelFile,
    };
    key.text(l)
}

/// The plan's heading, as in the Excel file.
pub fn plan_title(year: i32, l: Locale) -> String {
    match l {
        Locale::Zh => format!("{year}年度河北省专业技术人才知识更新工程高级研修项目计划"),
        Locale::En => format!("Hebei advanced training programmes: annual plan {year}"),
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

/// Audit actions are stored as stable codes and named in the reader's
/// language: (code, Chinese, English).
const ACTIONS: &[(&str, &str, &str)] = &[
    ("login", "登录", "Signed in"),
    ("login_failed", "登录失败", "Failed sign-in"),
    ("lockout", "账号锁定", "Account locked"),
    ("logout", "退出", "Signed out"),
    ("password_changed", "修改密码", "Changed password"),
    ("password_reset", "重置密码", "Reset password"),
    ("org_created", "新建机构", "Created organisation"),
    ("org_updated", "修改机构", "Updated organisation"),
    ("org_deactivated", "停用机构", "Deactivated organisation"),
    ("org_activated", "启用机构", "Activated organisation"),
    ("account_created", "新建账号", "Created account"),
    ("account_updated", "修改账号", "Updated account"),
    ("account_deactivated", "停用账号", "Deactivated account"),
    ("account_activated", "启用账号", "Activated account"),
    ("call_opened", "发布选题征集", "Opened topic call"),
    ("call_updated", "修改选题征集", "Updated topic call"),
    ("call_closed", "关闭选题征集", "Closed topic call"),
    ("call_reopened", "重新开放征集", "Reopened topic call"),
    ("area_added", "新增重点领域", "Added priority area"),
    ("area_removed", "删除重点领域", "Removed priority area"),
    ("proposal_created", "新建选题", "Created proposal"),
    ("proposal_updated", "修改选题", "Updated proposal"),
    ("proposal_submitted", "提交选题", "Submitted proposal"),
    ("proposal_withdrawn", "撤回选题", "Withdrew proposal"),
    ("proposal_selected", "选题入选", "Selected proposal"),
    ("proposal_rejected", "选题未入选", "Rejected proposal"),
    ("plan_published", "发布年度计划", "Published annual plan"),
    ("change_requested", "申请变更", "Requested change"),
    ("change_approved", "批准变更", "Approved change"),
    ("change_rejected", "驳回变更", "Rejected change"),
    ("unit_disqualified", "取消申报资格", "Disqualified unit"),
    ("unit_commended", "表彰", "Commended"),
    ("lecturer_added", "新增授课专家", "Added lecturer"),
    ("course_added", "新增课程", "Added course"),
    ("course_removed", "删除课程", "Removed course"),
    ("lecturer_approved", "授课专家审核通过", "Approved lecturer"),
    (
        "lecturer_rejected",
        "授课专家审核未通过",
        "Rejected lecturer",
    ),
    ("programme_filed", "报送备案", "Filed programme"),
    ("filing_acknowledged", "备案确认", "Acknowledged filing"),
    ("filing_returned", "备案退回", "Returned filing"),
    ("enrollment_applied", "学员报名", "Applied"),
    ("enrollment_admitted", "录取学员", "Admitted trainee"),
    ("enrollment_declined", "未录取", "Declined applicant"),
    ("trainees_imported", "导入学员名单", "Imported trainees"),
    ("attachment_added", "上传备案附件", "Attached a file"),
];

pub fn action_text(code: &str, l: Locale) -> &'static str {
    match ACTIONS.iter().find(|(c, _, _)| *c == code) {
        Some((_, zh, en)) => pick(l, zh, en),
        None => pick(l, "其他", "Other"),
    }
}

fn pick(l: Locale, zh: &'static str, en: &'static str) -> &'static str {
    match l {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

/// Every audit action code, for the filter.
pub fn audit_actions() -> impl Iterator<Item = &'static str> {
    ACTIONS.iter().map(|(c, _, _)| *c)
}

/// What an audit record is about, by its stored code.
pub fn target_text(kind: &str, l: Locale) -> &'static str {
    let (zh, en) = match kind {
        "account" => ("账号", "Account"),
        "organisation" => ("机构", "Organisation"),
        "topic_call" => ("选题征集", "Topic call"),
        "proposal" => ("选题", "Proposal"),
        "programme" => ("项目", "Programme"),
        "change_request" => ("变更申请", "Change request"),
        "lecturer" => ("授课专家", "Lecturer"),
        _ => ("其他", "Other"),
    };
    pick(l, zh, en)
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
        for code in audit_actions() {
            assert_ne!(action_text(code, Locale::Zh), "其他", "{code}");
            assert_ne!(action_text(code, Locale::En), "Other", "{code}");
        }
    }
}
