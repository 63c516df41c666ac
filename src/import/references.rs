//! *4. Referencer* → footnote definitions `[^N]: …`, and "(1)", "(2,3)", "(4-6)" in the
//! text → footnote citations `[^1]`, with a following evidence level (`[1b]`) kept.

use super::ast::Block;
use super::convert::Converter;
use super::finding::Finding;
use super::headings::REFERENCES;
use super::inlines::Context;
use super::outline::Item;
use super::patterns::{CITATION, DECIMAL_SHAPED, ESCAPED_LEVEL, LEVEL_AFTER};
use crate::diagnostics::{codes, message};

/// The longest range a citation may span (`(4-6)`); a longer one is not a citation.
const MAX_RANGE: u32 = 30;

/// The reference numbers a citation's text names, or `None` when it is not a citation of
/// references 1..=`max`.
fn cited_numbers(list: &str, max: u32) -> Option<Vec<u32>> {
    let mut numbers = Vec::new();
    for part in list.split(',') {
        let bounds: Vec<&str> = part.split(['-', '–', '—']).map(str::trim).collect();
        match bounds.as_slice() {
            [one] => numbers.push(one.parse().ok()?),
            [from, to] => {
                let (from, to): (u32, u32) = (from.parse().ok()?, to.parse().ok()?);
                if from >= to || to - from > MAX_RANGE {
                    return None;
                }
                numbers.extend(from..=to);
            }
            _ => return None,
        }
    }
    numbers
        .iter()
        .all(|n| (1..=max).contains(n))
        .then_some(numbers)
}

/// A parenthesised list of numbers, read.
#[derive(Debug, PartialEq, Eq)]
enum Reading {
    /// Citations of these references.
    Citations(Vec<u32>),
    /// Citations of these references, or a Danish decimal number (`1,5`): kept as text.
    Ambiguous(Vec<u32>),
    /// No citation: a number beyond the list, a decimal's fraction (`1,05`), a descending
    /// or overlong range.
    Text,
}

/// Reads `list` (the text between the parentheses); `level_follows` when an evidence level
/// (`[1b]`) stands right after them, which only a citation has.
fn read(list: &str, level_follows: bool, max: u32) -> Reading {
    // A reference number never starts with 0; a decimal's fraction may (`1,05`).
    let leading_zero = list.split([',', '-', '–', '—']).any(|part| {
        let part = part.trim();
        part.len() > 1 && part.starts_with('0')
    });
    if leading_zero {
        return Reading::Text;
    }
    match cited_numbers(list, max) {
        None => Reading::Text,
        Some(numbers) if DECIMAL_SHAPED.is_match(list) && !level_follows => {
            Reading::Ambiguous(numbers)
        }
        Some(numbers) => Reading::Citations(numbers),
    }
}

/// A list kept as text because it may be a decimal number: as written, and the citations
/// it would be.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Ambiguous {
    pub(crate) written: String,
    pub(crate) numbers: Vec<u32>,
}

/// Rewrites citations and un-escapes evidence levels in a paragraph's Markdown (or a table
/// cell's HTML); gives the lists that were kept as text because they may be decimals.
pub(super) fn cite(markdown: &str, max: u32) -> (String, Vec<Ambiguous>) {
    let mut ambiguous = Vec::new();
    let cited = if max == 0 {
        markdown.to_owned()
    } else {
        CITATION
            .replace_all(markdown, |captures: &regex::Captures<'_>| {
                let written = &captures[0];
                let after = captures.get(0).map_or("", |m| &markdown[m.end()..]);
                match read(&captures[1], LEVEL_AFTER.is_match(after), max) {
                    Reading::Citations(numbers) => {
                        numbers.iter().map(|n| format!("[^{n}]")).collect()
                    }
                    Reading::Ambiguous(numbers) => {
                        ambiguous.push(Ambiguous {
                            written: written.to_owned(),
                            numbers,
                        });
                        written.to_owned()
                    }
                    Reading::Text => written.to_owned(),
                }
            })
            .into_owned()
    };
    (
        ESCAPED_LEVEL.replace_all(&cited, "[$1]").into_owned(),
        ambiguous,
    )
}

/// The number and Markdown of a reference written as `12. Text`, `12) Text` or `[12] Text`.
fn numbered(markdown: &str) -> Option<(u32, &str)> {
    if let Some(rest) = markdown.strip_prefix("\\[") {
        let (number, text) = rest.split_once("\\]")?;
        return Some((number.parse().ok()?, text.trim()));
    }
    let digits = markdown.bytes().take_while(u8::is_ascii_digit).count();
    let rest = markdown.get(digits..)?;
    let text = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !text.starts_with(' ') {
        return None;
    }
    Some((markdown[..digits].parse().ok()?, text.trim()))
}

impl Converter {
    /// [`cite`], with a finding for each list that may be a decimal number.
    pub(super) fn cite(&mut self, markdown: &str) -> String {
        let (cited, ambiguous) = cite(markdown, self.max_reference);
        for list in ambiguous {
            let as_citations: String = list.numbers.iter().map(|n| format!("[^{n}]")).collect();
            let numbers: Vec<String> = list.numbers.iter().map(u32::to_string).collect();
            self.findings.push(
                Finding::warning(
                    codes::import::AMBIGUOUS_CITATION,
                    message!(
                        "import-ambiguous-citation",
                        written = list.written.as_str(),
                        rest = numbers[..numbers.len().saturating_sub(1)].join(", "),
                        last = numbers.last().cloned().unwrap_or_default(),
                        citations = as_citations,
                    ),
                )
                .in_word(&self.place)
                .at(self.anchor()),
            );
        }
        cited
    }

    /// The highest reference number, read before any text is converted.
    pub(super) fn count_references(items: &[Item]) -> u32 {
        let mut max = 0;
        for item in items {
            match &item.block {
                Block::OrderedList((start, _, _), entries) => {
                    let last = start + entries.len() as i64 - 1;
                    max = max.max(u32::try_from(last).unwrap_or(0));
                }
                Block::Para(inlines) | Block::Plain(inlines) => {
                    let text = super::inlines::plain(inlines);
                    if let Some(c) = super::patterns::NUMBERED_REFERENCE.captures(&text) {
                        let number = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
                        max = max.max(number.parse().unwrap_or(0));
                    }
                }
                _ => {}
            }
        }
        max
    }

    pub(super) fn references(&mut self, items: &[Item]) {
        for item in items {
            match &item.block {
                Block::OrderedList((start, _, _), entries) => {
                    for (index, entry) in entries.iter().enumerate() {
                        let mut place = item.place.clone();
                        place.paragraph += index;
                        self.begin(&place);
                        let text = self.blocks(entry).replace('\n', " ");
                        self.definition(start + index as i64, &text);
                    }
                }
                Block::Para(inlines) | Block::Plain(inlines) => {
                    self.begin(&item.place);
                    let markdown = self.markdown(inlines, Context::Paragraph);
                    let markdown = markdown.trim().replace('\n', " ");
                    match numbered(&markdown) {
                        Some((number, text)) => {
                            let text = ESCAPED_LEVEL.replace_all(text, "[$1]").into_owned();
                            self.definition(i64::from(number), &text);
                        }
                        None => self.unnumbered(item),
                    }
                }
                _ => self.unnumbered(item),
            }
        }
    }

    fn definition(&mut self, number: i64, text: &str) {
        self.imported.references += 1;
        self.emit(REFERENCES, format!("[^{number}]: {}", text.trim()));
    }

    /// Text under *Referencer* that is not a numbered reference: kept, and named.
    fn unnumbered(&mut self, item: &Item) {
        self.ordinary(REFERENCES, &item.place, &item.block);
        self.findings.push(
            Finding::warning(
                codes::import::REFERENCE_UNNUMBERED,
                message!("import-reference-unnumbered"),
            )
            .in_word(&item.place)
            .at(self.anchor()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Markdown of `cite`, when nothing was ambiguous.
    fn cited(markdown: &str, max: u32) -> String {
        let (cited, ambiguous) = cite(markdown, max);
        assert_eq!(ambiguous, [], "{markdown}");
        cited
    }

    #[test]
    fn citations() {
        assert_eq!(cited("vist (1).", 9), "vist [^1].");
        assert_eq!(cited("vist (2,3) \\[1b\\]", 9), "vist [^2][^3] [1b]");
        assert_eq!(cited("vist (4-6)", 9), "vist [^4][^5][^6]");
        assert_eq!(cited("vist (2, 5–6)", 9), "vist [^2][^5][^6]");
        assert_eq!(cited("vist (2,3,5)", 9), "vist [^2][^3][^5]");
        // In a table cell's HTML the level is not escaped.
        assert_eq!(cited("CT (1,2) [2b]", 9), "CT [^1][^2] [2b]");
        // Not citations: beyond the list, a descending range, no reference list.
        assert_eq!(cited("fase (12)", 9), "fase (12)");
        assert_eq!(cited("(6-4)", 9), "(6-4)");
        assert_eq!(cited("(1)", 0), "(1)");
    }

    #[test]
    fn danish_decimals_are_never_read_as_citations() {
        // Certain: a unit in the parentheses, a decimal outside them, a fraction with a
        // leading zero, an interval that ends below where it starts.
        for text in [
            "en knude (1,5 cm)",
            "dosis 1,5 mg/kg",
            "HR (1,05)",
            "HR 0,8 (0,6-0,9)",
            "RR 1,4 (1,2-1,9)",
            "(1,5%)",
        ] {
            assert_eq!(cited(text, 30), text);
        }
        // Either: kept as text, and told.
        let (text, ambiguous) = cite("øget risiko (1,5) og (1,2-4,5) og (2,3).", 30);
        assert_eq!(text, "øget risiko (1,5) og (1,2-4,5) og (2,3).");
        assert_eq!(
            ambiguous,
            [
                Ambiguous {
                    written: "(1,5)".to_owned(),
                    numbers: vec![1, 5]
                },
                Ambiguous {
                    written: "(1,2-4,5)".to_owned(),
                    numbers: vec![1, 2, 3, 4, 5]
                },
                Ambiguous {
                    written: "(2,3)".to_owned(),
                    numbers: vec![2, 3]
                },
            ]
        );
        // Beyond a short list it is no citation at all, so nothing to tell.
        assert_eq!(cited("øget risiko (1,5)", 3), "øget risiko (1,5)");
    }

    #[test]
    fn numbered_references() {
        assert_eq!(numbered("12. Cheson BD"), Some((12, "Cheson BD")));
        assert_eq!(numbered("\\[3\\] Cheson"), Some((3, "Cheson")));
        assert_eq!(numbered("2024 var"), None);
    }
}
