//! Fragment events → HTML. The events were parsed once; here they are only transformed:
//! citations become numbered links, `@/` cross-links resolve to page URLs, tables scroll in
//! their own box, headings move below the page's own, and raw HTML is shown as text.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use rustc_hash::FxHashMap;

use crate::assets::Asset;
use crate::assets::reference::{Reference, classify};
use crate::link_safety;
use crate::model::{Fragment, Guideline, table_number};

pub(crate) use super::escape::{escape, escape_into};

/// Counts citations per key as the page is rendered, so each citation gets an id that the
/// reference list links back to.
#[derive(Debug, Default)]
pub(crate) struct Citations {
    pub(crate) occurrences: FxHashMap<String, usize>,
}

pub(crate) struct MarkdownRenderer<'a> {
    pub(crate) guideline: &'a Guideline,
    /// The site's root path, e.g. `/retningslinjer/`.
    pub(crate) root: &'a str,
    /// The accessible name of a scrollable table region, before the number its caption
    /// gives it (`Tabel 2: …` is "Tabel 2"), HTML-escaped.
    pub(crate) table_label: String,
    /// The name of a table without a numbered caption, before its place among those tables
    /// (landmarks on a page need distinct names), HTML-escaped.
    pub(crate) unnumbered_table_label: String,
    /// How many tables without a numbered caption the page has had so far.
    pub(crate) unnumbered_tables: std::cell::Cell<usize>,
    /// The caption numbers the page's table landmarks have had so far: a number used twice
    /// (`table.duplicate-number`) names the second table as one without a number.
    pub(crate) table_numbers: std::cell::RefCell<Vec<String>>,
    /// Each cited key's 1-based number (`Guideline::citation_number`), looked up once per
    /// page instead of searching the keys for every citation.
    pub(crate) numbers: FxHashMap<&'a str, usize>,
    /// The files beside the guideline, for the size of each image.
    pub(crate) assets: &'a [Asset],
    /// The words a figure's link says after its alt text (HTML-escaped): it opens the image
    /// at full size.
    pub(crate) zoom_label: String,
    /// On an earlier version's page: its files as they were then, which replace `assets`.
    pub(crate) past_assets: Option<&'a PastAssets>,
}

/// The files an earlier version of a guideline used, as they were in that version.
#[derive(Debug, Default)]
pub(crate) struct PastAssets {
    /// The name the old text gives the guideline's folder: the file's name then, which a
    /// renamed guideline no longer has.
    pub(crate) slug: String,
    /// Each file and its path in the site: under the version's own folder, or the current
    /// file's path when that is unchanged since.
    pub(crate) files: Vec<(Asset, String)>,
}

impl PastAssets {
    /// The file `destination` names in the old text, and its path in the site.
    fn find(&self, destination: &str) -> Option<&(Asset, String)> {
        match classify(destination, &self.slug) {
            Reference::Asset(name) => self.files.iter().find(|(a, _)| a.name == name),
            _ => None,
        }
    }
}

/// Each cited key's number, in order of first citation.
pub(crate) fn citation_numbers(guideline: &Guideline) -> FxHashMap<&str, usize> {
    let mut numbers =
        FxHashMap::with_capacity_and_hasher(guideline.body.cited_keys.len(), Default::default());
    for (i, key) in guideline.body.cited_keys.iter().enumerate() {
        numbers.entry(key.as_str()).or_insert(i + 1);
    }
    numbers
}

impl MarkdownRenderer<'_> {
    /// Renders a fragment. With `citations`, citation links get ids for back-links; without
    /// (the Quick guide repeats recommendation text), they get none, so ids stay unique.
    pub(crate) fn render(&self, fragment: &Fragment, citations: Option<&mut Citations>) -> String {
        let mut pass = Pass {
            renderer: self,
            all: &fragment.events,
            next: 0,
            events: Vec::with_capacity(fragment.events.len()),
            primary: citations.is_some(),
            citations,
            html_table_open: false,
            unsafe_left_out: LeftOut::default(),
        };
        while let Some(event) = pass.all.get(pass.next) {
            pass.next += 1;
            pass.event(event);
        }
        if pass.html_table_open {
            pass.events.push(table_wrap_end(pass.primary));
        }
        let mut html = String::with_capacity(fragment.span.len() + fragment.span.len() / 4);
        pulldown_cmark::html::push_html(&mut html, pass.events.into_iter());
        html
    }

    /// The box a table scrolls in, named as its caption numbers it ("Tabel 2"), or else by
    /// its place among the page's tables without a number: landmarks need distinct names.
    fn table_wrap(&self, caption_number: Option<&str>, landmark: bool) -> Event<'static> {
        // Only landmarks need distinct names; the Quick guide's groups come first on the page.
        let number = caption_number.filter(|number| {
            let mut seen = self.table_numbers.borrow_mut();
            let first = !seen.iter().any(|n| n == number);
            if first && landmark {
                seen.push((*number).to_owned());
            }
            first || !landmark
        });
        let name = match number {
            Some(number) => format!("{} {number}", self.table_label),
            None => {
                let count = self.unnumbered_tables.get() + 1;
                self.unnumbered_tables.set(count);
                format!("{} {count}", self.unnumbered_table_label)
            }
        };
        let element = if landmark {
            "section"
        } else {
            "div role=\"group\""
        };
        Event::Html(
            format!("<{element} class=\"table-wrap\" tabindex=\"0\" aria-label=\"{name}\">").into(),
        )
    }

    /// A file beside the guideline that `destination` names.
    fn asset(&self, destination: &str) -> Option<&Asset> {
        if let Some(past) = self.past_assets {
            return past.find(destination).map(|(asset, _)| asset);
        }
        match classify(destination, &self.guideline.slug) {
            Reference::Asset(name) => self.assets.iter().find(|a| a.name == name),
            _ => None,
        }
    }

    /// `events` (after a paragraph's start) as a figure when they are one image of the
    /// guideline's folder, with a title, and the paragraph's end: the HTML and how many
    /// events it took.
    fn figure(&self, events: &[Event<'static>], lazy: bool) -> Option<(String, usize)> {
        let Some(Event::Start(Tag::Image {
            dest_url, title, ..
        })) = events.first()
        else {
            return None;
        };
        if title.is_empty() {
            return None;
        }
        self.asset(dest_url)?;
        let (alt, used) = alt_text(&events[1..]);
        if !matches!(events.get(1 + used), Some(Event::End(TagEnd::Paragraph))) {
            return None;
        }
        let html = format!(
            "<figure class=\"figure\">{}<figcaption>{}</figcaption></figure>\n",
            self.image(dest_url, &alt, lazy),
            escape(title)
        );
        Some((html, used + 2))
    }

    /// An image of the guideline's folder with its size, in a link that opens it at full
    /// size (a flowchart is read zoomed in on a phone).
    fn image(&self, destination: &str, alt: &str, lazy: bool) -> String {
        let url = escape(&self.resolve_link(&CowStr::Borrowed(destination)));
        let size = self
            .asset(destination)
            .and_then(|a| a.size)
            .map(|(w, h)| format!(" width=\"{w}\" height=\"{h}\""))
            .unwrap_or_default();
        let loading = if lazy { " loading=\"lazy\"" } else { "" };
        format!(
            "<a class=\"figure-zoom\" href=\"{url}\"><img src=\"{url}\" alt=\"{}\"{size}{loading} decoding=\"async\"><span class=\"visually-hidden\"> ({})</span></a>",
            escape(alt),
            self.zoom_label
        )
    }

    /// A table's HTML with each citation `[^key]` in its cells as a citation link (the
    /// parser counted them as citations; a table holds no Markdown).
    fn table_citations(&self, html: &str, mut citations: Option<&mut Citations>) -> String {
        let mut out = String::with_capacity(html.len() + 64);
        let mut last = 0;
        for (range, key) in crate::parse::table_citations(html) {
            out.push_str(&html[last..range.start]);
            out.push_str(&self.citation(key, citations.as_deref_mut()));
            last = range.end;
        }
        out.push_str(&html[last..]);
        out
    }

    fn citation(&self, key: &str, citations: Option<&mut Citations>) -> String {
        let number = self.numbers.get(key).copied().unwrap_or(0);
        let key_id = anchor_safe(key);
        match citations {
            Some(citations) => {
                let count = match citations.occurrences.get_mut(key) {
                    Some(count) => {
                        *count += 1;
                        *count
                    }
                    None => {
                        citations.occurrences.insert(key.to_owned(), 1);
                        1
                    }
                };
                format!(
                    "<sup class=\"cite\"><a id=\"cite-{key_id}-{count}\" href=\"#ref-{key_id}\">[{number}]</a></sup>"
                )
            }
            None => format!("<sup class=\"cite\"><a href=\"#ref-{key_id}\">[{number}]</a></sup>"),
        }
    }

    fn resolve_link<'e>(&self, destination: &CowStr<'e>) -> CowStr<'e> {
        if let Some((_, path)) = self.past_assets.and_then(|past| past.find(destination)) {
            return CowStr::from(format!("{}{path}", self.root));
        }
        if let Reference::Asset(_) = classify(destination, &self.guideline.slug) {
            // Published beside the page, at /<group>/<slug>/<name>.
            let path = destination.strip_prefix("./").unwrap_or(destination);
            return CowStr::from(format!("{}{}/{path}", self.root, self.guideline.group));
        }
        match destination.strip_prefix("@/") {
            Some(internal) => {
                let (path, anchor) = internal.split_once('#').unwrap_or((internal, ""));
                let page = match path.strip_suffix(".md") {
                    Some(page) => format!("{}{page}/", self.root),
                    None if path.is_empty() => String::new(),
                    None => format!("{}{path}", self.root),
                };
                let fragment = if anchor.is_empty() {
                    String::new()
                } else {
                    format!("#{anchor}")
                };
                CowStr::from(format!("{page}{fragment}"))
            }
            None => destination.clone(),
        }
    }
}

/// One fragment on its way to HTML: the model's events, read in order, become the events
/// pulldown-cmark writes out. Text is borrowed from the fragment, not copied.
struct Pass<'r, 'f> {
    renderer: &'r MarkdownRenderer<'r>,
    /// The fragment's events, and the index of the next one to read.
    all: &'f [Event<'static>],
    next: usize,
    /// What goes to the HTML writer.
    events: Vec<Event<'f>>,
    citations: Option<&'r mut Citations>,
    /// Whether this is the fragment's own place on the page, not the Quick guide's repeat of
    /// recommendation text: only there do headings keep their ids (every id is on the page
    /// once), tables become landmarks (the repeat is a group with the same name), and
    /// images load lazily (the Quick guide comes first; every other image is below the
    /// first screen).
    primary: bool,
    /// Inside a table the model holds as HTML (its start and end are separate events).
    html_table_open: bool,
    unsafe_left_out: LeftOut,
}

impl<'f> Pass<'_, 'f> {
    /// Transforms one event of the fragment (reading on past it where it starts a figure or
    /// an image).
    fn event(&mut self, event: &'f Event<'static>) {
        match event {
            Event::Start(Tag::Paragraph) => self.paragraph(),
            Event::Start(Tag::Image { dest_url, .. })
                if self.renderer.asset(dest_url).is_some() =>
            {
                self.asset_image(dest_url)
            }
            Event::FootnoteReference(key) => {
                let html = self.renderer.citation(key, self.citations.as_deref_mut());
                self.events.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link(*link_type, dest_url, title, id),
            Event::Start(Tag::Image { dest_url, .. }) if !link_safety::is_allowed(dest_url) => {
                self.unsafe_left_out.images.push(true);
            }
            Event::Start(Tag::Image { .. }) => {
                self.unsafe_left_out.images.push(false);
                self.events.push(event.clone());
            }
            Event::End(TagEnd::Link) if self.unsafe_left_out.links.pop() == Some(true) => {}
            Event::End(TagEnd::Image) if self.unsafe_left_out.images.pop() == Some(true) => {}
            Event::Start(Tag::Table(alignment)) => {
                let number = caption_number("", &self.all[self.next..]);
                let wrap = self.renderer.table_wrap(number, self.primary);
                self.events.push(wrap);
                self.events
                    .push(Event::Start(Tag::Table(alignment.clone())));
            }
            Event::End(TagEnd::Table) => {
                self.events.push(Event::End(TagEnd::Table));
                self.events.push(table_wrap_end(self.primary));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.events.push(Event::Start(Tag::Heading {
                    level: demote(*level),
                    id: if self.primary { id.clone() } else { None },
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => self
                .events
                .push(Event::End(TagEnd::Heading(demote(*level)))),
            Event::Html(html) => self.html(html),
            Event::InlineHtml(html) => self.events.push(Event::Text(html.clone())),
            // Text is borrowed from the fragment, not copied: most events are text.
            Event::Text(text) => self.events.push(Event::Text(CowStr::Borrowed(text))),
            Event::Code(code) => self.events.push(Event::Code(CowStr::Borrowed(code))),
            other => self.events.push(other.clone()),
        }
    }

    /// A paragraph's start, or the whole paragraph as a figure when it is one image with a
    /// title.
    fn paragraph(&mut self) {
        match self.renderer.figure(&self.all[self.next..], self.primary) {
            Some((html, used)) => {
                self.events.push(Event::Html(html.into()));
                self.next += used;
            }
            None => self.events.push(Event::Start(Tag::Paragraph)),
        }
    }

    /// An image of the guideline's folder, with its alt text, as one piece of HTML.
    fn asset_image(&mut self, destination: &str) {
        let (alt, used) = alt_text(&self.all[self.next..]);
        self.next += used;
        let html = self.renderer.image(destination, &alt, self.primary);
        self.events.push(Event::InlineHtml(html.into()));
    }

    /// A link's start, its destination resolved; left out when its scheme could run script.
    fn link(
        &mut self,
        link_type: LinkType,
        dest_url: &CowStr<'static>,
        title: &CowStr<'static>,
        id: &CowStr<'static>,
    ) {
        let allowed = link_safety::is_allowed(dest_url);
        self.unsafe_left_out.links.push(!allowed);
        if allowed {
            self.events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: self.renderer.resolve_link(dest_url),
                title: title.clone(),
                id: id.clone(),
            }));
        }
    }

    /// The model's HTML is retning's own (a table cleaned to the table subset, a caption's
    /// tags; the author's raw HTML became text when it was parsed): a table's start opens
    /// its box, its citations become links, its end closes the box.
    fn html(&mut self, html: &'f str) {
        if let Some(table) = html.strip_prefix("<table>") {
            let number = caption_number(table, &self.all[self.next..]);
            let wrap = self.renderer.table_wrap(number, self.primary);
            self.events.push(wrap);
            self.html_table_open = true;
        }
        if self.html_table_open && html.contains("[^") {
            let html = self
                .renderer
                .table_citations(html, self.citations.as_deref_mut());
            self.events.push(Event::Html(html.into()));
        } else {
            self.events.push(Event::Html(CowStr::Borrowed(html)));
        }
        if self.html_table_open && html.contains("</table>") {
            self.events.push(table_wrap_end(self.primary));
            self.html_table_open = false;
        }
    }
}

/// The end of [`MarkdownRenderer::table_wrap`]'s box.
fn table_wrap_end(landmark: bool) -> Event<'static> {
    Event::Html(if landmark { "</section>" } else { "</div>" }.into())
}

/// The number a table's caption gives it (`Tabel 2: …`). `html` is the rest of the table's
/// HTML after `<table>` (empty for a Markdown table), `after` the events after the table's
/// start: the caption is the author's `<caption>` in the HTML, or the parser's (a `Tabel N:`
/// paragraph made the table's caption), which follows as events.
fn caption_number<'e>(html: &'e str, after: &'e [Event<'static>]) -> Option<&'e str> {
    let html = html.trim_start();
    if let Some(caption) = html.strip_prefix("<caption>") {
        return table_number(caption.trim_start());
    }
    match after {
        [Event::Html(tag), Event::Text(text), ..]
            if html.is_empty() && tag.as_ref() == "<caption>" =>
        {
            table_number(text)
        }
        _ => None,
    }
}

/// An image's alt text: the text of `events` up to the image's end, and how many events
/// that took (the end included).
fn alt_text(events: &[Event<'static>]) -> (String, usize) {
    let mut alt = String::new();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::End(TagEnd::Image) => return (alt, i + 1),
            Event::Text(text) | Event::Code(text) => alt.push_str(text),
            _ => {}
        }
    }
    (alt, events.len())
}

/// Links and images whose scheme could run script are left out of the page, their text
/// kept: the parser reports them, but a preview of a file with errors renders it anyway.
/// Per kind, whether each open one was left out, so that its end is left out too.
#[derive(Default)]
struct LeftOut {
    links: Vec<bool>,
    images: Vec<bool>,
}

/// Content headings sit below the section's `<h2>`: `#`… in content become one level lower.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// Citation keys are free text; ids keep letters, digits, `-` and `_`, so they go into HTML
/// attributes as they are, with no escaping.
pub(crate) fn anchor_safe(key: &str) -> String {
    // One byte out per character in, so the key's length is always enough.
    let mut id = String::with_capacity(key.len());
    id.extend(key.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        }
    }));
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A citation key is free text; its id goes unescaped into `id` and `href` attributes.
    #[test]
    fn anchor_safe_ids_keep_only_letters_digits_dashes_and_underscores() {
        assert_eq!(anchor_safe("Hansen_2019-a"), "Hansen_2019-a");
        assert_eq!(anchor_safe("Ærø et al. \"2020\""), "-r--et-al---2020-");
        assert_eq!(anchor_safe("<a&b>'😀"), "-a-b---");
        for key in ["Ærø et al. \"2020\"", "<a&b>'😀", "x y"] {
            let id = anchor_safe(key);
            assert_eq!(id.chars().count(), key.chars().count(), "{key:?}");
            assert_eq!(escape(&id), id, "{key:?}");
        }
    }
}
