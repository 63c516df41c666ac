//! The words of the HTML retning itself puts in the model (a table cleaned to the table
//! subset, a caption's tags): search and summaries read a table's cells like any text.

/// The elements after which the words of the next part stand apart: a cell, a row, a
/// caption, a line break. Inline elements (`em`, `sup`, …) join the words around them.
const SEPARATING: [&str; 8] = ["table", "caption", "thead", "tbody", "tr", "th", "td", "br"];

/// Calls `words` with each run of text in `html` (entities decoded, markup left out), and
/// with `" "` where a cell, row, caption or line ends or begins.
///
/// `html` is retning's own: serialized by the sanitizer (html5ever), so text holds no `<`
/// and an attribute value is quoted; a `>` inside a quoted value does not end its tag.
pub(super) fn for_each_text(html: &str, mut words: impl FnMut(&str)) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_decoded(&rest[..open], &mut words);
        let tag = &rest[open + 1..];
        let end = tag_end(tag);
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if SEPARATING.contains(&name.as_str()) {
            words(" ");
        }
        rest = tag.get(end + 1..).unwrap_or_default();
    }
    push_decoded(rest, &mut words);
}

/// The offset of the `>` that ends the tag `tag` starts (after its `<`), skipping quoted
/// attribute values; the end of `tag` if it has none.
fn tag_end(tag: &str) -> usize {
    let mut quote = None;
    for (i, byte) in tag.bytes().enumerate() {
        match (quote, byte) {
            (None, b'>') => return i,
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), b) if q == b => quote = None,
            _ => {}
        }
    }
    tag.len()
}

fn push_decoded(text: &str, words: &mut impl FnMut(&str)) {
    if !text.is_empty() {
        words(&html_escape::decode_html_entities(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        let mut out = String::new();
        for_each_text(html, |t| out.push_str(t));
        out
    }

    #[test]
    fn cells_stand_apart_inline_markup_joins_and_entities_are_decoded() {
        assert_eq!(
            text_of(
                r#"<table><caption>Tabel 1: R-CHOP</caption><tbody><tr><th scope="a>b">Dosis</th><td rowspan="2">m<sup>2</sup> &amp; 5&nbsp;mg<br>&lt;x&gt;</td></tr></tbody></table>"#
            ),
            "  Tabel 1: R-CHOP    Dosis  m2 & 5\u{a0}mg <x>    "
        );
        assert_eq!(text_of("no markup"), "no markup");
        assert_eq!(text_of("<td unclosed"), " ");
    }
}
