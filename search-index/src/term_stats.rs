//! Every doc analyzed once, in parallel, before either index is built: each distinct word is
//! stemmed once (not at each of its millions of occurrences), and each doc's fields become
//! sequences of term ids. The static index's weights come from the counts through tantivy's
//! own BM25, and tantivy indexes the same term sequences, so both indexes see the same terms
//! and score them alike.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
// Millions of lookups of short words per build: FxHash, not SipHash (no untrusted keys here).
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;

use crate::analyzer::{term, word_spans};
use crate::{IndexDoc, TITLE_BOOST};

/// tantivy drops tokens longer than this (its `MAX_TOKEN_LEN`); so do the counts here.
const MAX_TOKEN_LEN: usize = u16::MAX as usize - 5;

/// Each distinct word of a build's docs and its term.
struct Vocabulary {
    /// Word as written → index into `terms`, or `None` for a word without a term (stop word).
    words: FxHashMap<Box<str>, Option<u32>>,
    /// The terms, sorted and distinct.
    terms: Vec<String>,
}

impl Vocabulary {
    fn id(&self, word: &str) -> Option<u32> {
        self.words.get(word).copied().flatten()
    }
}

/// One doc's terms: `(term id, count in the title field, count in the text field)`.
type DocTerms = Vec<(u32, u32, u32)>;

/// The title field and the text field of a doc.
pub const FIELDS: usize = 2;

/// The terms both indexes are built from.
pub struct TermStats {
    /// The terms, sorted and distinct; a term id indexes this.
    terms: Vec<String>,
    /// Per doc and field, the term ids in text order (stop words left out).
    tokens: Vec<[Vec<u32>; FIELDS]>,
    /// Per term id: `(doc id, count in title, count in text)`, doc ids ascending.
    postings: Vec<Vec<(u32, u32, u32)>>,
}

impl TermStats {
    /// Analyzes `docs` (in doc-id order) on every core.
    pub fn of(docs: &[IndexDoc]) -> Self {
        let titles: Vec<String> = docs.par_iter().map(IndexDoc::title_field).collect();
        let fields = |i: usize| [titles[i].as_str(), docs[i].text.as_str()];
        let distinct: FxHashSet<&str> = (0..docs.len())
            .into_par_iter()
            .fold(FxHashSet::default, |mut words, i| {
                for text in fields(i) {
                    words.extend(word_spans(text).map(|span| &text[span]));
                }
                words
            })
            .reduce(FxHashSet::default, |mut a, mut b| {
                if a.len() < b.len() {
                    std::mem::swap(&mut a, &mut b);
                }
                a.extend(b);
                a
            });
        let analyzed: Vec<(&str, Option<String>)> = distinct
            .into_par_iter()
            .map(|word| {
                let term = term(word).filter(|t| t.len() <= MAX_TOKEN_LEN);
                (word, term)
            })
            .collect();
        let mut terms: Vec<String> = analyzed.iter().filter_map(|(_, t)| t.clone()).collect();
        terms.par_sort_unstable();
        terms.dedup();
        let words = analyzed
            .into_iter()
            .map(|(word, term)| {
                let id = term.and_then(|t| terms.binary_search(&t).ok().map(|i| i as u32));
                (Box::from(word), id)
            })
            .collect();
        let vocabulary = Vocabulary { words, terms };

        let per_doc: Vec<([Vec<u32>; FIELDS], DocTerms)> = (0..docs.len())
            .into_par_iter()
            .map(|i| {
                let tokens = fields(i).map(|text| {
                    word_spans(text)
                        .filter_map(|span| vocabulary.id(&text[span]))
                        .collect::<Vec<u32>>()
                });
                let counts = doc_terms(&tokens);
                (tokens, counts)
            })
            .collect();
        let mut postings = vec![Vec::new(); vocabulary.terms.len()];
        let mut tokens = Vec::with_capacity(docs.len());
        for (doc, (fields, counts)) in per_doc.into_iter().enumerate() {
            tokens.push(fields);
            for (term, in_title, in_text) in counts {
                postings[term as usize].push((doc as u32, in_title, in_text));
            }
        }
        Self {
            terms: vocabulary.terms,
            tokens,
            postings,
        }
    }

    /// Doc `doc`'s `field` (0 title, 1 text) as its terms, each followed by a space: what
    /// tantivy indexes, split on the spaces.
    pub fn field_terms(&self, doc: usize, field: usize, out: &mut String) {
        out.clear();
        for &id in self.tokens.get(doc).map_or(&[][..], |f| &f[field]) {
            out.push_str(&self.terms[id as usize]);
            out.push(' ');
        }
    }

    /// Every term with its docs' weights (FORMAT.md, "Weights"): tantivy's BM25 score of the
    /// term in the title (× TITLE_BOOST) plus in the text, times the doc's kind boost. The
    /// arithmetic is tantivy's, step for step, so a doc scores here as in `retning search`.
    pub fn weights(&self, docs: &[IndexDoc]) -> BTreeMap<String, Vec<(u32, f32)>> {
        let num_docs = docs.len() as u64;
        let length = |doc: usize, field: usize| self.tokens[doc][field].len() as u32;
        let average = |field: usize| {
            let tokens: u64 = (0..self.tokens.len())
                .map(|doc| u64::from(length(doc, field)))
                .sum();
            tokens as f32 / num_docs as f32
        };
        let averages = [average(0), average(1)];
        let weights: Vec<Vec<(u32, f32)>> = self
            .postings
            .par_iter()
            .map_init(HashMap::new, |bm25_cache, postings| {
                let mut bm25 = |field: usize, doc_freq: u64| -> Bm25Weight {
                    bm25_cache
                        .entry((field, doc_freq))
                        .or_insert_with(|| {
                            Bm25Weight::for_one_term_without_explain(
                                doc_freq,
                                num_docs,
                                averages[field],
                            )
                        })
                        .clone()
                };
                let in_title = postings.iter().filter(|p| p.1 > 0).count() as u64;
                let in_text = postings.iter().filter(|p| p.2 > 0).count() as u64;
                let title = (in_title > 0).then(|| bm25(0, in_title));
                let text = (in_text > 0).then(|| bm25(1, in_text));
                postings
                    .iter()
                    .map(|&(doc, tf_title, tf_text)| {
                        let kind = docs.get(doc as usize).map_or(1.0, |d| d.kind.boost());
                        let mut weight = 0.0f32;
                        if let (Some(bm25), true) = (&title, tf_title > 0) {
                            let norm = FieldNormReader::fieldnorm_to_id(length(doc as usize, 0));
                            weight += bm25.score(norm, tf_title) * TITLE_BOOST * kind;
                        }
                        if let (Some(bm25), true) = (&text, tf_text > 0) {
                            let norm = FieldNormReader::fieldnorm_to_id(length(doc as usize, 1));
                            weight += bm25.score(norm, tf_text) * 1.0 * kind;
                        }
                        (doc, weight)
                    })
                    .collect()
            })
            .collect();
        self.terms.iter().cloned().zip(weights).collect()
    }
}

/// One doc's terms (sorted by id) with their counts per field.
fn doc_terms(tokens: &[Vec<u32>; FIELDS]) -> DocTerms {
    let mut ids: Vec<(u32, usize)> = tokens
        .iter()
        .enumerate()
        .flat_map(|(field, ids)| ids.iter().map(move |&id| (id, field)))
        .collect();
    ids.sort_unstable();
    let mut terms: DocTerms = Vec::new();
    for (id, field) in ids {
        match terms.last_mut() {
            Some(last) if last.0 == id => {}
            _ => terms.push((id, 0, 0)),
        }
        if let Some(last) = terms.last_mut() {
            if field == 0 {
                last.1 += 1;
            } else {
                last.2 += 1;
            }
        }
    }
    terms
}
