//! Uploaded files live behind one interface: a local directory by default,
//! or an S3-compatible object store (`GAOYAN_FILES=s3://bucket/prefix`,
//! credentials and endpoint from the usual `AWS_*` variables) so that
//! several app servers share them. The database holds each file's key;
//! keys are random, so a key never says whose file it is.

use std::sync::Arc;

use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, WriteMultipart};

use crate::error::AppError;

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Where, for the log and the README's status line.
    pub describe: String,
}

fn failed<E: std::fmt::Display>(what: &'static str) -> impl FnOnce(E) -> AppError {
    move |e| {
        tracing::error!(error = %e, "storage: {what}");
        AppError::Internal
    }
}

impl Storage {
    /// From the setting: `s3://bucket[/prefix]`, or a local directory,
    /// made if missing.
    pub fn open(setting: &str) -> Result<Storage, String> {
        if setting.starts_with("s3://") {
            let url = url_without_path(setting);
            let store = object_store::aws::AmazonS3Builder::from_env()
                .with_url(url)
                .build()
                .map_err(|e| format!("GAOYAN_FILES {setting}: {e}"))?;
            let prefix = setting[url.len()..].trim_matches('/');
            let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
                Arc::new(store)
            } else {
                Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
            };
            return Ok(Storage {
                store,
                describe: setting.to_owned(),
            });
        }
        std::fs::create_dir_all(setting).map_err(|e| format!("cannot make {setting}: {e}"))?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(setting)
            .map_err(|e| format!("GAOYAN_FILES {setting}: {e}"))?;
        Ok(Storage {
            store: Arc::new(store),
            describe: setting.to_owned(),
        })
    }

    /// A fresh random key under `folder`.
    pub fn new_key(folder: &str) -> String {
        use chacha20poly1305::aead::rand_core::RngCore;
        let mut raw = [0u8; 16];
        chacha20poly1305::aead::OsRng.fill_bytes(&mut raw);
        let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        format!("{folder}/{hex}")
    }

    /// Starts writing `key`; nothing is visible under it until `finish`.
    pub async fn writer(&self, key: &str) -> Result<Writer, AppError> {
        let upload = self
            .store
            .put_multipart(&Path::from(key))
            .await
            .map_err(failed("start upload"))?;
        Ok(Writer {
            inner: Some(WriteMultipart::new(upload)),
        })
    }

    /// A file as a stream of its bytes, with its size.
    pub async fn stream(
        &self,
        key: &str,
    ) -> Result<
        (
            u64,
            futures::stream::BoxStream<'static, Result<Bytes, std::io::Error>>,
        ),
        AppError,
    > {
        use futures::StreamExt;
        let got = self
            .store
            .get(&Path::from(key))
            .await
            .map_err(failed("get"))?;
        let size = got.meta.size;
        let stream = got
            .into_stream()
            .map(|chunk| chunk.map_err(std::io::Error::other))
            .boxed();
        Ok((size, stream))
    }

    /// Deletes `key` when dropped, unless kept: a file written but not yet
    /// recorded is never left behind, even if the request is cut off.
    pub fn until_recorded(&self, key: &str) -> Unrecorded {
        Unrecorded {
            storage: Some(self.clone()),
            key: key.to_owned(),
        }
    }

    pub async fn read(&self, key: &str) -> Result<Bytes, AppError> {
        let got = self
            .store
            .get(&Path::from(key))
            .await
            .map_err(failed("get"))?;
        got.bytes().await.map_err(failed("read"))
    }

    /// Removes `key`; a key already gone is no error.
    pub async fn delete(&self, key: &str) {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => tracing::error!(error = %e, key, "storage: delete"),
        }
    }

    /// Whether `key` holds a file (tests; the database is the index).
    pub async fn exists(&self, key: &str) -> bool {
        self.store.head(&Path::from(key)).await.is_ok()
    }

    /// Every key under `folder` (tests: nothing half-written is left).
    pub async fn keys(&self, folder: &str) -> Vec<String> {
        use futures::StreamExt;
        let prefix = Path::from(folder);
        self.store
            .list(Some(&prefix))
            .filter_map(|m| async move { m.ok().map(|m| m.location.to_string()) })
            .collect()
            .await
    }
}

/// `s3://bucket` out of `s3://bucket/prefix`.
fn url_without_path(setting: &str) -> &str {
    let rest = &setting["s3://".len()..];
    match rest.find('/') {
        Some(i) => &setting[..("s3://".len() + i)],
        None => setting,
    }
}

/// A file being written in parts; aborted, or dropped unfinished (a
/// request cut off), it leaves nothing, not even an unfinished S3 upload.
pub struct Writer {
    inner: Option<WriteMultipart>,
}

impl Writer {
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), AppError> {
        let inner = self.inner.as_mut().ok_or(AppError::Internal)?;
        // At most two parts in flight: memory stays at a few parts per upload.
        inner.wait_for_capacity(2).await.map_err(failed("write"))?;
        inner.write(chunk);
        Ok(())
    }

    pub async fn finish(mut self) -> Result<(), AppError> {
        let inner = self.inner.take().ok_or(AppError::Internal)?;
        inner.finish().await.map_err(failed("finish"))?;
        Ok(())
    }

    pub async fn abort(mut self) {
        if let Some(inner) = self.inner.take() {
            if let Err(e) = inner.abort().await {
                tracing::error!(error = %e, "storage: abort");
            }
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take() {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    let _ = inner.abort().await;
                });
            }
        }
    }
}

/// See `Storage::until_recorded`.
pub struct Unrecorded {
    storage: Option<Storage>,
    key: String,
}

impl Unrecorded {
    /// The file is recorded, or deleted already: nothing left to do.
    pub fn settled(mut self) {
        self.storage = None;
    }
}

impl Drop for Unrecorded {
    fn drop(&mut self) {
        if let Some(storage) = self.storage.take() {
            let key = std::mem::take(&mut self.key);
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move { storage.delete(&key).await });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::url_without_path;

    #[test]
    fn a_bucket_url_keeps_its_prefix_apart() {
        assert_eq!(url_without_path("s3://papers"), "s3://papers");
        assert_eq!(url_without_path("s3://papers/gaoyan/files"), "s3://papers");
    }
}
