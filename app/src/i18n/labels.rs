//! The label key of every closed vocabulary (roles, statuses, forms …).

use super::{Locale, K};
use crate::domain::{
    AreaKind, ChangeStatus, ExpenseCategory, FundingSource, LecturerTitle, NeedKind, OrgKind,
    ProposalStatus, Role, TeachingForm, TraineeTitle,
};
use crate::enrollment::EnrollmentStatus;
use crate::prep::FilingStatus;

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
        "title" => K::ProfessionalTitle,
        "post" => K::Post,
        "number" => K::TraineeNumber,
        other => {
            return super::assessment_keys::field_text(other, l)
                .or_else(|| super::spending_keys::field_text(other, l))
                .unwrap_or_else(|| K::ExcelFile.text(l))
        }
    };
    key.text(l)
}

/// The name of a form field whose problem may be shown away from it (the
/// field is not on the page, or not an input). `None` where the problem
/// says enough by itself.
pub fn field_label(field: &str) -> Option<K> {
    Some(match field {
        "schedule" => K::Schedule,
        "class_hours" => K::ClassHours,
        "lecturers" => K::Lecturers,
        "lecturer_id" => K::Lecturer,
        "programme_id" => K::Programmes,
        "org_id" => K::Organisation,
        "parent_id" => K::ParentUnit,
        "role" => K::RoleLabel,
        "areas" => K::PriorityAreas,
        "budget" => K::Budget,
        "decision" => K::Decision,
        "reason" => K::Reason,
        "quota" => K::Quota,
        "quota_in_province" => K::QuotaIn,
        "quota_out_province" => K::QuotaOut,
        "apply_until" => K::ApplyUntil,
        "start_date" => K::StartDate,
        "end_date" => K::EndDate,
        "day" => K::Day,
        "start_time" => K::StartTime,
        "end_time" => K::EndTime,
        "username" => K::Username,
        "display_name" => K::DisplayNameLabel,
        "id_number" => K::IdNumber,
        "mobile" => K::Mobile,
        "gender" => K::Gender,
        "file" => K::ExcelFile,
        "deadline_date" => K::DeadlineDate,
        "deadline_time" => K::DeadlineTime,
        _ => return None,
    })
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
