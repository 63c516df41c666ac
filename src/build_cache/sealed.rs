//! A record of the build cache on disk: a format word and a checksum of the body on the first
//! line, the body (JSON) after it, written beside its place and renamed in, so that a kill
//! leaves the old record or the new one and a corrupt or foreign one is never trusted.

use std::io;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Writes `record` to `file` under the format word `magic`.
pub(super) fn write<T: Serialize>(file: &Path, magic: &str, record: &T) -> io::Result<()> {
    let body = serde_json::to_string(record).map_err(io::Error::other)?;
    let text = format!("{magic} {}\n{body}", blake3::hash(body.as_bytes()).to_hex());
    replace(file, text.as_bytes())
}

/// Writes `bytes` beside `file` (its folder made if missing) and renames them in, so that a
/// kill leaves the old file or the new one, never half of one.
pub(crate) fn replace(file: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let partial = file.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, file)
}

/// The record in `file`, if it is whole and of the format `magic`.
pub(super) fn read<T: DeserializeOwned>(file: &Path, magic: &str) -> Option<T> {
    let text = std::fs::read_to_string(file).ok()?;
    let (header, body) = text.split_once('\n')?;
    let checksum = header.strip_prefix(magic)?.strip_prefix(' ')?;
    if blake3::hash(body.as_bytes()).to_hex().as_str() != checksum {
        return None;
    }
    serde_json::from_str(body).ok()
}
