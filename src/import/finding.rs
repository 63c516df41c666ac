//! What the importer could not do with certainty. A finding *is* a [`Diagnostic`] (code,
//! severity, message and help from the catalogue, and once the draft is written its line in
//! the Markdown); the importer adds only what is its own: the place in the Word document and,
//! until the draft is written, what in the draft the finding is about.

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic, Language, Message, message};

/// Where in the Word document: the headings above it and the paragraph's number. Paragraphs
/// are counted as pandoc reads the document: every paragraph, heading, list item and table
/// counts one, from 1 at the top of the first page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct WordPlace {
    pub(crate) heading_path: Vec<String>,
    pub(crate) paragraph: usize,
}

impl WordPlace {
    /// `forside ¶3` (`front page ¶3`) or `3. Grundlag › Udredning ¶41`: the headings are the
    /// Word file's own words, the front page is named in `language`.
    pub(crate) fn describe(&self, language: Language) -> String {
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

/// An import finding: the diagnostic, and where it came from in Word.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) diagnostic: Diagnostic,
    pub(crate) word: Option<WordPlace>,
    pub(crate) anchor: Anchor,
}

/// The constructors take a catalogue [`Message`], never plain text: every import finding
/// reads in Danish and English.
impl Finding {
    pub(crate) fn error(code: Code, message: Message) -> Self {
        Diagnostic::error(code, message).into()
    }

    pub(crate) fn warning(code: Code, message: Message) -> Self {
        Diagnostic::warning(code, message).into()
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

impl From<Diagnostic> for Finding {
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostic,
            word: None,
            anchor: Anchor::Nowhere,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::codes;

    #[test]
    fn the_front_page_is_named_in_the_readers_language_and_headings_as_word_has_them() {
        let front = WordPlace {
            heading_path: Vec::new(),
            paragraph: 3,
        };
        assert_eq!(front.describe(Language::Da), "forside ¶3");
        assert_eq!(front.describe(Language::En), "front page ¶3");
        let deep = WordPlace {
            heading_path: vec!["3. Grundlag".to_owned(), "Udredning".to_owned()],
            paragraph: 41,
        };
        assert_eq!(deep.describe(Language::En), "3. Grundlag › Udredning ¶41");
    }

    #[test]
    fn a_finding_is_a_diagnostic_with_its_word_place() {
        let place = WordPlace {
            heading_path: Vec::new(),
            paragraph: 2,
        };
        let finding = Finding::warning(
            codes::import::GROUP_MISMATCH,
            message!("import-group-mismatch", named = "DCCG", group = "dlg"),
        )
        .in_word(&place)
        .at(Anchor::Key("approval.professional"));
        assert_eq!(finding.diagnostic.code, codes::import::GROUP_MISMATCH);
        assert!(!finding.diagnostic.is_error());
        assert_eq!(finding.word, Some(place));
        assert_eq!(
            finding.diagnostic.message_in(Language::Da),
            "den faglige godkendelse nævner `DCCG`, men retningslinjen importeres i `dlg`"
        );
    }

    /// The lists a message names follow each language's plural and conjunction.
    #[test]
    fn lists_of_numbers_read_in_both_languages() {
        let mixed = |count: usize, rest: &str, last: u32| {
            message!(
                "import-mixed-grading",
                first = 1_u32,
                scheme = "oxford",
                count = count,
                rest = rest,
                last = last,
            )
        };
        assert_eq!(
            mixed(1, "", 5).in_language(Language::En),
            "recommendation 1 is graded oxford, but recommendation 5 is not; `grading` was set from the first"
        );
        assert_eq!(
            mixed(3, "3, 4", 5).in_language(Language::En),
            "recommendation 1 is graded oxford, but recommendations 3, 4 and 5 are not; `grading` was set from the first"
        );
        assert_eq!(
            mixed(3, "3, 4", 5).in_language(Language::Da),
            "anbefaling 1 er graderet efter oxford, men anbefalingerne 3, 4 og 5 er ikke; `grading` er sat efter den første"
        );
        let unsupported = |what: &str, format: &str| {
            message!(
                "import-unsupported-content",
                what = what,
                format = format,
                text = "x",
            )
            .in_language(Language::Da)
        };
        assert_eq!(
            unsupported("formula", ""),
            "en formel (Word-ligning) kunne ikke importeres: `x`"
        );
        assert_eq!(
            unsupported("raw", "openxml"),
            "rå openxml kunne ikke importeres: `x`"
        );
    }
}
