//! Which asset file names can stand in a URL as they are, and what to call one that cannot.

/// Lower-case a–z, digits, `-`, `_` and `.`, with a name before the extension: such a name
/// needs no percent-encoding and means the same on every file system and web server.
pub(crate) fn is_url_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['.', '-'])
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// The URL-safe name to suggest for `name`: lower case, Danish letters spelled out
/// (`æ` → `ae`, `ø` → `oe`, `å` → `aa`), every other character a `-`, runs of `-` as one.
pub(crate) fn suggested_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        match c {
            c if let Some(ascii) = crate::site_path::ascii_spelling(c) => out.push_str(ascii),
            c if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.') => {
                out.push(c)
            }
            _ => {
                if !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    let trimmed = out.trim_start_matches(['-', '.']).replace("-.", ".");
    if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("fil{trimmed}")
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_url_safe_or_get_a_suggestion() {
        for good in ["flowchart.svg", "tnm_2024-v2.png", "a.pdf"] {
            assert!(is_url_safe(good), "{good}");
        }
        for (bad, suggestion) in [
            ("Flow chart.PNG", "flow-chart.png"),
            ("Søgeprotokol (endelig).pdf", "soegeprotokol-endelig.pdf"),
            ("årsrapport.csv", "aarsrapport.csv"),
            (".skjult.png", "skjult.png"),
            ("%20.png", "20.png"),
        ] {
            assert!(!is_url_safe(bad), "{bad}");
            assert_eq!(suggested_name(bad), suggestion, "{bad}");
            assert!(is_url_safe(&suggested_name(bad)), "{bad}");
        }
    }
}
