//! Reading guideline files: one `SourceFile` per file, with the text as the author wrote it
//! (minus a UTF-8 byte-order mark) and a line index for diagnostics.

mod line_index;

pub(crate) use line_index::{LineCol, LineIndex};

use std::path::{Path, PathBuf};

/// A file's text and where it came from. Offsets everywhere in retning are byte offsets into
/// `text`.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to users: relative to the site root, with `/` separators.
    pub(crate) display_path: String,
    /// The path the text was read from.
    pub path: PathBuf,
    /// The text, without a leading byte-order mark.
    pub text: String,
    pub(crate) lines: LineIndex,
}

/// Why a file could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file system refused.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// A folder where a file was expected.
    #[error("the path is a directory, not a guideline file")]
    IsDirectory,
    /// Bytes that are not UTF-8.
    #[error(
        "the file is not valid UTF-8 (first bad byte at line {line}, column {column}); save it as UTF-8"
    )]
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
    },
}

impl SourceFile {
    pub(crate) fn new(path: PathBuf, display_path: String, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let lines = LineIndex::new(&text);
        Self {
            display_path,
            path,
            text,
            lines,
        }
    }

    /// Reads `path`, shown to users as `display_path`.
    pub fn read(path: &Path, display_path: String) -> Result<Self, ReadError> {
        if path.is_dir() {
            return Err(ReadError::IsDirectory);
        }
        let bytes = std::fs::read(path)?;
        let text = String::from_utf8(bytes).map_err(|err| {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            // Valid prefix: safe to index for line/column of the first bad byte.
            let prefix = String::from_utf8_lossy(valid);
            let at = LineIndex::new(&prefix).line_col(&prefix, prefix.len());
            ReadError::NotUtf8 {
                line: at.line,
                column: at.column,
            }
        })?;
        Ok(Self::new(path.to_path_buf(), display_path, text))
    }

    pub(crate) fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }
}

/// Where `path` really leads when that is outside the site: a symbolic link (the file, or a
/// folder on its way) pointing out of `root`. The site's folders themselves may be links
/// (`guidelines/` kept in another checkout), so their real places count as inside too.
/// `None` when the path stays inside, or cannot be resolved (reading it will say why).
pub(crate) fn leads_outside(root: &Path, inside: &[&Path], path: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(path).ok()?;
    let bounds = std::iter::once(root)
        .chain(inside.iter().copied())
        .filter_map(|bound| std::fs::canonicalize(bound).ok());
    let mut bounds = bounds.peekable();
    bounds.peek()?;
    if bounds.any(|bound| real.starts_with(&bound)) {
        None
    } else {
        Some(real)
    }
}

/// `path` relative to `root`, with `/` separators, for messages and JSON.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
