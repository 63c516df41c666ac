//! Tables in the body walk: a Markdown table, or a raw HTML block cleaned to the table
//! subset; a `Tabel N: …` paragraph right before either becomes its caption, and two tables
//! with the same number are reported (a screen reader names each table by it).

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Message, codes, message};
use crate::model::{Fragment, table_number};

use super::super::html_table::{self, Dropped};
use super::{Target, Walker, push, push_html, trimmed_line};

impl Walker<'_> {
    /// A Markdown table's start, with the caption the paragraph before it gives it.
    pub(super) fn start_table(&mut self, alignment: Vec<Alignment>, range: Range<usize>) {
        let target = self.target();
        let caption = self.take_caption(target);
        self.note_table_number(caption_number(caption.as_deref()), &range);
        let fragment = self.fragment(target);
        push(fragment, Event::Start(Tag::Table(alignment)), range.clone());
        if let Some(caption) = caption {
            push_caption(fragment, caption, range);
        }
    }

    /// A raw HTML block: a table is cleaned to the table subset (each thing dropped is a
    /// finding); anything else is shown as text, as written.
    pub(super) fn finish_html_block(&mut self, span: Range<usize>) {
        let html = self.text[span.clone()].to_owned();
        let target = self.target();
        if !html_table::is_table(&html) {
            self.findings.push(
                Diagnostic::warning(codes::HTML_DROPPED, message!("html-dropped"))
                    .at(self.source, trimmed_line(self.source, span.clone()))
                    .with_help(message!("html-dropped-block-help")),
            );
            push(self.fragment(target), Event::Text(html.into()), span);
            return;
        }
        for (at, what) in html_table::dropped(&html) {
            let start = span.start + at;
            self.findings.push(
                Diagnostic::warning(codes::HTML_DROPPED, dropped_from_table(&what))
                    .at(self.source, start..start + 1)
                    .with_help(message!("html-dropped-from-table-help")),
            );
        }
        let cleaned = html_table::clean(html.trim());
        self.note_table_citations(&html, &cleaned, span.start);
        let caption = match cleaned.strip_prefix("<table>") {
            Some(rest) if !rest.starts_with("<caption") => self
                .take_caption(target)
                .map(|caption| (caption, rest.to_owned())),
            _ => None,
        };
        let number = match &caption {
            Some((caption, _)) => caption_number(Some(caption)),
            // The author's own `<caption>`, if any.
            None => cleaned
                .strip_prefix("<table>")
                .and_then(|rest| rest.trim_start().strip_prefix("<caption>"))
                .and_then(|caption| table_number(caption.trim_start()))
                .map(str::to_owned),
        };
        self.note_table_number(number, &span);
        let fragment = self.fragment(target);
        match caption {
            Some((caption, rest)) => {
                push_html(fragment, "<table>".to_owned(), span.clone());
                push_caption(fragment, caption, span.clone());
                push_html(fragment, rest, span);
            }
            None => push_html(fragment, cleaned, span),
        }
    }

    /// Citations `[^key]` in a table's cells count as those in Markdown do. The cleaned
    /// table says which there are (what the page shows); each is placed at its spelling in
    /// the written table, else at the table's start.
    fn note_table_citations(&mut self, raw: &str, cleaned: &str, offset: usize) {
        let mut from = 0;
        for (range, key) in html_table::citations(cleaned) {
            let written = &cleaned[range];
            let span = match raw[from..].find(written) {
                Some(at) => {
                    let start = from + at;
                    from = start + written.len();
                    offset + start..offset + from
                }
                None => offset..offset + 1,
            };
            self.note_inline(&Event::FootnoteReference(key.to_owned().into()), &span);
        }
    }

    /// The inline events of a paragraph `Tabel N: …` that ends `target`'s content, taken out
    /// of it: it is the caption of the table that follows.
    fn take_caption(&mut self, target: Target) -> Option<Vec<Event<'static>>> {
        let events = &mut self.fragment(target).events;
        if !matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
            return None;
        }
        let start = events
            .iter()
            .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
        let Some(Event::Text(first)) = events.get(start + 1) else {
            return None;
        };
        // Only `Tabel N: …` is a caption.
        table_number(first)?;
        let mut caption: Vec<Event<'static>> = events.drain(start..).collect();
        caption.pop();
        caption.remove(0);
        Some(caption)
    }

    /// Notes the number a table's caption gives it; the same number twice in a guideline
    /// is a finding at the second table (the box each scrolls in is named by it).
    fn note_table_number(&mut self, number: Option<String>, table: &Range<usize>) {
        let Some(number) = number else { return };
        if let Some((_, first)) = self.table_numbers.iter().find(|(n, _)| *n == number) {
            let line = self.source.line_col(first.start).line;
            self.findings.push(
                Diagnostic::warning(
                    codes::TABLE_DUPLICATE_NUMBER,
                    message!(
                        "table-duplicate-number",
                        number = number.as_str(),
                        line = line
                    ),
                )
                .at(self.source, trimmed_line(self.source, table.clone()))
                .with_help(message!("table-duplicate-number-help")),
            );
            return;
        }
        self.table_numbers.push((number, table.clone()));
    }
}

/// What a table loses, in the reader's language.
fn dropped_from_table(what: &Dropped) -> Message {
    match what {
        Dropped::Comment => message!("html-dropped-comment"),
        Dropped::Element(element) => {
            message!("html-dropped-element", element = element.as_str())
        }
        Dropped::Attribute { attribute, element } => message!(
            "html-dropped-attribute",
            attribute = attribute.as_str(),
            element = element.as_str()
        ),
    }
}

/// The number a caption's first words give its table.
fn caption_number(caption: Option<&[Event<'static>]>) -> Option<String> {
    match caption?.first()? {
        Event::Text(text) => table_number(text).map(str::to_owned),
        _ => None,
    }
}

fn push_caption(fragment: &mut Fragment, caption: Vec<Event<'static>>, range: Range<usize>) {
    push_html(fragment, "<caption>".to_owned(), range.clone());
    for event in caption {
        push(fragment, event, range.clone());
    }
    push_html(fragment, "</caption>".to_owned(), range);
}
