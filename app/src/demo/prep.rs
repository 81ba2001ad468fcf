//! Demo data for programme preparation: this year's three programmes in
//! three states. The host institution's own programme is enrolling (a
//! vetted schedule, an acknowledged filing, applicants, one admitted); the
//! second is filed and awaits review; the third is still being prepared.

use sqlx::AnyConnection;

use crate::domain::{filing_due, shanghai_date, LecturerTitle, TeachingForm};
use crate::enrollment::input;
use crate::error::AppError;
use crate::prep::repo::{self, NewCourse, NewFiling, NewLecturer, Vetting};
use crate::prep::FilingStatus;

const LECTURERS: &[(&str, LecturerTitle, &str, &str)] = &[
    (
        "陈立华",
        LecturerTitle::FullSenior,
        "北京交通大学",
        "轨道交通运维",
    ),
    (
        "刘雅琴",
        LecturerTitle::AssociateSenior,
        "石家庄铁道大学",
        "智能检测",
    ),
    (
        "王振东",
        LecturerTitle::Academician,
        "中国铁道科学研究院",
        "铁路工程",
    ),
];

/// (day offset, start, end, title, form, hours, lecturer index)
const COURSES: &[(u64, &str, &str, &str, TeachingForm, i64, usize)] = &[
    (
        0,
        "08:30",
        "11:30",
        "京津冀轨道交通发展战略",
        TeachingForm::Keynote,
        4,
        2,
    ),
    (
        0,
        "14:00",
        "17:30",
        "智能运维技术前沿",
        TeachingForm::Keynote,
        4,
        0,
    ),
    (
        1,
        "08:30",
        "11:30",
        "轨道状态智能检测",
        TeachingForm::Seminar,
        4,
        1,
    ),
    (
        1,
        "14:00",
        "17:30",
        "运维数据平台建设经验交流",
        TeachingForm::AcademicExchange,
        4,
        0,
    ),
    (
        2,
        "08:30",
        "17:30",
        "石家庄地铁运维中心现场教学",
        TeachingForm::OnSite,
        8,
        1,
    ),
    (
        3,
        "08:30",
        "17:30",
        "雄安站参观考察",
        TeachingForm::FieldVisit,
        8,
        2,
    ),
    (
        4,
        "08:30",
        "11:30",
        "研修成果交流",
        TeachingForm::Seminar,
        4,
        0,
    ),
    (4, "14:00", "17:30", "结业研讨", TeachingForm::Seminar, 4, 1),
];

async fn programme(
    conn: &mut AnyConnection,
    serial: i64,
    year: i64,
) -> Result<(i64, String, i64), AppError> {
    Ok(sqlx::query_as(
        "SELECT id, start_date, institution_id FROM programmes WHERE year = $1 AND serial = $2",
    )
    .bind(year)
    .bind(serial)
    .fetch_one(conn)
    .await?)
}

async fn account(conn: &mut AnyConnection, username: &str) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM accounts WHERE username = $1")
            .bind(username)
            .fetch_one(conn)
            .await?,
    )
}

/// A vetted schedule for `programme`, taught by the given lecturers.
async fn schedule(
    conn: &mut AnyConnection,
    programme: i64,
    start: &str,
    lecturers: &[i64],
    by: i64,
    now: i64,
) -> Result<i64, AppError> {
    let first = crate::domain::parse_date(start).map_err(|_| AppError::Internal)?;
    let mut total = 0;
    for (offset, s, e, title, form, hours, who) in COURSES {
        let day = (first + chrono::Days::new(*offset)).to_string();
        let course = NewCourse {
            programme,
            day: &day,
            start: s,
            end: e,
            title,
            form: *form,
            hours: *hours,
            place: "会议中心",
            lecturers: &[lecturers[*who]],
        };
        repo::insert_course(conn, &course, now).await?;
        total += hours;
    }
    let date = shanghai_date(now).to_string();
    for l in lecturers {
        let v = Vetting {
            programme,
            lecturer: *l,
            expertise: ["教务处 张敏", &date, "长期从事本领域研究，具有丰富实践经验"],
            compliance: ["党委宣传部 李强", &date, "政治立场坚定，无违法违纪记录"],
            approved: true,
            by,
        };
        repo::save_vetting(conn, &v, now).await?;
    }
    Ok(total)
}

async fn file(
    conn: &mut AnyConnection,
    programme: i64,
    start: &str,
    hours: i64,
    by: i64,
    now: i64,
) -> Result<i64, AppError> {
    let first = crate::domain::parse_date(start).map_err(|_| AppError::Internal)?;
    let due = filing_due(first).to_string();
    let until = (shanghai_date(now) + chrono::Days::new(30)).to_string();
    let f = NewFiling {
        programme,
        text: [
            "提升轨道交通运维骨干的智能化运维能力。",
            "发展战略、前沿技术、现场教学与研讨交流。",
            "承办机构成立班委会，专人负责教学与后勤。",
            "按住宿、伙食、场地、讲课、资料、交通六类列支。",
            "从事相关工作、具有中级及以上职称的专业技术人员。",
            "登录本系统，在招收学员通知页面在线报名。",
        ],
        quota: [60, 45, 15],
        apply_until: &until,
        schedule_hours: hours,
        due_date: &due,
        late: false,
        by,
    };
    repo::insert_filing(conn, &f, now).await?;
    let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM filings WHERE programme_id = $1")
        .bind(programme)
        .fetch_one(conn)
        .await?;
    Ok(id)
}

pub async fn load(
    conn: &mut AnyConnection,
    keys: &crate::server::crypto::DataKeys,
    year: i32,
    now: i64,
) -> Result<(), AppError> {
    let year = i64::from(year);
    let (enrolling, start1, institution) = programme(conn, 1, year).await?;
    let (filed, start2, institution2) = programme(conn, 2, year).await?;
    let unit = account(conn, "unit").await?;
    let admin = account(conn, "admin").await?;
    let staff = account(conn, "institution").await?;

    let mut mine = Vec::new();
    for (name, title, affiliation, field) in LECTURERS {
        let l = NewLecturer {
            institution,
            name,
            title: *title,
            affiliation,
            field,
            bio: "",
            phone: "13931100000",
        };
        mine.push(repo::insert_lecturer(conn, keys, &l, now).await?);
    }
    let hours = schedule(conn, enrolling, &start1, &mine, staff, now).await?;
    let filing = file(conn, enrolling, &start1, hours, unit, now).await?;
    repo::review(conn, filing, FilingStatus::Acknowledged, "", admin, now).await?;
    let applicants: [[&str; 7]; 3] = [
        [
            "李晓燕",
            "女",
            "130102198503120025",
            "13800138001",
            "石家庄市轨道交通集团",
            "河北省",
            "副高级",
        ],
        [
            "张伟",
            "男",
            "110105198001010032",
            "13800138002",
            "北京地铁运营公司",
            "北京市",
            "正高级",
        ],
        [
            "赵磊",
            "男",
            "130102199002020012",
            "13800138003",
            "唐山市交通运输局",
            "河北省",
            "中级",
        ],
    ];
    for (i, a) in applicants.iter().enumerate() {
        let Ok(a) = input::parse(*a) else {
            return Err(AppError::Internal);
        };
        let id =
            crate::enrollment::repo::insert(conn, keys, enrolling, None, &a, false, now).await?;
        if i == 0 {
            crate::enrollment::repo::decide(
                conn,
                id,
                1,
                crate::enrollment::EnrollmentStatus::Admitted,
                now,
            )
            .await?;
        }
    }

    // The health commission's programme: vetted schedule, filed, awaiting review.
    let mut theirs = Vec::new();
    for (name, title, affiliation, field) in LECTURERS {
        let l = NewLecturer {
            institution: institution2,
            name,
            title: *title,
            affiliation,
            field,
            bio: "",
            phone: "13931100001",
        };
        theirs.push(repo::insert_lecturer(conn, keys, &l, now).await?);
    }
    let hours = schedule(conn, filed, &start2, &theirs, admin, now).await?;
    file(conn, filed, &start2, hours, unit, now).await?;
    Ok(())
}
