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
/// The bytes of an entry in a kept file ([`RunTerms::from_bytes`]).
pub(crate) const ENTRY: usize = 4 + 2 * FIELDS;

/// Each doc's terms, each once, with their counts per field, in the order they were given:
/// the runs of docs counted apart, each kept as it was made (joined into one array, they
/// would be held twice while copied), and per doc where its terms are. A run may hold docs
/// no doc refers to (the last build's, of a unit that changed: [`super::reuse`]).
#[derive(Default)]
pub(crate) struct DocTerms {
    runs: Vec<RunTerms>,
    /// Per doc: its run and its place among that run's docs.
    docs: Vec<(u32, u32)>,
}

impl DocTerms {
    /// The docs of `runs`, one run after the other.
    pub(crate) fn of_runs(mut runs: Vec<RunTerms>) -> Self {
        runs.iter_mut().for_each(RunTerms::shrink);
        let docs = runs
            .iter()
            .enumerate()
            .flat_map(|(r, run)| (0..run.ends.len() as u32).map(move |d| (r as u32, d)))
            .collect();
        Self { runs, docs }
    }

    /// The docs `docs` name (a run and a doc of it each) in `runs`.
    pub(crate) fn of_parts(mut runs: Vec<RunTerms>, docs: Vec<(u32, u32)>) -> Self {
        runs.iter_mut().for_each(RunTerms::shrink);
        Self { runs, docs }
    }

    /// Its runs and, per doc, its run and place in it.
    pub(crate) fn into_parts(self) -> (Vec<RunTerms>, Vec<(u32, u32)>) {
        (self.runs, self.docs)
    }

    /// How many docs there are.
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    /// Doc `doc`'s terms with their counts (none for a doc number out of range).
    pub(crate) fn doc(&self, doc: usize) -> DocTermsIter<'_> {
        match self.docs.get(doc) {
            Some(&(run, d)) => self.runs[run as usize].doc(d as usize),
            None => EMPTY.doc(0),
        }
    }

    /// The terms of doc `d` of run `run`, whether or not a doc refers to it (none when there
    /// is no such doc).
    pub(crate) fn run_doc(&self, run: u32, d: u32) -> DocTermsIter<'_> {
        self.runs
            .get(run as usize)
            .unwrap_or(&EMPTY)
            .doc(d as usize)
    }

    /// Every doc's terms, doc after doc, without their counts.
    pub(crate) fn all_terms(&self) -> impl Iterator<Item = u32> + '_ {
        self.docs.iter().flat_map(|&(run, d)| {
            let run = &self.runs[run as usize];
            run.entries[run.start(d as usize)..run.ends[d as usize]]
                .iter()
                .map(|p| p.term)
        })
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
    /// Its arrays no larger than what they hold: grown by doubling as the docs came, they
    /// had ~12 % to spare, ~4 MB of the counts held while both indexes are made at 1,000
    /// guidelines (docs/performance.md, "Peak memory, round eight").
    fn shrink(&mut self) {
        self.entries.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.over.shrink_to_fit();
    }

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

    /// Where doc `doc`'s terms start in `entries`.
    fn start(&self, doc: usize) -> usize {
        match doc {
            0 => 0,
            _ => self.ends.get(doc - 1).copied().unwrap_or(0),
        }
    }

    /// How many docs it holds.
    pub(crate) fn docs(&self) -> usize {
        self.ends.len()
    }

    /// Doc `doc`'s terms, without their counts (none for a doc number out of range).
    pub(crate) fn doc_terms(&self, doc: usize) -> impl Iterator<Item = u32> + '_ {
        let end = self.ends.get(doc).copied().unwrap_or(0);
        let start = self.start(doc).min(end);
        self.entries[start..end].iter().map(|p| p.term)
    }

    /// Renumbers every term by `map` (old id → new id).
    pub(crate) fn renumber(&mut self, map: &[u32]) {
        for entry in &mut self.entries {
            entry.term = map.get(entry.term as usize).copied().unwrap_or(u32::MAX);
        }
    }

    /// The run a kept file holds (`cache.rs`): `entries` 8 bytes each (the term, then each
    /// count in 16 bits, little-endian), doc `d`'s ending at `ends[d]`, the exact counts of
    /// those marked [`OVER`] by their place. `None` unless every term is below `terms`, the
    /// ends ascend to the last entry and the exact counts are in order and in range.
    pub(crate) fn from_bytes(
        entries: &[u8],
        ends: Vec<usize>,
        over: Vec<(usize, [u32; FIELDS])>,
        terms: u32,
    ) -> Option<Self> {
        if !entries.len().is_multiple_of(ENTRY) {
            return None;
        }
        // One pass: each entry decoded, its term checked and its mark counted.
        let mut in_range = true;
        let mut marked = 0;
        let entries: Vec<Packed> = entries
            .chunks_exact(ENTRY)
            .map(|bytes| {
                let packed = Packed {
                    term: u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
                    counts: std::array::from_fn(|f| {
                        u16::from_le_bytes([bytes[4 + 2 * f], bytes[5 + 2 * f]])
                    }),
                };
                in_range &= packed.term < terms;
                marked += usize::from(packed.counts.contains(&OVER));
                packed
            })
            .collect();
        let whole = in_range
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().copied().unwrap_or(0) == entries.len()
            && over.windows(2).all(|w| w[0].0 < w[1].0)
            && over
                .iter()
                .all(|&(i, _)| entries.get(i).is_some_and(|p| p.counts.contains(&OVER)))
            && marked == over.len();
        whole.then_some(Self {
            entries,
            ends,
            over,
        })
    }

    /// Doc `doc`'s terms with their counts (none for a doc number out of range).
    pub(crate) fn doc(&self, doc: usize) -> DocTermsIter<'_> {
        let end = self.ends.get(doc).copied().unwrap_or(0);
        let start = self.start(doc).min(end);
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

    /// A kept run is taken only whole: every term below the dictionary's count, every mark
    /// with its exact counts and no exact counts without a mark.
    #[test]
    fn a_kept_run_is_refused_unless_whole() {
        let entry = |term: u32, counts: [u16; FIELDS]| {
            let mut bytes = term.to_le_bytes().to_vec();
            counts.iter().for_each(|c| bytes.extend(c.to_le_bytes()));
            bytes
        };
        let bytes = [entry(1, [2, 0]), entry(4, [OVER, 1])].concat();
        let over = vec![(1, [70_000, 1])];
        let run = RunTerms::from_bytes(&bytes, vec![2], over.clone(), 5).expect("whole");
        assert_eq!(
            run.doc(0).collect::<Vec<_>>(),
            [(1, [2, 0]), (4, [70_000, 1])]
        );
        assert_eq!(run.doc_terms(0).collect::<Vec<_>>(), [1, 4]);
        assert!(RunTerms::from_bytes(&bytes, vec![2], over.clone(), 4).is_none());
        assert!(RunTerms::from_bytes(&bytes, vec![2], Vec::new(), 5).is_none());
        assert!(RunTerms::from_bytes(&bytes, vec![1], over, 5).is_none());
        let unmarked = [entry(1, [2, 0]), entry(4, [3, 1])].concat();
        let stray = vec![(1, [3, 1])];
        assert!(RunTerms::from_bytes(&unmarked, vec![2], stray, 5).is_none());
        assert!(RunTerms::from_bytes(&bytes[1..], vec![2], Vec::new(), 5).is_none());
    }
}
