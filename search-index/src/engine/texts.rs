//! The docs' full texts, which the index stores (for the snippets) and, without a kept
//! analysis, hashes: a build may hold only some of them and read the others when the index
//! needs them, which an update from the last index does only for the groups it indexes
//! again.

use std::borrow::Cow;
use std::io;

use crate::IndexDoc;

/// Reads the full texts of the docs with the given ids (ascending), in that order.
pub type ReadTexts<'a> = &'a (dyn Fn(&[usize]) -> io::Result<Vec<String>> + Sync);

/// One full text per doc: held, or read by `read` when the index needs it.
pub struct FullTexts<'a> {
    held: Vec<Option<String>>,
    read: Option<ReadTexts<'a>>,
}

impl<'a> FullTexts<'a> {
    /// `held[i]` is doc `i`'s full text, or `None` when `read` gives it.
    pub fn new(held: Vec<Option<String>>, read: ReadTexts<'a>) -> Self {
        Self {
            held,
            read: Some(read),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.held.len()
    }

    /// The texts as the indexing reads them, and the reader of those not held.
    pub(super) fn into_parts(self) -> (Vec<Option<Cow<'a, str>>>, Option<ReadTexts<'a>>) {
        let held = self.held.into_iter().map(|t| t.map(Cow::Owned)).collect();
        (held, self.read)
    }
}

impl From<Vec<String>> for FullTexts<'_> {
    /// Every text held.
    fn from(texts: Vec<String>) -> Self {
        Self {
            held: texts.into_iter().map(Some).collect(),
            read: None,
        }
    }
}

/// Each doc's full text (`(id, text)`, ids ascending), those not held read by `read`.
pub(super) fn filled<'t>(
    texts: Vec<(usize, Option<Cow<'t, str>>)>,
    read: Option<ReadTexts>,
) -> io::Result<Vec<(usize, Cow<'t, str>)>> {
    let missing: Vec<usize> = texts
        .iter()
        .filter(|(_, text)| text.is_none())
        .map(|(id, _)| *id)
        .collect();
    let mut read_texts = match (missing.is_empty(), read) {
        (true, _) => Vec::new(),
        (false, Some(read)) => read(&missing)?,
        (false, None) => return Err(io::Error::other("a doc's text is missing")),
    };
    if read_texts.len() != missing.len() {
        return Err(io::Error::other(format!(
            "{} texts read for {} docs",
            read_texts.len(),
            missing.len()
        )));
    }
    // Taken from the end, so each read text moves rather than being copied.
    let mut out = Vec::with_capacity(texts.len());
    for (id, text) in texts.into_iter().rev() {
        let text = match text {
            Some(text) => text,
            None => Cow::Owned(read_texts.pop().unwrap_or_default()),
        };
        out.push((id, text));
    }
    out.reverse();
    Ok(out)
}

/// A caller's texts must be one per doc, in the docs' order.
pub(super) fn one_text_each(docs: &[IndexDoc], texts: usize) -> io::Result<()> {
    if texts == docs.len() {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{texts} texts for {} docs", docs.len()),
    ))
}
