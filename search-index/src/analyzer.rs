//! The one Danish analyzer every index and every query uses (see FORMAT.md, "The analyzer"):
//! words → lower case → stop words out → Snowball Danish stem → å/æ/ø spelled out.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The Snowball Danish stop word list (also written into the static meta file, so the
/// browser drops exactly the same words).
pub(crate) const STOPWORDS: &[&str] = &[
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af",
    "for", "ikke", "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde",
    "ham", "hun", "nu", "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans",
    "hvor", "eller", "hvad", "skal", "selv", "her", "alle", "vil", "blev", "kunne", "ind", "når",
    "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle", "denne", "end",
    "dette", "mit", "også", "under", "have", "dig", "anden", "hende", "mine", "alt", "meget",
    "sit", "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad",
    "bliver", "hendes", "været", "thi", "jer", "sådan",
];

/// A term and where its word stands in the text (byte offsets), for snippets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnalyzedWord {
    pub term: String,
    pub start: usize,
    pub end: usize,
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Danish))
}

/// The words of `text` as byte ranges: maximal runs of alphanumeric characters (FORMAT.md,
/// "The analyzer", step 1).
pub(crate) fn word_spans(text: &str) -> WordSpans<'_> {
    WordSpans { text, at: 0 }
}

/// The iterator [`word_spans`] returns. It runs over ASCII with a table, a byte at a time in
/// a tight loop, and decodes only other characters: every word of every build passes
/// through it.
pub(crate) struct WordSpans<'a> {
    text: &'a str,
    /// The byte where the next search starts (always a character boundary).
    at: usize,
}

/// What a byte of UTF-8 text says about the character it starts or continues.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// An ASCII letter or digit.
    Word,
    /// Any other ASCII character.
    Gap,
    /// A byte of a character beyond ASCII, to be decoded.
    Other,
}

const BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::Other; 256];
    let mut byte = 0;
    while byte < 0x80 {
        table[byte] = if (byte as u8).is_ascii_alphanumeric() {
            ByteClass::Word
        } else {
            ByteClass::Gap
        };
        byte += 1;
    }
    table
};

impl WordSpans<'_> {
    /// Moves `at` past the bytes of class `class` (ASCII only) and returns the class of the
    /// byte it stops at, `None` at the end of the text.
    fn skip(&mut self, class: ByteClass) -> Option<ByteClass> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let stop = rest
            .iter()
            .position(|&b| BYTE_CLASS[usize::from(b)] != class)
            .unwrap_or(rest.len());
        self.at += stop;
        rest.get(stop).map(|&b| BYTE_CLASS[usize::from(b)])
    }

    /// Whether the non-ASCII character at byte `at` is alphanumeric, and its length in bytes.
    fn other_at(&self) -> Option<(bool, usize)> {
        let c = self.text.get(self.at..)?.chars().next()?;
        // Latin-1's letters (æ, ø, å, é, ü, …: every character from À to ÿ but × and ÷) are
        // most of the non-ASCII text here; `is_alphanumeric` looks each up in Unicode's tables.
        let alphanumeric = match c {
            '×' | '÷' => false,
            'À'..='ÿ' => true,
            c => c.is_alphanumeric(),
        };
        Some((alphanumeric, c.len_utf8()))
    }
}

impl Iterator for WordSpans<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        // Past the characters between words.
        let start = loop {
            match self.skip(ByteClass::Gap)? {
                ByteClass::Word => break self.at,
                _ => match self.other_at()? {
                    (true, _) => break self.at,
                    (false, len) => self.at += len,
                },
            }
        };
        // Through the word's characters.
        while let Some(ByteClass::Other) = self.skip(ByteClass::Word) {
            match self.other_at() {
                Some((true, len)) => self.at += len,
                _ => break,
            }
        }
        Some(start..self.at)
    }
}

/// Splits and analyzes `text` into terms with their positions in `text`.
pub(crate) fn analyze_with_offsets(text: &str) -> Vec<AnalyzedWord> {
    word_spans(text)
        .filter_map(|span| {
            term(&text[span.clone()]).map(|term| AnalyzedWord {
                term,
                start: span.start,
                end: span.end,
            })
        })
        .collect()
}

/// The terms of `text`, in order.
pub(crate) fn analyze(text: &str) -> Vec<String> {
    analyze_with_offsets(text)
        .into_iter()
        .map(|w| w.term)
        .collect()
}

/// One word → its term, or `None` for a stop word.
pub(crate) fn term(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if STOPWORDS.contains(&lower.as_str()) {
        return None;
    }
    form_of_lower(&lower)
}

/// One word → its term even when it is a stop word: what a word of a phrase is compared by
/// ("ikke" in "ikke-småcellet lungekræft" matters), see [`crate::phrases`].
pub(crate) fn form(word: &str) -> Option<String> {
    form_of_lower(&word.to_lowercase())
}

/// [`form`] of a word already in lower case.
pub(crate) fn form_of_lower(lower: &str) -> Option<String> {
    let stem = stemmer().stem(lower);
    let folded = fold(&stem);
    (!folded.is_empty()).then_some(folded)
}

/// The Snowball stem of a lower-case word, before folding (for the JavaScript parity check).
pub fn stem(lower: &str) -> String {
    stemmer().stem(lower).into_owned()
}

/// Folds a stem to the spelling every keyboard can type (FORMAT.md, "The analyzer", step 5):
/// `å`→`a`, `æ`/`ä`→`e`, `ø`/`ö`→`o`, `ü`→`u`, and the ASCII spellings of the Danish letters
/// `aa`→`a`, `ae`→`e`, `oe`→`o`, in one pass from the left; other accents removed. So
/// "brystkræft", "brystkraeft" and "brystkreft" meet, and so do "østrogen", "oestrogen" and
/// "ostrogen". The price: a few words that differ only there ("mål", "mal") meet too.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('a', Some('a')) | ('o', Some('e')) => {
                chars.next();
                out.push(c);
            }
            ('a', Some('e')) => {
                chars.next();
                out.push('e');
            }
            ('å', _) => out.push('a'),
            ('æ' | 'ä', _) => out.push('e'),
            ('ø' | 'ö', _) => out.push('o'),
            ('ü', _) => out.push('u'),
            (c, _) if c.is_ascii() => out.push(c),
            (c, _) => out.extend(c.to_string().nfd().filter(|c| !is_combining_mark(*c))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_and_spellings_without_danish_letters_meet() {
        assert_eq!(term("Behandlingerne"), term("behandling"));
        assert_eq!(term("kemoterapien"), term("kemoterapi"));
        assert_eq!(term("Strålebehandlingen"), term("straalebehandling"));
        assert_eq!(term("ØSTROGEN"), term("oestrogen"));
        assert_eq!(term("østrogen").as_deref(), Some("ostrog"));
        assert_eq!(term("og"), None);
        assert_eq!(fold("café"), "cafe");
    }

    /// A foreign keyboard's bare letters meet the Danish ones and their ASCII spellings, in
    /// both directions.
    #[test]
    fn danish_letters_typed_bare_or_spelled_out_meet() {
        for (danish, spellings) in [
            ("brystkræft", ["brystkraeft", "brystkreft"]),
            ("lymfødem", ["lymfoedem", "lymfodem"]),
            (
                "strålebehandling",
                ["straalebehandling", "stralebehandling"],
            ),
            ("hæmatologi", ["haematologi", "hematologi"]),
            ("opfølgning", ["opfoelgning", "opfolgning"]),
        ] {
            for spelling in spellings {
                assert_eq!(term(danish), term(spelling), "{danish} / {spelling}");
            }
        }
        // One pass from the left: "aae" is "aa" + "e", as "åe" is.
        assert_eq!(fold("aae"), fold("åe"));
        assert_eq!(fold("aæ"), "ae");
        assert_eq!(fold("Ü"), "U");
    }

    #[test]
    fn offsets_point_at_the_words() {
        let text = "Knoglemarv, ved lymfom!";
        let words = analyze_with_offsets(text);
        let spans: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(spans, ["Knoglemarv", "ved", "lymfom"]);
        let spans: Vec<&str> = word_spans("m² på 5-FU").map(|r| &"m² på 5-FU"[r]).collect();
        assert_eq!(spans, ["m²", "på", "5", "FU"]);
        assert_eq!(word_spans(" ,.").count(), 0);
        let text = "Æble-ø,å\u{a0}x²½ 😀ü";
        let spans: Vec<&str> = word_spans(text).map(|r| &text[r]).collect();
        assert_eq!(spans, ["Æble", "ø", "å", "x²½", "ü"]);
    }

    /// The Latin-1 shortcut in `class_at` agrees with `char::is_alphanumeric` for every
    /// character from U+0080 to U+017F.
    #[test]
    fn latin_1_letters_are_alphanumeric_as_unicode_says() {
        for c in '\u{80}'..='\u{17f}' {
            let text = format!("a{c}b");
            let words = word_spans(&text).count();
            assert_eq!(
                words == 1,
                c.is_alphanumeric(),
                "{c:?} (U+{:04X})",
                c as u32
            );
        }
    }

    #[test]
    fn word_spans_are_the_runs_of_alphanumeric_characters() {
        let pieces = [
            " ", "-", "\u{a0}", "æ", "Ø", "å", "x", "7", "²", "–", "😀", "é", "\n", "×", "÷", "ÿ",
            "À", "µ", "Ā",
        ];
        let mut rng = fastrand::Rng::with_seed(3);
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..8 {
                text.push_str(pieces[rng.usize(..pieces.len())]);
            }
            let spans: Vec<&str> = word_spans(&text).map(|r| &text[r]).collect();
            let by_definition: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(spans, by_definition, "{text:?}");
        }
    }
}
