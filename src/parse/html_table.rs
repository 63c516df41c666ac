//! The one kind of raw HTML a guideline may hold: a table, for what Markdown tables cannot
//! say (merged cells). It is cleaned by ammonia down to a small subset; what the cleaning
//! drops is found here too, so the author hears about it at its line.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// The elements a table may use, and the attributes each may carry.
const ELEMENTS: [&str; 12] = [
    "table", "caption", "thead", "tbody", "tr", "th", "td", "br", "sup", "sub", "em", "strong",
];
const CELL_ATTRIBUTES: [&str; 3] = ["colspan", "rowspan", "scope"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(ELEMENTS.into_iter().collect::<HashSet<_>>())
        // `empty()` still allows `lang` and `title` on every element; the subset has neither.
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([
            ("th", CELL_ATTRIBUTES.into_iter().collect::<HashSet<_>>()),
            ("td", ["colspan", "rowspan"].into_iter().collect()),
        ]))
        // Their text is code, not content: gone with the element.
        .clean_content_tags(["script", "style"].into_iter().collect());
    builder
});

/// Whether a raw HTML block is a table (and so is cleaned rather than shown as text).
pub(super) fn is_table(html: &str) -> bool {
    html.trim_start()
        .get(..6)
        .is_some_and(|start| start.eq_ignore_ascii_case("<table"))
}

/// The table, cleaned to the subset.
pub(super) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// The citations `[^key]` in the text of a cleaned table, with their byte ranges. A table
/// holds no Markdown, so this is how a cell cites a reference; a key here is letters,
/// digits, `-`, `_` and `.`, which HTML escaping leaves as they are. Tags are skipped with
/// their quoted attribute values, so a citation is only ever found (and replaced) in text.
pub(crate) fn citations(cleaned: &str) -> Vec<(Range<usize>, &str)> {
    let bytes = cleaned.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'<' => i = tag_end(bytes, i),
            b'[' if bytes.get(i + 1) == Some(&b'^') => {
                let key_start = i + 2;
                let key_len = bytes[key_start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                    .count();
                let end = key_start + key_len;
                if key_len > 0 && bytes.get(end) == Some(&b']') {
                    found.push((i..end + 1, &cleaned[key_start..end]));
                    i = end + 1;
                } else {
                    i = key_start;
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// The index after the tag that starts at `start`, quoted attribute values included.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    let mut quote = None;
    for (i, &byte) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Something [`clean`] drops from a table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub(super) enum Dropped {
    #[error("an HTML comment")]
    Comment,
    /// An element outside the subset, by its lower-case name.
    #[error("the <{0}> element")]
    Element(String),
    /// An attribute the element may not have.
    #[error("the `{attribute}` attribute of <{element}>")]
    Attribute { attribute: String, element: String },
}

/// What [`clean`] drops from `html`: each element or attribute outside the subset, with its
/// byte offset in `html`, each name once.
pub(super) fn dropped(html: &str) -> Vec<(usize, Dropped)> {
    let mut found: Vec<(usize, Dropped)> = Vec::new();
    let mut seen = HashSet::new();
    let mut note = |at: usize, what: Dropped, found: &mut Vec<(usize, Dropped)>| {
        if seen.insert(what.clone()) {
            found.push((at, what));
        }
    };
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let start = i + p;
        i = start + 1;
        if html[i..].starts_with("!--") {
            note(start, Dropped::Comment, &mut found);
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        let closing = html[i..].starts_with('/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = html[name_start..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = html[name_start..]
            .find('>')
            .map_or(html.len(), |e| name_start + e);
        if !ELEMENTS.contains(&name.as_str()) {
            if !closing {
                note(start, Dropped::Element(name.clone()), &mut found);
            }
        } else if !closing {
            let allowed: &[&str] = match name.as_str() {
                "th" => &CELL_ATTRIBUTES,
                "td" => &CELL_ATTRIBUTES[..2],
                _ => &[],
            };
            let attributes_at = name_start + name_len;
            for (offset, attribute) in attribute_names(&html[attributes_at..end]) {
                if !allowed.contains(&attribute.as_str()) {
                    let what = Dropped::Attribute {
                        attribute,
                        element: name.clone(),
                    };
                    note(attributes_at + offset, what, &mut found);
                }
            }
        }
        i = end;
    }
    found
}

/// The attribute names in a tag's text after its name, lower-cased, with their offsets.
fn attribute_names(tag: &str) -> Vec<(usize, String)> {
    let bytes = tag.as_bytes();
    let mut names = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'/')
        {
            i += 1;
        }
        if i > start {
            names.push((start, tag[start..i].to_ascii_lowercase()));
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != quote {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_keeps_its_subset_and_every_drop_is_named_where_it_stands() {
        let html = r#"<table class="x"><tr><th scope="col" style="color:red" title="t">A</th><td rowspan="2" onclick="x()">1<br><script>alert(1)</script><a href="javascript:x">l</a></td></tr></table>"#;
        assert!(is_table(html));
        assert!(!is_table("<div><table></table></div>"));
        assert_eq!(
            clean(html),
            r#"<table><tbody><tr><th scope="col">A</th><td rowspan="2">1<br>l</td></tr></tbody></table>"#
        );
        let found: Vec<(&str, String)> = dropped(html)
            .into_iter()
            .map(|(at, what)| (&html[at..at + 5], what.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                ("class", "the `class` attribute of <table>".to_owned()),
                ("style", "the `style` attribute of <th>".to_owned()),
                ("title", "the `title` attribute of <th>".to_owned()),
                ("oncli", "the `onclick` attribute of <td>".to_owned()),
                ("<scri", "the <script> element".to_owned()),
                ("<a hr", "the <a> element".to_owned()),
            ]
        );
    }

    #[test]
    fn citations_are_found_in_cell_text_and_never_inside_a_tag() {
        let cleaned = r#"<table><tbody><tr><td rowspan="2">Solid [^1] [1b]</td><td title="[^9]">[^2][^ 3][^x.y-z_1]</td></tr></tbody></table>"#;
        let found: Vec<(&str, &str)> = citations(cleaned)
            .into_iter()
            .map(|(range, key)| (&cleaned[range], key))
            .collect();
        assert_eq!(
            found,
            [("[^1]", "1"), ("[^2]", "2"), ("[^x.y-z_1]", "x.y-z_1")]
        );
        // An attribute value holding `>` does not end its tag.
        assert!(citations(r#"<td rowspan="x>[^1]">y</td>"#).is_empty());
    }
}
