//! Each template section's content: ordinary text with figure and table captions, the
//! topics and evidence sub-sections of *Grundlag*, the *Nyt siden sidst* marks, and the
//! authors under *Om denne kliniske retningslinje*.

use super::ast::{Block, Row, Table};
use super::convert::Converter;
use super::finding::{Anchor, Finding};
use super::headings::{self, ABOUT, CHANGELOG, GRUNDLAG, SUBSECTIONS};
use super::images::figure_caption;
use super::inlines::{Context, blocks_plain, plain};
use super::outline::{Item, heading_text};
use super::recommendations::{Candidate, Marks, Written, recognise};
use super::tables::table_caption;
use crate::diagnostics::{codes, message};
use crate::model::Author;

/// The plain text of a paragraph-like block.
fn para_text(block: &Block) -> Option<String> {
    match block {
        Block::Para(inlines) | Block::Plain(inlines) => Some(plain(inlines)),
        _ => None,
    }
}

impl Converter {
    /// Ordinary content: every block as Markdown; a `Figur N` paragraph after an image and a
    /// `Tabel N` paragraph before a table become their captions.
    pub(super) fn ordinary_items(&mut self, section: usize, items: &[Item]) {
        let mut index = 0;
        while index < items.len() {
            index += self.ordinary_item(section, items, index);
        }
    }

    /// Writes `items[index]` (and its caption); returns how many items it used.
    fn ordinary_item(&mut self, section: usize, items: &[Item], index: usize) -> usize {
        let item = &items[index];
        let next = items.get(index + 1);
        self.begin(&item.place);
        match &item.block {
            Block::Para(inlines) | Block::Plain(inlines) => {
                let caption = next
                    .and_then(|n| para_text(&n.block))
                    .and_then(|text| figure_caption(&text));
                if let Some(caption) = &caption
                    && let Some(figure) = self.figure(inlines, Some(caption))
                {
                    self.emit(section, figure);
                    return 2;
                }
                let table_caption = table_caption(&plain(inlines));
                if let Some(caption) = table_caption
                    && let Some(Item {
                        block: Block::Table(table),
                        ..
                    }) = next
                {
                    let markdown = self.table(table, Some(&caption));
                    self.emit(section, markdown);
                    return 2;
                }
            }
            Block::Table(table) => {
                let markdown = self.table(table, None);
                self.emit(section, markdown);
                return 1;
            }
            _ => {}
        }
        let markdown = self.block(&item.block);
        self.emit(section, markdown);
        1
    }

    /// *Grundlag*: topics (`##`), recommendations and the four evidence sub-sections (`###`).
    pub(super) fn grundlag(&mut self, items: &[Item], marks: &Marks) -> Vec<Written> {
        let mut written = Vec::new();
        let mut index = 0;
        while index < items.len() {
            let item = &items[index];
            match recognise(&item.block) {
                Candidate::Recommendation(found) => {
                    self.begin(&item.place);
                    written.push(self.recommendation(&found, marks));
                    index += 1;
                    continue;
                }
                Candidate::BadStrength(number, strength) => {
                    self.begin(&item.place);
                    let markdown = self.block(&item.block);
                    self.emit(GRUNDLAG, markdown);
                    self.findings.push(
                        Finding::error(
                            codes::import::UNREADABLE_STRENGTH,
                            message!(
                                "import-unreadable-strength",
                                number = number,
                                strength = strength,
                            ),
                        )
                        .in_word(&item.place)
                        .at(self.anchor()),
                    );
                    index += 1;
                    continue;
                }
                Candidate::None => {}
            }
            if let Some(text) = heading_text(&item.block) {
                if let Some(sub) = headings::subsection(&text) {
                    self.begin(&item.place);
                    self.emit(GRUNDLAG, format!("### {}", SUBSECTIONS[sub]));
                    index += 1;
                    continue;
                }
                let starts_topic = matches!(item.block, Block::Header(..))
                    || items.get(index + 1).is_some_and(|next| {
                        matches!(recognise(&next.block), Candidate::Recommendation(_))
                    });
                if starts_topic {
                    self.begin(&item.place);
                    let title = match &item.block {
                        Block::Header(_, _, inlines)
                        | Block::Para(inlines)
                        | Block::Plain(inlines) => self
                            .markdown(&super::inlines::without_bold(inlines), Context::Paragraph),
                        _ => text,
                    };
                    self.emit(GRUNDLAG, format!("## {}", title.trim()));
                    index += 1;
                    continue;
                }
            }
            index += self.ordinary_item(GRUNDLAG, items, index);
        }
        written
    }

    /// *Nyt siden sidst*: written as it is, and its table read for `ny` / `ændret`.
    pub(super) fn changelog(&mut self, items: &[Item]) -> Marks {
        let mut marks = Marks::default();
        let mut has_text = false;
        for item in items {
            match &item.block {
                Block::Table(table) => read_marks(table, &mut marks),
                Block::Para(inlines) | Block::Plain(inlines) => {
                    has_text |= !plain(inlines).is_empty();
                }
                _ => has_text = true,
            }
        }
        self.ordinary_items(CHANGELOG, items);
        if marks.is_empty()
            && has_text
            && let Some(first) = items.first()
        {
            self.findings.push(
                Finding::warning(
                    codes::import::CHANGELOG_UNREAD,
                    message!("import-changelog-unread-table"),
                )
                .in_word(&first.place)
                .at(Anchor::Section(CHANGELOG)),
            );
        }
        marks
    }

    /// Marks for recommendations *Grundlag* does not have are findings.
    pub(super) fn check_marks(&mut self, marks: &Marks, written: &[Written], changelog: &[Item]) {
        let table = changelog
            .iter()
            .find(|item| matches!(item.block, Block::Table(_)));
        let mut numbers: Vec<_> = marks.keys().copied().collect();
        numbers.sort_unstable();
        for number in numbers {
            if !written.iter().any(|w| w.number == number) {
                let mut finding = Finding::warning(
                    codes::import::CHANGELOG_UNREAD,
                    message!("import-changelog-unread-number", number = number),
                )
                .at(Anchor::Section(CHANGELOG));
                if let Some(table) = table {
                    finding = finding.in_word(&table.place);
                }
                self.findings.push(finding);
            }
        }
    }

    /// *Om denne kliniske retningslinje*: the "Forfattere og habilitet" table becomes
    /// `[[authors]]`; everything else is written as it is.
    pub(super) fn about(&mut self, items: &[Item]) -> Vec<Author> {
        let mut authors = Vec::new();
        let mut rest = Vec::with_capacity(items.len());
        let mut under_authors = false;
        let mut authors_place = None;
        for item in items {
            if let Some(text) = heading_text(&item.block) {
                under_authors = headings::is_authors(&text);
                if under_authors {
                    authors_place = Some(item.place.clone());
                    // A bold paragraph in Word; a sub-heading here.
                    rest.push(Item {
                        block: Block::Header(2, (), vec![super::ast::Inline::Str(text)]),
                        place: item.place.clone(),
                    });
                    continue;
                }
            }
            if under_authors
                && let Block::Table(table) = &item.block
                && let Some(read) = read_authors(table)
            {
                authors.extend(read);
                continue;
            }
            rest.push(item.clone());
        }
        self.ordinary_items(ABOUT, &rest);
        if authors.is_empty() {
            let mut finding = Finding::warning(
                codes::import::AUTHORS_UNREAD,
                message!("import-authors-unread"),
            )
            .at(Anchor::Section(ABOUT));
            if let Some(place) = &authors_place {
                finding = finding.in_word(place);
            }
            self.findings.push(finding);
        }
        authors
    }
}

fn cell_text(row: &Row, column: usize) -> String {
    row.1
        .get(column)
        .map(|cell| blocks_plain(cell.blocks()))
        .unwrap_or_default()
}

fn all_rows(table: &Table) -> Vec<&Row> {
    let mut rows: Vec<&Row> = table.3.1.iter().collect();
    for body in &table.4 {
        rows.extend(body.3.iter());
    }
    rows
}

/// Rows whose first cell names recommendation numbers and whose other cells say "ny" or
/// "ændret".
fn read_marks(table: &Table, marks: &mut Marks) {
    for row in all_rows(table) {
        let numbers: Vec<u32> = cell_text(row, 0)
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        let change: String = (1..row.1.len())
            .map(|column| cell_text(row, column).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<&str> = change
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let mark = if words.iter().any(|w| matches!(*w, "ny" | "nye")) {
            "ny"
        } else if words
            .iter()
            .any(|w| w.starts_with("ændre") || w.starts_with("ændring") || w.starts_with("opdater"))
        {
            "ændret"
        } else {
            continue;
        };
        for number in numbers {
            marks.insert(number, mark);
        }
    }
}

/// The authors of a table whose header names the columns.
fn read_authors(table: &Table) -> Option<Vec<Author>> {
    let rows = all_rows(table);
    let (header, body) = rows.split_first()?;
    let columns: Vec<String> = (0..header.1.len())
        .map(|c| cell_text(header, c).to_lowercase())
        .collect();
    let find = |names: &[&str]| {
        columns
            .iter()
            .position(|c| names.iter().any(|n| c.contains(n)))
    };
    let name = find(&["navn"])?;
    let title = find(&["titel", "stilling"]);
    let affiliation = find(&["arbejdssted", "afdeling", "affiliering", "institution"]);
    let conflicts = find(&["habilitet", "interessekonflikt"]);
    let optional = |row: &Row, column: Option<usize>| {
        column
            .map(|c| cell_text(row, c))
            .filter(|text| !text.is_empty())
    };
    Some(
        body.iter()
            .filter(|row| !cell_text(row, name).is_empty())
            .map(|row| Author {
                name: cell_text(row, name),
                title: optional(row, title),
                affiliation: optional(row, affiliation),
                conflicts: optional(row, conflicts),
            })
            .collect(),
    )
}
