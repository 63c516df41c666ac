//! Pandoc, run as a separate program: it reads Word faithfully (tables with merged cells,
//! lists, images with their alt text, footnotes), and we read its JSON AST.

use std::path::Path;
use std::process::Command;

use super::ast::Document;
use crate::diagnostics::{Message, Text, message};

/// The oldest pandoc whose JSON has table cells with row and column spans (API 1.22).
const OLDEST: (u32, u32) = (2, 11);

/// Why pandoc cannot be used: the tool fails (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PandocError {
    Missing,
    TooOld(String),
    Broken(String),
}

impl PandocError {
    /// What to tell the user, in their language.
    pub(crate) fn message(&self) -> Message {
        match self {
            Self::Missing => message!("import-pandoc-missing"),
            Self::TooOld(version) => message!("import-pandoc-too-old", version = version.as_str()),
            Self::Broken(error) => message!("import-pandoc-broken", error = error.as_str()),
        }
    }
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
    pub(crate) fn convert(&self, docx: &Path, media: &Path) -> Result<Document, Text> {
        let mut extract = std::ffi::OsString::from("--extract-media=");
        extract.push(media);
        let output = Command::new("pandoc")
            // `+styles` keeps the "Title" paragraph style, which marks the title even when
            // it does not open the document.
            .args(["--from", "docx+styles", "--to", "json"])
            .arg(extract)
            .arg(docx)
            .output()
            .map_err(|err| message!("import-pandoc-cannot-run", error = err.to_string()))?;
        if !output.status.success() {
            return Err(
                message!("import-pandoc-not-word", error = first_line(&output.stderr)).into(),
            );
        }
        let document: Document = serde_json::from_slice(&output.stdout).map_err(|err| {
            message!(
                "import-pandoc-bad-json",
                version = self.version.as_str(),
                error = err.to_string()
            )
        })?;
        if !document.is_supported_api() {
            return Err(message!(
                "import-pandoc-unsupported-api",
                version = self.version.as_str(),
                api = format!("{:?}", document.api_version)
            )
            .into());
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
