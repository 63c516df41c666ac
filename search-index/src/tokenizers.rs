//! The tantivy tokenizers: the Danish analyzer, for snippets, and the one that indexes the
//! terms `TermStats` has already analyzed.

use std::sync::Arc;

use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::TermStats;
use crate::analyzer::{WordSpans, term, word_spans};
use crate::term_stats::{DocTermsIter, INDEXED_FIELDS, PHRASE_FILLER};

/// The Danish analyzer, for snippets.
pub(crate) const TOKENIZER: &str = "retning_da";
/// The tokenizers of the title and the text field and of their phrases (`INDEXED_FIELDS`):
/// each reads a doc's terms, already analyzed, from the build's [`TermStats`].
pub(crate) const FIELD_TOKENIZERS: [&str; INDEXED_FIELDS] = [
    "retning_title_terms",
    "retning_text_terms",
    "retning_title_phrases",
    "retning_text_phrases",
];

/// The analyzer as a tantivy tokenizer, for snippets: they mark the words of a doc's text
/// whose terms the query has.
#[derive(Clone, Default)]
pub(crate) struct DanishTokenizer;

impl Tokenizer for DanishTokenizer {
    type TokenStream<'a> = DanishTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DanishTokenStream {
            text,
            words: word_spans(text),
            token: Token::default(),
            next_position: 0,
        }
    }
}

/// The terms of one text, one reused token at a time (no allocation per word).
pub(crate) struct DanishTokenStream<'a> {
    text: &'a str,
    words: WordSpans<'a>,
    token: Token,
    next_position: usize,
}

impl TokenStream for DanishTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for span in self.words.by_ref() {
            let Some(term) = term(&self.text[span.clone()]) else {
                continue;
            };
            self.token.text.clear();
            self.token.text.push_str(&term);
            self.token.offset_from = span.start;
            self.token.offset_to = span.end;
            self.token.position = self.next_position;
            self.token.position_length = 1;
            self.next_position += 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Indexes one field of a doc with the terms [`TermStats`] holds for it: the field's text is
/// the doc's id, and the stream gives each term as often as the field has it. Nothing is
/// split or analyzed twice, and no text of terms is built just to be split again.
#[derive(Clone)]
pub(crate) struct DocTermsTokenizer {
    stats: Arc<TermStats>,
    /// 0 the title field, 1 the text field, 2 and 3 their phrases.
    field: usize,
    /// The token each stream fills, kept from doc to doc so that its text is allocated once
    /// per indexing thread, not once per doc and field.
    token: Token,
}

impl Tokenizer for DocTermsTokenizer {
    type TokenStream<'a> = DocTermsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let doc = text
            .parse::<usize>()
            .ok()
            .filter(|&doc| doc < self.stats.doc_count());
        // A text that is no doc's id has no terms (the doc past the last has none).
        let terms = self.stats.doc_terms(doc.unwrap_or(usize::MAX));
        self.token.reset();
        // A phrase field starts with its filler, in every doc.
        let filler = self.field >= 2 && self.stats.phrase_fields() && doc.is_some();
        // The field's tokens but the filler: once they are all given, the rest of the doc's
        // terms need not be read (a doc with no phrase, most docs, reads none of them for its
        // phrase fields).
        let left = doc.map_or(0, |doc| {
            self.stats
                .field_length(doc, self.field)
                .saturating_sub(u32::from(filler))
        });
        DocTermsStream {
            stats: &self.stats,
            field: self.field,
            terms,
            repeats: 0,
            left,
            filler,
            token: &mut self.token,
        }
    }
}

pub(crate) struct DocTermsStream<'a> {
    stats: &'a TermStats,
    field: usize,
    terms: DocTermsIter<'a>,
    /// How many more times the current term occurs.
    repeats: u32,
    /// How many tokens of the field's terms are still to come (`TermStats::field_length`).
    left: u32,
    /// Whether [`PHRASE_FILLER`] is yet to come.
    filler: bool,
    token: &'a mut Token,
}

impl TokenStream for DocTermsStream<'_> {
    fn advance(&mut self) -> bool {
        if self.filler {
            self.filler = false;
            self.token.text.clear();
            self.token.text.push_str(PHRASE_FILLER);
            self.repeats = 1;
        } else if self.repeats == 0 {
            if self.left == 0 {
                return false;
            }
            // The next term the field has; its text is copied once, not once per occurrence.
            let (stats, field) = (self.stats, self.field);
            let Some((id, count)) = self
                .terms
                .by_ref()
                .filter(|&(id, _)| stats.slot(id, field % 2) == field)
                .map(|(id, counts)| (id, counts[field % 2]))
                .find(|&(_, count)| count > 0)
            else {
                return false;
            };
            self.token.text.clear();
            self.token.text.push_str(self.stats.term(id));
            self.repeats = count;
            self.left = self.left.saturating_sub(count);
        }
        self.repeats -= 1;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Registers the Danish analyzer with `index`, for snippets.
pub(crate) fn register(index: &Index) {
    index.tokenizers().register(TOKENIZER, DanishTokenizer);
}

/// Registers the field tokenizers that index the terms of `stats`, for a build.
pub(crate) fn register_doc_terms(index: &Index, stats: &Arc<TermStats>) {
    for (field, name) in FIELD_TOKENIZERS.into_iter().enumerate() {
        let tokenizer = DocTermsTokenizer {
            stats: Arc::clone(stats),
            field,
            token: Token::default(),
        };
        index.tokenizers().register(name, tokenizer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IndexDoc;

    /// Each field's tokens are the analyzer's terms of that field, each as often as it has
    /// them; a text that is no doc's id has none.
    #[test]
    fn doc_terms_are_the_analyzers_terms_of_each_field() {
        let doc = |title: &str, text: &str| IndexDoc {
            url: String::new(),
            guideline: "Brystkræft".to_owned(),
            guideline_url: String::new(),
            group: "dbcg".to_owned(),
            kind: crate::DocKind::Section,
            title: title.to_owned(),
            strength: None,
            strength_class: None,
            text: text.to_owned(),
            keywords: Vec::new(),
        };
        let docs = vec![
            doc(
                "Kemoterapi",
                "Behandling og behandlingen; ØSTROGEN, østrogen og 5-FU.",
            ),
            doc(
                "Opfølgning",
                "Ingen kemoterapi i opfølgningen, kemoterapi før.",
            ),
        ];
        let stats = Arc::new(TermStats::of(&docs));
        for (id, d) in docs.iter().enumerate() {
            for (field, text) in [d.title_field(), d.text.clone()].into_iter().enumerate() {
                let mut tokenizer = DocTermsTokenizer {
                    stats: Arc::clone(&stats),
                    field,
                    token: Token::default(),
                };
                let key = id.to_string();
                let mut stream = tokenizer.token_stream(&key);
                let mut tokens = Vec::new();
                while stream.advance() {
                    tokens.push(stream.token().text.clone());
                }
                let mut expected = crate::analyzer::analyze(&text);
                expected.sort_unstable();
                let mut sorted = tokens.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, expected, "doc {id}, field {field}");
                // A term's occurrences come together.
                let mut runs = tokens.clone();
                runs.dedup();
                let mut distinct = sorted;
                distinct.dedup();
                assert_eq!(runs.len(), distinct.len());
            }
        }
        let mut tokenizer = DocTermsTokenizer {
            stats,
            field: 1,
            token: Token::default(),
        };
        assert!(!tokenizer.token_stream("2").advance());
        assert!(!tokenizer.token_stream("kemoterapi").advance());
    }
}
