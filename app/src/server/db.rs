use std::str::FromStr;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Any, AnyPool, PgPool, SqlitePool, Transaction};

pub type Tx = Transaction<'static, Any>;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The application's database. Queries are written once against sqlx's
/// `Any` driver in SQL both backends accept; the typed pool is kept for the
/// session store, which has one implementation per backend.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    pub typed: TypedPool,
}

#[derive(Clone, Debug)]
pub enum TypedPool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Db {
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = AnyPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            let typed = sqlx::postgres::PgPoolOptions::new()
                .max_connections(4)
                .connect(url)
                .await?;
            return Ok(Db {
                pool,
                backend: Backend::Postgres,
                typed: TypedPool::Postgres(typed),
            });
        }
        if let Some(path) = sqlite_path(url) {
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
                }
            }
        }
        // Create the file and switch it to WAL once, through a typed
        // connection, before the `Any` pool opens it. WAL persists in the
        // file; sqlx's defaults (foreign keys on, 5 s busy timeout, FULL
        // synchronous) apply to the `Any` connections too.
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let typed = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        Ok(Db {
            pool,
            backend: Backend::Sqlite,
            typed: TypedPool::Sqlite(typed),
        })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match &self.typed {
            TypedPool::Sqlite(p) => {
                // SQLite's procedure for changing a table's constraints
                // (rebuild, drop, rename) needs foreign keys off, a pragma
                // ignored inside the transaction each migration runs in: so
                // they run on one connection with the keys off, and the
                // whole database is checked before anything uses it.
                // Detached: closed afterwards, never back in the pool with
                // the keys off, whatever happens here.
                let mut conn = p.acquire().await?.detach();
                sqlx::query("PRAGMA foreign_keys = OFF")
                    .execute(&mut conn)
                    .await?;
                let ran = SQLITE_MIGRATIONS.run(&mut conn).await;
                ran?;
                let broken: Vec<(String, Option<i64>, String)> =
                    sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                        .fetch_all(&mut conn)
                        .await?;
                let _ = sqlx::Connection::close(conn).await;
                match broken.first() {
                    None => Ok(()),
                    Some((table, row, parent)) => Err(sqlx::migrate::MigrateError::Source(
                        format!(
                            "{} rows break a foreign key after migrating, the first: \
                             {table} row {row:?} points at a missing {parent}",
                            broken.len()
                        )
                        .into(),
                    )),
                }
            }
            TypedPool::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await,
        }
    }

    /// A transaction that will write. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`): a deferred transaction that reads first
    /// cannot upgrade while another writer commits, whatever the timeout.
    pub async fn write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    /// The two backends' migrations must stay in step, file for file.
    #[test]
    fn both_backends_have_the_same_migrations() {
        let names = |backend: &str| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../migrations")
                .join(backend);
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .expect("migrations folder")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        assert!(!names("sqlite").is_empty());
        assert_eq!(names("sqlite"), names("postgres"));
    }

    /// A database made before proposals could be drafts part-way keeps
    /// its proposals, their areas and programmes through the table
    /// rebuild, and its foreign keys hold afterwards.
    #[tokio::test]
    async fn the_proposal_rebuild_keeps_existing_rows_and_their_references() {
        use sqlx::migrate::Migrator;
        let dir = std::env::temp_dir().join(format!("gaoyan-mig-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}/m.db", dir.display());
        let db = super::Db::connect(&url, 2).await.unwrap();
        let super::TypedPool::Sqlite(pool) = &db.typed else {
            panic!("sqlite")
        };
        let before: Vec<_> = super::SQLITE_MIGRATIONS
            .iter()
            .filter(|m| m.version < 20261203000001)
            .cloned()
            .collect();
        let old = Migrator {
            migrations: std::borrow::Cow::Owned(before),
            ..Migrator::DEFAULT
        };
        old.run(pool).await.unwrap();
        for sql in [
            "INSERT INTO organisations (id, name, kind, parent_id, created_at, updated_at) \
             VALUES (1, 'u', 'other_unit', NULL, 0, 0), (2, 'i', 'institution', 1, 0, 0)",
            "INSERT INTO topic_calls (id, year, deadline_at, created_at, updated_at) \
             VALUES (1, 2027, 0, 0, 0)",
            "INSERT INTO call_areas (id, call_id, kind, name) VALUES (1, 1, 'national', 'a')",
            "INSERT INTO proposals (id, call_id, unit_id, institution_id, title, need_kind, need, \
             start_date, end_date, place, trainees, class_hours, cost_accommodation, cost_meals, \
             cost_venue, cost_lecture_fees, cost_materials, cost_transport, fund_government, \
             fund_unit, fund_society, fund_individual, contact_name, contact_phone, status, \
             created_at, updated_at) VALUES (5, 1, 1, 2, 't', 'urgent', 'n', '2027-01-01', \
             '2027-01-02', 'p', 3, 32, 100, 0, 0, 0, 0, 0, 100, 0, 0, 0, 'c', '1234567', \
             'selected', 0, 0)",
            "INSERT INTO proposal_areas VALUES (5, 1)",
            "INSERT INTO programmes (proposal_id, year, serial, topic, unit_id, institution_id, \
             start_date, end_date, place, trainees, class_hours, published_at, updated_at) \
             VALUES (5, 2027, 1, 't', 1, 2, '2027-01-01', '2027-01-02', 'p', 3, 32, 0, 0)",
        ] {
            sqlx::query(sql).execute(pool).await.unwrap();
        }
        db.migrate().await.unwrap();
        let kept: (String, i64) =
            sqlx::query_as("SELECT status, class_hours FROM proposals WHERE id = 5")
                .fetch_one(pool)
                .await
                .unwrap();
        assert_eq!(kept, ("selected".to_owned(), 32));
        // The references still point at the rebuilt table, and hold.
        assert!(sqlx::query("DELETE FROM proposals WHERE id = 5")
            .execute(pool)
            .await
            .is_err());
        assert!(sqlx::query("INSERT INTO proposal_areas VALUES (99, 1)")
            .execute(pool)
            .await
            .is_err());
        // Past the draft, a proposal is complete: the database says so too.
        sqlx::query(
            "INSERT INTO proposals (call_id, unit_id, title, cost_accommodation, cost_meals, \
             cost_venue, cost_lecture_fees, cost_materials, cost_transport, fund_government, \
             fund_unit, fund_society, fund_individual, created_at, updated_at) \
             VALUES (1, 1, 'only', 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)",
        )
        .execute(pool)
        .await
        .unwrap();
        assert!(
            sqlx::query("UPDATE proposals SET status = 'submitted' WHERE title = 'only'")
                .execute(pool)
                .await
                .is_err()
        );
        drop(db);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_sqlite_file_path_is_read_from_the_url() {
        assert_eq!(
            sqlite_path("sqlite://data/g.db?mode=rwc"),
            Some("data/g.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x"), None);
    }
}
