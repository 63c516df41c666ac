//! A guideline's slug from its title: lower-case ASCII, æ→ae, ø→oe, å→aa, words joined by
//! `-`.

pub fn from_title(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.to_lowercase().chars() {
        let ascii = match c {
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "oe",
            'å' => "aa",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' => "u",
            'á' | 'à' => "a",
            'í' => "i",
            'ó' => "o",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(ascii);
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
