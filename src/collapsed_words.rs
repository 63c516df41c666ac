//! Plain text with its whitespace collapsed, for search units and summaries: every paragraph
//! of every guideline passes through here, so the common stretch (words with single spaces)
//! is found eight bytes at a time and copied whole. The tests hold it to its definition.

/// Appends `text` to `out` with each run of whitespace as one space and none at the start
/// of `out`. Stretches that need no change (words with single spaces between them, most of
/// any text) are copied whole, and found eight bytes at a time, since search units are made
/// from every paragraph of every guideline.
pub(crate) fn push_words(out: &mut String, text: &str) {
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
        } else if (0xC3..=0xDF).contains(&byte) {
            // A character from U+00C0 to U+07FF (æ, ø, å, é, µ, …, most of the non-ASCII
            // text here): no whitespace is among them, so it is not decoded.
            (false, 2)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_whitespace_is_whitespace_too() {
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
            "é",
            "\u{7ff}",
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
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..2_000 {
            let mut start = String::new();
            let mut text = String::new();
            for (target, pieces_in) in [(&mut start, 4), (&mut text, 6 + rng.usize(..30))] {
                for _ in 0..pieces_in {
                    target.push_str(pieces[rng.usize(..pieces.len())]);
                }
            }
            let mut fast = start.clone();
            push_words(&mut fast, &text);
            let mut reference = start;
            push_words_by_definition(&mut reference, &text);
            assert_eq!(fast, reference, "{text:?}");
        }
    }
}
