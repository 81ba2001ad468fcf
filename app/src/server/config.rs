use std::net::SocketAddr;

/// Settings from `GAOYAN_*` environment variables and `DATABASE_URL`, each
/// with a default that runs the app on one machine with an SQLite file.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    /// The address users type; decides the Secure cookie flag and the
    /// accepted `Origin` of state-changing requests.
    pub public_url: String,
    pub session_idle_minutes: i64,
    /// Sessions end this long after sign-in, whatever the activity.
    pub session_max_hours: i64,
    /// How many reverse proxies stand in front of the app, each appending
    /// the address it saw to `X-Forwarded-For` (0: none; the header is
    /// ignored). The client is the entry that many places from the right;
    /// anything left of it the client may have written itself.
    pub trusted_proxies: usize,
    pub max_concurrent_hashes: usize,
    pub max_db_connections: u32,
    /// The data key (base64), from `GAOYAN_DATA_KEY` or the file named by
    /// `GAOYAN_DATA_KEY_FILE`; `None` when neither is set.
    pub data_key: Option<String>,
    /// Keys of before a rotation, still needed to open old values.
    pub data_key_previous: Vec<String>,
    pub data_key_file: String,
    /// Multiplies every per-IP rate limit (see `server::throttle`); 0 turns
    /// throttling off.
    pub throttle_scale: u32,
    /// Where uploaded files live: a directory, or `s3://bucket[/prefix]`
    /// (see `server::storage`).
    pub files: String,
    /// The CJK font of the app's PDFs: an OpenType font with CFF outlines,
    /// or a collection of them (`GAOYAN_PDF_FONT`).
    pub pdf_font: String,
}

impl std::fmt::Debug for Config {
    /// Everything but the keys.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &self.database_url)
            .field("addr", &self.addr)
            .field("public_url", &self.public_url)
            .field("data_key_file", &self.data_key_file)
            .field("files", &self.files)
            .field("pdf_font", &self.pdf_font)
            .field("data_key", &self.data_key.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/gaoyan.db";
pub const DEFAULT_DATA_KEY_FILE: &str = "data/gaoyan.key";
pub const DEFAULT_FILES: &str = "data/files";

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let addr_text = get("GAOYAN_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr: SocketAddr = addr_text
            .parse()
            .map_err(|_| format!("GAOYAN_ADDR is not host:port: {addr_text}"))?;
        let number = |key: &str, default: i64| -> Result<i64, String> {
            match get(key) {
                None => Ok(default),
                Some(v) => v
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{key} must be a positive whole number, got {v}")),
            }
        };
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as i64;
        let data_key_file =
            get("GAOYAN_DATA_KEY_FILE").unwrap_or_else(|| DEFAULT_DATA_KEY_FILE.into());
        let data_key = match get("GAOYAN_DATA_KEY") {
            Some(k) => Some(k),
            None => match std::fs::read_to_string(&data_key_file) {
                Ok(k) => Some(k.trim().to_owned()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(format!("cannot read {data_key_file}: {e}")),
            },
        };
        let throttle_scale = match get("GAOYAN_THROTTLE_SCALE") {
            None => 1,
            Some(v) => v.parse::<u32>().map_err(|_| {
                format!("GAOYAN_THROTTLE_SCALE must be a whole number (0 turns it off), got {v}")
            })?,
        };
        Ok(Config {
            database_url: get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            public_url: get("GAOYAN_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}")),
            addr,
            session_idle_minutes: number("GAOYAN_SESSION_IDLE_MINUTES", 30)?,
            session_max_hours: number("GAOYAN_SESSION_MAX_HOURS", 12)?,
            trusted_proxies: match get("GAOYAN_TRUST_PROXY").as_deref() {
                None | Some("" | "0" | "false") => 0,
                Some("true") => 1,
                Some(n) => n.parse().map_err(|_| {
                    format!("GAOYAN_TRUST_PROXY must be the number of proxies in front, got {n}")
                })?,
            },
            max_concurrent_hashes: number("GAOYAN_MAX_CONCURRENT_HASHES", cores)? as usize,
            max_db_connections: number("GAOYAN_DB_MAX_CONNECTIONS", 16)? as u32,
            data_key,
            data_key_previous: get("GAOYAN_DATA_KEY_PREVIOUS")
                .map(|v| v.split(',').map(|k| k.trim().to_owned()).collect())
                .unwrap_or_default(),
            data_key_file,
            throttle_scale,
            files: get("GAOYAN_FILES").unwrap_or_else(|| DEFAULT_FILES.into()),
            pdf_font: get("GAOYAN_PDF_FONT")
                .unwrap_or_else(|| crate::server::pdf::DEFAULT_FONT.into()),
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_sqlite_on_localhost_without_secure_cookies() {
        let c = Config::from_lookup(|_| None).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.session_idle_minutes, 30);
        assert_eq!(c.session_max_hours, 12);
        assert_eq!(c.throttle_scale, 1);
        assert!(!c.secure_cookies());
    }

    #[test]
    fn an_https_public_url_makes_cookies_secure_and_bad_numbers_are_named() {
        let c = Config::from_lookup(|k| {
            (k == "GAOYAN_PUBLIC_URL").then(|| "https://gaoyan.example".to_string())
        })
        .unwrap();
        assert!(c.secure_cookies());
        let err = Config::from_lookup(|k| {
            (k == "GAOYAN_SESSION_IDLE_MINUTES").then(|| "soon".to_string())
        })
        .unwrap_err();
        assert!(err.contains("GAOYAN_SESSION_IDLE_MINUTES"));
    }

    #[test]
    fn the_data_key_is_never_printed() {
        let c = Config::from_lookup(|k| (k == "GAOYAN_DATA_KEY").then(|| "c2VjcmV0".to_string()))
            .unwrap();
        assert_eq!(c.data_key.as_deref(), Some("c2VjcmV0"));
        assert!(!format!("{c:?}").contains("c2VjcmV0"));
    }
}
