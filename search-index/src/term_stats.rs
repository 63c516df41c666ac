//! Every doc analyzed once, in parallel, before either index is built: each distinct word is
//! stemmed once (not at each of its millions of occurrences), and each doc's fields become
//! sequences of term ids. The static index's weights come from the counts through tantivy's
//! own BM25, and tantivy indexes the same term sequences, so both indexes see the same terms
//! and score them alike. The phrases of the synonym list (`crate::phrases`) are counted
//! here too, as one more term each, in the docs whose words hold them.

use rayon::prelude::*;
// Millions of lookups of short words per build: FxHash, not SipHash (no untrusted keys here).
use rustc_hash::FxHashMap;

use crate::IndexDoc;
use crate::analyzer::{STOPWORDS, form_of_lower, word_spans};
use crate::phrases::{Phrases, joins};

mod cache;
mod changed;
mod packed;
mod reuse;
mod weights;

pub use cache::KeptAnalysis;
pub(crate) use changed::ChangedDoc;
pub(crate) use packed::DocTermsIter;
use packed::{DocTerms, RunTerms};
pub use reuse::DocKey;
use reuse::Kept;
pub(crate) use weights::Scoring;
pub use weights::WeightedTerms;

/// tantivy drops tokens longer than this (its `MAX_TOKEN_LEN`); so do the counts here.
const MAX_TOKEN_LEN: usize = u16::MAX as usize - 5;

/// The title field and the text field of a doc.
pub(crate) const FIELDS: usize = 2;

/// A term (or a word) of a doc with its count in each field.
pub(crate) type Counted = (u32, [u32; FIELDS]);

/// The fields tantivy indexes: the title and the text, and their phrases apart
/// ([`TermStats::slot`]), so that a phrase, one more term where its words already are, does
/// not make the field longer and every other term of the doc weigh less.
pub(crate) const INDEXED_FIELDS: usize = 4;

/// The one token of each doc's phrase fields besides its phrases (when there are phrases):
/// with it the average phrase field is about one token long rather than nearly empty, so
/// BM25's length normalisation weighs one phrase about as one word of an average text. No
/// query reaches it (a term is never a lone space).
pub(crate) const PHRASE_FILLER: &str = " ";

/// The terms both indexes are built from.
pub struct TermStats {
    /// The terms, sorted and distinct; a term id indexes this.
    terms: Vec<String>,
    /// Per doc: its terms, each once, in the order first seen, with their counts (stop words
    /// left out).
    docs: DocTerms,
    /// Per doc: the number of terms in each indexed field, what tantivy's field norms count.
    lengths: Vec<Lengths>,
    /// Per term: whether it is a phrase's.
    is_phrase: Vec<bool>,
    /// Whether the phrase fields hold [`PHRASE_FILLER`] (when the synonym list has phrases).
    phrase_fields: bool,
    /// What the next build needs to reuse this analysis, when it is to be kept.
    kept: Option<Kept>,
}

impl TermStats {
    /// [`Self::with_phrases`] with no phrases.
    pub fn of(docs: &[IndexDoc]) -> Self {
        Self::with_phrases(docs, &Phrases::default())
    }

    /// Analyzes `docs` (in doc-id order) on every core: each run of docs split into words
    /// once, only the distinct words analyzed, the counts renumbered by term.
    pub fn with_phrases(docs: &[IndexDoc], phrases: &Phrases) -> Self {
        let docs: Vec<&IndexDoc> = docs.iter().collect();
        Self::of_analysis(analyze(&docs, phrases), phrases, None)
    }

    /// The statistics of an analysis, each doc's field lengths counted; `kept` is what
    /// [`Self::write_analysis`] needs, when the analysis is to be kept.
    fn of_analysis(analysis: Analysis, phrases: &Phrases, kept: Option<Kept>) -> Self {
        Self::of_counted(analysis, phrases, None, kept)
    }

    /// [`Self::of_analysis`] with each doc's field lengths, when they are counted already
    /// (one per doc, as `field_lengths` counts them).
    fn of_counted(
        analysis: Analysis,
        phrases: &Phrases,
        lengths: Option<Vec<Lengths>>,
        kept: Option<Kept>,
    ) -> Self {
        let phrase_fields = !phrases.is_empty();
        let lengths = lengths
            .filter(|lengths| lengths.len() == analysis.docs.len())
            .unwrap_or_else(|| field_lengths(&analysis.docs, &analysis.is_phrase, phrase_fields));
        Self {
            terms: analysis.terms,
            docs: analysis.docs,
            lengths,
            is_phrase: analysis.is_phrase,
            phrase_fields,
            kept,
        }
    }

    /// The key of doc `id`'s analysis (a hash of the fields its terms come from, its full
    /// text among them) and the seal of the program and phrases that analyzed it, when the
    /// analysis is kept: two docs with equal keys and seals have equal terms and counts.
    pub(crate) fn analysis_key(&self, id: usize) -> Option<(&[u8; 16], &[u8; 32])> {
        let kept = self.kept.as_ref()?;
        Some((kept.keys.get(id)?, &kept.seal))
    }

    /// The indexed field (0 to 3) a term's count in `field` (0 the title, 1 the text) goes
    /// to: its phrase field when it is a phrase's.
    pub(crate) fn slot(&self, term: u32, field: usize) -> usize {
        if self.is_phrase[term as usize] {
            field + 2
        } else {
            field
        }
    }

    /// How many docs there are.
    pub(crate) fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// Whether the phrase fields hold [`PHRASE_FILLER`].
    pub(crate) fn phrase_fields(&self) -> bool {
        self.phrase_fields
    }

    /// Doc `doc`'s terms, each once, with their counts in each field (none for a doc
    /// number out of range): what tantivy indexes (`DocTermsTokenizer`).
    pub(crate) fn doc_terms(&self, doc: usize) -> DocTermsIter<'_> {
        self.docs.doc(doc)
    }

    /// How many tokens doc `doc` has in indexed field `field` (0 to 3), what its field
    /// norm counts: the filler of a phrase field among them (0 for a doc out of range).
    pub(crate) fn field_length(&self, doc: usize, field: usize) -> u32 {
        self.lengths.get(doc).map_or(0, |lengths| lengths[field])
    }

    /// The text of term `id`.
    pub(crate) fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }
}

/// An analysis of docs: the sorted, distinct terms (the phrases' among them, whether or not
/// a doc holds them), each doc's terms, and which terms are phrases'.
pub(crate) struct Analysis {
    pub(crate) terms: Vec<String>,
    pub(crate) docs: DocTerms,
    pub(crate) is_phrase: Vec<bool>,
}

/// Analyzes `docs` on every core. Each run of docs is split into words once, counting each
/// word by a number local to the run; only the distinct words are then analyzed, and the
/// counts renumbered by term. A doc whose words include all of some phrase's is read again
/// for its phrases.
pub(crate) fn analyze(docs: &[&IndexDoc], phrases: &Phrases) -> Analysis {
    let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
    let runs: Vec<RunWords> = docs.par_chunks(run).map(RunWords::count).collect();
    let (words, renumbered) = number_across_runs(&runs);
    let analyzed = analyze_words(&words, phrases);
    let per_doc = terms_per_doc(runs, renumbered, docs, run, &analyzed, phrases);
    let mut is_phrase = vec![false; analyzed.terms.len()];
    for &id in &analyzed.phrase_terms {
        is_phrase[id as usize] = true;
    }
    Analysis {
        terms: analyzed.terms,
        docs: per_doc,
        is_phrase,
    }
}

/// Every run's words, numbered across runs: the distinct words, and per run each of its
/// local numbers' number among them.
fn number_across_runs<'a>(runs: &[RunWords<'a>]) -> (Vec<&'a str>, Vec<Vec<u32>>) {
    let mut numbers: FxHashMap<WordKey<'a>, u32> = FxHashMap::default();
    let mut words: Vec<&'a str> = Vec::new();
    let renumbered = runs
        .iter()
        .map(|run| {
            run.words
                .iter()
                .map(|&word| {
                    *numbers.entry(WordKey::of(word)).or_insert_with(|| {
                        words.push(word);
                        (words.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    (words, renumbered)
}

/// Each doc's terms with their counts, its phrases' among them: each run's counts (of
/// `docs` in runs of `run`) renumbered from its words to their terms, on every core.
fn terms_per_doc(
    runs: Vec<RunWords<'_>>,
    renumbered: Vec<Vec<u32>>,
    docs: &[&IndexDoc],
    run: usize,
    analyzed: &Analyzed,
    phrases: &Phrases,
) -> DocTerms {
    let term_count = analyzed.terms.len();
    let parts = runs
        .into_par_iter()
        .zip(renumbered)
        .zip(docs.par_chunks(run))
        .map(|((run, renumbered), run_docs)| {
            let term_of: Vec<Option<u32>> = renumbered
                .iter()
                .map(|&word| analyzed.term_of_word[word as usize])
                .collect();
            let form_of: Vec<Option<u16>> = renumbered
                .iter()
                .map(|&word| analyzed.form_of_word.get(word as usize).copied().flatten())
                .collect();
            let phrase_words = PhraseWords {
                phrases,
                forms: phrase_word_forms(run.numbers, &form_of),
                starts: PairSet::of(
                    run.words
                        .iter()
                        .zip(&form_of)
                        .filter(|(_, form)| form.is_some())
                        .map(|(word, _)| *word),
                ),
                form_of,
                term_ids: &analyzed.phrase_terms,
            };
            let mut merge = TermMerge::new(term_count);
            let mut part = RunTerms::default();
            for (d, doc) in run_docs.iter().enumerate() {
                let counted: Vec<Counted> = run.docs.doc(d).collect();
                let found = phrase_words.count(doc, &counted);
                let mut terms = merge.by_term(counted, &term_of);
                terms.extend(found);
                part.push_doc(terms);
            }
            part
        })
        .collect();
    DocTerms::of_runs(parts)
}

/// A doc's number of terms in each indexed field.
type Lengths = [u32; INDEXED_FIELDS];

/// Per doc: the number of terms in each indexed field (a phrase's in its phrase field; each
/// phrase field with its [`PHRASE_FILLER`] when there are phrases).
fn field_lengths(
    per_doc: &DocTerms,
    is_phrase: &[bool],
    phrase_fields: bool,
) -> Vec<[u32; INDEXED_FIELDS]> {
    (0..per_doc.len())
        .into_par_iter()
        .map(|doc| doc_lengths(per_doc.doc(doc), is_phrase, phrase_fields))
        .collect()
}

/// The number of terms in each indexed field of a doc whose terms are `terms` (a term
/// beyond `is_phrase` is none of a phrase).
fn doc_lengths(
    terms: impl Iterator<Item = Counted>,
    is_phrase: &[bool],
    phrase_fields: bool,
) -> [u32; INDEXED_FIELDS] {
    let filler = u32::from(phrase_fields);
    terms.fold([0, 0, filler, filler], |mut sum, (term, counts)| {
        let phrase = is_phrase.get(term as usize).copied().unwrap_or(false);
        let base = if phrase { 2 } else { 0 };
        sum[base] += counts[0];
        sum[base + 1] += counts[1];
        sum
    })
}

/// The words of a run of docs, each distinct word numbered in the order first seen.
struct RunWords<'a> {
    /// Word → local number.
    numbers: FxHashMap<WordKey<'a>, u32>,
    /// Local number → word.
    words: Vec<&'a str>,
    /// Per doc: its words by local number, with their counts per field.
    docs: RunTerms,
}

impl<'a> RunWords<'a> {
    /// Splits each doc of `docs` into words and counts them: one hash lookup per word.
    fn count(docs: &[&'a IndexDoc]) -> Self {
        let mut numbers: FxHashMap<WordKey<'a>, u32> = FxHashMap::default();
        let mut words: Vec<&'a str> = Vec::new();
        // Per local number, the current doc's counts; `seen` lists the numbers it has.
        let mut counts: Vec<[u32; FIELDS]> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut per_doc = RunTerms::default();
        for doc in docs {
            for (field, text) in field_texts(doc) {
                for span in word_spans(text) {
                    let word = &text[span];
                    let number = *numbers.entry(WordKey::of(word)).or_insert_with(|| {
                        words.push(word);
                        counts.push([0; FIELDS]);
                        (words.len() - 1) as u32
                    });
                    let count = &mut counts[number as usize];
                    if *count == [0; FIELDS] {
                        seen.push(number);
                    }
                    count[field] += 1;
                }
            }
            per_doc.push_doc(
                seen.drain(..)
                    .map(|n| (n, std::mem::take(&mut counts[n as usize]))),
            );
        }
        Self {
            numbers,
            words,
            docs: per_doc,
        }
    }
}

/// The fields of a doc as texts, each with its field (0 the title, 1 the text): the title
/// field is the guideline's title, the unit's and the guideline's keywords
/// (`IndexDoc::title_field`), each read apart.
pub(crate) fn field_texts(doc: &IndexDoc) -> impl Iterator<Item = (usize, &String)> {
    [(0, &doc.guideline), (0, &doc.title), (1, &doc.text)]
        .into_iter()
        .chain(doc.keywords.iter().map(|k| (0, k)))
}

/// The words of a run (`numbers`, word → local number) that are words of some phrase, each
/// with its form id (`form_of`, by local number). A doc read again for its phrases looks up
/// every word here: a few hundred keys stay in cache, where a lookup in all the run's words
/// (a hundred thousand) waited for memory at nearly every word.
fn phrase_word_forms<'d>(
    numbers: FxHashMap<WordKey<'d>, u32>,
    form_of: &[Option<u16>],
) -> FxHashMap<WordKey<'d>, u16> {
    numbers
        .into_iter()
        .filter_map(|(word, number)| Some((word, form_of[number as usize]?)))
        .collect()
}

/// The first two bytes of some words, as a set of 65,536 bits: most words of a text start
/// otherwise than every phrase word, and are then known to be none without a hash lookup.
struct PairSet(Vec<u64>);

impl PairSet {
    fn of<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut bits = vec![0; (1 << 16) / 64];
        for word in words {
            let pair = Self::pair(word);
            bits[pair / 64] |= 1 << (pair % 64);
        }
        Self(bits)
    }

    /// Whether some word of the set starts with the same two bytes as `word` (or, for a
    /// word of one byte, is it).
    fn may_hold(&self, word: &str) -> bool {
        let pair = Self::pair(word);
        self.0[pair / 64] & (1 << (pair % 64)) != 0
    }

    fn pair(word: &str) -> usize {
        let bytes = word.as_bytes();
        let byte = |i: usize| usize::from(bytes.get(i).copied().unwrap_or_default());
        byte(0) << 8 | byte(1)
    }
}

/// What finds the phrases of a run's docs: each local word's phrase-word form id.
struct PhraseWords<'a, 'd> {
    phrases: &'a Phrases,
    /// The first two bytes of the run's phrase words: a word that starts otherwise is none.
    starts: PairSet,
    /// The run's words that are a phrase's word, with their form ids.
    forms: FxHashMap<WordKey<'d>, u16>,
    /// Local word number → its form's id among the phrases' words.
    form_of: Vec<Option<u16>>,
    /// Phrase index → its term id.
    term_ids: &'a [u32],
}

impl PhraseWords<'_, '_> {
    /// The phrase terms of `doc`, with their counts per field. Only a doc whose words
    /// (`counted`, by local number) include every word of some phrase is read again.
    fn count(&self, doc: &IndexDoc, counted: &[Counted]) -> Vec<Counted> {
        if self.phrases.is_empty() {
            return Vec::new();
        }
        let mut present: Vec<u16> = counted
            .iter()
            .filter_map(|&(word, _)| self.form_of[word as usize])
            .collect();
        present.sort_unstable();
        if !self
            .phrases
            .may_occur(|id| present.binary_search(&id).is_ok())
        {
            return Vec::new();
        }
        let mut found: Vec<Counted> = Vec::new();
        let mut add = |field: usize, k: usize| {
            let term = self.term_ids[k];
            match found.iter_mut().find(|(t, _)| *t == term) {
                Some((_, counts)) => counts[field] += 1,
                None => {
                    let mut counts = [0; FIELDS];
                    counts[field] = 1;
                    found.push((term, counts));
                }
            }
        };
        // A phrase is words of phrases side by side, so a word of none ends any match: each
        // stretch of such words is scanned alone, as it would be within the whole text, and
        // only their gaps are read.
        let (mut words, mut joined) = (Vec::new(), Vec::new());
        for (field, text) in field_texts(doc) {
            let mut last_end = 0;
            for span in word_spans(text) {
                let word = &text[span.clone()];
                let form = if self.starts.may_hold(word) {
                    self.forms.get(&WordKey::of(word)).copied()
                } else {
                    None
                };
                if form.is_some() {
                    if !words.is_empty() {
                        joined.push(joins(&text[last_end..span.start]));
                    }
                    words.push(form);
                } else {
                    self.scan_stretch(&mut words, &mut joined, |k| add(field, k));
                }
                last_end = span.end;
            }
            self.scan_stretch(&mut words, &mut joined, |k| add(field, k));
        }
        found
    }

    /// Scans a stretch of phrase words (`joined[i]`: whether words i and i + 1 are joined)
    /// for phrases, and empties it. A phrase has two words at least.
    fn scan_stretch(
        &self,
        words: &mut Vec<Option<u16>>,
        joined: &mut Vec<bool>,
        found: impl FnMut(usize),
    ) {
        if words.len() >= 2 {
            self.phrases.scan(words, joined, found);
        }
        words.clear();
        joined.clear();
    }
}

/// A word as a hash key. A word of up to 16 bytes (most words) is held in the key itself,
/// so a lookup compares two pairs of integers and reads no text: a key that referred to the
/// text would point at the word's first occurrence, anywhere in megabytes of docs, and
/// nearly every lookup of a counted word would wait for that memory. Longer words are
/// compared by their text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum WordKey<'a> {
    Short([u64; 2]),
    Long(&'a str),
}

impl<'a> WordKey<'a> {
    fn of(word: &'a str) -> Self {
        let bytes = word.as_bytes();
        if bytes.len() > 16 {
            return Self::Long(word);
        }
        // Zero padding cannot make two words alike: a word is alphanumeric, never a 0 byte.
        let (first, rest) = bytes.split_at(bytes.len().min(8));
        let mut low = [0u8; 8];
        let mut high = [0u8; 8];
        low[..first.len()].copy_from_slice(first);
        high[..rest.len()].copy_from_slice(rest);
        Self::Short([u64::from_le_bytes(low), u64::from_le_bytes(high)])
    }
}

/// The distinct words analyzed: the sorted, distinct terms (the phrases' among them).
struct Analyzed {
    terms: Vec<String>,
    /// Each word's term id (`None` for a stop word, or a term tantivy would drop for its
    /// length).
    term_of_word: Vec<Option<u32>>,
    /// Each word's form id among the phrases' words (empty when there are no phrases).
    form_of_word: Vec<Option<u16>>,
    /// Each phrase's term id.
    phrase_terms: Vec<u32>,
}

/// Analyzes each distinct word once, and finds which are words of a phrase by the same
/// stem.
fn analyze_words(words: &[&str], phrases: &Phrases) -> Analyzed {
    let (mut analyzed, form_of_word): (Vec<Option<String>>, Vec<Option<u16>>) = words
        .par_iter()
        .map(|word| {
            let lower = word.to_lowercase();
            let form = form_of_lower(&lower);
            let form_id = form.as_deref().and_then(|f| phrases.form_id(f));
            let stop = STOPWORDS.contains(&lower.as_str());
            let term = form.filter(|t| !stop && t.len() <= MAX_TOKEN_LEN);
            (term, form_id)
        })
        .unzip();
    // The phrases' terms are analyzed "words" after the real ones.
    analyzed.extend(phrases.terms().map(|t| Some(t.to_owned())));
    let mut by_term: Vec<u32> = (0..analyzed.len() as u32)
        .filter(|&w| analyzed[w as usize].is_some())
        .collect();
    by_term.par_sort_unstable_by(|&a, &b| analyzed[a as usize].cmp(&analyzed[b as usize]));
    let mut terms: Vec<String> = Vec::new();
    let mut term_of_word = vec![None; analyzed.len()];
    for w in by_term {
        let Some(term) = &analyzed[w as usize] else {
            continue;
        };
        if terms.last() != Some(term) {
            terms.push(term.clone());
        }
        term_of_word[w as usize] = Some((terms.len() - 1) as u32);
    }
    let phrase_terms = term_of_word
        .split_off(words.len())
        .into_iter()
        .map(|id| id.unwrap_or_default())
        .collect();
    Analyzed {
        terms,
        term_of_word,
        form_of_word: if phrases.is_empty() {
            Vec::new()
        } else {
            form_of_word
        },
        phrase_terms,
    }
}

/// Merges a doc's words into its terms: words with the same term (`Behandling`,
/// `behandling`) become one, stop words go. A slot per term, reused from doc to doc, finds a
/// term already seen, so a doc costs one pass over its words rather than a sort.
struct TermMerge {
    /// Per term id: its index in the doc being merged, or `UNSEEN`.
    slot: Vec<u32>,
}

impl TermMerge {
    const UNSEEN: u32 = u32::MAX;

    fn new(terms: usize) -> Self {
        Self {
            slot: vec![Self::UNSEEN; terms],
        }
    }

    /// A doc's words renumbered by term (`term_of` maps the run's word numbers), each term
    /// once, in the order first seen.
    fn by_term(&mut self, words: Vec<Counted>, term_of: &[Option<u32>]) -> Vec<Counted> {
        let mut terms: Vec<Counted> = Vec::with_capacity(words.len());
        for (word, counts) in words {
            let Some(term) = term_of[word as usize] else {
                continue;
            };
            let slot = &mut self.slot[term as usize];
            if *slot == Self::UNSEEN {
                *slot = terms.len() as u32;
                terms.push((term, counts));
            } else {
                let kept = &mut terms[*slot as usize].1;
                kept[0] += counts[0];
                kept[1] += counts[1];
            }
        }
        for &(term, _) in &terms {
            self.slot[term as usize] = Self::UNSEEN;
        }
        terms
    }
}

#[cfg(test)]
mod tests;
