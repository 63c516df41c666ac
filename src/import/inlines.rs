//! Pandoc inlines as Markdown, as the HTML of the table subset, and as plain text (for
//! recognising headings, labels and recommendations).

use std::fmt::Write;

use super::ast::{Inline, QuoteType};
use super::convert::Converter;
use super::finding::Finding;
use crate::diagnostics::{codes, message};
use crate::link_safety;

/// The plain text, white space collapsed.
pub(super) fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Str(text) | Inline::Code(_, text) | Inline::Math(_, text) => out.push_str(text),
            Inline::Space | Inline::SoftBreak | Inline::LineBreak => out.push(' '),
            Inline::Emph(inner)
            | Inline::Underline(inner)
            | Inline::Strong(inner)
            | Inline::Strikeout(inner)
            | Inline::Superscript(inner)
            | Inline::Subscript(inner)
            | Inline::SmallCaps(inner)
            | Inline::Cite(_, inner)
            | Inline::Link(_, inner, _)
            | Inline::Span(_, inner) => push_plain(inner, out),
            Inline::Quoted(quote, inner) => {
                let mark = quote_mark(*quote);
                out.push_str(mark);
                push_plain(inner, out);
                out.push_str(mark);
            }
            Inline::RawInline(..) | Inline::Image(..) | Inline::Note(_) => {}
        }
    }
}

/// True when every word of the paragraph is bold: the way real files mark a heading, and
/// the way the template marks a recommendation.
pub(super) fn all_bold(inlines: &[Inline]) -> bool {
    let mut any = false;
    for inline in inlines {
        match inline {
            Inline::Strong(_) => any = true,
            Inline::Space | Inline::SoftBreak | Inline::LineBreak => {}
            Inline::Span(_, inner) | Inline::Underline(inner) => {
                if !all_bold(inner) {
                    return false;
                }
                any = true;
            }
            _ => return false,
        }
    }
    any
}

/// The inlines with bold taken off the top level (a recommendation's text is bold in Word;
/// on the site its card shows that).
pub(super) fn without_bold(inlines: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Strong(inner) => out.extend(without_bold(inner)),
            other => out.push(other.clone()),
        }
    }
    out
}

fn quote_mark(quote: QuoteType) -> &'static str {
    match quote {
        QuoteType::SingleQuote => "'",
        QuoteType::DoubleQuote => "\"",
    }
}

/// Where Markdown is written: a line break is `\` in a paragraph, `<br>` in a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    Paragraph,
    TableCell,
}

/// Plain text as Markdown text (a caption read as plain text).
pub(super) fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_markdown(text, Context::Paragraph, &mut out);
    out
}

/// Characters Markdown would read as syntax inside text.
fn escape_markdown(text: &str, context: Context, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '|' if context == Context::TableCell => out.push_str("\\|"),
            _ => out.push(c),
        }
    }
}

pub(super) fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Wraps `inner` in `mark`, keeping white space at its ends outside (`** a**` is not bold).
fn wrap(mark: &str, inner: &str, out: &mut String) {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(inner);
        return;
    }
    let start = inner.len() - inner.trim_start().len();
    let end = start + trimmed.len();
    out.push_str(&inner[..start]);
    out.push_str(mark);
    out.push_str(trimmed);
    out.push_str(mark);
    out.push_str(&inner[end..]);
}

impl Converter {
    pub(super) fn markdown(&mut self, inlines: &[Inline], context: Context) -> String {
        let mut out = String::new();
        self.push_markdown(inlines, context, &mut out);
        out
    }

    fn push_markdown(&mut self, inlines: &[Inline], context: Context, out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Str(text) => escape_markdown(text, context, out),
                Inline::Space | Inline::SoftBreak => out.push(' '),
                Inline::LineBreak => match context {
                    Context::Paragraph => out.push_str("\\\n"),
                    Context::TableCell => out.push_str("<br>"),
                },
                Inline::Emph(inner) => self.push_wrapped("*", inner, context, out),
                Inline::Strong(inner) => self.push_wrapped("**", inner, context, out),
                Inline::Strikeout(inner) => self.push_wrapped("~~", inner, context, out),
                Inline::Superscript(inner) => self.push_element("sup", inner, context, out),
                Inline::Subscript(inner) => self.push_element("sub", inner, context, out),
                Inline::Underline(inner)
                | Inline::SmallCaps(inner)
                | Inline::Cite(_, inner)
                | Inline::Span(_, inner) => self.push_markdown(inner, context, out),
                Inline::Quoted(quote, inner) => {
                    let mark = quote_mark(*quote);
                    out.push_str(mark);
                    self.push_markdown(inner, context, out);
                    out.push_str(mark);
                }
                Inline::Code(_, text) => push_code(text, out),
                Inline::Math(_, text) => {
                    self.unsupported(Unsupported::Formula, text);
                    escape_markdown(text, context, out);
                }
                Inline::RawInline(format, text) => {
                    self.unsupported(Unsupported::Raw(format), text);
                }
                Inline::Link(_, inner, (url, _)) => self.push_link(inner, url, context, out),
                Inline::Image(attr, alt, target) => {
                    let image = self.image(attr, alt, target, None);
                    out.push_str(&image);
                }
                Inline::Note(blocks) => self.push_note(blocks, context, out),
            }
        }
    }

    /// Emphasis, bold or strikeout: `inner` between its marks.
    fn push_wrapped(&mut self, mark: &str, inner: &[Inline], context: Context, out: &mut String) {
        let inner = self.markdown(inner, context);
        wrap(mark, &inner, out);
    }

    /// Superscript or subscript, which Markdown has no syntax for: an HTML element.
    fn push_element(&mut self, name: &str, inner: &[Inline], context: Context, out: &mut String) {
        let inner = self.markdown(inner, context);
        let _ = write!(out, "<{name}>{inner}</{name}>");
    }

    /// A link, to its new place when the URL map knows the address; an unsafe one keeps
    /// only its text.
    fn push_link(&mut self, inner: &[Inline], url: &str, context: Context, out: &mut String) {
        let text = self.markdown(inner, context);
        if self.refuse_unsafe_link(inner, url) {
            out.push_str(&text);
            return;
        }
        let destination = self
            .link_target(url)
            .unwrap_or_else(|| link_destination(url));
        let _ = write!(out, "[{text}]({destination})");
    }

    /// A Word footnote: its text in parentheses where it stood, and a finding saying so.
    fn push_note(&mut self, blocks: &[super::ast::Block], context: Context, out: &mut String) {
        let text = blocks_plain(blocks);
        self.findings.push(
            Finding::warning(
                codes::import::WORD_FOOTNOTE,
                message!("import-word-footnote", text = text.as_str()),
            )
            .in_word(&self.place)
            .at(self.anchor()),
        );
        out.push_str(" (");
        escape_markdown(&text, context, out);
        out.push(')');
    }

    /// The HTML of the table subset: `br, sup, sub, em, strong`; links and images have no
    /// place in it: a link's text is kept, an image goes below the table, each a finding.
    pub(super) fn html(&mut self, inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Str(text) | Inline::Code(_, text) | Inline::Math(_, text) => {
                    escape_html(text, out)
                }
                Inline::Space | Inline::SoftBreak => out.push(' '),
                Inline::LineBreak => out.push_str("<br>"),
                Inline::Emph(inner) => self.html_element("em", inner, out),
                Inline::Strong(inner) => self.html_element("strong", inner, out),
                Inline::Superscript(inner) => self.html_element("sup", inner, out),
                Inline::Subscript(inner) => self.html_element("sub", inner, out),
                Inline::Underline(inner)
                | Inline::Strikeout(inner)
                | Inline::SmallCaps(inner)
                | Inline::Cite(_, inner)
                | Inline::Span(_, inner) => self.html(inner, out),
                Inline::Quoted(quote, inner) => {
                    out.push_str(if matches!(quote, QuoteType::DoubleQuote) {
                        "&quot;"
                    } else {
                        "'"
                    });
                    self.html(inner, out);
                    out.push_str(if matches!(quote, QuoteType::DoubleQuote) {
                        "&quot;"
                    } else {
                        "'"
                    });
                }
                Inline::Link(_, text, (url, _)) => self.html_link(text, url, out),
                Inline::Image(attr, alt, target) => {
                    let image = self.image(attr, alt, target, None);
                    if !image.is_empty() {
                        self.below_table.push(image);
                        self.findings.push(
                            Finding::warning(
                                codes::import::UNSUPPORTED_CONTENT,
                                message!(
                                    "import-unsupported-content-image-in-table",
                                    alt = plain(alt)
                                ),
                            )
                            .in_word(&self.place)
                            .at(self.anchor()),
                        );
                    }
                }
                Inline::RawInline(format, text) => {
                    self.unsupported(Unsupported::Raw(format), text);
                }
                Inline::Note(blocks) => {
                    let text = blocks_plain(blocks);
                    out.push_str(" (");
                    escape_html(&text, out);
                    out.push(')');
                }
            }
        }
    }

    /// A link in a merged-cell table: the subset has no links, so its text is kept with
    /// where it leads in parentheses (an old guideline address through the URL map), and
    /// the report asks for it to be linked by hand. As text, no address can run script.
    fn html_link(&mut self, text: &[Inline], url: &str, out: &mut String) {
        if self.refuse_unsafe_link(text, url) {
            self.html(text, out);
            return;
        }
        let destination = self.link_target(url).unwrap_or_else(|| url.to_owned());
        self.html(text, out);
        out.push_str(" (");
        escape_html(&destination, out);
        out.push(')');
        self.findings.push(
            Finding::warning(
                codes::import::UNSUPPORTED_CONTENT,
                message!(
                    "import-unsupported-content-link-in-table",
                    text = plain(text),
                    destination = destination.as_str(),
                ),
            )
            .in_word(&self.place)
            .at(self.anchor()),
        );
    }

    /// A link no page may carry (`file:` to a network share, `javascript:`): true, and
    /// told with its address, when its text is to be written without it.
    fn refuse_unsafe_link(&mut self, text: &[Inline], url: &str) -> bool {
        let Some(scheme) = link_safety::unsafe_scheme(url) else {
            return false;
        };
        let shown: String = url.chars().take(80).collect();
        self.findings.push(
            Finding::warning(
                codes::import::UNSUPPORTED_CONTENT,
                message!(
                    "import-unsupported-content-link-scheme",
                    scheme = scheme.as_str(),
                    text = plain(text),
                    url = shown,
                ),
            )
            .in_word(&self.place)
            .at(self.anchor()),
        );
        true
    }

    fn html_element(&mut self, name: &str, inner: &[Inline], out: &mut String) {
        let _ = write!(out, "<{name}>");
        self.html(inner, out);
        let _ = write!(out, "</{name}>");
    }

    /// Content Markdown cannot hold: named in the report, never dropped silently.
    pub(super) fn unsupported(&mut self, what: Unsupported<'_>, text: &str) {
        let shown: String = text.chars().take(60).collect();
        let (what, format) = match what {
            Unsupported::Formula => ("formula", ""),
            Unsupported::NestedTable => ("nested-table", ""),
            Unsupported::Raw(format) => ("raw", format),
        };
        self.findings.push(
            Finding::warning(
                codes::import::UNSUPPORTED_CONTENT,
                message!(
                    "import-unsupported-content",
                    what = what,
                    format = format,
                    text = shown,
                ),
            )
            .in_word(&self.place)
            .at(self.anchor()),
        );
    }
}

/// Content Markdown cannot hold, as the report names it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Unsupported<'a> {
    /// A Word equation.
    Formula,
    /// A table inside a table cell.
    NestedTable,
    /// Raw content of a format (`openxml`).
    Raw(&'a str),
}

/// The plain text of blocks (a footnote's paragraphs), one space between them.
pub(super) fn blocks_plain(blocks: &[super::ast::Block]) -> String {
    use super::ast::Block;
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Para(inlines) | Block::Plain(inlines) => Some(plain(inlines)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plain text of any block, tables and lists included, for messages.
pub(super) fn block_text(block: &super::ast::Block) -> String {
    use super::ast::Block;
    let parts: Vec<String> = match block {
        Block::Para(inlines) | Block::Plain(inlines) | Block::Header(_, _, inlines) => {
            vec![plain(inlines)]
        }
        Block::BulletList(items) | Block::OrderedList(_, items) => items
            .iter()
            .flat_map(|item| item.iter().map(block_text))
            .collect(),
        Block::BlockQuote(blocks) | Block::Div(_, blocks) | Block::Figure(_, _, blocks) => {
            blocks.iter().map(block_text).collect()
        }
        Block::Table(table) => {
            let mut parts = Vec::new();
            for row in table
                .3
                .1
                .iter()
                .chain(table.4.iter().flat_map(|b| b.3.iter()))
            {
                for cell in &row.1 {
                    parts.extend(cell.blocks().iter().map(block_text));
                }
            }
            parts
        }
        Block::LineBlock(lines) => lines.iter().map(|l| plain(l)).collect(),
        Block::CodeBlock(_, text) => vec![text.clone()],
        _ => Vec::new(),
    };
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Inline code, in double backticks when it holds a backtick itself.
fn push_code(text: &str, out: &mut String) {
    let fence = if text.contains('`') { "`` " } else { "`" };
    let close = if text.contains('`') { " ``" } else { "`" };
    let _ = write!(out, "{fence}{text}{close}");
}

/// URLs with spaces or parentheses go in angle brackets.
fn link_destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Inline {
        Inline::Str(text.to_owned())
    }

    #[test]
    fn plain_collapses_space() {
        let inlines = [
            s("Faglig"),
            Inline::Space,
            Inline::Strong(vec![s("godkendelse")]),
        ];
        assert_eq!(plain(&inlines), "Faglig godkendelse");
        assert!(!all_bold(&inlines));
        assert!(all_bold(&[Inline::Strong(vec![s("Rationale")])]));
    }

    #[test]
    fn a_link_no_page_may_carry_keeps_its_text_and_is_told() {
        let mut converter = Converter::new("x".to_owned(), std::path::PathBuf::new());
        let link = |url: &str| {
            vec![
                s("Se"),
                Inline::Space,
                Inline::Link((), vec![s("notatet")], (url.to_owned(), String::new())),
            ]
        };
        let written = converter.markdown(&link("file://srv/notat.docx"), Context::Paragraph);
        assert_eq!(written, "Se notatet");
        let mut html = String::new();
        converter.html(&link("JavaScript:alert(1)"), &mut html);
        assert_eq!(html, "Se notatet");
        let messages: Vec<String> = converter
            .findings
            .iter()
            .map(|f| f.diagnostic.message.english().into_owned())
            .collect();
        assert_eq!(
            messages,
            [
                "a `file:` link cannot be on a page (only https, http, mailto and tel can), so \
                 only its text `notatet` was written; it pointed to file://srv/notat.docx",
                "a `javascript:` link cannot be on a page (only https, http, mailto and tel \
                 can), so only its text `notatet` was written; it pointed to JavaScript:alert(1)",
            ]
        );
        let kept = converter.markdown(
            &link("https://pubmed.ncbi.nlm.nih.gov/1/"),
            Context::Paragraph,
        );
        assert_eq!(kept, "Se [notatet](https://pubmed.ncbi.nlm.nih.gov/1/)");
        assert_eq!(converter.findings.len(), 2);
    }

    #[test]
    fn bold_keeps_spaces_outside() {
        let mut out = String::new();
        wrap("**", " fed ", &mut out);
        assert_eq!(out, " **fed** ");
    }
}
