//! *4. Referencer* → footnote definitions `[^N]: …`, and "(1)", "(2,3)", "(4-6)" in the
//! text → footnote citations `[^1]`, with a following evidence level (`[1b]`) kept.

use super::ast::Block;
use super::convert::Converter;
use super::finding::Finding;
use super::headings::REFERENCES;
use super::inlines::Context;
use super::outline::Item;
use super::patterns::{CITATION, ESCAPED_LEVEL};
use crate::diagnostics::codes;

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

/// Rewrites citations and un-escapes evidence levels in a paragraph's Markdown.
pub fn cite(markdown: &str, max: u32) -> String {
    let cited = if max == 0 {
        markdown.to_owned()
    } else {
        CITATION
            .replace_all(
                markdown,
                |captures: &regex::Captures<'_>| match cited_numbers(&captures[1], max) {
                    Some(numbers) => numbers.iter().map(|n| format!("[^{n}]")).collect(),
                    None => captures[0].to_owned(),
                },
            )
            .into_owned()
    };
    ESCAPED_LEVEL.replace_all(&cited, "[$1]").into_owned()
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
    pub fn cite(&self, markdown: &str) -> String {
        cite(markdown, self.max_reference)
    }

    /// The highest reference number, read before any text is converted.
    pub fn count_references(items: &[Item]) -> u32 {
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

    pub fn references(&mut self, items: &[Item]) {
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
                "text under Referencer that is not a numbered reference was kept as text; nothing can cite it",
            )
            .in_word(&item.place)
            .at(self.anchor()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations() {
        assert_eq!(cite("vist (1).", 9), "vist [^1].");
        assert_eq!(cite("vist (2,3) \\[1b\\]", 9), "vist [^2][^3] [1b]");
        assert_eq!(cite("vist (4-6)", 9), "vist [^4][^5][^6]");
        assert_eq!(cite("vist (2, 5–6)", 9), "vist [^2][^5][^6]");
        // Not citations: beyond the list, a decimal number, a descending range.
        assert_eq!(cite("fase (12)", 9), "fase (12)");
        assert_eq!(cite("(6-4)", 9), "(6-4)");
        assert_eq!(cite("(1)", 0), "(1)");
    }

    #[test]
    fn numbered_references() {
        assert_eq!(numbered("12. Cheson BD"), Some((12, "Cheson BD")));
        assert_eq!(numbered("\\[3\\] Cheson"), Some((3, "Cheson")));
        assert_eq!(numbered("2024 var"), None);
    }
}
