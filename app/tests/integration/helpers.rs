//! A fresh database per test, on SQLite and on PostgreSQL, and an HTTP
//! client that drives the real router (sessions, Origin check, server
//! functions) without opening a socket.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};

use app::error::AppError;
use app::router;
use app::server::db::TypedPool;
use app::server::session_store::Store;
use app::server::{AppState, Config, Db};
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub store: Store,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

fn pg_admin_url() -> String {
    std::env::var("GAOYAN_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A new PostgreSQL database, a copy of `template` if given: its URL and
/// name. Under `CI=true` an unreachable server fails the test; elsewhere
/// the test is skipped with a loud notice.
async fn pg_database(template: Option<&str>) -> Option<(String, String)> {
    use sqlx::Connection;
    let admin = pg_admin_url();
    let mut conn = match sqlx::PgConnection::connect(&admin).await {
        Ok(c) => c,
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("PostgreSQL is unreachable at {admin} under CI=true: {e}");
            }
            eprintln!("\n!!! SKIPPING a PostgreSQL test: {admin} unreachable ({e}) !!!\n");
            return None;
        }
    };
    let name = unique("gaoyan_test");
    let copy = template.map_or(String::new(), |t| format!(" TEMPLATE {t}"));
    sqlx::query(&format!("CREATE DATABASE {name}{copy}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(b, _)| b)
        .to_owned();
    Some((format!("{base}/{name}"), name))
}

/// One data key for the test process.
pub fn test_key() -> &'static str {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    KEY.get_or_init(app::server::crypto::DataKeys::generate)
}

fn tmp_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("gaoyan-tests")
}

fn config(url: &str, files: &str, setting: &dyn Fn(&str) -> Option<String>) -> Config {
    Config::from_lookup(|k| match setting(k) {
        Some(v) => Some(v),
        None => match k {
            "DATABASE_URL" => Some(url.to_owned()),
            "GAOYAN_FILES" => Some(files.to_owned()),
            "GAOYAN_DB_MAX_CONNECTIONS" => Some("4".into()),
            "GAOYAN_DATA_KEY" => Some(test_key().to_owned()),
            // Every request of a test comes from one address; the throttle's
            // own tests set the real limits (scale 1).
            "GAOYAN_THROTTLE_SCALE" => Some("100".into()),
            _ => None,
        },
    })
    .expect("config")
}

fn options() -> leptos::config::LeptosOptions {
    leptos::config::LeptosOptions::builder()
        .output_name("gaoyan")
        .build()
}

/// Migrates the database at `url` and loads the demo data into it, then
/// lets go of every connection, so it can be copied.
async fn load_demo(url: &str, files: &str) {
    let config = config(url, files, &|_| None);
    let db = Db::connect(&config.database_url, config.max_db_connections)
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    let store = Store::new(&db.typed).await.expect("session store");
    let state = AppState::new(options(), db.clone(), config).expect("state");
    app::demo::load(&state, &store)
        .await
        .unwrap_or_else(|e| panic!("demo data: {e}"));
    db.pool.close().await;
    match &db.typed {
        TypedPool::Sqlite(p) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(p)
                .await
                .expect("checkpoint");
            p.close().await;
        }
        TypedPool::Postgres(p) => p.close().await,
    }
}

/// The demo is loaded once per backend and test process (every step goes
/// through the app, argon2 included, so it takes seconds), into a
/// template that each test copies, with its own copy of the demo's files.
/// (database URL, files directory).
async fn database(backend: Backend) -> Option<(String, String)> {
    static SQLITE: tokio::sync::OnceCell<(std::path::PathBuf, String)> =
        tokio::sync::OnceCell::const_new();
    static POSTGRES: tokio::sync::OnceCell<Option<(String, String)>> =
        tokio::sync::OnceCell::const_new();
    let dir = tmp_dir();
    let (url, template_files) = match backend {
        Backend::Sqlite => {
            let (template, files) = SQLITE
                .get_or_init(|| async {
                    std::fs::create_dir_all(&dir).expect("test dir");
                    let name = unique("template");
                    let path = dir.join(format!("{name}.db"));
                    let files = dir.join(format!("{name}-files")).display().to_string();
                    load_demo(&format!("sqlite://{}", path.display()), &files).await;
                    (path, files)
                })
                .await;
            let path = dir.join(format!("{}.db", unique("t")));
            std::fs::copy(template, &path).expect("copy the demo database");
            (format!("sqlite://{}", path.display()), files.clone())
        }
        Backend::Postgres => {
            let (template, files) = POSTGRES
                .get_or_init(|| async {
                    let (url, name) = pg_database(None).await?;
                    let files = dir.join(format!("{name}-files")).display().to_string();
                    load_demo(&url, &files).await;
                    Some((name, files))
                })
                .await
                .clone()?;
            let (url, _) = pg_database(Some(&template)).await?;
            (url, files)
        }
    };
    let files = dir.join(unique("files"));
    copy_dir(std::path::Path::new(&template_files), &files);
    Some((url, files.display().to_string()))
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("files dir");
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a demo file");
        }
    }
}

/// Every file under `dir`, half-written ones included.
pub fn files_under(dir: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found
}

pub async fn spawn(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |_| None).await
}

/// Like `spawn`, with extra `GAOYAN_*` settings.
pub async fn spawn_with(
    backend: Backend,
    setting: impl Fn(&str) -> Option<String>,
) -> Option<TestApp> {
    let (url, files) = database(backend).await?;
    let config = config(&url, &files, &setting);
    let db = Db::connect(&config.database_url, config.max_db_connections)
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    let store = Store::new(&db.typed).await.expect("session store");
    let state = AppState::new(options(), db, config).expect("state");
    let router = router::router(state.clone(), store.clone())
        .layer(MockConnectInfo(SocketAddr::from(([10, 1, 2, 3], 40000))));
    Some(TestApp {
        state,
        router,
        store,
    })
}

/// Runs one test body on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = $crate::helpers::spawn($crate::helpers::Backend::Sqlite).await {
                    super::$name(app).await;
                }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::spawn($crate::helpers::Backend::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    )*};
}

pub const DEMO_PASSWORD: &str = app::demo::DEMO_PASSWORD;

/// A browser-like client: keeps the session cookie between calls.
pub struct Client {
    router: Router,
    pub cookie: Option<String>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent (compressed when the request accepted it).
    pub raw: Vec<u8>,
}

impl Reply {
    pub fn error(&self) -> Option<AppError> {
        serde_json::from_str(&self.body).ok()
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.body))
    }
}

impl TestApp {
    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookie: None,
        }
    }

    pub async fn signed_in(&self, username: &str) -> Client {
        let mut c = self.client();
        let r = c.login(username, DEMO_PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.body);
        c
    }

    /// A declaring-unit account (demo password) in the organisation named
    /// `org`, to show that one unit's rows stay hidden from another.
    pub async fn unit_user(&self, username: &str, org: &str) -> i64 {
        self.org_user(username, org, app::domain::Role::Unit).await
    }

    /// An account of `role` (demo password) in the organisation named `org`;
    /// returns the organisation's id.
    pub async fn org_user(&self, username: &str, org: &str, role: app::domain::Role) -> i64 {
        let hash = app::server::hashing::hash(&self.state, DEMO_PASSWORD.into())
            .await
            .unwrap();
        let org_id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
            .bind(org)
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap();
        let mut conn = self.state.db.pool.acquire().await.unwrap();
        let account = app::accounts::repo::NewAccount {
            username,
            display_name: "另一单位用户",
            role,
            org_id: Some(org_id),
            password_hash: &hash,
            must_change_password: false,
        };
        app::accounts::repo::insert(&mut conn, &account, 0)
            .await
            .unwrap();
        org_id
    }

    /// The demo programme that is enrolling now (the host institution's;
    /// the other acknowledged one has run).
    pub async fn enrolling(&self) -> i64 {
        self.count(
            "SELECT p.id FROM programmes p JOIN filings f ON f.programme_id = p.id \
             WHERE f.status = 'acknowledged' ORDER BY p.start_date DESC LIMIT 1",
        )
        .await
    }

    /// Returns (as the admin) closing materials that await review, so that
    /// the programme's spending account is open again.
    pub async fn reopen_account(&self, programme: i64) {
        let sent: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM closings WHERE programme_id = $1 AND status = 'submitted'",
        )
        .bind(programme)
        .fetch_optional(&self.state.db.pool)
        .await
        .unwrap();
        if let Some(id) = sent {
            let mut admin = self.signed_in("admin").await;
            let id = id.to_string();
            let r = admin
                .call(
                    "review_closing",
                    &[
                        ("id", id.as_str()),
                        ("accept", "false"),
                        ("reason", "测试退回"),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db.pool)
            .await
            .expect(sql)
    }
}

impl Client {
    /// Another client sharing this one's session.
    pub fn fork(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookie: self.cookie.clone(),
        }
    }

    /// Calls a server function the way the hydrated app does (JSON reply).
    pub async fn call(&mut self, endpoint: &str, form: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(form).expect("form");
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body)).expect("request"))
            .await
    }

    /// Posts a multipart form (a file upload) to a server function:
    /// (name, file name, bytes) per part.
    pub async fn multipart(
        &mut self,
        endpoint: &str,
        parts: &[(&str, Option<&str>, &[u8])],
    ) -> Reply {
        let boundary = "gaoyan-test-boundary";
        let mut body = Vec::new();
        for (name, file, bytes) in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                         Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::HOST, "127.0.0.1:3000")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::ACCEPT, "application/json");
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body)).expect("request"))
            .await
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        let mut req = Request::get(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT, "text/html,application/xhtml+xml");
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    pub async fn send(&mut self, req: Request<Body>) -> Reply {
        let what = format!("{} {}", req.method(), req.uri());
        // A hung request fails the test and says which one, instead of
        // stalling the whole suite.
        let res = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            let res = self.router.clone().oneshot(req).await.expect("response");
            let (parts, body) = res.into_parts();
            let bytes = body.collect().await.expect("body").to_bytes();
            (parts, bytes)
        })
        .await
        .unwrap_or_else(|_| panic!("no complete response within 30 s: {what}"));
        let (parts, bytes) = res;
        let res = axum::http::Response::from_parts(parts, ());
        let status = res.status();
        let headers = res.headers().clone();
        for v in headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap_or_default();
            if let Some(pair) = v.split(';').next() {
                if pair.starts_with(router::SESSION_COOKIE) {
                    self.cookie = Some(pair.to_owned());
                }
            }
        }
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            raw: bytes.to_vec(),
        }
    }

    pub async fn login(&mut self, username: &str, password: &str) -> Reply {
        self.call("login", &[("username", username), ("password", password)])
            .await
    }
}
