//! Secrets kept at rest (the OAuth install's tokens), sealed with AES-256-GCM: a key of
//! 32 random bytes from `SPOTLIGHT_TOKEN_KEY`, a fresh random nonce for every value, and
//! what the value is (its column and workspace) bound in as associated data, so a sealed
//! value copied into another column or row does not open.
//!
//! A sealed value is `1 ‖ nonce (12 bytes) ‖ ciphertext and tag`; the leading version
//! byte leaves room for another scheme later.

use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use base64::Engine;

/// The version byte of values sealed as described above.
const VERSION: u8 = 1;
const NONCE_LEN: usize = 12;

/// How to make a key, for the messages that ask for one.
pub const MAKE_A_KEY: &str = "make one with `openssl rand -base64 32`";

/// The key tokens are sealed with; never shown in `Debug` output.
#[derive(Clone)]
pub struct TokenKey(Key<Aes256Gcm>);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(***)")
    }
}

/// A sealed value that does not open with this key (another key, or altered).
#[derive(Debug, thiserror::Error)]
#[error("a sealed value does not open with SPOTLIGHT_TOKEN_KEY (it was sealed with another key, or altered)")]
pub struct WrongKey;

impl TokenKey {
    /// Reads `SPOTLIGHT_TOKEN_KEY`: 32 bytes in standard base64. The error says what is
    /// wrong and how to make a good one.
    pub fn parse(raw: &str) -> anyhow::Result<TokenKey> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(raw.trim())
            .map_err(|_| {
                anyhow::anyhow!(
                    "SPOTLIGHT_TOKEN_KEY is not base64: it must be 32 random bytes in base64 (44 characters); {MAKE_A_KEY}"
                )
            })?;
        if bytes.len() != 32 {
            anyhow::bail!(
                "SPOTLIGHT_TOKEN_KEY must be 32 random bytes in base64 (44 characters), not {} bytes; {MAKE_A_KEY}",
                bytes.len()
            );
        }
        if bytes.iter().all(|b| *b == bytes[0]) {
            anyhow::bail!(
                "SPOTLIGHT_TOKEN_KEY is the same byte 32 times, which is no secret; {MAKE_A_KEY}"
            );
        }
        Ok(TokenKey(*Key::<Aes256Gcm>::from_slice(&bytes)))
    }

    /// Seals `plain`, bound to `context` (what it is and whose).
    pub fn seal(&self, plain: &str, context: &str) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = Aes256Gcm::new(&self.0)
            .encrypt(
                &nonce,
                Payload {
                    msg: plain.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .expect("AES-GCM seals any value shorter than 64 GiB");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens a value `seal` made with this key and the same `context`.
    pub fn open(&self, sealed: &[u8], context: &str) -> Result<String, WrongKey> {
        let (version, rest) = sealed.split_first().ok_or(WrongKey)?;
        if *version != VERSION || rest.len() < NONCE_LEN {
            return Err(WrongKey);
        }
        let (nonce, body) = rest.split_at(NONCE_LEN);
        let plain = Aes256Gcm::new(&self.0)
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| WrongKey)?;
        String::from_utf8(plain).map_err(|_| WrongKey)
    }
}

/// Random bytes from the operating system, as URL-safe base64 without padding (the
/// install's `state`).
pub fn random_token(bytes: usize) -> String {
    use aes_gcm::aead::rand_core::RngCore;
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng=";

    #[test]
    fn a_sealed_value_opens_with_its_key_and_context_only() {
        let key = TokenKey::parse(KEY).unwrap();
        let a = key.seal("xoxb-secret", "bot_token::T1");
        let b = key.seal("xoxb-secret", "bot_token::T1");
        // A fresh nonce each time: the same token never seals to the same bytes.
        assert_ne!(a, b);
        assert!(!String::from_utf8_lossy(&a).contains("xoxb"));
        assert_eq!(key.open(&a, "bot_token::T1").unwrap(), "xoxb-secret");
        // Moved to another column or workspace, it does not open.
        assert!(key.open(&a, "refresh_token::T1").is_err());
        assert!(key.open(&a, "bot_token::T2").is_err());
        let other = TokenKey::parse(
            &base64::engine::general_purpose::STANDARD
                .encode([7u8; 31].iter().chain(&[8u8]).copied().collect::<Vec<_>>()),
        )
        .unwrap();
        assert!(other.open(&a, "bot_token::T1").is_err());
        let mut altered = a.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert!(key.open(&altered, "bot_token::T1").is_err());
        assert!(key.open(&[], "bot_token::T1").is_err());
    }

    #[test]
    fn a_bad_key_is_refused_with_how_to_make_one() {
        for (raw, says) in [
            ("not base64!", "is not base64"),
            ("c2hvcnQ=", "not 5 bytes"),
            ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "same byte"),
        ] {
            let e = TokenKey::parse(raw).unwrap_err().to_string();
            assert!(e.contains(says), "{e}");
            assert!(e.contains("openssl rand -base64 32"), "{e}");
        }
        assert!(!format!("{:?}", TokenKey::parse(KEY).unwrap()).contains(KEY));
    }

    #[test]
    fn states_are_random_and_url_safe() {
        let a = random_token(32);
        assert_ne!(a, random_token(32));
        assert_eq!(a.len(), 43);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
}
