//! What a hit carries back from the index: the stored fields of its `IndexDoc`, the names of
//! the doc kinds, and the marks in its snippet.

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Schema, Value};

use super::{EngineError, Fields};
use crate::{DocKind, IndexDoc};

/// The stored-only fields, in the order of `StoredFields`.
pub(super) const STORED_FIELDS: [&str; 7] = [
    "stored_url",
    "stored_guideline",
    "stored_guideline_url",
    "stored_title",
    "stored_strength",
    "stored_strength_class",
    "stored_text",
];

/// The rest of an `IndexDoc`, stored field by field for the hits (not indexed: `title` and
/// `text` hold analyzed terms). Field by field rather than as one JSON string, so a build
/// does not escape every unit's text, nor a search parse it back.
#[derive(Clone, Copy)]
pub(super) struct StoredFields {
    url: Field,
    guideline: Field,
    guideline_url: Field,
    title: Field,
    strength: Field,
    strength_class: Field,
    text: Field,
}

/// Snippet length in characters (tantivy's default).
pub(super) const SNIPPET_CHARS: usize = 150;

impl StoredFields {
    pub(super) fn of(schema: &Schema) -> Result<Self, EngineError> {
        Ok(Self {
            url: schema.get_field(STORED_FIELDS[0])?,
            guideline: schema.get_field(STORED_FIELDS[1])?,
            guideline_url: schema.get_field(STORED_FIELDS[2])?,
            title: schema.get_field(STORED_FIELDS[3])?,
            strength: schema.get_field(STORED_FIELDS[4])?,
            strength_class: schema.get_field(STORED_FIELDS[5])?,
            text: schema.get_field(STORED_FIELDS[6])?,
        })
    }

    /// Stores `d`'s fields, with `text` for its text.
    pub(super) fn add(&self, doc: &mut TantivyDocument, d: &IndexDoc, text: &str) {
        doc.add_text(self.url, &d.url);
        doc.add_text(self.guideline, &d.guideline);
        doc.add_text(self.guideline_url, &d.guideline_url);
        doc.add_text(self.title, &d.title);
        if let Some(strength) = &d.strength {
            doc.add_text(self.strength, strength);
        }
        if let Some(class) = &d.strength_class {
            doc.add_text(self.strength_class, class);
        }
        doc.add_text(self.text, text);
    }

    /// The `IndexDoc` a hit was built from; `None` for a doc missing a field every doc has.
    pub(super) fn read(&self, stored: &TantivyDocument, fields: &Fields) -> Option<IndexDoc> {
        let text = |field: Field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let kind = kind_of(stored.get_first(fields.kind).and_then(|v| v.as_str())?)?;
        Some(IndexDoc {
            url: text(self.url)?,
            guideline: text(self.guideline)?,
            guideline_url: text(self.guideline_url)?,
            group: text(fields.group)?,
            kind,
            title: text(self.title)?,
            strength: text(self.strength),
            strength_class: text(self.strength_class),
            text: text(self.text)?,
            keywords: Vec::new(),
        })
    }
}

pub(super) fn kind_name(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Recommendation => "recommendation",
        DocKind::Section => "section",
    }
}

/// The kind `kind_name` names.
fn kind_of(name: &str) -> Option<DocKind> {
    [DocKind::Recommendation, DocKind::Section]
        .into_iter()
        .find(|&kind| kind_name(kind) == name)
}

/// Marks the highlighted ranges with `«` and `»` (the terminal and JSON show them as is).
pub(super) fn highlight(fragment: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(fragment.len() + ranges.len() * 4);
    let mut last = 0;
    for range in ranges {
        if range.start < last || range.end > fragment.len() {
            continue;
        }
        out.push_str(&fragment[last..range.start]);
        out.push('«');
        out.push_str(&fragment[range.clone()]);
        out.push('»');
        last = range.end;
    }
    out.push_str(&fragment[last..]);
    out
}
