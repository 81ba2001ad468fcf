use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::db::TypedPool;

/// Sessions live in the application database (tower-sessions' sqlx stores),
/// so several app servers on one PostgreSQL share them. The backend is
/// chosen at start-up, hence this small dispatching wrapper.
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    pub async fn new(pool: &TypedPool) -> Result<Store, sqlx::Error> {
        let store = match pool {
            TypedPool::Sqlite(p) => {
                let s = SqliteStore::new(p.clone());
                s.migrate().await?;
                Store::Sqlite(s)
            }
            TypedPool::Postgres(p) => {
                let s = PostgresStore::new(p.clone());
                s.migrate().await?;
                Store::Postgres(s)
            }
        };
        Ok(store)
    }

    /// Deletes expired sessions now and then, for the life of the process.
    pub fn spawn_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let every = tokio::time::Duration::from_secs(600);
            let result = match store {
                Store::Sqlite(s) => s.continuously_delete_expired(every).await,
                Store::Postgres(s) => s.continuously_delete_expired(every).await,
            };
            if let Err(e) = result {
                tracing::error!(error = %e, "session cleanup stopped");
            }
        });
    }
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(s) => s.load(id).await,
            Store::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(s) => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        }
    }
}
