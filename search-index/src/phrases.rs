//! Multi-word synonyms ("ikke-småcellet lungekræft" = "NSCLC"): each phrase of a synonym group
//! is one term, its words' forms joined by a space (`ikk smacel lungekreft`), made wherever
//! the phrase stands in a text (besides the words' own terms) and wherever a query says it
//! (instead of the words' terms). Neither index needs word positions for that, and a phrase
//! is one more term, found and fetched like any other (FORMAT.md, "Phrases").
//!
//! A phrase's words are compared by their forms (lower case, stem, fold), stop words
//! included: "ikke" is what tells non-small-cell from small-cell lung cancer. Phrases are
//! matched from the left, the longest first, and never overlap, so "ikke-småcellet
//! lungekræft" is that phrase and not also "småcellet lungekræft".

use std::collections::HashMap;

use crate::analyzer::{form, term, word_spans};

/// What joins the words of a phrase's term.
pub(crate) const SEPARATOR: char = ' ';
/// A phrase has at most this many words (a synonym file says so when one has more).
pub const MAX_PHRASE_WORDS: usize = 6;

/// Whether `c` may stand between two words of a phrase: spaces and hyphens. Anything else (a
/// full stop, a comma, a slash) ends it: "… ikke. Småcellet lungekræft …" holds the phrase
/// "småcellet lungekræft", not "ikke-småcellet lungekræft".
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{a0}' | '\u{202f}' | '-' | '\u{2010}' | '\u{2011}'
    )
}

/// Whether the text between two words joins them into a phrase.
pub(crate) fn joins(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(is_joiner)
}

/// The phrases of a synonym list, as sequences of word-form ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phrases {
    /// Every word form of a phrase → its id.
    forms: HashMap<String, u16>,
    /// Each phrase's word-form ids and its term, the longest first: the first phrase that
    /// matches at a place is the longest that does.
    phrases: Vec<(Vec<u16>, String)>,
}

impl Phrases {
    /// The phrases among `terms`: those with a [`SEPARATOR`].
    pub fn of_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut out = Self::default();
        for phrase in terms.into_iter().filter(|t| t.contains(SEPARATOR)) {
            let mut ids = Vec::new();
            for word in phrase.split(SEPARATOR) {
                let next = out.forms.len() as u16;
                ids.push(*out.forms.entry(word.to_owned()).or_insert(next));
            }
            out.phrases.push((ids, phrase.to_owned()));
        }
        // Longest first; then by term, so the order does not depend on the file's.
        out.phrases
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.1.cmp(&b.1)));
        out
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The phrases' terms.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().map(|(_, term)| term.as_str())
    }

    /// The id of a word form that is a word of some phrase.
    pub fn form_id(&self, form: &str) -> Option<u16> {
        self.forms.get(form).copied()
    }

    /// Whether some phrase has all its words among the forms `has` says a text has (a
    /// cheap test before looking for phrases in it).
    pub fn may_occur(&self, has: impl Fn(u16) -> bool) -> bool {
        self.phrases
            .iter()
            .any(|(ids, _)| ids.iter().all(|&id| has(id)))
    }

    /// The longest phrase at the start of `words`: its index (in [`Self::terms`] order) and
    /// length. `words[i]` is word i's form id (`None`: in no phrase), `joined[i]` whether
    /// words i and i + 1 are joined only by spaces and hyphens.
    fn match_at(&self, words: &[Option<u16>], joined: &[bool]) -> Option<(usize, usize)> {
        words.first()?.as_ref()?;
        self.phrases.iter().enumerate().find_map(|(k, (ids, _))| {
            let n = ids.len();
            let hit = words.len() >= n
                && words.iter().zip(ids).all(|(w, id)| *w == Some(*id))
                && joined.iter().take(n - 1).all(|&j| j);
            hit.then_some((k, n))
        })
    }

    /// Calls `found` with the index of each phrase in a text's words (as
    /// `match_at` takes them), from the left, the longest at each place, none
    /// overlapping another.
    pub fn scan(&self, words: &[Option<u16>], joined: &[bool], mut found: impl FnMut(usize)) {
        let mut i = 0;
        while i < words.len() {
            match self.match_at(&words[i..], joined.get(i..).unwrap_or_default()) {
                Some((k, n)) => {
                    found(k);
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    /// The term of phrase `k` (an index `scan` gives).
    pub fn term(&self, k: usize) -> &str {
        &self.phrases[k].1
    }

    /// The query analyzer: the terms of `text`, each phrase as its one term in place of its
    /// words' terms.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        let spans: Vec<std::ops::Range<usize>> = word_spans(text).collect();
        if self.is_empty() {
            return spans.into_iter().filter_map(|s| term(&text[s])).collect();
        }
        let words: Vec<Option<u16>> = spans
            .iter()
            .map(|s| form(&text[s.clone()]).and_then(|f| self.form_id(&f)))
            .collect();
        let joined = joined(text, &spans);
        let mut terms = Vec::new();
        let mut i = 0;
        while i < spans.len() {
            if let Some((k, n)) = self.match_at(&words[i..], &joined[i..]) {
                terms.push(self.phrases[k].1.clone());
                i += n;
            } else {
                terms.extend(term(&text[spans[i].clone()]));
                i += 1;
            }
        }
        terms
    }
}

/// For each word span but the last, whether it and the next are joined into a phrase.
pub(crate) fn joined(text: &str, spans: &[std::ops::Range<usize>]) -> Vec<bool> {
    spans
        .windows(2)
        .map(|w| joins(&text[w[0].end..w[1].start]))
        .collect()
}

/// A synonym file's entry of more than one word → its phrase term, or why it cannot be one.
pub(crate) fn phrase_term(entry: &str) -> Result<String, PhraseProblem> {
    let spans: Vec<std::ops::Range<usize>> = word_spans(entry).collect();
    if let Some(gap) = joined(entry, &spans)
        .iter()
        .zip(spans.windows(2))
        .find(|(j, _)| !**j)
        .map(|(_, w)| &entry[w[0].end..w[1].start])
    {
        return Err(PhraseProblem::Splits(gap.trim().to_owned()));
    }
    if spans.len() > MAX_PHRASE_WORDS {
        return Err(PhraseProblem::TooLong(spans.len()));
    }
    if spans.iter().all(|s| term(&entry[s.clone()]).is_none()) {
        return Err(PhraseProblem::OnlyStopWords);
    }
    let forms: Option<Vec<String>> = spans.iter().map(|s| form(&entry[s.clone()])).collect();
    forms
        .map(|forms| forms.join(&SEPARATOR.to_string()))
        .ok_or(PhraseProblem::WordWithoutLetters)
}

/// Why an entry of several words is not a phrase the index can match.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhraseProblem {
    /// The words are joined by something else than spaces or hyphens (the text between).
    #[error(
        "splits into words at {0:?}: the words of a phrase are joined by spaces or hyphens \
         only (search matches the phrase only where the text joins its words so)"
    )]
    Splits(String),
    /// More words than a phrase may have (how many).
    #[error("has {0} words: a phrase has at most {MAX_PHRASE_WORDS}")]
    TooLong(usize),
    /// Every word is a stop word.
    #[error("has only stop words")]
    OnlyStopWords,
    /// A word has no letters or digits.
    #[error("has a word with no letters")]
    WordWithoutLetters,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(entries: &[&str]) -> Phrases {
        let terms: Vec<String> = entries.iter().map(|e| phrase_term(e).unwrap()).collect();
        Phrases::of_terms(terms.iter().map(String::as_str))
    }

    #[test]
    fn a_phrase_is_one_term_of_its_words_forms_stop_words_included() {
        assert_eq!(
            phrase_term("Ikke-småcellet lungekræft").unwrap(),
            "ikk smacel lungekreft"
        );
        assert_eq!(
            phrase_term("ikke  småcellet-lungekraeft").unwrap(),
            "ikk smacel lungekreft"
        );
        assert_eq!(phrase_term("ER-positiv").unwrap(), "er positiv");
    }

    #[test]
    fn odd_phrases_are_refused_with_the_reason() {
        let err = |e: &str| phrase_term(e).unwrap_err().to_string();
        assert!(err("PET/CT").contains("at \"/\""), "{}", err("PET/CT"));
        assert!(err("lunge, kræft").contains("at \",\""));
        assert!(err("en to tre fire fem seks syv").contains("at most 6"));
        assert!(err("ikke og").contains("only stop words"));
    }

    /// "ikke-småcellet lungekræft" is that phrase only; "småcellet lungekræft" alone, or
    /// after "ikke" across a full stop, is the other.
    #[test]
    fn the_longest_phrase_from_the_left_wins_and_phrases_do_not_overlap() {
        let p = phrases(&["småcellet lungekræft", "ikke-småcellet lungekræft"]);
        let nsclc = "ikk smacel lungekreft";
        let sclc = "smacel lungekreft";
        assert_eq!(p.analyze("Ikke-småcellet lungekræft"), [nsclc]);
        assert_eq!(p.analyze("ikke småcellet lungekræft"), [nsclc]);
        assert_eq!(p.analyze("småcellet lungekræft"), [sclc]);
        assert_eq!(
            p.analyze("behandling af småcellet lungekræft"),
            ["behandling", sclc]
        );
        assert_eq!(
            p.analyze("Det er det ikke. Småcellet lungekræft"),
            ["smacel lungekreft"]
        );
        // Not joined, or not all there: the words' own terms.
        assert_eq!(p.analyze("småcellet, lungekræft"), ["smacel", "lungekreft"]);
        assert_eq!(p.analyze("småcellet"), ["smacel"]);
        assert_eq!(p.analyze("ikke småcellet"), ["smacel"]);
        assert_eq!(Phrases::default().analyze("ikke småcellet"), ["smacel"]);
    }

    #[test]
    fn a_scan_finds_each_phrase_of_a_texts_words() {
        let p = phrases(&["småcellet lungekræft", "ikke-småcellet lungekræft"]);
        let text = "Ikke-småcellet lungekræft og småcellet lungekræft; ikke småcellet. Lungekræft";
        let spans: Vec<_> = word_spans(text).collect();
        let words: Vec<Option<u16>> = spans
            .iter()
            .map(|s| p.form_id(&form(&text[s.clone()]).unwrap()))
            .collect();
        let mut found = Vec::new();
        p.scan(&words, &joined(text, &spans), |k| found.push(p.term(k)));
        assert_eq!(found, ["ikk smacel lungekreft", "smacel lungekreft"]);
        assert!(p.may_occur(|id| words.contains(&Some(id))));
        assert!(!p.may_occur(|_| false));
    }
}
