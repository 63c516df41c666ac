//! The Word document cut into its front page and the nine template sections, by heading
//! text. Each block keeps its place (heading path and paragraph number) for the report.

use super::ast::Block;
use super::finding::{Anchor, Finding, WordPlace};
use super::headings::{self, TEMPLATE};
use super::inlines::{all_bold, plain};
use crate::diagnostics::{codes, message};

/// A block of the Word document and where it stands.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(crate) block: Block,
    pub(crate) place: WordPlace,
}

#[derive(Debug, Default)]
pub(super) struct Outline {
    pub(crate) front_page: Vec<Item>,
    pub(crate) sections: [Vec<Item>; 9],
    /// Whether the Word file has the section at all.
    pub(crate) present: [bool; 9],
    pub(crate) findings: Vec<Finding>,
}

/// A paragraph's heading text: a Word heading, or a paragraph that is bold all through and
/// short enough to be one.
pub(super) fn heading_text(block: &Block) -> Option<String> {
    match block {
        Block::Header(_, _, inlines) => Some(plain(inlines)),
        Block::Para(inlines) | Block::Plain(inlines) if all_bold(inlines) => {
            let text = plain(inlines);
            (text.chars().count() <= 100).then_some(text)
        }
        _ => None,
    }
}

/// How many paragraphs a block counts for (see `WordPlace`).
fn paragraphs_in(block: &Block) -> usize {
    match block {
        Block::BulletList(items) | Block::OrderedList(_, items) => items.len().max(1),
        Block::Null => 0,
        _ => 1,
    }
}

pub(super) fn outline(blocks: Vec<Block>) -> Outline {
    let mut out = Outline::default();
    let mut paragraph = 0;
    let mut current: Option<usize> = None;
    // The section title as Word has it, then the sub-headings below it.
    let mut path: Vec<String> = Vec::new();
    let mut in_contents = false;
    let mut order: Vec<(usize, WordPlace)> = Vec::new();
    for block in flatten(blocks) {
        let first = paragraph + 1;
        paragraph += paragraphs_in(&block);
        let heading = heading_text(&block);
        let place = |path: &[String]| WordPlace {
            heading_path: path.to_vec(),
            paragraph: first,
        };
        if let Some(text) = &heading {
            if let Some(section) = headings::section(text) {
                path = vec![text.clone()];
                in_contents = false;
                let place = place(&path);
                out.enter(section, text, &place);
                order.push((section.index, place));
                current = Some(section.index);
                continue;
            }
            if headings::is_table_of_contents(text) {
                in_contents = true;
                out.findings.push(
                    Finding::warning(
                        codes::import::CONTENTS_DROPPED,
                        message!("import-contents-dropped"),
                    )
                    .in_word(&place(&path)),
                );
                continue;
            }
            if current.is_some() {
                update_path(&mut path, &block, text);
            }
        }
        if in_contents {
            continue;
        }
        let item = Item {
            place: place(&path),
            block,
        };
        match current {
            Some(index) => out.sections[index].push(item),
            None => out.front_page.push(item),
        }
    }
    check_order(&order, &mut out);
    for (index, present) in out.present.iter().enumerate() {
        if !present {
            out.findings.push(
                Finding::warning(
                    codes::import::MISSING_SECTION,
                    message!("import-missing-section", title = TEMPLATE[index]),
                )
                .at(Anchor::Section(index)),
            );
        }
    }
    out
}

impl Outline {
    /// A template section's heading: older titles and a second occurrence are findings.
    fn enter(&mut self, section: headings::SectionHeading, text: &str, place: &WordPlace) {
        let anchor = Anchor::Section(section.index);
        if section.renamed {
            self.findings.push(
                Finding::warning(
                    codes::import::RENAMED_HEADING,
                    message!(
                        "import-renamed-heading",
                        old = text,
                        title = TEMPLATE[section.index]
                    ),
                )
                .in_word(place)
                .at(anchor),
            );
        }
        if self.present[section.index] {
            self.findings.push(
                Finding::warning(
                    codes::import::DUPLICATE_SECTION,
                    message!("import-duplicate-section", title = text),
                )
                .in_word(place)
                .at(anchor),
            );
        }
        self.present[section.index] = true;
    }
}

/// Word headings of level 2 and 3 (and bold evidence sub-section titles) extend the path.
fn update_path(path: &mut Vec<String>, block: &Block, text: &str) {
    let depth = match block {
        Block::Header(level, ..) => usize::from(*level).clamp(2, 3),
        _ if headings::subsection(text).is_some() => 3,
        _ => return,
    };
    path.truncate(depth - 1);
    path.push(text.to_owned());
}

/// The older template put the sections in another order; retning writes the current one.
fn check_order(order: &[(usize, WordPlace)], out: &mut Outline) {
    let mut highest = 0;
    for (index, place) in order {
        let index = *index;
        if index < highest {
            let found: Vec<&str> = order.iter().map(|(i, _)| TEMPLATE[*i]).collect();
            out.findings.push(
                Finding::warning(
                    codes::import::TEMPLATE_ORDER,
                    message!("import-template-order", sections = found.join(", ")),
                )
                .in_word(place)
                .at(Anchor::Section(index)),
            );
            return;
        }
        highest = index;
    }
}

/// Paragraph styles (pandoc's `+styles`) and content controls come through as `Div`s: their
/// blocks are the document's. A paragraph in the "Title" style becomes a heading, which
/// marks it as the title on the front page.
fn flatten(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Div(attr, inner) if is_title_style(&attr) => {
                out.extend(inner.into_iter().map(|block| match block {
                    Block::Para(inlines) | Block::Plain(inlines) => Block::Header(1, (), inlines),
                    other => other,
                }));
            }
            Block::Div(_, inner) => out.extend(flatten(inner)),
            other => out.push(other),
        }
    }
    out
}

fn is_title_style(attr: &super::ast::Attr) -> bool {
    attr.2
        .iter()
        .any(|(key, value)| key == "custom-style" && matches!(value.as_str(), "Title" | "Titel"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ast::Inline;

    fn heading(text: &str) -> Block {
        Block::Header(1, (), vec![Inline::Str(text.to_owned())])
    }

    fn bold(text: &str) -> Block {
        Block::Para(vec![Inline::Strong(vec![Inline::Str(text.to_owned())])])
    }

    fn para(text: &str) -> Block {
        Block::Para(vec![Inline::Str(text.to_owned())])
    }

    #[test]
    fn sections_by_text_in_any_order() {
        let outline = outline(vec![
            para("Titel"),
            heading("Grundlag"),
            para("a"),
            bold("Introduktion"),
            para("b"),
        ]);
        assert_eq!(outline.front_page.len(), 1);
        assert_eq!(outline.sections[3].len(), 1);
        assert_eq!(outline.sections[2][0].place.paragraph, 5);
        assert_eq!(outline.sections[2][0].place.heading_path, ["Introduktion"]);
        let codes: Vec<_> = outline.findings.iter().map(|f| f.diagnostic.code).collect();
        assert!(codes.contains(&codes::import::TEMPLATE_ORDER), "{codes:?}");
        assert_eq!(
            codes
                .iter()
                .filter(|c| **c == codes::import::MISSING_SECTION)
                .count(),
            7
        );
    }
}
