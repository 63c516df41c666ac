//! A quick look at a guideline text from the history: only the front matter keys that say
//! whether it is an approved version, without parsing the body (a site's history holds many
//! texts, and most are never shown).

use serde::{Deserialize, Serialize};

/// What the front matter of one stored text says about its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Peeked {
    pub(crate) title: String,
    pub(crate) version: String,
    pub(crate) approved: bool,
}

#[derive(Deserialize)]
struct Keys {
    title: Option<String>,
    version: Option<String>,
    status: Option<String>,
}

/// The title, version and status of `text`, when its front matter is readable and has a
/// version. Anything else (an old draft with broken TOML, a file that is not a guideline yet)
/// is simply not a version.
pub(super) fn peek(text: &str) -> Option<Peeked> {
    let front_matter = front_matter(text)?;
    let keys: Keys = toml::from_str(front_matter).ok()?;
    Some(Peeked {
        title: keys.title.unwrap_or_default(),
        version: keys.version?.trim().to_owned(),
        approved: keys.status.as_deref() == Some("approved"),
    })
}

/// The text between the opening `+++` line and the next one.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "+++" {
        return None;
    }
    let start = first.len();
    let mut at = start;
    for line in lines {
        if line.trim_end() == "+++" {
            return text.get(start..at);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_version_and_status_and_ignores_the_rest() {
        let text = "+++\r\ntitle = \"Lymfom\"\r\nversion = \"2.1\"\r\nstatus = \"approved\"\r\n[revision]\r\nplanned = 2027-01-01\r\n+++\r\n# Nyt\r\n";
        assert_eq!(
            peek(text),
            Some(Peeked {
                title: "Lymfom".into(),
                version: "2.1".into(),
                approved: true
            })
        );
        let draft = "+++\nversion = \"3.0\"\nstatus = \"draft\"\n+++\n";
        assert_eq!(peek(draft).map(|p| p.approved), Some(false));
    }

    #[test]
    fn broken_or_missing_front_matter_is_no_version() {
        assert_eq!(peek("# no front matter\n"), None);
        assert_eq!(peek("+++\nversion = \"1.0\"\n"), None);
        assert_eq!(peek("+++\nversion = 1.0 =\n+++\n"), None);
        assert_eq!(peek("+++\nstatus = \"approved\"\n+++\n"), None);
    }
}
