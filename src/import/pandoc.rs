//! Pandoc, run as a separate program: it reads Word faithfully (tables with merged cells,
//! lists, images with their alt text, footnotes), and we read its JSON AST.

use std::path::Path;
use std::process::Command;

use super::ast::Document;

/// The oldest pandoc whose JSON has table cells with row and column spans (API 1.22).
const OLDEST: (u32, u32) = (2, 11);

/// What to tell a user who has no pandoc.
pub(crate) const INSTALL_HINT: &str =
    "pandoc is not installed; install it with `apt-get install pandoc` (Debian/Ubuntu)";

#[derive(Debug, thiserror::Error)]
pub(crate) enum PandocError {
    #[error("{INSTALL_HINT}")]
    Missing,
    #[error("pandoc {0} is too old; retning needs pandoc 2.11 or newer (`apt-get install pandoc`)")]
    TooOld(String),
    #[error("`pandoc --version` failed: {0}")]
    Broken(String),
}

/// An installed pandoc.
#[derive(Debug, Clone)]
pub(crate) struct Pandoc {
    pub(crate) version: String,
}

impl Pandoc {
    /// Finds pandoc on the PATH and checks its version.
    pub(crate) fn find() -> Result<Self, PandocError> {
        let output = match Command::new("pandoc").arg("--version").output() {
            Ok(output) => output,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(PandocError::Missing);
            }
            Err(err) => return Err(PandocError::Broken(err.to_string())),
        };
        if !output.status.success() {
            return Err(PandocError::Broken(first_line(&output.stderr)));
        }
        let first = first_line(&output.stdout);
        let version = first
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let found = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        if found < OLDEST {
            return Err(PandocError::TooOld(version));
        }
        Ok(Self { version })
    }

    /// Converts a Word file, extracting its images under `media` (`media/media/…`).
    pub(crate) fn convert(&self, docx: &Path, media: &Path) -> Result<Document, String> {
        let mut extract = std::ffi::OsString::from("--extract-media=");
        extract.push(media);
        let output = Command::new("pandoc")
            // `+styles` keeps the "Title" paragraph style, which marks the title even when
            // it does not open the document.
            .args(["--from", "docx+styles", "--to", "json"])
            .arg(extract)
            .arg(docx)
            .output()
            .map_err(|err| format!("cannot run pandoc: {err}"))?;
        if !output.status.success() {
            return Err(format!(
                "pandoc could not read it as a Word file: {}",
                first_line(&output.stderr)
            ));
        }
        let document: Document = serde_json::from_slice(&output.stdout)
            .map_err(|err| format!("pandoc {}'s JSON could not be read: {err}", self.version))?;
        if !document.is_supported_api() {
            return Err(format!(
                "pandoc {} writes JSON API {:?}; retning reads 1.22 and 1.23",
                self.version, document.api_version
            ));
        }
        Ok(document)
    }
}

fn first_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .to_owned()
}
