//! The site's address space: the one place that decides which author- or office-written
//! names may become paths in the built site (group keys, guideline slugs, aliases), and which
//! top-level names retning's own pages take.
//!
//! Everything that becomes a file name passes through here before it is written, so no name
//! can lead a file outside the output folder or over a page retning writes.

use crate::diagnostics::{Message, message};

/// The top-level names of the site's own pages and files. A group key or an alias may not
/// take one; a test in `render` checks that a built site writes nothing else at the top.
pub(crate) const RESERVED: &[&str] = &[
    "index.html",
    "404.html",
    "sitemap.xml",
    "sitemaps",
    "feed.xml",
    "api",
    "assets",
    "search",
    "soeg",
    "revision",
    "styrke",
    "forfattere",
    "nyt",
    "forloeb",
    "offline",
    "sw.js",
    "manifest.webmanifest",
];

/// How a lower-case letter outside ASCII is written in a name that becomes part of a URL
/// (a slug, a heading's id, a file name): Danish letters spelled out the way Danes write them
/// without the letters (`æ` → `ae`, `ø` → `oe`, `å` → `aa`), so the name stays readable; a few
/// accented letters without their accent. `None` for anything else.
pub(crate) fn ascii_spelling(letter: char) -> Option<&'static str> {
    Some(match letter {
        'æ' | 'ä' => "ae",
        'ø' | 'ö' => "oe",
        'å' => "aa",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ü' | 'ú' => "u",
        'á' | 'à' => "a",
        'í' => "i",
        'ó' => "o",
        _ => return None,
    })
}

/// Why a name cannot become a path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PathProblem {
    #[error("it is empty")]
    Empty,
    #[error("`{0}` may only hold lower-case a–z, digits and -, and may not start or end with -")]
    NotASlug(String),
    #[error("`/{0}/` is the address of one of the site's own pages")]
    Reserved(String),
    #[error("it is the address of the site's home page")]
    Home,
    #[error("it must start with / (a path on this site, like /lymfom/dlbcl/)")]
    NotAbsolute,
    #[error("`{0}` is not allowed in a path: use letters, digits, - . _ ~ and %")]
    BadPart(String),
}

impl PathProblem {
    /// Why, in the reader's language: the clause after the name in a finding.
    pub(crate) fn message(&self) -> Message {
        match self {
            Self::Empty => message!("path-problem-empty"),
            Self::NotASlug(name) => message!("path-problem-not-a-slug", name = name.as_str()),
            Self::Reserved(name) => message!("path-problem-reserved", name = name.as_str()),
            Self::Home => message!("path-problem-home"),
            Self::NotAbsolute => message!("path-problem-not-absolute"),
            Self::BadPart(part) => message!("path-problem-bad-part", part = part.as_str()),
        }
    }
}

/// A group key or a guideline slug: one path segment of lower-case ASCII letters, digits
/// and `-`, not starting or ending with `-`.
pub(crate) fn check_segment(name: &str) -> Result<(), PathProblem> {
    if name.is_empty() {
        return Err(PathProblem::Empty);
    }
    let slug_like = !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if slug_like {
        Ok(())
    } else {
        Err(PathProblem::NotASlug(name.to_owned()))
    }
}

/// A group key: a segment ([`check_segment`]) that is not one of the site's own pages.
pub(crate) fn check_group_key(key: &str) -> Result<(), PathProblem> {
    check_segment(key)?;
    if RESERVED.contains(&key) {
        return Err(PathProblem::Reserved(key.to_owned()));
    }
    Ok(())
}

/// An alias (an old URL path such as `/lymfom/dlbcl/`) as the relative folder its redirect
/// page is written to (`lymfom/dlbcl`). Old addresses keep their own spelling (capitals,
/// `.html`, percent escapes), but no part may be empty, `.`/`..`, hidden, or hold a
/// character a file name or URL path cannot carry, and the first part may not be one of the
/// site's own pages.
pub(crate) fn alias_folder(alias: &str) -> Result<String, PathProblem> {
    let Some(path) = alias.strip_prefix('/') else {
        return Err(PathProblem::NotAbsolute);
    };
    let path = path.strip_suffix('/').unwrap_or(path);
    if path.is_empty() {
        return Err(PathProblem::Home);
    }
    for part in path.split('/') {
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '%');
        if part.is_empty() || part.starts_with('.') || !part.chars().all(allowed) {
            return Err(PathProblem::BadPart(part.to_owned()));
        }
    }
    let first = path.split('/').next().unwrap_or(path);
    if RESERVED.contains(&first) {
        return Err(PathProblem::Reserved(first.to_owned()));
    }
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_folders_inside_the_site_or_are_refused() {
        assert_eq!(alias_folder("/lymfom/dlbcl/").unwrap(), "lymfom/dlbcl");
        assert_eq!(
            alias_folder("/Gamle_Sider/dlbcl.html").unwrap(),
            "Gamle_Sider/dlbcl.html"
        );
        assert_eq!(alias_folder("/kræft/%C3%A6").unwrap(), "kræft/%C3%A6");
        assert_eq!(alias_folder("/"), Err(PathProblem::Home));
        assert_eq!(alias_folder("//"), Err(PathProblem::Home));
        assert_eq!(alias_folder("lymfom/"), Err(PathProblem::NotAbsolute));
        for bad in [
            "/../etc/",
            "/a/../../b/",
            "/a/./b/",
            "/a//b/",
            "/.git/",
            "/a\\..\\b/",
            "/https://evil.example/",
            "/a b/",
            "/a\u{1b}b/",
            "/a?b=1/",
        ] {
            assert!(
                matches!(alias_folder(bad), Err(PathProblem::BadPart(_))),
                "{bad:?} was allowed"
            );
        }
        for reserved in [
            "/soeg/",
            "/search/x/",
            "/api/guidelines.json/",
            "/404.html/",
            "/sitemap.xml/",
        ] {
            assert!(
                matches!(alias_folder(reserved), Err(PathProblem::Reserved(_))),
                "{reserved:?} was allowed"
            );
        }
    }

    #[test]
    fn group_keys_are_plain_segments_and_not_the_sites_own_pages() {
        assert!(check_group_key("dahanca").is_ok());
        assert!(check_group_key("dmcg-2").is_ok());
        for bad in [
            "../../escaped",
            "/abs",
            "DLG",
            "a/b",
            "",
            "-x",
            "soeg",
            "nyt",
            "api",
            "a.b",
        ] {
            assert!(check_group_key(bad).is_err(), "{bad:?} was allowed");
        }
    }
}
