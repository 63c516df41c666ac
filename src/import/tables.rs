//! Tables: Markdown pipe tables, or, when Word merged cells, the safe HTML table subset
//! (`table, caption, thead, tbody, tr, th, td` with `colspan/rowspan/scope`; `br, sup, sub,
//! em, strong` inside cells, and citations `[^N]`). A `Tabel N: …` paragraph directly before
//! a table is its caption.

use std::fmt::Write;

use super::ast::{Block, Cell, Row, Table};
use super::convert::Converter;
use super::inlines::{Context, blocks_plain, escape_html, markdown_text};
use super::patterns::TABLE_CAPTION;

/// `Tabel N: …` as the caption of the table after it.
pub(super) fn table_caption(text: &str) -> Option<String> {
    let captures = TABLE_CAPTION.captures(text.trim())?;
    let rest = captures[2].trim();
    Some(if rest.is_empty() {
        format!("Tabel {}", &captures[1])
    } else {
        format!("Tabel {}: {rest}", &captures[1])
    })
}

/// A table's rows: those Word marked as header rows, and the rest.
struct Rows<'a> {
    head: Vec<&'a Row>,
    body: Vec<&'a Row>,
}

fn rows(table: &Table) -> Rows<'_> {
    let head = table.3.1.iter().collect();
    let mut body: Vec<&Row> = Vec::new();
    for section in &table.4 {
        body.extend(section.2.iter());
        body.extend(section.3.iter());
    }
    body.extend(table.5.1.iter());
    Rows { head, body }
}

fn has_merged_cells(rows: &Rows<'_>) -> bool {
    rows.head
        .iter()
        .chain(&rows.body)
        .flat_map(|row| &row.1)
        .any(|cell| cell.row_span() > 1 || cell.col_span() > 1)
}

impl Converter {
    /// The table's Markdown; `caption` is the `Tabel N: …` paragraph before it, if any.
    pub(super) fn table(&mut self, table: &Table, caption: Option<&str>) -> String {
        self.imported.tables += 1;
        let own_caption = blocks_plain(&table.1.1);
        let caption = caption
            .map(str::to_owned)
            .or_else(|| (!own_caption.is_empty()).then_some(own_caption));
        let rows = rows(table);
        if has_merged_cells(&rows) {
            self.html_table(&rows, caption.as_deref())
        } else {
            let table = self.pipe_table(&rows);
            match caption {
                Some(caption) => {
                    let caption = self.cite(&markdown_text(&caption));
                    format!("{}\n\n{table}", super::convert::escape_line_start(&caption))
                }
                None => table,
            }
        }
    }

    fn pipe_table(&mut self, rows: &Rows<'_>) -> String {
        let mut all: Vec<Vec<String>> = Vec::new();
        for row in rows.head.iter().chain(&rows.body) {
            let cells = row.1.iter().map(|cell| self.cell_markdown(cell)).collect();
            all.push(cells);
        }
        let columns = all.iter().map(Vec::len).max().unwrap_or(0).max(1);
        // Markdown needs a header row: Word's header rows, or else the first row.
        let mut out = String::new();
        for (index, cells) in all.iter().enumerate() {
            out.push('|');
            for column in 0..columns {
                let cell = cells.get(column).map_or("", String::as_str);
                let _ = write!(out, " {cell} |");
            }
            out.push('\n');
            if index == 0 {
                out.push('|');
                out.push_str(&"---|".repeat(columns));
                out.push('\n');
            }
        }
        out.trim_end().to_owned()
    }

    /// One line of Markdown: paragraphs and list items joined by `<br>`.
    fn cell_markdown(&mut self, cell: &Cell) -> String {
        let mut parts = Vec::new();
        for block in cell.blocks() {
            self.cell_block_parts(block, &mut parts, &|converter, inlines| {
                converter.markdown(inlines, Context::TableCell)
            });
        }
        let joined = parts.join("<br>");
        self.cite(joined.trim())
    }

    fn cell_block_parts(
        &mut self,
        block: &Block,
        parts: &mut Vec<String>,
        inline: &dyn Fn(&mut Self, &[super::ast::Inline]) -> String,
    ) {
        match block {
            Block::Para(inlines) | Block::Plain(inlines) => parts.push(inline(self, inlines)),
            Block::BulletList(items) | Block::OrderedList(_, items) => {
                for item in items {
                    let mut inner = Vec::new();
                    for block in item {
                        self.cell_block_parts(block, &mut inner, inline);
                    }
                    parts.push(format!("• {}", inner.join(" ")));
                }
            }
            Block::Div(_, blocks) | Block::BlockQuote(blocks) => {
                for block in blocks {
                    self.cell_block_parts(block, parts, inline);
                }
            }
            Block::Null => {}
            other => {
                let text = blocks_plain(std::slice::from_ref(other));
                self.unsupported(super::inlines::Unsupported::NestedTable, &text);
            }
        }
    }

    fn html_table(&mut self, rows: &Rows<'_>, caption: Option<&str>) -> String {
        let mut out = String::from("<table>\n");
        if let Some(caption) = caption {
            let mut escaped = String::new();
            escape_html(caption, &mut escaped);
            let _ = writeln!(out, "<caption>{}</caption>", self.cite(&escaped));
        }
        if !rows.head.is_empty() {
            out.push_str("<thead>\n");
            for row in &rows.head {
                self.html_row(row, true, &mut out);
            }
            out.push_str("</thead>\n");
        }
        out.push_str("<tbody>\n");
        for row in &rows.body {
            self.html_row(row, false, &mut out);
        }
        out.push_str("</tbody>\n</table>");
        for image in std::mem::take(&mut self.below_table) {
            out.push_str("\n\n");
            out.push_str(&image);
        }
        out
    }

    fn html_row(&mut self, row: &Row, head: bool, out: &mut String) {
        out.push_str("<tr>");
        for cell in &row.1 {
            let (tag, scope) = if head {
                let scope = if cell.col_span() > 1 {
                    "colgroup"
                } else {
                    "col"
                };
                ("th", format!(" scope=\"{scope}\""))
            } else {
                ("td", String::new())
            };
            let _ = write!(out, "<{tag}{scope}");
            if cell.col_span() > 1 {
                let _ = write!(out, " colspan=\"{}\"", cell.col_span());
            }
            if cell.row_span() > 1 {
                let _ = write!(out, " rowspan=\"{}\"", cell.row_span());
            }
            out.push('>');
            let mut parts = Vec::new();
            for block in cell.blocks() {
                self.cell_block_parts(block, &mut parts, &|converter, inlines| {
                    let mut html = String::new();
                    converter.html(inlines, &mut html);
                    html
                });
            }
            // Citations work in the table subset as `[^N]` (retning reads them in cells).
            out.push_str(&self.cite(&parts.join("<br>")));
            let _ = write!(out, "</{tag}>");
        }
        out.push_str("</tr>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions() {
        assert_eq!(
            table_caption("Tabel 1. Stadier").as_deref(),
            Some("Tabel 1: Stadier")
        );
        assert_eq!(table_caption("Tabellen viser"), None);
    }
}
