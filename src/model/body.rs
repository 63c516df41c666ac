//! The body of a guideline: the template's sections, the topics of *Grundlag*, and what the
//! text cites and links to.

use std::ops::Range;

use pulldown_cmark::Event;

use super::html_text;
use super::strength::{EvidenceLevel, Strength};

/// The nine sections of the DMCG template, in the template's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKind {
    Changelog,
    QuickGuide,
    Introduction,
    Grundlag,
    References,
    Method,
    Monitoring,
    Appendix,
    About,
}

impl SectionKind {
    pub const ALL: [SectionKind; 9] = [
        Self::Changelog,
        Self::QuickGuide,
        Self::Introduction,
        Self::Grundlag,
        Self::References,
        Self::Method,
        Self::Monitoring,
        Self::Appendix,
        Self::About,
    ];

    /// The heading exactly as the template writes it.
    pub fn title(self) -> &'static str {
        match self {
            Self::Changelog => "Nyt siden sidst (ændringslog)",
            Self::QuickGuide => "1. Anbefalinger (Quick guide)",
            Self::Introduction => "2. Introduktion",
            Self::Grundlag => "3. Grundlag",
            Self::References => "4. Referencer",
            Self::Method => "5. Metode",
            Self::Monitoring => "6. Monitorering",
            Self::Appendix => "7. Bilag",
            Self::About => "8. Om denne kliniske retningslinje",
        }
    }

    /// The stable anchor of the section on the page.
    pub fn anchor(self) -> &'static str {
        match self {
            Self::Changelog => "nyt-siden-sidst",
            Self::QuickGuide => "quick-guide",
            Self::Introduction => "introduktion",
            Self::Grundlag => "grundlag",
            Self::References => "referencer",
            Self::Method => "metode",
            Self::Monitoring => "monitorering",
            Self::Appendix => "bilag",
            Self::About => "om-retningslinjen",
        }
    }

    /// Sections the template allows to be empty (the Quick guide must be).
    pub fn may_be_empty(self) -> bool {
        matches!(self, Self::QuickGuide | Self::Monitoring | Self::Appendix)
    }

    pub fn from_title(title: &str) -> Option<Self> {
        let wanted = normalize_title(title);
        Self::ALL
            .into_iter()
            .find(|kind| normalize_title(kind.title()) == wanted)
    }

    /// The section a heading that is not a template title was meant to be: the title it is
    /// most like ("Anbefalinger (Quickguide)"), or the section with its number
    /// ("2. Indledning").
    pub fn near_miss(title: &str) -> Option<Self> {
        closest_title(title, Self::ALL.iter().map(|k| (*k, k.title()))).or_else(|| {
            let (number, _) = title.split_once('.')?;
            let number = number.trim();
            if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Self::ALL
                .into_iter()
                .find(|k| k.title().split_once('.').is_some_and(|(n, _)| n == number))
        })
    }
}

/// How alike two titles must be (0–1) to take one for the other.
const NEAR_MISS: f64 = 0.6;

/// The candidate whose title is most like `title`, if it is alike enough to be a misspelling.
pub fn closest_title<K: Copy>(
    title: &str,
    candidates: impl Iterator<Item = (K, &'static str)>,
) -> Option<K> {
    let wanted = normalize_title(title).to_lowercase();
    candidates
        .map(|(kind, candidate)| {
            let score =
                strsim::normalized_levenshtein(&wanted, &normalize_title(candidate).to_lowercase());
            (kind, score)
        })
        .filter(|(_, score)| *score >= NEAR_MISS)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(kind, _)| kind)
}

/// The four evidence sub-sections every topic with recommendations has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubSectionKind {
    Evidence,
    PatientValues,
    Rationale,
    Remarks,
}

impl SubSectionKind {
    pub const ALL: [SubSectionKind; 4] = [
        Self::Evidence,
        Self::PatientValues,
        Self::Rationale,
        Self::Remarks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Evidence => "Litteratur og evidensgennemgang",
            Self::PatientValues => "Patientværdier og – præferencer",
            Self::Rationale => "Rationale",
            Self::Remarks => "Bemærkninger og overvejelser",
        }
    }

    pub fn anchor_suffix(self) -> &'static str {
        match self {
            Self::Evidence => "litteratur",
            Self::PatientValues => "patientvaerdier",
            Self::Rationale => "rationale",
            Self::Remarks => "bemaerkninger",
        }
    }

    pub fn from_title(title: &str) -> Option<Self> {
        let wanted = normalize_title(title);
        Self::ALL
            .into_iter()
            .find(|kind| normalize_title(kind.title()) == wanted)
    }
}

/// Headings match up to white space and dash variants (`-`, `–`, `—`).
pub fn normalize_title(title: &str) -> String {
    let dashes_unified: String = title
        .chars()
        .map(|c| {
            if matches!(c, '–' | '—' | '‐' | '‑' | '−') {
                '-'
            } else {
                c
            }
        })
        .collect();
    // "og – præferencer" and "og -præferencer" are the same title.
    dashes_unified
        .replace('-', " - ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A run of Markdown content: parsed events (owned, so the model outlives the text) and the
/// byte range of the file they came from.
#[derive(Debug, Clone, Default)]
pub struct Fragment {
    pub events: Vec<Event<'static>>,
    pub span: Range<usize>,
}

impl Fragment {
    /// True when the fragment holds no text, only structure or nothing at all.
    pub fn is_empty(&self) -> bool {
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
    pub fn plain_text(&self) -> String {
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

/// Appends `text` to `out` with each run of whitespace as one space and none at the start
/// of `out`. Stretches that need no change (words with single spaces between them, most of
/// any text) are copied whole, and found eight bytes at a time, since search units are made
/// from every paragraph of every guideline.
fn push_words(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // `text[copy_from..at]` is still to be copied as it is.
    let mut copy_from = 0;
    let mut at = 0;
    // Whether what is written so far (copied or still to copy) ends where a space would be
    // one too many: at the start of `out`, or after a space.
    let mut after_space = out.is_empty() || out.ends_with(' ');
    while at < bytes.len() {
        // Skip the bytes that stay as they are, a word of eight at a time.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let (keep, ends_in_space) = unchanged_prefix(word, after_space);
            at += keep;
            if keep > 0 {
                after_space = ends_in_space;
            }
            if keep < 8 {
                break;
            }
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        if byte > b' ' && byte.is_ascii() {
            after_space = false;
            at += 1;
            continue;
        }
        if byte == b' ' && !after_space {
            // A single space stays, copied with the words around it.
            after_space = true;
            at += 1;
            continue;
        }
        let (space, len) = if byte.is_ascii() {
            // `char::is_whitespace` for ASCII: space, \t, \n, \x0B, \x0C, \r.
            (matches!(byte, b' ' | b'\t'..=b'\r'), 1)
        } else {
            text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if space {
            out.push_str(&text[copy_from..at]);
            if !after_space {
                out.push(' ');
                after_space = true;
            }
            copy_from = at + len;
        } else {
            after_space = false;
        }
        at += len;
    }
    out.push_str(&text[copy_from..]);
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Of eight bytes of text (little-endian in `word`), how many from the first stay as they are
/// in `push_words`: printable ASCII, and spaces that follow no space (`after_space` says
/// whether the byte before the eight was one). And whether the last byte kept is a space.
/// Other bytes (control characters, any non-ASCII byte, a second space) end the stretch.
fn unchanged_prefix(word: u64, after_space: bool) -> (usize, bool) {
    let low = word & !HIGH_BITS;
    // 0x80 in each ASCII byte below 0x20: adding 0x60 to its low seven bits leaves the high
    // bit clear exactly then (no carry crosses bytes: 0x7F + 0x60 < 0x100).
    let control = !(low + 0x6060_6060_6060_6060) & !word & HIGH_BITS;
    // 0x80 in each byte that is a space: a zero byte once XORed with spaces.
    let xored = word ^ 0x2020_2020_2020_2020;
    let spaces = !(((xored & !HIGH_BITS) + !HIGH_BITS) | xored | !HIGH_BITS);
    // A space right after a space (or after the byte before the eight, if that was one).
    let doubled = spaces & ((spaces << 8) | if after_space { 0x80 } else { 0 });
    let stop = (word & HIGH_BITS) | control | doubled;
    let keep = (stop.trailing_zeros() / 8) as usize;
    let ends_in_space = keep > 0 && (spaces >> (8 * keep - 1)) & 1 == 1;
    (keep, ends_in_space)
}

/// A `#` section of the body.
#[derive(Debug, Clone)]
pub struct Section {
    /// `None` for a heading that is not a template title (already reported).
    pub kind: Option<SectionKind>,
    /// The heading is not `kind`'s exact title but a near miss of it ("Referencerne"). It is
    /// reported once, and read as `kind` so its topics and references are not reported too.
    pub misspelt: bool,
    pub title: String,
    pub heading_span: Range<usize>,
    /// Content before the first topic (for *Grundlag*) or all content (other sections).
    pub content: Fragment,
    /// `##` topics; only *3. Grundlag* has them.
    pub topics: Vec<Topic>,
}

impl Section {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.topics.is_empty()
    }
}

/// A `##` topic of *3. Grundlag*.
#[derive(Debug, Clone)]
pub struct Topic {
    pub title: String,
    pub anchor: String,
    pub heading_span: Range<usize>,
    /// What stands before the first `###`: text and the recommendations, in order.
    pub lead: Vec<LeadBlock>,
    pub subsections: Vec<SubSection>,
}

impl Topic {
    pub fn recommendation_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.lead.iter().filter_map(|block| match block {
            LeadBlock::Recommendation(index) => Some(*index),
            LeadBlock::Markdown(_) => None,
        })
    }
}

#[derive(Debug, Clone)]
pub enum LeadBlock {
    Markdown(Fragment),
    /// An index into `Guideline::recommendations`.
    Recommendation(usize),
}

/// A `###` sub-section of a topic.
#[derive(Debug, Clone)]
pub struct SubSection {
    /// `None` for a heading that is not one of the four evidence sub-sections.
    pub kind: Option<SubSectionKind>,
    pub title: String,
    pub anchor: String,
    pub heading_span: Range<usize>,
    pub content: Fragment,
}

/// An image in the text, as written: `![alt](destination "title")`.
#[derive(Debug, Clone)]
pub struct ImageRef {
    pub destination: String,
    pub title: String,
    /// The alt text's words (empty when the author wrote none).
    pub alt: String,
    pub span: Range<usize>,
}

/// A heading in a section's text (not a template section, topic or evidence sub-section):
/// it gets an id of its own, is listed in the page's "on this page" navigation, and can be
/// the target of a `@/…#id` link.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1–6, as written (`##` is 2).
    pub level: u8,
    pub title: String,
    pub anchor: String,
    pub span: Range<usize>,
    /// Index into `Guideline::sections`.
    pub section: usize,
    /// Index into the section's topics, when it stands in a topic of *3. Grundlag*.
    pub topic: Option<usize>,
    /// Index into the topic's sub-sections, when it stands in one (in its `<details>`).
    pub subsection: Option<usize>,
    /// Inside a recommendation: the Quick guide repeats that text, so it is not listed in
    /// the navigation (the Grundlag copy has the id).
    pub in_recommendation: bool,
}

/// `ny` / `ændret`: what is new in this version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Marker {
    New,
    Changed,
}

impl Marker {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "ny",
            Self::Changed => "ændret",
        }
    }
}

/// A `::: anbefaling N (STRENGTH) [ny|ændret]` container.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub id: u32,
    pub id_span: Range<usize>,
    /// `None` when the strength did not parse (already reported).
    pub strength: Option<Strength>,
    pub strength_span: Range<usize>,
    pub marker: Option<Marker>,
    /// The whole `::: anbefaling …` line.
    pub header_span: Range<usize>,
    pub content: Fragment,
    /// Index into the Grundlag section's topics.
    pub topic: usize,
}

impl Recommendation {
    pub fn anchor(&self) -> String {
        format!("anbefaling-{}", self.id)
    }
}

/// A `[^key]` citation in the text.
#[derive(Debug, Clone)]
pub struct Citation {
    pub key: String,
    pub span: Range<usize>,
    pub level: Option<EvidenceLevel>,
}

/// A `[^key]: …` definition.
#[derive(Debug, Clone)]
pub struct RefDefinition {
    pub key: String,
    pub span: Range<usize>,
    /// The section it stands in; only *4. Referencer* is allowed.
    pub section: Option<SectionKind>,
    pub content: Fragment,
}

/// A link in the text, as written.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub destination: String,
    pub span: Range<usize>,
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
        // Unicode whitespace (no-break space, em space, line separator) is whitespace too.
        let mut out = String::from("Dosis");
        push_words(&mut out, "\u{a0}5\u{2003}mg/m²\u{2028}\x0b\x0cx\ry");
        assert_eq!(out, "Dosis 5 mg/m² x y");
        push_words(&mut out, "z");
        assert_eq!(out, "Dosis 5 mg/m² x yz");
    }

    /// `push_words` by its definition: split on whitespace, one space between the pieces.
    fn push_words_by_definition(out: &mut String, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(word);
        }
    }

    #[test]
    fn push_words_agrees_with_its_definition() {
        let pieces = [
            "",
            " ",
            "  ",
            "\t",
            "\n",
            "\r",
            "\u{2028}",
            "ord og",
            "\u{a0}",
            "\u{3000}",
            "æ",
            "ø",
            "å",
            "x",
            "5-FU",
            "m²",
            "–",
            "😀",
            "behandling ",
            "kemoterapi",
            " i ",
            "og  ",
            "\x01",
            "~",
        ];
        let mut seed = 11u64;
        for _ in 0..2_000 {
            let mut start = String::new();
            let mut text = String::new();
            for (target, pieces_in) in [(&mut start, 4), (&mut text, 6 + (seed % 30) as usize)] {
                for _ in 0..pieces_in {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    target.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                }
            }
            let mut fast = start.clone();
            push_words(&mut fast, &text);
            let mut reference = start;
            push_words_by_definition(&mut reference, &text);
            assert_eq!(fast, reference, "{text:?}");
        }
        assert_eq!(Fragment::default().plain_text(), "");
    }

    #[test]
    fn titles_match_up_to_space_and_dashes() {
        assert_eq!(
            SectionKind::from_title("3.  Grundlag"),
            Some(SectionKind::Grundlag)
        );
        assert_eq!(
            SubSectionKind::from_title("Patientværdier og - præferencer"),
            Some(SubSectionKind::PatientValues)
        );
        assert_eq!(
            SubSectionKind::from_title("Patientværdier og —præferencer"),
            Some(SubSectionKind::PatientValues)
        );
        assert_eq!(
            SectionKind::from_title("1. Anbefalinger (Quickguide)"),
            None
        );
    }
}
