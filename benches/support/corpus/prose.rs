//! The prose of a guideline: words with a long-tailed frequency, sentences, and paragraphs
//! that cite the references.

use std::fmt::Write as _;

use super::capitalize;
use super::writer::Writer;
use crate::support::words::*;

impl Writer<'_> {
    pub(super) fn acronym(&mut self) -> String {
        let len = self.rng.range(3, 8);
        let mut s: String = (0..len)
            .map(|_| (b'A' + self.rng.below(26) as u8) as char)
            .collect();
        if self.rng.chance(0.3) {
            let _ = write!(s, "-{}", self.rng.range(1, 999));
        }
        s
    }

    pub(super) fn compound(&mut self) -> String {
        let head = *self.rng.zipf(HEADS);
        let middle = *self.rng.zipf(MIDDLES);
        let tail = *self.rng.zipf(TAILS);
        format!("{head}{middle}{tail}")
    }

    pub(super) fn word(&mut self) -> String {
        let r = self.rng.f64();
        if r < 0.36 {
            self.rng.zipf(FUNCTION).to_string()
        } else if r < 0.56 {
            self.rng.zipf(NOUNS).to_string()
        } else if r < 0.69 {
            self.compound()
        } else if r < 0.79 {
            self.rng.zipf(VERBS).to_string()
        } else if r < 0.91 {
            self.rng.zipf(ADJECTIVES).to_string()
        } else if r < 0.945 {
            self.rng.zipf(DRUGS).to_string()
        } else if r < 0.985 {
            self.number()
        } else {
            self.rare()
        }
    }

    /// The long tail: study acronyms and made-up rare words.
    pub(super) fn rare(&mut self) -> String {
        if self.rng.chance(0.4) {
            return self.acronym();
        }
        const SYLLABLES: &[&str] = &[
            "ka", "ro", "ste", "vin", "lø", "bæ", "mor", "tå", "sen", "dri", "ku", "pla", "fi",
            "gen", "ær", "ul", "sko", "trø", "ner", "al",
        ];
        (0..self.rng.range(3, 6))
            .map(|_| *self.rng.pick(SYLLABLES))
            .collect()
    }

    pub(super) fn number(&mut self) -> String {
        match self.rng.below(6) {
            0 => format!("{},{} %", self.rng.range(1, 99), self.rng.below(10)),
            1 => self.rng.range(1990, 2024).to_string(),
            2 => format!("0,{:02}", self.rng.range(1, 99)),
            3 => format!("{}–{}", self.rng.range(1, 5), self.rng.range(6, 12)),
            4 => format!("n = {}", self.rng.range(20, 4000)),
            _ => self.rng.range(2, 100).to_string(),
        }
    }

    /// One sentence of `lo..=hi` words, capitalised, with a full stop.
    pub(super) fn sentence(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        let mut s = String::new();
        for i in 0..n {
            let w = self.word();
            if i == 0 {
                s.push_str(&capitalize(&w));
            } else {
                s.push(' ');
                s.push_str(&w);
            }
            if i + 1 < n && i > 2 && self.rng.chance(0.07) {
                s.push(',');
            }
        }
        s.push('.');
        s
    }

    /// Paragraphs of about `words` words in total, without citations.
    pub(super) fn paragraphs(&mut self, words: usize) {
        self.cited_paragraphs(words, &[], &[]);
    }

    /// Paragraphs of about `words` words in total; the sentences cite `keys` (each at least
    /// once, in order) and now and then any of `all`.
    pub(super) fn cited_paragraphs(&mut self, words: usize, keys: &[&str], all: &[&str]) {
        let words = words.max(20);
        let mut written = 0;
        let mut pending = keys.iter();
        let per_sentence_cite = if keys.is_empty() {
            0.0
        } else {
            // Spread this topic's citations over its sentences.
            (keys.len() as f64 * 20.0 / words as f64).min(0.9)
        };
        while written < words {
            let mut paragraph_words = 0;
            let target = self.rng.range(50, 140).min(words - written).max(12);
            while paragraph_words < target {
                let sentence = self.sentence(8, 26);
                paragraph_words += sentence.split_whitespace().count();
                let cite = if self.rng.chance(per_sentence_cite) {
                    pending.next().copied()
                } else if !all.is_empty() && self.rng.chance(0.08) {
                    Some(*self.rng.pick(all))
                } else {
                    None
                };
                match cite {
                    Some(key) => {
                        let body = sentence.trim_end_matches('.');
                        self.out.push_str(body);
                        let _ = write!(self.out, " [^{key}]");
                        if self.rng.chance(0.75) {
                            let level = *self
                                .rng
                                .pick(&["1a", "1b", "1b", "2a", "2b", "2b", "3b", "4", "5"]);
                            let space = if self.rng.chance(0.9) { " " } else { "" };
                            let _ = write!(self.out, "{space}[{level}]");
                        }
                        self.out.push_str(". ");
                    }
                    None => {
                        self.out.push_str(&sentence);
                        self.out.push(' ');
                    }
                }
            }
            written += paragraph_words;
            // Trailing space off, blank line after.
            let trimmed = self.out.trim_end().len();
            self.out.truncate(trimmed);
            self.out.push_str("\n\n");
        }
        // Whatever was not cited yet gets a closing sentence, so every reference is used.
        let rest: Vec<&str> = pending.copied().collect();
        if !rest.is_empty() {
            let sentence = self.sentence(8, 16);
            self.out.push_str(sentence.trim_end_matches('.'));
            for key in rest {
                let _ = write!(self.out, " [^{key}]");
            }
            self.out.push_str(".\n\n");
        }
    }
}
