//! The completion register's and the certificates' texts
//! (`crate::certificates`), and their refusals.

use super::Locale;
use crate::domain::certificate::{CertProblem, Level, RegisterStatus};

keys! { CK;
    Completion => "结业登记与证书", "Completion register and certificates";
    CompletionHint => "考核结果发布后，申报单位核对名单并报送结业登记表；省人社厅审核通过后为考核合格的学员颁发结业证书。每次报送的版本都会保留。", "Once results are published, the declaring unit checks the list and submits the completion register; after the provincial department approves it, certificates are issued to the trainees who passed. Every submitted version is kept.";
    NotPublished => "承办机构发布考核结果后，申报单位才能报送结业登记表。", "The register can be submitted once the host institution publishes the results.";
    Register => "结业登记表", "Completion register";
    ToSubmit => "将报送的名单（按当前考核结果）", "To be submitted (the results as they stand)";
    Note => "备注（可选）", "Note (optional)";
    VersionN => "版本", "Version";
    Submitted => "已报送，待审核", "Submitted, awaiting review";
    Approved => "已审核通过", "Approved";
    Returned => "已退回", "Returned";
    SubmittedBy => "报送", "Submitted";
    ReviewedBy => "审核", "Reviewed";
    ReturnReason => "退回原因", "Reasons for return";
    Approve => "审核通过", "Approve";
    Return => "退回修改", "Return";
    ResultsChanged => "登记表审核通过后考核结果有更正，请重新报送。", "The results were corrected after approval: submit the register again.";
    Certificates => "结业证书", "Certificates";
    Doubtful => "以下证书持有人按现在的考核结果已不合格（或已不在录取名单中），请核实后决定是否撤销：", "These holders no longer pass as the results stand (or are no longer admitted); check and revoke if need be: ";
    NoCertificates => "尚未颁发证书。", "No certificates issued yet.";
    ToIssue => "待颁证的合格学员", "Passed trainees awaiting a certificate";
    IssueProvincial => "颁发证书（省级统一编号）", "Issue certificates (provincial numbers)";
    IssueNational => "颁发证书（人社部编号）", "Issue certificates (ministry numbers)";
    ImportNational => "或从 Excel 导入人社部编号", "Or import the ministry's numbers from Excel";
    ImportNationalHint => "可直接上传人社部下发的名单（含姓名、身份证号或学员编号，以及证书编号列），或下载模板填写后上传。每名待发证学员须有一个编号；有误时逐行列出，不发任何证书。导入无误即按表中编号颁发证书，编号一经使用不能收回，只能撤销。", "Upload the ministry's own list (name, identity number or trainee number, and a certificate number column), or fill in the template. Every trainee awaiting a certificate needs one number; on any problem each row is listed and nothing is issued. A sheet without problems issues the certificates at once; numbers once used cannot be taken back, only revoked.";
    NationalTemplate => "下载编号模板（待发证学员名单）", "Download the template (trainees awaiting certificates)";
    NationalHint => "本项目已推荐为国家级高级研修项目：证书编号由人力资源和社会保障部统一编制的，请逐人填写部里下发的编号（或从 Excel 导入），不要使用上面的本省编号。", "This programme was recommended to the national plan: where the ministry numbers its certificates, type each trainee's number as the ministry gave it (or import them), instead of the provincial numbers above.";
    Number => "证书编号", "Certificate number";
    HolderName => "持证人姓名", "Holder's name";
    Issued => "颁发时间", "Issued";
    Status => "状态", "Status";
    Valid => "有效", "Valid";
    Revoked => "已撤销", "Revoked";
    Checks => "被查验次数", "Times verified";
    RevokeReason => "撤销原因", "Reason for revoking";
    ReissueReason => "补发（更正）原因", "Reason for reissuing";
    Revoke => "撤销", "Revoke";
    Reissue => "更正后补发", "Reissue corrected";
    Issuer => "发证机关", "Issued by";
    VerifyTitle => "结业证书查验", "Verify a certificate";
    VerifyIntro => "输入证书编号和持证人姓名，或扫描证书上的二维码。", "Enter the certificate number and the holder's name, or scan the QR code on the certificate.";
    Verify => "查验", "Verify";
    NoMatch => "未找到与该编号和姓名相符的证书。请核对后重试（编号须与证书完全一致）。", "No certificate matches this number and name. Check both and try again (the number exactly as printed).";
    VerifyPrivacy => "查验结果只显示部分姓名。查到证书的查验会计入该证书的查验次数（同一网络每天只计一次），持证人可以看到。", "The result shows part of the name only. Checks that find the certificate are counted on it (once a day per network), and the holder can see the count.";
    RevokedNotice => "此证书已撤销，不再有效。", "This certificate has been revoked and is no longer valid.";
    NoteShown => "备注", "Note";
    MyCertificate => "结业证书", "Certificate";
    VerifyLink => "查验页面", "Verification page";
    DownloadMine => "下载证书（PDF，可自行打印）", "Download the certificate (PDF, to print yourself)";
    DownloadAll => "下载全部有效证书（PDF，每人一页，A4 横向，用于打印）", "Download all valid certificates (PDF, one A4 landscape page each, for printing)";
    Pdf => "PDF", "PDF";
    CertificatesAdmin => "结业证书与继续教育学时", "Certificates and continuing-education hours";
    HoursHint => "按年度导出有效的结业证书，用于继续教育学时登记：姓名、身份证号、工作单位、项目、学时、证书编号、结业和发证日期。身份证号默认打码；导出完整号码须选择原因，每次导出都记入操作日志。", "Export a year's valid certificates for the continuing-education hours register: name, ID number, employer, programme, class hours, certificate number, end and issue dates. ID numbers are masked by default; whole numbers need a reason, and every export is logged.";
    ValidCount => "有效证书", "Valid";
    RevokedCount => "已撤销", "Revoked";
    HoursExport => "继续教育学时登记表（Excel）", "Continuing-education hours (Excel)";
    ExportMasked => "导出（身份证号打码）", "Export (ID numbers masked)";
    ExportFull => "导出完整身份证号", "Export whole ID numbers";
    FullIdReason => "完整身份证号的导出原因", "Reason for whole ID numbers";
    ReasonCeRegister => "继续教育学时登记", "Continuing-education register";
    ReasonTitleReview => "职称评审核验", "Title review";
    ReasonInspection => "监督检查", "Inspection";
    ReasonOther => "其他", "Other";
    CertificateFormat => "证书编号格式", "Certificate number format";
    CertificateFormatWhy => "省级项目结业证书的编号格式。{year} 为年度，{no:4} 为当年顺序号（补零到 4 位）；每年从 1 起连续编号，不重不漏。修改格式不影响已颁发的编号。", "How provincial certificate numbers are written: {year} is the year, {no:4} the year's sequence padded to 4 digits. Each year counts from 1 with no gap or repeat. A change does not touch numbers already issued.";
    FormatLabel => "格式", "Format";
    IssuerLabel => "发证机关名称", "Issuing department";
    Example => "示例", "Example";
}

pub fn register_status_key(s: RegisterStatus) -> CK {
    match s {
        RegisterStatus::Submitted => CK::Submitted,
        RegisterStatus::Approved => CK::Approved,
        RegisterStatus::Returned => CK::Returned,
    }
}

pub fn level_text(l: Level, locale: Locale) -> &'static str {
    match (l, locale) {
        (Level::Provincial, Locale::Zh) => "省级",
        (Level::Provincial, Locale::En) => "Provincial",
        (Level::National, Locale::Zh) => "国家级",
        (Level::National, Locale::En) => "National",
    }
}

pub fn problem_text(p: &CertProblem, l: Locale) -> String {
    let zh = l == Locale::Zh;
    match p {
        CertProblem::Format => if zh {
            "格式须含且只含一个 {year}（年度）和一个 {no} 或 {no:4}（顺序号，可写补零位数 1–8），最长 40 个字符，不能有其他花括号"
        } else {
            "The format needs exactly one {year} and one {no} or {no:4} (the sequence, padded to 1–8 digits), at most 40 characters, and no other braces"
        }
        .to_owned(),
        CertProblem::National => if zh {
            "请填写人社部下发的证书编号（不含空格，最长 40 个字符）"
        } else {
            "Type the number the ministry gave (no spaces, at most 40 characters)"
        }
        .to_owned(),
        CertProblem::Taken { number } => if zh {
            format!("编号 {number} 已用于另一张证书")
        } else {
            format!("Number {number} is on another certificate already")
        },
        CertProblem::LooksProvincial { number } => if zh {
            format!("编号 {number} 与本省证书编号格式相同，不能作为人社部编号录入")
        } else {
            format!("Number {number} is written like the province's own numbers: not a ministry number")
        },
        CertProblem::Missing { name } => if zh {
            format!("表中没有{name}的证书编号（待发证学员每人一个编号），未颁发任何证书。")
        } else {
            format!("The sheet has no number for {name} (every trainee awaiting a certificate needs one); nothing was issued.")
        },
        CertProblem::NumberCell => if zh {
            "证书编号存成了数字格式，开头的 0 和过长的位数会丢失：请把该列设为文本格式，按人社部下发的编号重新填写"
        } else {
            "The number is stored as a number, which drops leading zeros and long digit runs: format the column as text and type the ministry's number again"
        }
        .to_owned(),
        CertProblem::NotToIssue => if zh {
            "该学员不在待发证名单中（未通过考核，或已有证书）"
        } else {
            "This trainee awaits no certificate (did not pass, or has one)"
        }
        .to_owned(),
        CertProblem::Repeated { number } => if zh {
            format!("编号 {number} 填给了不止一名学员")
        } else {
            format!("Number {number} was given to more than one trainee")
        },
    }
}
