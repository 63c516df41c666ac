//! The static index's weights: each term's docs scored by tantivy's BM25 from the counts.
//! A term's postings are laid out from the docs' terms a range of terms at a time, and each
//! range weighed as it is, so a build holds the postings and weights of a few ranges, not
//! of every term (at 1,000 guidelines, about 110 MB at once).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Range;

use rayon::prelude::*;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;

use super::{Counted, DocTerms, FIELDS, INDEXED_FIELDS, TermStats};
use crate::{IndexDoc, TITLE_BOOST, grid_stats};

/// A term's docs with their weights, doc ids ascending.
type Weighted = Vec<(u32, f32)>;

impl TermStats {
    /// Every term with its docs' weights (FORMAT.md, "Weights"), held all at once:
    /// [`Self::weighted_terms`] collected.
    pub fn weights(&self, docs: &[IndexDoc]) -> BTreeMap<String, Weighted> {
        self.weighted_terms(docs)
            .map(|(term, weights)| (term.to_owned(), weights))
            .collect()
    }

    /// Every term that some doc has, in term order, with its docs' weights: tantivy's BM25
    /// score of the term in the title (× TITLE_BOOST) plus in the text (a phrase: in the
    /// phrase fields), times the doc's kind boost, with the doc count and average field
    /// lengths on `grid_stats`' grid. The arithmetic is tantivy's, step for
    /// step, so a doc scores here as in `retning search`. `docs` are the docs the stats
    /// were made from (only their kinds are read).
    pub fn weighted_terms<'a>(&'a self, docs: &'a [IndexDoc]) -> WeightedTerms<'a> {
        let scoring = self.scoring(docs);
        let starts = posting_starts(self.terms.len(), &self.docs);
        let ranges = term_ranges(&starts, rayon::current_num_threads() * 4);
        WeightedTerms {
            stats: self,
            docs,
            scoring,
            starts,
            ranges: ranges.into(),
            ready: VecDeque::new(),
        }
    }
}

impl TermStats {
    /// What BM25 needs beyond a term's postings. Its global statistics are on a grid, as
    /// `retning search` scores with them (`grid_stats`): an edit that crosses no grid step
    /// leaves them as they were.
    pub(crate) fn scoring(&self, docs: &[IndexDoc]) -> Scoring {
        let num_docs = docs.len() as u64;
        let average = |field: usize| {
            let tokens: u64 = self.lengths.iter().map(|l| u64::from(l[field])).sum();
            grid_stats::average(tokens, num_docs)
        };
        Scoring {
            num_docs: grid_stats::docs(num_docs),
            // Each doc's field norm ids, found once rather than for each of its postings.
            norms: self
                .lengths
                .iter()
                .map(|l| l.map(FieldNormReader::fieldnorm_to_id))
                .collect(),
            averages: [average(0), average(1), average(2), average(3)],
        }
    }

    /// The terms of `ranges` (of term ids) with their docs' weights, as
    /// [`Self::weighted_terms`] weighs them (a term no doc has with none), in term order:
    /// one pass over every doc's terms, on every core, however many ranges.
    pub(crate) fn weigh_ranges(
        &self,
        scoring: &Scoring,
        docs: &[IndexDoc],
        ranges: &[Range<u32>],
    ) -> Vec<(u32, Weighted)> {
        self.weigh_and_count(scoring, docs, ranges, &[]).0
    }

    /// [`Self::weigh_ranges`], and in the same pass each term of `count` (ids, none of them
    /// in `ranges`) with its doc frequency in each field, which its weights are made with.
    pub(crate) fn weigh_and_count(
        &self,
        scoring: &Scoring,
        docs: &[IndexDoc],
        ranges: &[Range<u32>],
        count: &[u32],
    ) -> (Vec<(u32, Weighted)>, Frequencies) {
        // A term's slot: below `ids.len()` one weighed, from there one counted.
        let mut slot = vec![u32::MAX; self.terms.len()];
        for range in ranges {
            let end = (range.end as usize).min(slot.len());
            slot.get_mut(range.start as usize..end)
                .into_iter()
                .flatten()
                .for_each(|s| *s = 0);
        }
        let mut ids = Vec::new();
        for (term, s) in slot.iter_mut().enumerate() {
            if *s == 0 {
                *s = ids.len() as u32;
                ids.push(term as u32);
            }
        }
        let counted: Vec<u32> = count
            .iter()
            .copied()
            .filter(|&t| slot.get(t as usize) == Some(&u32::MAX))
            .collect();
        for (k, &term) in counted.iter().enumerate() {
            slot[term as usize] = (ids.len() + k) as u32;
        }
        if ids.is_empty() && counted.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let parts = self.scan(&slot, ids.len(), counted.len());
        let frequencies = summed(&parts, &counted);
        let weights = (0..ids.len())
            .into_par_iter()
            .map_init(HashMap::new, |bm25_cache, s| {
                let postings: Vec<Counted> = parts.iter().flat_map(|p| &p.0[s]).copied().collect();
                let term = ids[s];
                let weights = if postings.is_empty() {
                    Vec::new()
                } else {
                    scoring.weigh(self.slot(term, 0), &postings, docs, bm25_cache)
                };
                (term, weights)
            })
            .collect();
        (weights, frequencies)
    }

    /// One pass over every doc's terms, on every core: per part of the docs, the postings of
    /// the terms whose `slot` is below `weighed`, and the doc frequencies in each field of
    /// the `counted` terms slotted from there.
    fn scan(&self, slot: &[u32], weighed: usize, counted: usize) -> Vec<ScanPart> {
        let doc_count = self.docs.len();
        let part = doc_count.div_ceil(rayon::current_num_threads() * 2).max(1);
        (0..doc_count.div_ceil(part))
            .into_par_iter()
            .map(|p| {
                let mut postings: Vec<Vec<Counted>> = vec![Vec::new(); weighed];
                let mut frequencies = vec![[0; FIELDS]; counted];
                for doc in p * part..((p + 1) * part).min(doc_count) {
                    for (term, counts) in self.docs.doc(doc) {
                        match slot.get(term as usize).map(|&s| s as usize) {
                            Some(s) if s < weighed => postings[s].push((doc as u32, counts)),
                            Some(s) if s != u32::MAX as usize => {
                                for (f, &n) in counts.iter().enumerate() {
                                    frequencies[s - weighed][f] += u64::from(n > 0);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                (postings, frequencies)
            })
            .collect()
    }
}

/// A part of the docs as [`TermStats::scan`] saw it: the weighed terms' postings, the counted
/// terms' doc frequencies.
type ScanPart = (Vec<Vec<Counted>>, Vec<DocFrequencies>);

/// Each of the `counted` terms with its doc frequencies over all `parts`.
fn summed(parts: &[ScanPart], counted: &[u32]) -> Frequencies {
    counted
        .iter()
        .enumerate()
        .map(|(k, &term)| {
            let mut sum = [0; FIELDS];
            for (_, part) in parts {
                for (f, n) in part[k].iter().enumerate() {
                    sum[f] += n;
                }
            }
            (term, sum)
        })
        .collect()
}

/// How many docs have a term in each field (its title's, its text's).
pub(crate) type DocFrequencies = [u64; FIELDS];
/// Terms with their [`DocFrequencies`].
pub(crate) type Frequencies = Vec<(u32, DocFrequencies)>;

/// The terms and their weights, as [`TermStats::weighted_terms`] gives them: each step
/// weighs as many ranges of terms at once as there are cores, then hands their terms on.
pub struct WeightedTerms<'a> {
    stats: &'a TermStats,
    docs: &'a [IndexDoc],
    scoring: Scoring,
    /// The postings of term `t` are `starts[t]..starts[t + 1]` of all terms' postings.
    starts: Vec<usize>,
    /// The ranges of terms not weighed yet.
    ranges: VecDeque<Range<u32>>,
    /// Terms weighed and not yet handed on.
    ready: VecDeque<(u32, Weighted)>,
}

impl<'a> WeightedTerms<'a> {
    /// Every term the iterator will give, in order, without weighing any.
    pub fn terms(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let (stats, starts) = (self.stats, self.starts.clone());
        (0..stats.terms.len())
            .filter(move |&t| starts[t + 1] > starts[t])
            .map(move |t| stats.terms[t].as_str())
    }

    /// Weighs the next ranges, one per core.
    fn weigh_next_ranges(&mut self) {
        let count = rayon::current_num_threads().min(self.ranges.len());
        let ranges: Vec<Range<u32>> = self.ranges.drain(..count).collect();
        let weighed: Vec<Vec<(u32, Weighted)>> = ranges
            .into_par_iter()
            .map(|range| {
                let postings = range_postings(range.clone(), &self.starts, &self.stats.docs);
                let base = self.starts[range.start as usize];
                let mut bm25_cache = HashMap::new();
                range
                    .filter_map(|term| {
                        let t = term as usize;
                        let postings = &postings[self.starts[t] - base..self.starts[t + 1] - base];
                        // A phrase of the synonym list that no doc has is a term with no
                        // docs: not one.
                        (!postings.is_empty()).then(|| {
                            let title_slot = self.stats.slot(term, 0);
                            let weights = self.scoring.weigh(
                                title_slot,
                                postings,
                                self.docs,
                                &mut bm25_cache,
                            );
                            (term, weights)
                        })
                    })
                    .collect()
            })
            .collect();
        self.ready.extend(weighed.into_iter().flatten());
    }
}

impl<'a> Iterator for WeightedTerms<'a> {
    type Item = (&'a str, Weighted);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((term, weights)) = self.ready.pop_front() {
                return Some((&self.stats.terms[term as usize], weights));
            }
            if self.ranges.is_empty() {
                return None;
            }
            self.weigh_next_ranges();
        }
    }
}

/// What BM25 needs beyond a term's postings ([`TermStats::scoring`]).
pub(crate) struct Scoring {
    num_docs: u64,
    norms: Vec<[u8; INDEXED_FIELDS]>,
    averages: [f32; INDEXED_FIELDS],
}

impl Scoring {
    /// Its global statistics: the doc count and each field's average length (by its bits),
    /// both on the grid.
    pub(crate) fn grid(&self) -> (u64, [u32; INDEXED_FIELDS]) {
        (self.num_docs, self.averages.map(f32::to_bits))
    }

    /// The weights of a term's `postings`, whose title field is `title_slot`.
    fn weigh(
        &self,
        title_slot: usize,
        postings: &[Counted],
        docs: &[IndexDoc],
        bm25_cache: &mut HashMap<(usize, u64), Bm25Weight>,
    ) -> Weighted {
        let mut bm25 = |field: usize, doc_freq: u64| -> Bm25Weight {
            bm25_cache
                .entry((field, doc_freq))
                .or_insert_with(|| {
                    Bm25Weight::for_one_term_without_explain(
                        doc_freq,
                        self.num_docs,
                        self.averages[field],
                    )
                })
                .clone()
        };
        let in_title = postings.iter().filter(|p| p.1[0] > 0).count() as u64;
        let in_text = postings.iter().filter(|p| p.1[1] > 0).count() as u64;
        let title = (in_title > 0).then(|| bm25(title_slot, in_title));
        let text = (in_text > 0).then(|| bm25(title_slot + 1, in_text));
        postings
            .iter()
            .map(|&(doc, counts)| {
                (
                    doc,
                    self.score(title_slot, doc, counts, [&title, &text], docs),
                )
            })
            .collect()
    }

    /// The weight doc `doc` has for a term it counts `counts` times, of which there are
    /// `frequencies` docs in each field: what [`Self::weigh`] gives it among all the
    /// term's postings.
    pub(crate) fn weight_of(
        &self,
        title_slot: usize,
        doc: u32,
        counts: [u32; FIELDS],
        frequencies: DocFrequencies,
        docs: &[IndexDoc],
    ) -> f32 {
        let bm25 = |field: usize, doc_freq: u64| {
            (doc_freq > 0).then(|| {
                Bm25Weight::for_one_term_without_explain(
                    doc_freq,
                    self.num_docs,
                    self.averages[field],
                )
            })
        };
        let title = bm25(title_slot, frequencies[0]);
        let text = bm25(title_slot + 1, frequencies[1]);
        self.score(title_slot, doc, counts, [&title, &text], docs)
    }

    /// A doc's weight from its counts and the term's BM25 weight in each field.
    fn score(
        &self,
        title_slot: usize,
        doc: u32,
        [tf_title, tf_text]: [u32; FIELDS],
        [title, text]: [&Option<Bm25Weight>; FIELDS],
        docs: &[IndexDoc],
    ) -> f32 {
        let kind = docs.get(doc as usize).map_or(1.0, |d| d.kind.boost());
        let mut weight = 0.0f32;
        let norms = self.norms[doc as usize];
        let (title_norm, text_norm) = (norms[title_slot], norms[title_slot + 1]);
        if let (Some(bm25), true) = (title, tf_title > 0) {
            weight += bm25.score(title_norm, tf_title) * TITLE_BOOST * kind;
        }
        if let (Some(bm25), true) = (text, tf_text > 0) {
            weight += bm25.score(text_norm, tf_text) * 1.0 * kind;
        }
        weight
    }
}

/// Where each term's postings start when every term's are laid end to end: those of term
/// `t` are `starts[t]..starts[t + 1]`.
fn posting_starts(terms: usize, docs: &DocTerms) -> Vec<usize> {
    let mut starts = vec![0usize; terms + 1];
    for term in docs.all_terms() {
        starts[term as usize + 1] += 1;
    }
    for t in 0..terms {
        starts[t + 1] += starts[t];
    }
    starts
}

/// `count` ranges of terms (fewer when there are few terms) holding about as many postings
/// each. Laying a range out scans every doc's terms, so there are only a few.
fn term_ranges(starts: &[usize], count: usize) -> Vec<Range<u32>> {
    let terms = starts.len() - 1;
    let total = starts[terms];
    let mut bounds: Vec<usize> = (0..=count)
        .map(|k| {
            starts
                .partition_point(|&s| s < total * k / count)
                .min(terms)
        })
        .collect();
    bounds[count] = terms;
    bounds.dedup();
    bounds
        .windows(2)
        .map(|pair| pair[0] as u32..pair[1] as u32)
        .collect()
}

/// The postings of the terms in `range`, laid end to end, `(doc id, counts)` with doc ids
/// ascending.
fn range_postings(range: Range<u32>, starts: &[usize], docs: &DocTerms) -> Vec<Counted> {
    let base = starts[range.start as usize];
    let mut postings = vec![(0, [0; FIELDS]); starts[range.end as usize] - base];
    let mut next: Vec<usize> = starts[range.start as usize..range.end as usize]
        .iter()
        .map(|start| start - base)
        .collect();
    for doc in 0..docs.len() {
        for (term, counts) in docs.doc(doc).filter(|(t, _)| range.contains(t)) {
            let slot = &mut next[(term - range.start) as usize];
            postings[*slot] = (doc as u32, counts);
            *slot += 1;
        }
    }
    postings
}
