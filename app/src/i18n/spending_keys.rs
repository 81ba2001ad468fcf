//! The fee standards' and the spending account's texts
//! (`crate::spending`).

use super::Locale;
use crate::domain::fees::TrainingCategory;
use crate::domain::spending::DayGroup;

keys! { FK;
    FeeStandards => "经费开支标准", "Fee standards";
    FeeStandardsHint => "讲课费按授课专家职称每学时（税后）、住宿费伙食费和场地资料交通费按每人每天计。项目按开班日期当天有效的标准核算；已生效的标准不能修改，调整标准请新增一个生效日期在今天之后的版本；尚未生效的版本可以撤回。", "Lecture fees per class hour (after tax) by the lecturer's title; accommodation, meals, and venue with materials and transport per person per day. A programme is judged by the version in force on its start date; a version in force cannot change: add a new one taking effect after today. A version not yet in force can be withdrawn.";
    NewVersion => "新增标准版本", "New version";
    EffectiveFrom => "生效日期", "Effective from";
    VersionNote => "说明（可选，如文件文号）", "Note (optional, e.g. the notice's number)";
    LectureCaps => "讲课费上限（元/学时，税后）", "Lecture fee caps (yuan per class hour, after tax)";
    DayCapsHead => "综合定额上限（元/人·天）", "Per person per day caps (yuan)";
    Accommodation => "住宿费", "Accommodation";
    Meals => "伙食费", "Meals";
    VenueMaterialsTransport => "场地、资料、交通费", "Venue, materials and transport";
    Other => "其他", "Other";
    DayTotal => "合计", "Day total";
    Category => "培训类别", "Training category";
    InForce => "现行", "In force";
    Upcoming => "待生效", "Upcoming";
    Superseded => "已被替代", "Superseded";
    AddedBy => "设定", "Added";
    AddVersion => "保存新版本", "Save the new version";
    Withdraw => "撤回此版本", "Withdraw this version";
    ConfirmWithdraw => "撤回这个尚未生效的标准版本？撤回后按此前的版本核算", "Withdraw this version before it takes effect? Programmes stay judged by the version before it";
    Withdrawn => "已撤回该标准版本。", "The version is withdrawn.";
    Spending => "经费支出", "Spending";
    Locked => "结项材料已提交，正在等待省人社厅审核，经费支出已锁定；如需修改，须由省人社厅退回结项材料。", "Closing materials are sent and await the province's review: the spending is locked. To change it, the province must return the closing materials.";
    Closed => "已结项：经费决算为最终结果，经费支出不能再修改。", "Closed: the final account stands and the spending can no longer change.";
    SpendingHint => "按六类支出逐笔登记实际支出，每笔注明资金来源。讲课费按课程和专家登记，学时取自课程表；超过开支标准的支出会标出上限和超出金额，如实登记，不会被拒收。学员除往返交通费外不承担任何费用。", "Enter each actual expense in one of the six categories with its funding source. Lecture fees are entered by course and lecturer; the class hours come from the schedule. Spending over the standards is flagged with the cap and the excess, recorded as it is, never refused. Trainees pay nothing but their own round-trip fares.";
    StandardApplied => "适用标准", "Standard applied";
    StandardFrom => "版本生效日期", "version effective from";
    PersonDays => "人天数", "Person-days";
    PersonDaysHow => "录取学员数 × 培训天数", "admitted trainees × days";
    Lines => "支出明细", "Spending lines";
    NoLines => "尚未登记支出。", "No spending entered yet.";
    AddLine => "登记一笔支出", "Enter an expense";
    Amount => "金额（元）", "Amount (yuan)";
    Source => "资金来源", "Funding source";
    Course => "课程与授课专家", "Course and lecturer";
    ChooseCourse => "请选择课程", "Choose a course";
    Hours => "学时", "Class hours";
    LineNote => "摘要（可选，如票据号、收款人）", "Description (optional: receipt number, payee)";
    ChargedToTrainees => "向学员收取", "Charged to trainees";
    ChargedHint => "学员往返交通费由学员自理，不在此登记；勾选表示本笔费用向学员收取，将记为违规。", "Trainees' own round-trip fares are not entered here; tick this if the expense was charged to trainees: it is recorded as a violation.";
    Save => "登记", "Enter";
    Remove => "删除", "Remove";
    Flags => "核查", "Check";
    WithinCap => "未超标准", "Within the standard";
    OverCapLine => "超标准：上限 {cap} 元，超出 {excess} 元", "Over the standard: cap {cap} yuan, {excess} yuan over";
    TraineeCharge => "违规：向学员收费", "Violation: charged to trainees";
    LiveCap => "本笔上限 {cap} 元（{hours} 学时 × {per} 元）", "Cap for this line {cap} yuan ({hours} hours × {per} yuan)";
    DayOvers => "按人天计的标准", "Per person-day caps";
    DayOk => "住宿、伙食、场地资料交通费均未超标准。", "Accommodation, meals, venue with materials and transport are within the standards.";
    NoPersonDays => "尚无录取学员，暂不能按人天核算。", "No admitted trainees yet: the per-day caps cannot be judged.";
    PlannedVsActual => "预算与实际支出", "Budget against actual spending";
    Planned => "预算（申报书）", "Budget (proposal)";
    Actual => "实际支出", "Actual";
    Received => "到位资金", "Funds received";
    Funds => "资金到位情况", "Funds received";
    FundsHint => "各来源到位资金之和须与支出合计一致（精确到分），方可报送结项材料。", "The funds received from all sources must add up to the spending total, to the fen, before the closing can be submitted.";
    SaveFunds => "保存", "Save";
    Balanced => "到位资金与支出合计一致。", "The funds received equal the spending total.";
    Total => "合计", "Total";
    Entered => "登记时间", "Entered";
    ImportLines => "从 Excel 导入支出明细", "Import spending lines from Excel";
    ImportHint => "可上传财务的支出明细表（含支出科目、金额、资金来源列；讲课费另需课程和授课专家列），或下载模板填写。有误时逐行列出，不导入任何一行。", "Upload the finance office's list (category, amount and source columns; lecture fees also course and lecturer), or fill in the template. On any problem each row is listed and nothing is entered.";
    Template => "下载模板（已列出课程表中的讲课）", "Download the template (the schedule's lectures listed)";
    Imported => "已导入 {n} 笔支出。", "{n} lines entered.";
    ReplacedLines => "此前登记的 {n} 笔已被替换。", " The {n} lines entered before were replaced.";
    SheetCategory => "支出科目", "Category";
    SheetCourse => "课程（讲课费须填写，模板中已列出）", "Course (required for lecture fees; listed in the template)";
    SheetLecturer => "授课专家", "Lecturer";
    SheetDay => "授课日期", "Day";
    SheetNote => "摘要", "Description";
    ReplaceLines => "替换已登记的全部支出明细（以这份表为准）", "Replace every line entered so far (this sheet is the whole account)";
    LineEntered => "已登记这笔支出。", "The expense is entered.";
    LineRemoved => "已删除这笔支出。", "The line is removed.";
    FundsSaved => "已保存到位资金。", "The funds received are saved.";
    CategorySet => "已设定培训类别，按人天计的标准随之调整。", "The training category is set; the per-day caps follow it.";
    SetCategory => "培训类别（省人社厅设定）", "Training category (set by the province)";
    SetCategoryHint => "培训类别决定住宿费、伙食费和场地资料交通费按哪一档综合定额核算，由省人社厅按培训项目确定，承办机构和申报单位不能修改。", "The training category decides which per-day caps judge accommodation, meals, venue, materials and transport. The province sets it; the host institution and the declaring unit cannot change it.";
    SaveCategory => "设定类别", "Set the category";
    GroupOver => "所属科目按人天合计超标准，见下方", "Its category is over the per-day cap in total: see below";
    GroupWithin => "按人天合计核算，未超标准", "Judged per person-day in total: within the standard";
    NoPersonDaysShort => "待有录取学员后按人天核算", "Judged per person-day once trainees are admitted";
    PaidBefore => "此前已付本课程该专家 {paid} 元，合并核算", "{paid} yuan already paid for this lecture, judged together";
    AfterTaxHint => "讲课费标准为税后金额：请按专家实得的税后金额填写，以便与标准比较。", "The lecture fee caps are after tax: enter what the lecturer received after tax, so that it compares with the cap.";
    AmountHint => "单位为元，可到分，如 1200.50。", "In yuan, to the fen, such as 1200.50.";
    OverBudget => "超预算 {n} 元", "{n} yuan over budget";
    FundsShort => "到位资金合计比支出合计少 {n} 元", "The funds received are {n} yuan short of the spending total";
    FundsOver => "到位资金合计比支出合计多 {n} 元", "The funds received are {n} yuan more than the spending total";
}

pub fn category_text(c: TrainingCategory, l: Locale) -> &'static str {
    match (c, l) {
        (TrainingCategory::First, Locale::Zh) => "一类培训",
        (TrainingCategory::Second, Locale::Zh) => "二类培训",
        (TrainingCategory::Third, Locale::Zh) => "三类培训",
        (TrainingCategory::First, Locale::En) => "Category 1",
        (TrainingCategory::Second, Locale::En) => "Category 2",
        (TrainingCategory::Third, Locale::En) => "Category 3",
    }
}

pub fn day_group_key(g: DayGroup) -> FK {
    match g {
        DayGroup::Accommodation => FK::Accommodation,
        DayGroup::Meals => FK::Meals,
        DayGroup::VenueMaterialsTransport => FK::VenueMaterialsTransport,
        DayGroup::Whole => FK::DayTotal,
    }
}

/// A spending sheet's column by its field, for a problem in a column the
/// sheet does not have (a lecture fee row with no course column).
pub fn field_text(field: &str, l: Locale) -> Option<&'static str> {
    let k = match field {
        "category" => FK::SheetCategory,
        "amount" => FK::Amount,
        "source" => FK::Source,
        "course" => FK::SheetCourse,
        "lecturer" => FK::SheetLecturer,
        "day" => FK::SheetDay,
        "charged" => FK::ChargedToTrainees,
        "note" => FK::SheetNote,
        _ => return None,
    };
    Some(k.text(l))
}
