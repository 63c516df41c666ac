//! A run of Markdown content as the model keeps it.
//!
//! Why the model keeps pulldown-cmark's events rather than an inline representation of its
//! own (a decision, issue 26): the pipeline reads Markdown once (`parse`) and writes it in two
//! forms, HTML (`render::markdown`) and plain text ([`Fragment::plain_text`], for search,
//! summaries and change lists). Only those three places touch the events; `validate` reads
//! what the walk noted in typed lists (citations, links, images, headings) or asks a fragment
//! ([`Fragment::is_empty`]), never the events themselves. An inline type of our own would add
//! a converter in `parse` and move pulldown-cmark's tag semantics (lists, tables, footnotes,
//! emphasis) into a second HTML writer: two more copies of one concept, for no reader that
//! needs them today. The cost we accept: the model names one
//! well-kept crate's type (`Event<'static>`, owned so the model outlives the file's text),
//! so a major pulldown-cmark upgrade touches parse, model and the HTML renderer together.
//! Worth revisiting when a reader other than these needs the content, e.g. a second output
//! format, or a rule that looks inside the text rather than at what the walk noted.

use std::ops::Range;

use pulldown_cmark::Event;

use super::html_text;
use crate::collapsed_words::push_words;

/// A run of Markdown content: parsed events (owned, so the model outlives the text) and the
/// byte range of the file they came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fragment {
    pub(crate) events: Vec<Event<'static>>,
    pub(crate) span: Range<usize>,
}

impl Fragment {
    /// True when the fragment holds no text, only structure or nothing at all.
    pub(crate) fn is_empty(&self) -> bool {
        !self.events.iter().any(|e| match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                !t.trim().is_empty()
            }
            Event::FootnoteReference(_) | Event::Rule => true,
            Event::Start(pulldown_cmark::Tag::Image { .. } | pulldown_cmark::Tag::Table(_)) => true,
            _ => false,
        })
    }

    /// The plain text, for search and summaries: the words, one space between them.
    pub(crate) fn plain_text(&self) -> String {
        // The text comes from the fragment's span of the file, less its markup: room for it
        // up front, rather than the buffer grown and copied a dozen times over.
        let mut out = String::with_capacity(self.span.len());
        for event in &self.events {
            match event {
                Event::Text(t) | Event::Code(t) => push_words(&mut out, t),
                // The model's HTML is retning's own: a cleaned table, whose cells are text
                // a reader searches for like any other.
                Event::Html(html) => html_text::for_each_text(html, |t| push_words(&mut out, t)),
                Event::SoftBreak
                | Event::HardBreak
                | Event::End(
                    pulldown_cmark::TagEnd::Paragraph
                    | pulldown_cmark::TagEnd::Item
                    | pulldown_cmark::TagEnd::TableCell
                    | pulldown_cmark::TagEnd::Heading(_),
                ) => push_words(&mut out, " "),
                _ => {}
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_the_words_with_one_space_between() {
        let markdown =
            "  Kemo\tterapi  i\n3 serier.\n\n| A | B  |\n|---|---|\n| x|`5-FU` |\n\n- én\n-  to ";
        let events = pulldown_cmark::Parser::new_ext(markdown, crate::parse::markdown_options())
            .map(Event::into_static)
            .collect();
        let fragment = Fragment {
            events,
            span: 0..markdown.len(),
        };
        assert_eq!(
            fragment.plain_text(),
            "Kemo terapi i 3 serier. A B x 5-FU én to"
        );
        assert_eq!(Fragment::default().plain_text(), "");
    }
}
