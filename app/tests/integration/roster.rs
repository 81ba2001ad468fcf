//! Trainee lists as institutions really keep them, through the real
//! upload: .xlsx with title rows and other column names, .xls, CSV in
//! GB18030; hostile files (a far corner cell, a broken upload) refused by
//! field without harm, also under a memory limit.

use app::enrollment::TraineesView;
use app::error::{AppError, Problem};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::both;
use crate::helpers::{Client, Reply, TestApp};

both!(
    an_xls_roster_with_other_names_and_a_separate_post_column_imports,
    a_gb18030_csv_and_an_xlsx_with_numbers_stored_as_numbers_import,
    a_far_corner_file_is_refused_by_size_and_nothing_is_stored,
    a_broken_or_padded_upload_is_refused_and_nothing_is_stored,
);

const ROSTER_XLS: &[u8] = include_bytes!("../fixtures/roster.xls");
const FAR_CORNER_XLS: &[u8] = include_bytes!("../fixtures/far-corner.xls");
/// .xls files whose records lie about their size (found in review): a
/// short or reversed DIMENSIONS record, and cells hidden inside another
/// record's payload at the offset the sheet names. A reader that trusts
/// them reserves gigabytes.
const LYING_XLS: [(&str, &[u8]); 4] = [
    ("dims10.xls", include_bytes!("../fixtures/dims10.xls")),
    (
        "dims14_firstrow.xls",
        include_bytes!("../fixtures/dims14_firstrow.xls"),
    ),
    ("hidden.xls", include_bytes!("../fixtures/hidden.xls")),
    ("dirlen.xls", include_bytes!("../fixtures/dirlen.xls")),
];

async fn import(c: &mut Client, programme: i64, name: &str, bytes: &[u8]) -> Reply {
    let id = programme.to_string();
    c.multipart(
        "import_trainees",
        &[
            ("programme_id", None, id.as_bytes()),
            ("file", Some(name), bytes),
        ],
    )
    .await
}

async fn trainees(c: &mut Client, programme: i64) -> TraineesView {
    c.call("list_trainees", &[("programme_id", &programme.to_string())])
        .await
        .json()
}

/// A problem with the file as a whole, shown beside the file field.
fn file_problem(r: &Reply) -> Option<Problem> {
    r.error().and_then(|e| e.problem_for("file").cloned())
}

async fn an_xls_roster_with_other_names_and_a_separate_post_column_imports(app: TestApp) {
    let g = app.enrolling().await;
    let mut inst = app.signed_in("institution").await;
    let r = import(&mut inst, g, "报名汇总.xls", ROSTER_XLS).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json::<app::enrollment::Imported>().imported, 2);
    let v = trainees(&mut inst, g).await;
    let sun = v.rows.iter().find(|r| r.name == "孙丽").unwrap();
    assert_eq!(sun.title_level, app::domain::TraineeTitle::FullSenior);
    assert_eq!(sun.mobile, "13600001111", "a mobile stored as a number");
    assert_eq!(
        sun.gender,
        app::domain::Gender::Female,
        "from the ID number"
    );
    let wu = v.rows.iter().find(|r| r.name == "吴刚").unwrap();
    assert_eq!(
        wu.title_level,
        app::domain::TraineeTitle::Manager,
        "a post, no title"
    );
    assert_eq!(wu.employer, "保定市财政局");
}

async fn a_gb18030_csv_and_an_xlsx_with_numbers_stored_as_numbers_import(app: TestApp) {
    let g = app.enrolling().await;
    let mut inst = app.signed_in("institution").await;
    let csv = "学员名单\n序号,姓名,性别,身份证号,手机,单位名称,省份,职称\n\
               1,赵敏,女,１３０２０３１９７８０６１５００４２,13600001111,唐山市人民医院,河北省,主任护师\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(csv);
    let r = import(&mut inst, g, "名单.csv", &gb).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = trainees(&mut inst, g).await;
    let zhao = v.rows.iter().find(|r| r.name == "赵敏").unwrap();
    assert_eq!(zhao.title_level, app::domain::TraineeTitle::FullSenior);
    assert_eq!(zhao.id_number, "1302**********0042");

    // Columns in another order, a mobile as a number, and an ID typed as
    // a number (its last digits lost): named by row and column.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "报名表").unwrap();
    for (c, h) in [
        "联系电话",
        "姓名",
        "身份证号码",
        "工作单位",
        "所在省份",
        "职称",
        "职务",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_number(3, 0, 13600005555.0).unwrap();
    sheet.write_string(3, 1, "钱伟").unwrap();
    sheet.write_number(3, 2, 130602198209090053.0).unwrap();
    sheet.write_string(3, 3, "保定市财政局").unwrap();
    sheet.write_string(3, 4, "河北省").unwrap();
    sheet.write_string(3, 6, "副处长").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = import(&mut inst, g, "名单.xlsx", &bytes).await;
    let Some(AppError::Rows(rows)) = r.error() else {
        panic!("{}", r.body)
    };
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0].row, rows[0].column.as_str()),
        (4, "C（身份证号码）")
    );
    assert_eq!(rows[0].problem, Problem::StoredAsNumber);
}

async fn a_far_corner_file_is_refused_by_size_and_nothing_is_stored(app: TestApp) {
    let g = app.enrolling().await;
    let mut inst = app.signed_in("institution").await;
    let before = app.count("SELECT COUNT(*) FROM enrollments").await;
    let r = import(&mut inst, g, "far.xlsx", &far_corner_xlsx()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        matches!(file_problem(&r), Some(Problem::SheetTooLarge { .. })),
        "{}",
        r.body
    );
    let r = import(&mut inst, g, "far.xls", FAR_CORNER_XLS).await;
    assert!(
        matches!(file_problem(&r), Some(Problem::SheetTooLarge { .. })),
        "{}",
        r.body
    );
    let r = import(&mut inst, g, "inflated.xlsx", &inflating_xlsx()).await;
    assert!(
        matches!(file_problem(&r), Some(Problem::SheetTooLarge { .. })),
        "{}",
        r.body
    );
    let r = import(&mut inst, g, "readme.txt", b"\x00\x01 not a spreadsheet").await;
    assert_eq!(file_problem(&r), Some(Problem::NotASpreadsheet));
    assert_eq!(app.count("SELECT COUNT(*) FROM enrollments").await, before);
}

/// A few kilobytes whose sheet names A1 and XFD1048576: as a grid, 17
/// billion cells.
pub fn far_corner_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save_to_buffer().unwrap()
}

/// A valid workbook plus one part that inflates from about 100 KB to
/// 100 MB: a zip bomb below the upload cap.
pub fn inflating_xlsx() -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let base = far_corner_xlsx();
    let mut src = zip::ZipArchive::new(Cursor::new(base)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..src.len() {
        let mut part = src.by_index(i).unwrap();
        let name = part.name().to_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        out.start_file(name, deflate).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.start_file("xl/media/padding.bin", deflate).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..100 {
        out.write_all(&zeros).unwrap();
    }
    out.finish().unwrap().into_inner()
}

async fn a_broken_or_padded_upload_is_refused_and_nothing_is_stored(app: TestApp) {
    let g = app.enrolling().await;
    let inst = app.signed_in("institution").await;
    let before = app.count("SELECT COUNT(*) FROM enrollments").await;
    let send = |body: Vec<u8>| {
        let mut c = inst.fork();
        async move {
            let req = Request::post("/api/import_trainees")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::CONTENT_TYPE, "multipart/form-data; boundary=B")
                .header(header::ACCEPT, "application/json")
                .header(header::COOKIE, c.cookie.clone().unwrap())
                .body(Body::from(body))
                .unwrap();
            c.send(req).await
        }
    };
    let part = |name: &str, file: Option<&str>, bytes: &[u8]| {
        let mut p = match file {
            Some(f) => format!(
                "--B\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\r\n"
            ),
            None => format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
        }
        .into_bytes();
        p.extend_from_slice(bytes);
        p.extend_from_slice(b"\r\n");
        p
    };
    let csv = "姓名,身份证号,手机号,工作单位,省份,职称\n冯军,130602198209090053,13600007777,甲,河北,教授\n";
    // A stream that stops inside the file, without its closing boundary.
    let mut cut = part("programme_id", None, g.to_string().as_bytes());
    cut.extend_from_slice(&part("file", Some("a.csv"), csv.as_bytes())[..60]);
    let r = send(cut).await;
    assert_eq!(r.error(), Some(AppError::BadRequest), "{}", r.body);
    // A text part far longer than any programme id.
    let mut long = part("programme_id", None, "9".repeat(100_000).as_bytes());
    long.extend_from_slice(&part("file", Some("a.csv"), csv.as_bytes()));
    long.extend_from_slice(b"--B--\r\n");
    assert_eq!(send(long).await.error(), Some(AppError::BadRequest));
    // A part the form does not have.
    let mut extra = part("programme_id", None, g.to_string().as_bytes());
    extra.extend_from_slice(&part("padding", None, &[b'x'; 10_000]));
    extra.extend_from_slice(&part("file", Some("a.csv"), csv.as_bytes()));
    extra.extend_from_slice(b"--B--\r\n");
    assert_eq!(send(extra).await.error(), Some(AppError::BadRequest));
    assert_eq!(app.count("SELECT COUNT(*) FROM enrollments").await, before);
    // The same file, whole, imports.
    let mut whole = part("programme_id", None, g.to_string().as_bytes());
    whole.extend_from_slice(&part("file", Some("a.csv"), csv.as_bytes()));
    whole.extend_from_slice(b"--B--\r\n");
    let r = send(whole).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM enrollments").await,
        before + 1
    );
}

/// The far-corner files again, in a process allowed 512 MiB of data: the
/// server must refuse them and go on serving, not abort. Runs this test
/// binary's `far_corner_files_under_a_memory_limit` under `prlimit`.
#[test]
fn far_corner_files_leave_a_memory_limited_server_running() {
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new("prlimit")
        .arg(format!("--data={}", 512 * 1024 * 1024))
        .arg("--")
        .arg(exe)
        .args([
            "--exact",
            "roster::far_corner_files_under_a_memory_limit",
            "--include-ignored",
            "--nocapture",
        ])
        .output()
        .expect("prlimit (util-linux) runs");
    let log = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the limited process failed: {log}");
    assert!(log.contains("1 passed"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by far_corner_files_leave_a_memory_limited_server_running"]
async fn far_corner_files_under_a_memory_limit() {
    let app = crate::helpers::spawn(crate::helpers::Backend::Sqlite)
        .await
        .unwrap();
    let g = app.enrolling().await;
    let mut inst = app.signed_in("institution").await;
    for (name, bytes) in [
        ("far.xlsx", far_corner_xlsx()),
        ("far.xls", FAR_CORNER_XLS.to_vec()),
        ("inflated.xlsx", inflating_xlsx()),
    ] {
        let r = import(&mut inst, g, name, &bytes).await;
        assert!(
            matches!(file_problem(&r), Some(Problem::SheetTooLarge { .. })),
            "{name}: {}",
            r.body
        );
    }
    for (name, bytes) in LYING_XLS {
        // Refused, or read for what it really holds: either way answered.
        let r = import(&mut inst, g, name, bytes).await;
        assert!(
            r.status.is_client_error(),
            "{name}: {} {}",
            r.status,
            r.body
        );
    }
    // Still serving.
    assert_eq!(trainees(&mut inst, g).await.programme_id, g);
}
