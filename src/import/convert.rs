//! The state of one file's conversion and the Markdown of ordinary blocks. Sections with
//! rules of their own (recommendations, references, the front page) call into this for the
//! blocks they do not treat specially.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::ast::Block;
use super::draft::Draft;
use super::finding::{Anchor, Finding, WordPlace};
use super::images::Asset;
use super::inlines::{Context, plain};
use super::url_map::UrlMap;
use crate::diagnostics::{codes, message};

/// What was imported, for the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Imported {
    pub(crate) recommendations: usize,
    pub(crate) references: usize,
    pub(crate) figures: usize,
    pub(crate) tables: usize,
}

pub(super) struct Converter {
    pub(crate) slug: String,
    /// The folder pandoc extracted the images to; an image from anywhere else is refused.
    pub(crate) media_root: PathBuf,
    pub(crate) assets: Vec<Asset>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) draft: Draft,
    /// The highest number in the reference list: "(N)" above it is not a citation.
    pub(crate) max_reference: u32,
    pub(crate) imported: Imported,
    /// The Word place of the block being converted.
    pub(crate) place: WordPlace,
    current_block: usize,
    /// `--url-map`, shared by every file of the run.
    pub(crate) url_map: Option<Arc<UrlMap>>,
    /// Images met in a merged-cell table, written below it (its HTML holds none).
    pub(crate) below_table: Vec<String>,
}

impl Converter {
    pub(super) fn new(slug: String, media_root: PathBuf) -> Self {
        Self {
            slug,
            media_root,
            assets: Vec::new(),
            findings: Vec::new(),
            draft: Draft::default(),
            max_reference: 0,
            imported: Imported::default(),
            place: WordPlace::default(),
            current_block: 0,
            url_map: None,
            below_table: Vec::new(),
        }
    }

    /// Starts a new output block for the Word content at `place`.
    pub(super) fn begin(&mut self, place: &WordPlace) {
        self.place = place.clone();
        self.current_block = self.draft.reserve();
    }

    /// The block being converted, for findings.
    pub(super) fn anchor(&self) -> Anchor {
        Anchor::Block(self.current_block)
    }

    /// Writes the block begun last into `section`.
    pub(super) fn emit(&mut self, section: usize, markdown: String) {
        if !markdown.trim().is_empty() {
            self.draft.push(section, self.current_block, markdown);
        }
    }

    /// Converts and writes an ordinary block.
    pub(super) fn ordinary(&mut self, section: usize, place: &WordPlace, block: &Block) {
        self.begin(place);
        let markdown = self.block(block);
        self.emit(section, markdown);
    }

    /// The Markdown of an ordinary block (empty when it holds nothing to write).
    pub(super) fn block(&mut self, block: &Block) -> String {
        match block {
            Block::Para(inlines) | Block::Plain(inlines) => {
                if let Some(figure) = self.figure(inlines, None) {
                    return figure;
                }
                let markdown = self.markdown(inlines, Context::Paragraph);
                escape_line_start(&self.cite(markdown.trim()))
            }
            Block::Header(level, _, inlines) => {
                let text = self.markdown(inlines, Context::Paragraph);
                if *level == 1 {
                    self.findings.push(
                        Finding::warning(
                            codes::import::UNKNOWN_HEADING,
                            message!("import-unknown-heading", title = plain(inlines)),
                        )
                        .in_word(&self.place)
                        .at(self.anchor()),
                    );
                }
                let depth = usize::from(*level).clamp(2, 4);
                format!("{} {}", "#".repeat(depth), text.trim())
            }
            Block::BulletList(items) => self.list(items, |_| "- ".to_owned()),
            Block::OrderedList((start, _, _), items) => {
                let start = *start;
                self.list(items, |index| format!("{}. ", start + index as i64))
            }
            Block::BlockQuote(blocks) => prefix_lines(&self.blocks(blocks), "> ", "> "),
            Block::CodeBlock(_, code) => format!("```\n{code}\n```"),
            Block::LineBlock(lines) => lines
                .iter()
                .map(|line| self.markdown(line, Context::Paragraph))
                .collect::<Vec<_>>()
                .join("\\\n"),
            Block::DefinitionList(entries) => {
                let mut parts = Vec::new();
                for (term, definitions) in entries {
                    parts.push(format!("**{}**", self.markdown(term, Context::Paragraph)));
                    for definition in definitions {
                        parts.push(self.blocks(definition));
                    }
                }
                parts.join("\n\n")
            }
            Block::Table(table) => self.table(table, None),
            Block::Div(_, blocks) | Block::Figure(_, _, blocks) => self.blocks(blocks),
            Block::HorizontalRule => "---".to_owned(),
            Block::RawBlock(format, text) => {
                self.unsupported(super::inlines::Unsupported::Raw(format), text);
                String::new()
            }
            Block::Null => String::new(),
        }
    }

    /// Several blocks, a blank line between them.
    pub(super) fn blocks(&mut self, blocks: &[Block]) -> String {
        blocks
            .iter()
            .map(|block| self.block(block))
            .filter(|markdown| !markdown.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn list(&mut self, items: &[Vec<Block>], marker: impl Fn(usize) -> String) -> String {
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let marker = marker(index);
            let indent = " ".repeat(marker.len());
            out.push(prefix_lines(&self.blocks(item), &marker, &indent));
        }
        out.join("\n")
    }
}

/// Puts `first` before the first line and `rest` before every other non-blank line.
fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if index == 0 {
            out.push_str(first);
        } else if !line.is_empty() {
            out.push_str(rest);
        } else if rest.starts_with('>') {
            out.push('>');
        }
        out.push_str(line);
    }
    if text.is_empty() {
        out.push_str(first.trim_end());
    }
    out
}

/// A paragraph whose text starts like Markdown syntax (`1. `, `- `, `# `, `:::`, `+++`)
/// would be read as a list, heading or container: escape its first character.
pub(super) fn escape_line_start(markdown: &str) -> String {
    let bytes = markdown.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let numbered = digits > 0
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && matches!(bytes.get(digits + 1), None | Some(b' '));
    if numbered {
        return format!("{}\\{}", &markdown[..digits], &markdown[digits..]);
    }
    let bulleted =
        matches!(bytes.first(), Some(b'-' | b'+')) && matches!(bytes.get(1), None | Some(b' '));
    let syntax = markdown.starts_with('#')
        || markdown.starts_with('>')
        || markdown.starts_with(":::")
        || markdown.starts_with("+++")
        || markdown.starts_with('|')
        || markdown.starts_with('=');
    if bulleted || syntax {
        format!("\\{markdown}")
    } else {
        markdown.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_that_look_like_syntax() {
        assert_eq!(escape_line_start("1. Alle"), "1\\. Alle");
        assert_eq!(escape_line_start("- x"), "\\- x");
        assert_eq!(escape_line_start("::: anbefaling"), "\\::: anbefaling");
        assert_eq!(escape_line_start("2024 var"), "2024 var");
        assert_eq!(escape_line_start("-5 grader"), "-5 grader");
    }

    #[test]
    fn list_items_indent_their_lines() {
        assert_eq!(prefix_lines("a\n\nb", "1. ", "   "), "1. a\n\n   b");
    }
}
