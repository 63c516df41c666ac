//! HTML escaping of the text and values retning writes into pages: every value of every
//! page passes through here, so the bytes that need no escape are skipped eight at a time.

/// HTML-escapes text for element content and quoted attributes. Unlike tera's default it
/// leaves `/` alone, so URLs stay readable and pages small.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`: no string of its own for text that goes straight into a
/// larger one (the "on this page" list has a link per heading and sub-section).
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // `text[last..at]` is still to be copied as it is.
    let mut last = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Past the bytes that stay as they are, eight at a time: every value of every page
        // passes through here, and most of it needs no escape.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let special = special_bytes(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
            if special != 0 {
                at += (special.trailing_zeros() / 8) as usize;
                break;
            }
            at += 8;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        // Every character escaped is ASCII, so the byte positions are character boundaries.
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[last..at]);
        out.push_str(entity);
        at += 1;
        last = at;
    }
    out.push_str(&text[last..]);
}

/// Of eight bytes of text (little-endian in `word`), the high bit of each byte that
/// [`escape_into`] escapes, at least: a zero byte once XORed with the character is found by
/// the borrow of a subtraction, which may also mark a byte above a marked one, never one
/// below. So the lowest mark is always the first byte to escape.
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    [b'&', b'<', b'>', b'"', b'\'']
        .into_iter()
        .fold(0, |marks, c| marks | zero(word ^ (ONES * u64::from(c))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `escape_into` by its definition: each character in turn.
    fn escape_by_definition(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_owned(),
                '<' => "&lt;".to_owned(),
                '>' => "&gt;".to_owned(),
                '"' => "&quot;".to_owned(),
                '\'' => "&#39;".to_owned(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escape_agrees_with_its_definition() {
        let pieces = [
            "&",
            "<",
            ">",
            "\"",
            "'",
            "a",
            "behandling ",
            "æ",
            "ø",
            "😀",
            "/",
            "\0",
            "\u{7f}",
            "&amp;",
            "12345678",
            "\u{a0}",
            "%",
            "=",
            "ÿ",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..rng.usize(..40) {
                text.push_str(pieces[rng.usize(..pieces.len())]);
            }
            let mut out = String::from("<p>");
            escape_into(&mut out, &text);
            assert_eq!(
                out,
                format!("<p>{}", escape_by_definition(&text)),
                "{text:?}"
            );
        }
    }
}
