//! What the importer could not do with certainty: each finding names its place in the Word
//! document and, once the draft is written, its line in the Markdown.

use serde::Serialize;

use crate::diagnostics::{Code, Severity};

/// Where in the Word document: the headings above it and the paragraph's number. Paragraphs
/// are counted as pandoc reads the document: every paragraph, heading, list item and table
/// counts one, from 1 at the top of the first page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct WordPlace {
    pub(crate) heading_path: Vec<String>,
    pub(crate) paragraph: usize,
}

impl WordPlace {
    /// `Forside ¶3` or `3. Grundlag › Udredning ¶41`.
    pub(crate) fn describe(&self) -> String {
        let path = if self.heading_path.is_empty() {
            "forside".to_owned()
        } else {
            self.heading_path.join(" › ")
        };
        format!("{path} ¶{}", self.paragraph)
    }
}

/// What in the written Markdown a finding is about; the writer turns it into a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Anchor {
    /// A front matter key, such as `approval.professional`.
    Key(&'static str),
    /// A block of the body (see `draft::BlockId`).
    Block(usize),
    /// A template section's heading, by its index in the template.
    Section(usize),
    /// Nothing was written for it.
    Nowhere,
}

#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) word: Option<WordPlace>,
    pub(crate) anchor: Anchor,
}

impl Finding {
    pub(crate) fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    fn new(code: Code, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            word: None,
            anchor: Anchor::Nowhere,
        }
    }

    pub(crate) fn in_word(mut self, place: &WordPlace) -> Self {
        self.word = Some(place.clone());
        self
    }

    pub(crate) fn at(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }
}
