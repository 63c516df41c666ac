//! What the importer could not do with certainty. A finding *is* a [`Diagnostic`] (code,
//! severity, message and help from the catalogue, and once the draft is written its line in
//! the Markdown); the importer adds only what is its own: the place in the Word document and,
//! until the draft is written, what in the draft the finding is about.

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic, Language, Text, message};

/// Where in the Word document: the headings above it and the paragraph's number. Paragraphs
/// are counted as pandoc reads the document: every paragraph, heading, list item and table
/// counts one, from 1 at the top of the first page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WordPlace {
    pub heading_path: Vec<String>,
    pub paragraph: usize,
}

impl WordPlace {
    /// `forside ¶3` (`front page ¶3`) or `3. Grundlag › Udredning ¶41`: the headings are the
    /// Word file's own words, the front page is named in `language`.
    pub fn describe(&self, language: Language) -> String {
        let path = if self.heading_path.is_empty() {
            message!("import-front-page").in_language(language)
        } else {
            self.heading_path.join(" › ")
        };
        format!("{path} ¶{}", self.paragraph)
    }
}

/// What in the written Markdown a finding is about; the writer turns it into a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// A front matter key, such as `approval.professional`.
    Key(&'static str),
    /// A block of the body (see `draft::BlockId`).
    Block(usize),
    /// A template section's heading, by its index in the template.
    Section(usize),
    /// Nothing was written for it.
    Nowhere,
}

/// An import finding: the diagnostic, and where it came from in Word.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub word: Option<WordPlace>,
    pub anchor: Anchor,
}

impl Finding {
    pub fn error(code: Code, message: impl Into<Text>) -> Self {
        Diagnostic::error(code, message).into()
    }

    pub fn warning(code: Code, message: impl Into<Text>) -> Self {
        Diagnostic::warning(code, message).into()
    }

    pub fn in_word(mut self, place: &WordPlace) -> Self {
        self.word = Some(place.clone());
        self
    }

    pub fn at(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }
}

impl From<Diagnostic> for Finding {
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostic,
            word: None,
            anchor: Anchor::Nowhere,
        }
    }
}
