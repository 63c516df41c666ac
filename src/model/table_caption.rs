//! `Tabel 3: …`: the words that make a paragraph (or a `<caption>`) a table's caption, and
//! the number the author gave the table.

/// The table's number when `caption` starts `Tabel N:` (`N` its digits).
pub(crate) fn table_number(caption: &str) -> Option<&str> {
    let rest = caption.strip_prefix("Tabel ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && rest[digits..].starts_with(':')).then(|| &rest[..digits])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tabel_a_number_and_a_colon_make_a_caption() {
        assert_eq!(table_number("Tabel 12: Regimer"), Some("12"));
        assert_eq!(table_number("Tabel 1:"), Some("1"));
        for not in [
            "Tabel: x",
            "Tabel 1 x",
            "tabel 1: x",
            "Tabel 1a: x",
            "Figur 1: x",
            "",
        ] {
            assert_eq!(table_number(not), None, "{not:?}");
        }
    }
}
