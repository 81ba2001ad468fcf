//! Personal data at rest (PIPL): identity numbers and mobiles are stored
//! sealed with XChaCha20-Poly1305 under the data key, beside a keyed hash
//! (HMAC-SHA-256) that finds and deduplicates them without decrypting.
//!
//! The data key is 32 random bytes in base64 (`gaoyan make-key`). Both the
//! cipher key and the lookup key are derived from it, so one secret is kept.
//! Every sealed value names the key it was sealed with; after a rotation
//! the previous keys still open old values until `rekey` has sealed them
//! again under the current key (see the README).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const PREFIX: &str = "v1";
const NONCE_LEN: usize = 24;

/// What a lookup hash is for; values of different kinds never collide.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    IdNumber,
    Mobile,
    Username,
    /// One-time activation codes.
    ActivationCode,
    /// Who is failing to activate, by address: the throttle's key.
    ActivationAttempts,
    /// The rotating check-in code's signature of a course and time step.
    CheckIn,
    /// Who verified a certificate, by network and day: counted once.
    Verifier,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::IdNumber => b"id_number",
            Purpose::Mobile => b"mobile",
            Purpose::Username => b"username",
            Purpose::ActivationCode => b"activation_code",
            Purpose::ActivationAttempts => b"activation_attempts",
            Purpose::CheckIn => b"check_in",
            Purpose::Verifier => b"verifier",
        }
    }
}

struct Key {
    /// First four bytes of SHA-256 of the key, in hex: names the key in
    /// sealed values without revealing it.
    id: String,
    cipher: XChaCha20Poly1305,
    lookup: [u8; 32],
}

impl Key {
    fn from_base64(text: &str) -> Result<Key, String> {
        let raw = B64
            .decode(text.trim())
            .map_err(|_| "a data key must be base64 (make one with `gaoyan make-key`)")?;
        let raw: [u8; 32] = raw
            .try_into()
            .map_err(|_| "a data key must be 32 bytes (make one with `gaoyan make-key`)")?;
        let id = Sha256::digest(raw)[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Key {
            id,
            cipher: XChaCha20Poly1305::new(&derive(&raw, b"gaoyan seal v1").into()),
            lookup: derive(&raw, b"gaoyan lookup v1"),
        })
    }
}

fn derive(master: &[u8; 32], label: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master).expect("any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

/// The current data key and any previous ones still needed to open values
/// sealed before a rotation. Never printed.
pub struct DataKeys {
    current: Key,
    previous: Vec<Key>,
}

impl std::fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DataKeys({}, {} previous)",
            self.current.id,
            self.previous.len()
        )
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Sealed under a key that is not configured.
    UnknownKey,
    /// Not a sealed value, or altered.
    Corrupt,
}

impl DataKeys {
    pub fn new(current: &str, previous: &[String]) -> Result<DataKeys, String> {
        let current = Key::from_base64(current)?;
        let previous = previous
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| Key::from_base64(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DataKeys { current, previous })
    }

    /// A fresh random key, base64.
    pub fn generate() -> String {
        use chacha20poly1305::aead::rand_core::RngCore;
        let mut raw = [0u8; 32];
        OsRng.fill_bytes(&mut raw);
        B64.encode(raw)
    }

    /// `v1.<key id>.<base64 of nonce and ciphertext>`.
    pub fn seal(&self, plaintext: &str) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .current
            .cipher
            .encrypt(&nonce, plaintext.as_bytes())
            .expect("XChaCha20-Poly1305 cannot fail to encrypt a short value");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{PREFIX}.{}.{}", self.current.id, B64.encode(bytes))
    }

    pub fn open(&self, sealed: &str) -> Result<String, OpenError> {
        let mut parts = sealed.splitn(3, '.');
        let (Some(PREFIX), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(OpenError::Corrupt);
        };
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id == id)
            .ok_or(OpenError::UnknownKey)?;
        let bytes = B64.decode(body).map_err(|_| OpenError::Corrupt)?;
        if bytes.len() < NONCE_LEN {
            return Err(OpenError::Corrupt);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plain = key
            .cipher
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .map_err(|_| OpenError::Corrupt)?;
        String::from_utf8(plain).map_err(|_| OpenError::Corrupt)
    }

    /// Opens a sealed column value read from the database; a value that
    /// does not open is a decode error there (logged, shown as internal).
    pub fn open_column(&self, sealed: &str) -> Result<String, sqlx::Error> {
        self.open(sealed)
            .map_err(|e| sqlx::Error::Decode(format!("sealed value: {e:?}").into()))
    }

    /// A LIKE pattern that matches values sealed under the current key, for
    /// finding the others in SQL.
    pub fn current_pattern(&self) -> String {
        format!("{PREFIX}.{}.%", self.current.id)
    }

    /// Whether a sealed value should be sealed again under the current key.
    pub fn is_stale(&self, sealed: &str) -> bool {
        sealed.split('.').nth(1) != Some(self.current.id.as_str())
    }

    /// The keyed hash that finds a value: equal inputs, equal hashes; the
    /// hash says nothing about the value without the key.
    pub fn lookup(&self, purpose: Purpose, value: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.current.lookup).expect("any key length");
        mac.update(purpose.label());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Whether any previous key is configured (a rotation is under way).
    pub fn rotating(&self) -> bool {
        !self.previous.is_empty()
    }
}

/// 128 random bits as 32 lowercase hex characters: an unguessable key in
/// a link (a certificate's QR code).
pub fn random_token() -> String {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut raw = [0u8; 16];
    OsRng.fill_bytes(&mut raw);
    raw.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> DataKeys {
        DataKeys::new(&DataKeys::generate(), &[]).unwrap()
    }

    #[test]
    fn sealed_values_open_again_and_say_nothing_of_the_plaintext() {
        let k = keys();
        let a = k.seal("11010519491231002X");
        let b = k.seal("11010519491231002X");
        assert_ne!(a, b, "a fresh nonce each time");
        assert!(!a.contains("1101"));
        assert_eq!(k.open(&a).unwrap(), "11010519491231002X");
        let mut altered = a.clone();
        altered.pop();
        altered.push(if a.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(k.open(&altered), Err(OpenError::Corrupt));
        assert_eq!(k.open("13800138000"), Err(OpenError::Corrupt));
    }

    #[test]
    fn lookups_are_stable_per_key_and_purpose() {
        let k = keys();
        let id = k.lookup(Purpose::IdNumber, "13800138000");
        assert_eq!(id, k.lookup(Purpose::IdNumber, "13800138000"));
        assert_ne!(id, k.lookup(Purpose::Mobile, "13800138000"));
        assert_ne!(id, keys().lookup(Purpose::IdNumber, "13800138000"));
    }

    #[test]
    fn after_a_rotation_old_values_open_and_are_stale() {
        let old = DataKeys::generate();
        let sealed = DataKeys::new(&old, &[]).unwrap().seal("13800138000");
        let rotated = DataKeys::new(&DataKeys::generate(), &[old]).unwrap();
        assert!(rotated.is_stale(&sealed));
        assert_eq!(rotated.open(&sealed).unwrap(), "13800138000");
        assert!(!rotated.is_stale(&rotated.seal("x")));
        assert_eq!(keys().open(&sealed), Err(OpenError::UnknownKey));
        assert!(DataKeys::new("short", &[]).is_err());
    }
}
