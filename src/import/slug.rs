//! A guideline's slug from its title: lower-case ASCII, æ→ae, ø→oe, å→aa, words joined by
//! `-`.

pub(crate) fn from_title(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else {
            slug.push_str(crate::site_path::ascii_spelling(c).unwrap_or("-"));
        }
    }
    slug.split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters() {
        assert_eq!(
            from_title("Opfølgning efter brystkræft – år 1-5"),
            "opfoelgning-efter-brystkraeft-aar-1-5"
        );
        assert_eq!(from_title("  Lymfom (DLBCL)  "), "lymfom-dlbcl");
    }
}
