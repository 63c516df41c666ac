//! Typo tolerance (FORMAT.md, "Typos"): which query words are widened to the terms within a
//! small edit distance, and the keys of the static index's side table that finds those terms
//! without the whole vocabulary.
//!
//! The side table rests on halves: a term reached from a word by one edit keeps the word's
//! first half as its prefix or its last half as its suffix. So do the terms two edits away
//! with both edits in one half, and typo tolerance is defined as just those (both engines
//! apply the same rule): a term with one edit in each half of a long word is not reached.
//! Each term is filed under its prefix and suffix for every word length that could reach it,
//! so a word looks up two keys.

use serde::Serialize;

use crate::analyzer::{fold, term, word_spans};

/// A word with fewer docs of its own (exact, prefix and synonym matches) than this is widened.
pub(crate) const FEW_MATCHES: usize = 3;
/// A term found by its typo counts this much of an exact match (a prefix counts 0.5).
pub(crate) const TYPO_FACTOR: f32 = 0.25;
/// A word is widened to at most this many terms (those at the smallest distance, in order):
/// each costs the static reader a chunk.
pub(crate) const MAX_TYPO_TERMS: usize = 4;

/// The edit distance a query term of `letters` characters may be corrected within.
pub(crate) fn max_distance(letters: usize) -> usize {
    match letters {
        0..5 => 0,
        5..9 => 1,
        _ => 2,
    }
}

/// Whether a term takes part in typo tolerance at all: numbers ("2025", "5fu") never do, a
/// year or a dose is not a misspelling of another; nor do phrases ("ikke smacel lungekreft"):
/// one letter off, a phrase is another disease.
pub(crate) fn eligible(term: &str) -> bool {
    !term
        .chars()
        .any(|c| c.is_numeric() || c == crate::phrases::SEPARATOR)
}

/// The query term's distance budget: 0 when it is not widened whatever its matches.
pub(crate) fn distance_for(word: &str) -> usize {
    if eligible(word) {
        max_distance(word.chars().count())
    } else {
        0
    }
}

/// The Levenshtein distance between `a` and `b` in characters (insertions, deletions,
/// substitutions; a swap of two letters is two), or `None` when it is above `limit`.
pub(crate) fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, &cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        // Every later row is at least this row's minimum.
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&d| d <= limit)
}

/// A word of `n` letters splits at `n / 2`: its first half and its last half.
fn half(n: usize) -> usize {
    n / 2
}

/// The side-table keys a query term looks up: `p:<first half>` and `s:<last half>`. Empty when
/// the term is not widened.
pub(crate) fn query_keys(word: &str) -> Vec<String> {
    if distance_for(word) == 0 {
        return Vec::new();
    }
    let c: Vec<char> = word.chars().collect();
    let a = half(c.len());
    vec![
        format!("p:{}", c[..a].iter().collect::<String>()),
        format!("s:{}", c[a..].iter().collect::<String>()),
    ]
}

/// The keys a term is filed under: for each word length `n` that could reach it (at most
/// `max_distance(n)` letters longer or shorter), its first `n / 2` letters and its last
/// `n - n / 2`. Sorted, without duplicates; empty for a term that is never a correction.
/// The readable form of [`key_parts`], which the index uses; the tests check against it.
#[cfg(test)]
pub(crate) fn term_keys(term: &str) -> Vec<String> {
    let mut keys: Vec<String> = key_parts(term)
        .map(|(kind, part)| format!("{}:{part}", char::from(kind)))
        .collect();
    keys.sort();
    keys
}

/// [`term_keys`] without allocating: each key as its kind (`b'p'` or `b's'`) and its part, a
/// slice of `term`. Without duplicates, in no particular order.
pub(crate) fn key_parts(term: &str) -> impl Iterator<Item = (u8, &str)> {
    // Byte offsets of the character boundaries: part lengths are counted in characters.
    let bounds: Vec<usize> = if eligible(term) {
        term.char_indices()
            .map(|(i, _)| i)
            .chain([term.len()])
            .collect()
    } else {
        Vec::new()
    };
    let m = bounds.len().saturating_sub(1);
    let mut parts: Vec<(u8, &str)> = Vec::new();
    if !bounds.is_empty() {
        for n in m.saturating_sub(2).max(5)..=m + 2 {
            let distance = max_distance(n);
            if distance == 0 || m.abs_diff(n) > distance {
                continue;
            }
            let a = half(n);
            if a <= m {
                parts.push((b'p', &term[..bounds[a]]));
            }
            if n - a <= m {
                parts.push((b's', &term[bounds[m - (n - a)]..]));
            }
        }
    }
    parts.sort_unstable();
    parts.dedup();
    parts.into_iter()
}

/// Whether `term` keeps `word`'s first half as its prefix or its last half as its suffix.
fn keeps_a_half(word: &str, term: &str) -> bool {
    let c: Vec<char> = word.chars().collect();
    let a = half(c.len());
    term.starts_with(&c[..a].iter().collect::<String>())
        || term.ends_with(&c[a..].iter().collect::<String>())
}

/// The term filed under `key` as `rest`: a term is filed without the key's part (`p:` a
/// prefix, `s:` a suffix), which every term under the key shares.
pub(crate) fn unfiled(key: &str, rest: &str) -> String {
    match key.split_once(':') {
        Some(("p", part)) => format!("{part}{rest}"),
        Some(("s", part)) => format!("{rest}{part}"),
        _ => rest.to_owned(),
    }
}

/// The side-table file a key is in: FNV-1a (32 bit) of its UTF-8 bytes, modulo `files`.
pub(crate) fn key_file(key: &str, files: usize) -> usize {
    fnv1a(key.as_bytes().iter().copied(), files)
}

/// [`key_file`] of the key `<kind>:<part>`, without making it.
pub(crate) fn part_file(kind: u8, part: &str, files: usize) -> usize {
    fnv1a([kind, b':'].into_iter().chain(part.bytes()), files)
}

fn fnv1a(bytes: impl Iterator<Item = u8>, files: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in bytes {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    match files {
        0 => 0,
        files => hash as usize % files,
    }
}

/// Of `candidates` (terms, any order), those a query term widens to: within its distance,
/// keeping one of its halves, not itself, eligible, at the smallest distance found; in term
/// order, at most [`MAX_TYPO_TERMS`].
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let limit = distance_for(word);
    if limit == 0 {
        return Vec::new();
    }
    let mut found: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|t| *t != word && eligible(t) && keeps_a_half(word, t))
        .filter_map(|t| distance_within(word, t, limit).map(|d| (d, t)))
        .collect();
    let Some(best) = found.iter().map(|&(d, _)| d).min() else {
        return Vec::new();
    };
    found.retain(|&(d, _)| d == best);
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .take(MAX_TYPO_TERMS)
        .map(|(_, t)| t.to_owned())
        .collect()
}

/// Endings a correction may be shown with, besides the one the stemmer took off the typed
/// word: the correction is a stem ("tamoxif"), and the word shown should be one.
pub(crate) const ENDINGS: &[&str] = &[
    "e", "en", "er", "et", "ene", "erne", "ere", "ens", "es", "s", "ede", "ende", "hed", "ighed",
];

/// What the reader shows for a corrected word: the correction with the ending (none, the one
/// the stemmer took off the typed word, or one of [`ENDINGS`]) that stems back to it and is
/// closest to the typed word (then nearest its length, then the longer): "tamoxifem" → "tamoxifen",
/// "mamografien" → "mammografien". Letters as the index folds them ("kreft" for "kræft").
pub(crate) fn shown(typed: &str, term: &str, correction: &str) -> String {
    let lower = typed.to_lowercase();
    let typed_folded = fold(&lower);
    let own = lower.strip_prefix(term).unwrap_or("");
    let typed_letters = typed_folded.chars().count();
    // (distance, how far from the typed length, longer first) and the word.
    type Ranked = ((usize, usize, std::cmp::Reverse<usize>), String);
    let mut best: Option<Ranked> = None;
    for ending in std::iter::once("")
        .chain([own])
        .chain(ENDINGS.iter().copied())
    {
        let word = format!("{correction}{ending}");
        if crate::analyzer::term(&word).as_deref() != Some(correction) {
            continue;
        }
        let distance = distance_within(&typed_folded, &word, usize::MAX).unwrap_or(usize::MAX);
        let length = word.chars().count();
        let key = (
            distance,
            length.abs_diff(typed_letters),
            std::cmp::Reverse(length),
        );
        if best.as_ref().is_none_or(|(best, _)| key < *best) {
            best = Some((key, word));
        }
    }
    best.map_or_else(|| correction.to_owned(), |(_, word)| word)
}

/// A query word (as its term) that found no doc of its own, and the term it was corrected to:
/// of the terms it was widened to, the one in the most docs (counted up to the postings a
/// static term keeps), the first in term order among equals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// The query word's term.
    pub term: String,
    /// The term it was corrected to.
    pub correction: String,
}

/// A query's hits, the words it corrected, and the query as the reader shows it corrected
/// ("Viser resultater for »…«"), when it corrected any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found<H> {
    /// The hits, best first.
    pub hits: Vec<H>,
    /// The words that were corrected, in query order.
    pub corrections: Vec<Correction>,
    /// The query with its corrections, when there are any.
    pub corrected_query: Option<String>,
}

impl<H> Default for Found<H> {
    fn default() -> Self {
        Self {
            hits: Vec::new(),
            corrections: Vec::new(),
            corrected_query: None,
        }
    }
}

impl<H> Found<H> {
    pub(crate) fn new(query: &str, hits: Vec<H>, corrections: Vec<Correction>) -> Self {
        let corrected_query = (!corrections.is_empty()).then(|| corrected(query, &corrections));
        Self {
            hits,
            corrections,
            corrected_query,
        }
    }
}

/// `query` with each corrected word replaced by its correction ([`shown`]); the rest as typed.
pub(crate) fn corrected(query: &str, corrections: &[Correction]) -> String {
    let mut out = String::with_capacity(query.len());
    let mut last = 0;
    for span in word_spans(query) {
        let word = &query[span.clone()];
        let Some(word_term) = term(word) else {
            continue;
        };
        if let Some(c) = corrections.iter().find(|c| c.term == word_term) {
            out.push_str(&query[last..span.start]);
            out.push_str(&shown(word, &word_term, &c.correction));
            last = span.end;
        }
    }
    out.push_str(&query[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every term within the distance that keeps a half of the word shares a key with it: the
    /// side table never misses one. Checked against every one- and two-letter edit of a few
    /// words; every one-letter edit keeps a half.
    #[test]
    fn every_term_within_the_distance_shares_a_key_with_the_word() {
        let alphabet = ['a', 'e', 'k', 'm', 'o', 'r', 'x'];
        for word in [
            "kemot",
            "lymfom",
            "mammograf",
            "kemoterapi",
            "stralebehandl",
        ] {
            let keys = query_keys(word);
            let mut edits = one_edit(word, &alphabet);
            if distance_for(word) == 2 {
                let twice: Vec<String> =
                    edits.iter().flat_map(|e| one_edit(e, &alphabet)).collect();
                edits.extend(twice);
            }
            let mut checked = 0;
            for edit in edits {
                let within = distance_within(word, &edit, distance_for(word));
                if edit.chars().count() < 2 || within.is_none() {
                    continue;
                }
                if within == Some(1) {
                    assert!(keeps_a_half(word, &edit), "{word} → {edit}");
                }
                if !keeps_a_half(word, &edit) {
                    continue;
                }
                let filed = term_keys(&edit);
                assert!(
                    keys.iter().any(|k| filed.contains(k)),
                    "{word} → {edit}: {keys:?} vs {filed:?}"
                );
                checked += 1;
            }
            assert!(checked > 50, "{word}: {checked}");
        }
    }

    fn one_edit(word: &str, alphabet: &[char]) -> Vec<String> {
        let c: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        for i in 0..=c.len() {
            for &x in alphabet {
                let mut inserted = c.clone();
                inserted.insert(i, x);
                out.push(inserted.iter().collect());
                if i < c.len() {
                    let mut replaced = c.clone();
                    replaced[i] = x;
                    out.push(replaced.iter().collect());
                }
            }
            if i < c.len() {
                let mut deleted = c.clone();
                deleted.remove(i);
                out.push(deleted.iter().collect());
            }
        }
        out
    }

    #[test]
    fn distance_is_levenshtein_in_characters_with_a_limit() {
        assert_eq!(distance_within("kemoterapi", "kemoterapi", 2), Some(0));
        assert_eq!(distance_within("kemotrapi", "kemoterapi", 2), Some(1));
        assert_eq!(
            distance_within("kemotearpi", "kemoterapi", 2),
            Some(2),
            "a swap is two"
        );
        assert_eq!(distance_within("kmoteapi", "kemoterapi", 1), None);
        assert_eq!(
            distance_within("øre", "ore", 1),
            Some(1),
            "characters, not bytes"
        );
        assert_eq!(distance_within("abcdefgh", "a", 3), None);
    }

    #[test]
    fn short_words_and_numbers_are_never_widened() {
        assert_eq!(max_distance(4), 0);
        assert_eq!(max_distance(5), 1);
        assert_eq!(max_distance(8), 1);
        assert_eq!(max_distance(9), 2);
        assert!(query_keys("kemo").is_empty());
        assert!(query_keys("20256").is_empty());
        assert!(term_keys("2025").is_empty());
        assert_eq!(query_keys("lymfon"), ["p:lym", "s:fon"]);
        assert_eq!(query_keys("kemoterapy"), ["p:kemot", "s:erapy"]);
    }

    #[test]
    fn the_closest_terms_win_in_term_order() {
        let terms = ["lymfom", "lymfo", "lymfomer", "lynfon", "lymfon", "lymf0n"];
        assert_eq!(closest("lymfon", terms), ["lymfo", "lymfom", "lynfon"]);
        assert!(closest("kemo", ["kemi"]).is_empty());
        assert_eq!(
            closest("mammografy", ["mammografi", "mamografi"]),
            ["mammografi"]
        );
        // Two edits, one in each half: not reached.
        assert!(closest("kemoterapi", ["kxmoterapx"]).is_empty());
        assert_eq!(closest("kemoterapi", ["kemoterxpx"]), ["kemoterxpx"]);
    }

    #[test]
    fn a_correction_keeps_the_ending_the_stemmer_took() {
        assert_eq!(
            shown("Mamografien", "mamografi", "mammografi"),
            "mammografien"
        );
        assert_eq!(shown("tamoxifem", "tamoxifem", "tamoxif"), "tamoxifen");
        assert_eq!(
            shown("stralebehandlnig", "stralebehandln", "stralebehandling"),
            "stralebehandling"
        );
        // Whatever ending wins, the word shown stems back to the correction.
        assert_eq!(
            term(&shown("Østrogn", "ostrogn", "ostrog")).as_deref(),
            Some("ostrog")
        );
        // A heuristic without the text's own spellings: here it guesses wrong.
        assert_eq!(
            shown("oropharynxcancr", "oropharynxcancr", "oropharynxcanc"),
            "oropharynxcance"
        );
        assert_eq!(
            shown("behandlingsvarihed", "behandlingsvari", "behandlingsvar"),
            "behandlingsvarighed"
        );
        assert_eq!(
            shown(
                "brystkraeftpatinter",
                "brystkreftpatint",
                "brystkreftpatient"
            ),
            "brystkreftpatienter"
        );
    }

    #[test]
    fn the_corrected_query_replaces_only_the_corrected_words() {
        let corrections = [Correction {
            term: "mamografi".into(),
            correction: "mammografi".into(),
        }];
        let query = "Årlig mamografien, efter 5 år";
        assert_eq!(term("mamografien").as_deref(), Some("mamografi"));
        let want = "Årlig mammografien, efter 5 år";
        assert_eq!(corrected(query, &corrections), want);
        let found: Found<u32> = Found::new(query, vec![1], corrections.to_vec());
        assert_eq!(found.corrected_query.as_deref(), Some(want));
        assert_eq!(
            Found::<u32>::new(query, vec![1], Vec::new()).corrected_query,
            None
        );
    }

    #[test]
    fn key_files_are_fnv_1a() {
        // FNV-1a of "a" is 0xe40c292c; search.js computes the same.
        assert_eq!(key_file("a", 1 << 31), 0xe40c_292c % (1 << 31));
        assert_eq!(key_file("p:lym", 1), 0);
    }
}
