//! The search units as the survey's entries keep them (`surveyed.rs`): what a guideline's
//! units all share (its title, URL, group and keywords, ~a sixth of the bytes at 1,000
//! guidelines) once, where it changes, and each unit's URL after the guideline's. Fewer
//! bytes to read, check and turn back into strings than the units field by field.

use search_index::{DocKind, IndexDoc};
use serde::{Deserialize, Serialize};

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
    text: S,
}

/// A unit to write.
pub(super) type UnitOut<'a> = Unit<&'a str, &'a [String]>;
/// A unit read back.
pub(super) type UnitIn = Unit<String, Vec<String>>;

/// `docs` in their wire form.
pub(super) fn wire(docs: &[IndexDoc]) -> Vec<UnitOut<'_>> {
    let mut before: Option<&IndexDoc> = None;
    docs.iter()
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
            Unit {
                shared: (!same).then_some(Shared {
                    guideline: doc.guideline.as_str(),
                    guideline_url: doc.guideline_url.as_str(),
                    group: doc.group.as_str(),
                    keywords: doc.keywords.as_slice(),
                }),
                url_after_guideline: after.is_some(),
                url: after.unwrap_or(&doc.url),
                kind: doc.kind,
                title: &doc.title,
                strength: doc.strength.as_deref(),
                strength_class: doc.strength_class.as_deref(),
                text: &doc.text,
            }
        })
        .collect()
}

/// The units read back; `None` when the first does not say what it shares (not written so).
pub(super) fn unwire(units: Vec<UnitIn>) -> Option<Vec<IndexDoc>> {
    let mut shared: Option<Shared<String, Vec<String>>> = None;
    let mut docs = Vec::with_capacity(units.len());
    for unit in units {
        if unit.shared.is_some() {
            shared = unit.shared;
        }
        let shared = shared.as_ref()?;
        let url = if unit.url_after_guideline {
            format!("{}{}", shared.guideline_url, unit.url)
        } else {
            unit.url
        };
        docs.push(IndexDoc {
            url,
            guideline: shared.guideline.clone(),
            guideline_url: shared.guideline_url.clone(),
            group: shared.group.clone(),
            kind: unit.kind,
            title: unit.title,
            strength: unit.strength,
            strength_class: unit.strength_class,
            text: unit.text,
            keywords: shared.keywords.clone(),
        });
    }
    Some(docs)
}
