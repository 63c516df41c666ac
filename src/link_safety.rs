//! Which link destinations may reach a page. An author's link becomes an `href` or `src`, and
//! a `javascript:` (or `data:`, `vbscript:`, …) destination runs script when clicked, so only
//! an allow-list of schemes passes: `https`, `http`, `mailto`, `tel`, and links with no
//! scheme at all (relative paths, `#fragment`, `@/group/slug.md`).
//!
//! The scheme is read as a browser reads it (WHATWG URL: surrounding controls and spaces
//! ignored, tabs and line ends dropped, case ignored), and read again after decoding HTML
//! entities and percent-escapes, so `&#106;avascript:` and `%6Aavascript:` are caught too.
//! One rule, used by the parser (a finding at the link) and by the renderer (the link is
//! never written, even on a preview page of a file with errors).

use std::borrow::Cow;

use crate::diagnostics::{Diagnostic, codes, message};

/// Schemes a page may link to.
const ALLOWED_SCHEMES: [&str; 4] = ["https", "http", "mailto", "tel"];

/// The scheme that makes `destination` unsafe (lower-cased, as the browser reads it), or
/// `None` when a page may link to it.
pub(crate) fn unsafe_scheme(destination: &str) -> Option<String> {
    let mut candidates = vec![Cow::Borrowed(destination)];
    if destination.contains('&') {
        candidates.push(html_escape::decode_html_entities(destination));
    }
    for i in 0..candidates.len() {
        if candidates[i].contains('%') {
            let decoded = percent_encoding::percent_decode_str(&candidates[i])
                .decode_utf8_lossy()
                .into_owned();
            candidates.push(Cow::Owned(decoded));
        }
    }
    candidates
        .iter()
        .filter_map(|candidate| scheme(candidate))
        .find(|scheme| !ALLOWED_SCHEMES.contains(&scheme.as_str()))
}

/// Whether a page may link to `destination`.
pub fn is_allowed(destination: &str) -> bool {
    unsafe_scheme(destination).is_none()
}

/// `destination` as a page may carry it (without the spaces and controls a browser ignores
/// around it), or `None` when its scheme is not allowed.
pub(crate) fn publishable(destination: &str) -> Option<&str> {
    is_allowed(destination)
        .then(|| destination.trim_matches(|c: char| c.is_control() || c.is_whitespace()))
}

/// The URL scheme of `destination`, lower-cased; `None` for a link without one.
///
/// Stricter than a browser where that cannot hurt: every control, whitespace and invisible
/// formatting character is ignored wherever it stands (a browser ignores only some of them,
/// and the rest make the link relative), so `java\u{0}script:` counts as `javascript`.
fn scheme(destination: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in destination.chars().filter(|&c| !is_invisible(c)) {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            '0'..='9' | '+' | '-' | '.' if !scheme.is_empty() => scheme.push(c),
            // Anything else before the first `:` (or a digit first): a relative link.
            _ => return None,
        }
    }
    // No `:` at all: a relative link.
    None
}

/// The finding for a link whose scheme is not allowed; the caller adds where it stands.
pub(crate) fn unsafe_link_finding(destination: &str, scheme: &str) -> Diagnostic {
    const SHOWN: usize = 60;
    let mut shown: String = destination.chars().take(SHOWN).collect();
    if destination.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    Diagnostic::error(
        codes::LINK_UNSAFE_SCHEME,
        message!("link-unsafe-scheme", link = shown, scheme = scheme),
    )
    .with_help(message!("link-unsafe-scheme-help"))
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_phone_and_schemeless_links_are_allowed() {
        for ok in [
            "https://example.org/a?b=c#d",
            "HTTP://example.org",
            " https://example.org",
            "mailto:sekretariat@example.org",
            "tel:+4512345678",
            "@/dlg/dlbcl.md#anbefaling-1",
            "#anbefaling-2",
            "../andet/",
            "billede.png",
            "//example.org/x",
            "?q=a:b",
            "a/b:c",
            "",
        ] {
            assert_eq!(unsafe_scheme(ok), None, "{ok:?}");
        }
    }

    #[test]
    fn publishable_links_lose_the_spaces_around_them_and_unsafe_ones_are_none() {
        assert_eq!(
            publishable(" https://example.org\t"),
            Some("https://example.org")
        );
        assert_eq!(publishable(" javascript:alert(1)"), None);
    }

    #[test]
    fn script_and_data_schemes_are_caught_however_they_are_written() {
        for (bad, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            ("\tjavascript:alert(1)", "javascript"),
            (" javascript:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("java\u{0}script:alert(1)", "javascript"),
            ("\u{200b}javascript:alert(1)", "javascript"),
            ("&#106;avascript:alert(1)", "javascript"),
            ("&#x6A;avascript&colon;alert(1)", "javascript"),
            ("%6Aavascript:alert(1)", "javascript"),
            ("&#37;6Aavascript:alert(1)", "javascript"),
            ("vbscript:msgbox(1)", "vbscript"),
            ("data:text/html,<script>alert(1)</script>", "data"),
            ("file:///etc/passwd", "file"),
            ("C:\\Users\\a.docx", "c"),
        ] {
            assert_eq!(unsafe_scheme(bad).as_deref(), Some(scheme), "{bad:?}");
        }
    }
}
