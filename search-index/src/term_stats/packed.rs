//! Every doc's terms with their counts, packed: 8 bytes a term of a doc rather than the 12 of
//! a [`Counted`], in an array per run of docs rather than an allocation per doc. A build
//! holds them while both indexes are made (at 1,000 guidelines, ~6 million of them).

use super::{Counted, FIELDS};

/// A term of a doc and its counts in each field, a count of [`OVER`] or more standing for
/// the exact counts kept apart ([`RunTerms::over`]).
#[derive(Clone, Copy)]
struct Packed {
    term: u32,
    counts: [u16; FIELDS],
}

/// Marks an entry whose counts do not fit in 16 bits (a unit with a word 65,535 times).
const OVER: u16 = u16::MAX;

/// Each doc's terms, each once, with their counts per field, in the order they were given:
/// the runs of docs counted apart, one after the other, each kept as it was made (joined
/// into one array, they would be held twice while copied).
#[derive(Default)]
pub(crate) struct DocTerms {
    runs: Vec<RunTerms>,
    /// The first doc of each run.
    firsts: Vec<usize>,
    docs: usize,
}

impl DocTerms {
    /// The docs of `runs`, one run after the other.
    pub(crate) fn of_runs(runs: Vec<RunTerms>) -> Self {
        let mut firsts = Vec::with_capacity(runs.len());
        let mut docs = 0;
        for run in &runs {
            firsts.push(docs);
            docs += run.ends.len();
        }
        Self { runs, firsts, docs }
    }

    /// How many docs there are.
    pub(crate) fn len(&self) -> usize {
        self.docs
    }

    /// Doc `doc`'s terms with their counts (none for a doc number out of range).
    pub(crate) fn doc(&self, doc: usize) -> DocTermsIter<'_> {
        let run = self.firsts.partition_point(|&first| first <= doc);
        match run.checked_sub(1) {
            Some(run) if doc < self.docs => self.runs[run].doc(doc - self.firsts[run]),
            _ => EMPTY.doc(0),
        }
    }

    /// Every doc's terms, doc after doc, without their counts.
    pub(crate) fn all_terms(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs
            .iter()
            .flat_map(|run| run.entries.iter().map(|p| p.term))
    }
}

/// The terms of a run of docs.
#[derive(Default)]
pub(crate) struct RunTerms {
    entries: Vec<Packed>,
    /// Doc `d`'s terms are `entries[ends[d - 1]..ends[d]]` (from 0 for the first doc).
    ends: Vec<usize>,
    /// The exact counts of each entry marked [`OVER`], by its place in `entries`, ascending.
    over: Vec<(usize, [u32; FIELDS])>,
}

static EMPTY: RunTerms = RunTerms {
    entries: Vec::new(),
    ends: Vec::new(),
    over: Vec::new(),
};

impl RunTerms {
    /// Adds the next doc's terms.
    pub(crate) fn push_doc(&mut self, terms: impl IntoIterator<Item = Counted>) {
        for (term, counts) in terms {
            let packed = counts.map(|c| u16::try_from(c).unwrap_or(OVER));
            if packed.contains(&OVER) {
                self.over.push((self.entries.len(), counts));
            }
            self.entries.push(Packed {
                term,
                counts: packed,
            });
        }
        self.ends.push(self.entries.len());
    }

    /// Doc `doc`'s terms with their counts (none for a doc number out of range).
    pub(crate) fn doc(&self, doc: usize) -> DocTermsIter<'_> {
        let end = self.ends.get(doc).copied().unwrap_or(0);
        let start = match doc {
            0 => 0,
            _ => self.ends.get(doc - 1).copied().unwrap_or(end),
        };
        DocTermsIter {
            entries: self.entries[start..end].iter(),
            index: start,
            over: &self.over,
        }
    }
}

/// A doc's terms with their counts, as [`DocTerms::doc`] gives them.
#[derive(Clone)]
pub(crate) struct DocTermsIter<'a> {
    entries: std::slice::Iter<'a, Packed>,
    /// The place in its run's entries of the next one.
    index: usize,
    over: &'a [(usize, [u32; FIELDS])],
}

impl Iterator for DocTermsIter<'_> {
    type Item = Counted;

    fn next(&mut self) -> Option<Counted> {
        let packed = self.entries.next()?;
        let index = self.index;
        self.index += 1;
        let counts = if packed.counts.contains(&OVER) {
            self.over
                .binary_search_by_key(&index, |&(i, _)| i)
                .map_or([0; FIELDS], |k| self.over[k].1)
        } else {
            packed.counts.map(u32::from)
        };
        Some((packed.term, counts))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts too large for 16 bits come back exact, and docs are found across runs.
    #[test]
    fn docs_give_back_their_terms_and_exact_counts() {
        let docs: Vec<Vec<Counted>> = vec![
            vec![(3, [1, 0]), (7, [0, 70_000]), (1, [2, 65_535])],
            vec![],
            vec![(7, [65_534, 1]), (2, [0, 100_000])],
            vec![(9, [1, 1])],
        ];
        let mut first = RunTerms::default();
        first.push_doc(docs[0].clone());
        let mut second = RunTerms::default();
        second.push_doc(docs[1].clone());
        second.push_doc(docs[2].clone());
        let mut third = RunTerms::default();
        third.push_doc(docs[3].clone());
        let all = DocTerms::of_runs(vec![first, RunTerms::default(), second, third]);
        assert_eq!(all.len(), 4);
        for (d, expected) in docs.iter().enumerate() {
            assert_eq!(&all.doc(d).collect::<Vec<_>>(), expected, "doc {d}");
        }
        assert_eq!(all.doc(4).count(), 0);
        assert_eq!(all.doc(usize::MAX).count(), 0);
        assert_eq!(all.all_terms().collect::<Vec<_>>(), [3, 7, 1, 7, 2, 9]);
    }
}
