//! The tantivy tokenizers: the Danish analyzer, for snippets, and the splitter of the terms
//! `TermStats` has already analyzed, for indexing.

use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::analyzer::{WordSpans, term, word_spans};

/// The Danish analyzer (snippets; also the fields' tokenizer in indexes written before the
/// fields held terms, so those still open).
pub const TOKENIZER: &str = "retning_da";
/// The title and text fields hold their terms, already analyzed
/// ([`TermStats`](crate::TermStats)), separated by spaces: indexing splits them and nothing
/// more.
pub const TERMS_TOKENIZER: &str = "retning_terms";

/// The analyzer as a tantivy tokenizer, for snippets: they mark the words of a doc's text
/// whose terms the query has.
#[derive(Clone, Default)]
pub struct DanishTokenizer;

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
pub struct DanishTokenStream<'a> {
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

/// Splits a field's terms ([`TermStats::field_terms`](crate::TermStats::field_terms)) at
/// their spaces and does nothing else: the terms are analyzed already, and hold no spaces.
#[derive(Clone, Default)]
pub struct TermsTokenizer;

impl Tokenizer for TermsTokenizer {
    type TokenStream<'a> = TermsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TermsTokenStream {
            text,
            at: 0,
            token: Token::default(),
        }
    }
}

pub struct TermsTokenStream<'a> {
    text: &'a str,
    /// Where the next term starts, or a space before it.
    at: usize,
    token: Token,
}

impl TokenStream for TermsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        // Terms are a few bytes long: a plain loop beats `memchr` here.
        let Some(start) = (self.at..bytes.len()).find(|&i| bytes[i] != b' ') else {
            self.at = bytes.len();
            return false;
        };
        let end = (start..bytes.len())
            .find(|&i| bytes[i] == b' ')
            .unwrap_or(bytes.len());
        // Both ends are at a space or an end of the text: character boundaries.
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        self.at = end;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Registers both tokenizers with `index`, under the names its schema uses.
pub fn register(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(TERMS_TOKENIZER, TermsTokenizer);
    tokenizers.register(TOKENIZER, DanishTokenizer);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terms_tokenizer_splits_at_spaces_only() {
        let mut tokenizer = TermsTokenizer;
        let mut stream = tokenizer.token_stream("  behandl  oestrog 5 fu² ");
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            tokens.push((token.text.clone(), token.offset_from, token.position));
        }
        let expected = [
            ("behandl", 2, 0),
            ("oestrog", 11, 1),
            ("5", 19, 2),
            ("fu²", 21, 3),
        ];
        let expected: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|&(text, from, position)| (text.to_owned(), from, position))
            .collect();
        assert_eq!(tokens, expected);
        assert!(!TermsTokenizer.token_stream("   ").advance());
    }
}
