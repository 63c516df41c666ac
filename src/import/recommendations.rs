//! Recommendations: numbered paragraphs ending in a strength, Oxford `(A)`, `(A-C)` or GRADE
//! `(Stærk anbefaling for)`, `(God praksis)`. They become `::: anbefaling N (…)` with the
//! Word number kept; the Quick guide copy is compared with *Grundlag* and dropped; `ny` and
//! `ændret` come from the *Nyt siden sidst* table.

use rustc_hash::FxHashMap;

use super::ast::{Block, Inline};
use super::convert::Converter;
use super::finding::{Anchor, Finding, WordPlace};
use super::headings::{GRUNDLAG, QUICK_GUIDE};
use super::inlines::{Context, all_bold, plain, without_bold};
use super::outline::{Item, heading_text};
use super::patterns::{CITATION, GOOD_PRACTICE, GRADE, OXFORD, RECOMMENDATION};
use crate::diagnostics::{codes, message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scheme {
    Oxford,
    Grade,
}

impl Scheme {
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Oxford => "oxford",
            Self::Grade => "grade",
        }
    }
}

/// A strength as retning writes it (`A-C`, `svag imod, lav`, `god praksis`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Strength {
    pub(crate) scheme: Scheme,
    pub(crate) text: String,
}

pub(super) fn strength(text: &str) -> Option<Strength> {
    let text = text.trim();
    if let Some(c) = OXFORD.captures(text) {
        let text = match c.get(2) {
            Some(to) => format!("{}-{}", &c[1], to.as_str()),
            None => c[1].to_owned(),
        };
        return Some(Strength {
            scheme: Scheme::Oxford,
            text,
        });
    }
    if let Some(c) = GRADE.captures(text) {
        let mut out = format!("{} {}", c[1].to_lowercase(), c[2].to_lowercase());
        if let Some(certainty) = c.get(3) {
            out.push_str(", ");
            out.push_str(&certainty.as_str().to_lowercase());
        }
        return Some(Strength {
            scheme: Scheme::Grade,
            text: out,
        });
    }
    GOOD_PRACTICE.is_match(text).then(|| Strength {
        scheme: Scheme::Grade,
        text: "god praksis".to_owned(),
    })
}

/// A recognised recommendation paragraph.
#[derive(Debug, Clone)]
pub(super) struct Recognised {
    pub(crate) number: u32,
    pub(crate) strength: Strength,
    /// The text without number and strength, bold taken off.
    pub(crate) body: Vec<Inline>,
}

/// What a paragraph that looks like a recommendation turned out to be.
pub(super) enum Candidate {
    Recommendation(Recognised),
    /// Numbered, bold and ending in parentheses, but the strength is none the template knows.
    BadStrength(u32, String),
    None,
}

pub(super) fn recognise(block: &Block) -> Candidate {
    let (Block::Para(inlines) | Block::Plain(inlines)) = block else {
        return Candidate::None;
    };
    let text = plain(inlines);
    let Some(c) = RECOMMENDATION.captures(&text) else {
        return Candidate::None;
    };
    let Ok(number) = c[1].parse::<u32>() else {
        return Candidate::None;
    };
    let bold = all_bold(inlines) || matches!(inlines.first(), Some(Inline::Strong(_)));
    match strength(&c[3]) {
        Some(strength) => Candidate::Recommendation(Recognised {
            number,
            strength,
            body: without_bold(inlines),
        }),
        // Text ending in a citation, such as "(12)", is no recommendation.
        None if bold && c[3].chars().any(char::is_alphabetic) => {
            Candidate::BadStrength(number, c[3].to_owned())
        }
        None => Candidate::None,
    }
}

/// Recommendations numbered by Word's automatic list numbering reach us as an ordered list
/// (start number and items) with the numbers gone from the text. A list with a recommendation
/// among its items becomes one paragraph per item with the number Word shows (start + index)
/// written in front, so it is read exactly like a typed-out number.
pub(super) fn with_list_numbers(items: &[Item]) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Block::OrderedList((start, _, _), entries) = &item.block else {
            out.push(item.clone());
            continue;
        };
        let numbered: Vec<Item> = entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let number = start.checked_add(i64::try_from(index).ok()?)?;
                let block = numbered_entry(entry, number)?;
                let mut place = item.place.clone();
                place.paragraph += index;
                Some(Item { block, place })
            })
            .collect();
        let is_recommendations = numbered.len() == entries.len()
            && numbered
                .iter()
                .any(|i| matches!(recognise(&i.block), Candidate::Recommendation(_)));
        if is_recommendations {
            out.extend(numbered);
        } else {
            out.push(item.clone());
        }
    }
    out
}

/// A list item of one paragraph with its number written in front (inside the bold when the
/// item starts bold, as Word shows it). The item's paragraph style ("List Number") comes
/// through `+styles` as a `Div` around it.
fn numbered_entry(entry: &[Block], number: i64) -> Option<Block> {
    let inlines = match entry {
        [Block::Para(inlines) | Block::Plain(inlines)] => inlines,
        [Block::Div(_, inner)] => return numbered_entry(inner, number),
        _ => return None,
    };
    let prefix = [Inline::Str(format!("{number}.")), Inline::Space];
    let inlines = match inlines.split_first() {
        Some((Inline::Strong(bold), rest)) => {
            let bold = prefix.into_iter().chain(bold.iter().cloned()).collect();
            std::iter::once(Inline::Strong(bold))
                .chain(rest.iter().cloned())
                .collect()
        }
        _ => prefix.into_iter().chain(inlines.iter().cloned()).collect(),
    };
    Some(Block::Para(inlines))
}

/// A recommendation as written under *Grundlag*, for the Quick guide comparison.
#[derive(Debug, Clone)]
pub(super) struct Written {
    pub(crate) number: u32,
    pub(crate) strength: Strength,
    pub(crate) text: String,
    pub(crate) anchor: Anchor,
}

/// `ny` / `ændret` per recommendation number.
pub(super) type Marks = FxHashMap<u32, &'static str>;

/// Text compared between the two copies: no citations, case or spacing.
fn comparable(text: &str) -> String {
    CITATION
        .replace_all(text, "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

impl Converter {
    /// Writes a recommendation container for `found` in *Grundlag*.
    pub(super) fn recommendation(&mut self, found: &Recognised, marks: &Marks) -> Written {
        let markdown = self.markdown(&found.body, Context::Paragraph);
        let markdown = markdown.trim();
        // The Markdown without its number and strength; the same pattern as on the text.
        let body = RECOMMENDATION
            .captures(markdown)
            .map_or(markdown.to_owned(), |c| c[2].to_owned());
        let body = self.cite(&body);
        let mark = marks
            .get(&found.number)
            .map(|m| format!(" {m}"))
            .unwrap_or_default();
        self.imported.recommendations += 1;
        self.emit(
            GRUNDLAG,
            format!(
                "::: anbefaling {} ({}){mark}\n{body}\n:::",
                found.number, found.strength.text
            ),
        );
        Written {
            number: found.number,
            strength: found.strength.clone(),
            text: plain(&found.body),
            anchor: self.anchor(),
        }
    }

    /// The Quick guide: compared with *Grundlag*, then dropped (retning generates it).
    pub(super) fn quick_guide(&mut self, items: &[Item], grundlag: &[Written]) {
        let mut seen = Vec::new();
        for item in items {
            match recognise(&item.block) {
                Candidate::Recommendation(found) => {
                    seen.push(found.number);
                    self.compare(&found, &item.place, grundlag);
                }
                _ if heading_text(&item.block).is_some() => {}
                _ => {
                    let text = super::inlines::block_text(&item.block);
                    if text.is_empty() {
                        continue;
                    }
                    self.findings.push(
                        Finding::warning(
                            codes::import::QUICK_GUIDE_TEXT,
                            message!("import-quick-guide-text", text = shorten(&text)),
                        )
                        .in_word(&item.place)
                        .at(Anchor::Section(QUICK_GUIDE)),
                    );
                }
            }
        }
        if items.is_empty() {
            return;
        }
        for written in grundlag {
            if !seen.contains(&written.number) {
                self.findings.push(
                    Finding::warning(
                        codes::import::QUICK_GUIDE_DRIFT,
                        message!("import-quick-guide-drift-missing", number = written.number),
                    )
                    .at(written.anchor),
                );
            }
        }
    }

    fn compare(&mut self, found: &Recognised, place: &WordPlace, grundlag: &[Written]) {
        let Some(written) = grundlag.iter().find(|w| w.number == found.number) else {
            self.findings.push(
                Finding::error(
                    codes::import::QUICK_GUIDE_ONLY,
                    message!("import-quick-guide-only", number = found.number),
                )
                .in_word(place)
                .at(Anchor::Section(QUICK_GUIDE)),
            );
            return;
        };
        let quick_text = plain(&found.body);
        let quick_body = RECOMMENDATION
            .captures(&quick_text)
            .map_or(quick_text.clone(), |c| c[2].to_owned());
        let grundlag_body = RECOMMENDATION
            .captures(&written.text)
            .map_or(written.text.clone(), |c| c[2].to_owned());
        if found.strength != written.strength {
            self.findings.push(
                Finding::warning(
                    codes::import::QUICK_GUIDE_DRIFT,
                    message!(
                        "import-quick-guide-drift-strength",
                        number = found.number,
                        quick = found.strength.text.as_str(),
                        grundlag = written.strength.text.as_str(),
                    ),
                )
                .in_word(place)
                .at(written.anchor),
            );
        }
        if comparable(&quick_body) != comparable(&grundlag_body) {
            self.findings.push(
                Finding::warning(
                    codes::import::QUICK_GUIDE_DRIFT,
                    message!(
                        "import-quick-guide-drift-text",
                        number = found.number,
                        text = shorten(&quick_body),
                    ),
                )
                .in_word(place)
                .at(written.anchor),
            );
        }
    }
}

/// At most 80 characters of a text, for a message.
pub(super) fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strengths_of_both_schemes() {
        assert_eq!(strength("A–C").map(|s| s.text), Some("A-C".to_owned()));
        assert_eq!(
            strength("Svag anbefaling IMOD, lav").map(|s| s.text),
            Some("svag imod, lav".to_owned())
        );
        assert_eq!(
            strength("God praksis").map(|s| s.scheme),
            Some(Scheme::Grade)
        );
        assert_eq!(strength("E"), None);
        assert_eq!(strength("12"), None);
    }

    #[test]
    fn list_numbers_become_recommendation_numbers() {
        let bold = |text: &str| {
            vec![Block::Para(vec![Inline::Strong(vec![Inline::Str(
                text.to_owned(),
            )])])]
        };
        let list = Block::OrderedList(
            (4, Default::default(), Default::default()),
            vec![
                bold("Alle bør have PET (A-C)"),
                bold("Ingen biopsi (Svag anbefaling imod)"),
            ],
        );
        let place = WordPlace {
            heading_path: vec![],
            paragraph: 10,
        };
        let items = with_list_numbers(&[Item { block: list, place }]);
        let found: Vec<_> = items
            .iter()
            .map(|item| match recognise(&item.block) {
                Candidate::Recommendation(r) => (r.number, r.strength.text, item.place.paragraph),
                _ => panic!("not recognised: {:?}", item.block),
            })
            .collect();
        assert_eq!(
            found,
            [(4, "A-C".to_owned(), 10), (5, "svag imod".to_owned(), 11)]
        );
    }

    #[test]
    fn a_list_items_paragraph_style_is_looked_through() {
        let styled = vec![Block::Div(
            Default::default(),
            vec![Block::Para(vec![Inline::Str(
                "Alle bør have PET (B)".to_owned(),
            )])],
        )];
        let list = Block::OrderedList((2, Default::default(), Default::default()), vec![styled]);
        let place = WordPlace {
            heading_path: vec![],
            paragraph: 1,
        };
        let items = with_list_numbers(&[Item { block: list, place }]);
        assert!(matches!(
            recognise(&items[0].block),
            Candidate::Recommendation(Recognised { number: 2, .. })
        ));
    }

    #[test]
    fn an_ordinary_numbered_list_stays_a_list() {
        let list = Block::OrderedList(
            (1, Default::default(), Default::default()),
            vec![vec![Block::Para(vec![Inline::Str(
                "Cheson BD (2014)".to_owned(),
            )])]],
        );
        let place = WordPlace {
            heading_path: vec![],
            paragraph: 1,
        };
        let items = with_list_numbers(&[Item { block: list, place }]);
        assert!(matches!(
            items[..],
            [Item {
                block: Block::OrderedList(..),
                ..
            }]
        ));
    }

    #[test]
    fn comparison_ignores_citations_and_spacing() {
        assert_eq!(
            comparable("Alle  bør (1,2) have PET."),
            comparable("alle bør have PET")
        );
    }
}
