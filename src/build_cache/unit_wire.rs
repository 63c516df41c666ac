//! The search units as the survey's entries keep them (`survey_entry.rs`): what a
//! guideline's units all share (its title, URL, group and keywords, ~a sixth of the bytes at
//! 1,000 guidelines) once, where it changes, and each unit's URL after the guideline's. Fewer
//! bytes to read, check and turn back into strings than the units field by field.
//!
//! The units' texts are not here but in the entry's texts, read apart: a build from the
//! cache reads them only for the groups tantivy indexes again and the static index's
//! fragment files it makes again (`static_index::TextsToRead`), a few of a thousand
//! guidelines' for one change.

use std::fmt;

use search_index::{DocKind, IndexDoc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// What the units of one guideline share.
#[derive(Serialize, Deserialize)]
pub(super) struct Shared<S, K> {
    guideline: S,
    guideline_url: S,
    group: S,
    keywords: K,
}

/// One unit: `S` a string (`&str` written, `String` read), `K` the keywords.
#[derive(Serialize, Deserialize)]
pub(super) struct Unit<S, K> {
    /// `None`: as the unit before it.
    shared: Option<Shared<S, K>>,
    /// `url` is what follows the guideline's URL, not the whole URL.
    url_after_guideline: bool,
    url: S,
    kind: DocKind,
    title: S,
    strength: Option<S>,
    strength_class: Option<S>,
    /// The text's length: it is the next this many bytes of the entry's texts.
    len: u32,
}

/// A unit to write.
pub(super) type UnitOut<'a> = Unit<&'a str, &'a [String]>;
/// A unit read back.
pub(super) type UnitIn = Unit<Text, Vec<String>>;

/// A string read back as bytes (postcard writes both alike) and checked by `simdutf8`:
/// with the standard library's check, which Danish text keeps off its ASCII fast path,
/// that check was a fifth of reading the entries back.
pub(super) struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_bytes(TextVisitor)
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("UTF-8 text")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Text, E> {
        let text = simdutf8::basic::from_utf8(bytes).map_err(|_| E::custom("not UTF-8"))?;
        Ok(Text(text.to_owned()))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
        Ok(Text(text.to_owned()))
    }
}

/// `docs` in their wire form, and their texts; `None` for a text over 4 GiB.
pub(super) fn wire(docs: &[IndexDoc]) -> Option<(Vec<UnitOut<'_>>, Vec<&str>)> {
    let mut before: Option<&IndexDoc> = None;
    let mut texts = Vec::with_capacity(docs.len());
    let units = docs
        .iter()
        .map(|doc| {
            let same = before.is_some_and(|b| {
                (&b.guideline, &b.guideline_url, &b.group, &b.keywords)
                    == (
                        &doc.guideline,
                        &doc.guideline_url,
                        &doc.group,
                        &doc.keywords,
                    )
            });
            before = Some(doc);
            let after = doc.url.strip_prefix(doc.guideline_url.as_str());
            texts.push(doc.text.as_str());
            Some(Unit {
                shared: (!same).then_some(Shared {
                    guideline: doc.guideline.as_str(),
                    guideline_url: doc.guideline_url.as_str(),
                    group: doc.group.as_str(),
                    keywords: doc.keywords.as_slice(),
                }),
                url_after_guideline: after.is_some(),
                url: after.unwrap_or(&doc.url),
                kind: doc.kind,
                title: doc.title.as_str(),
                strength: doc.strength.as_deref(),
                strength_class: doc.strength_class.as_deref(),
                len: u32::try_from(doc.text.len()).ok()?,
            })
        })
        .collect::<Option<_>>()?;
    Some((units, texts))
}

/// Where a unit's text is (the next `len` bytes of its entry's texts), and which of the
/// entry's keyword lists is its.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TextSplit {
    pub(super) len: u32,
    pub(super) keywords: u32,
}

/// The units read back, where each one's full text is, and their keyword lists.
pub(super) type Unwired = (Vec<IndexDoc>, Vec<TextSplit>, Vec<Vec<String>>);

/// The units read back, each without its text and keywords (read when needed), where each
/// one's text is, and the keyword lists; `None` when the first does not say what it shares
/// (not written so).
pub(super) fn unwire(units: Vec<UnitIn>) -> Option<Unwired> {
    let mut shared: Option<Shared<Text, Vec<String>>> = None;
    let mut docs = Vec::with_capacity(units.len());
    let mut splits = Vec::with_capacity(units.len());
    let mut keywords = Vec::new();
    for unit in units {
        if let Some(mut new) = unit.shared {
            keywords.push(std::mem::take(&mut new.keywords));
            shared = Some(new);
        }
        let shared = shared.as_ref()?;
        splits.push(TextSplit {
            len: unit.len,
            keywords: keywords.len() as u32 - 1,
        });
        let url = if unit.url_after_guideline {
            let (guideline, after) = (&shared.guideline_url.0, &unit.url.0);
            let mut url = String::with_capacity(guideline.len() + after.len());
            url.push_str(guideline);
            url.push_str(after);
            url
        } else {
            unit.url.0
        };
        docs.push(IndexDoc {
            url,
            guideline: shared.guideline.0.clone(),
            guideline_url: shared.guideline_url.0.clone(),
            group: shared.group.0.clone(),
            kind: unit.kind,
            title: unit.title.0,
            strength: unit.strength.map(|s| s.0),
            strength_class: unit.strength_class.map(|s| s.0),
            text: String::new(),
            keywords: Vec::new(),
        });
    }
    Some((docs, splits, keywords))
}
