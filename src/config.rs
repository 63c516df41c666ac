//! The site configuration, `retning.toml`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Language, Message, codes, message, unreadable};
use crate::source::SourceFile;

pub(crate) const CONFIG_FILE: &str = "retning.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub(crate) base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_revision_warning_days")]
    pub(crate) revision_warning_days: u32,
    #[serde(default = "default_publish_within_days")]
    pub(crate) publish_within_days: u32,
    /// The DMCG registry: folder code → display name.
    pub(crate) groups: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) pathway: PathwayConfig,
}

/// `[pathway]`: the phases of the cancer pathway (pakkeforløb), in their order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PathwayConfig {
    #[serde(default = "default_phases")]
    pub(crate) phases: Vec<Phase>,
}

impl Default for PathwayConfig {
    fn default() -> Self {
        Self {
            phases: default_phases(),
        }
    }
}

/// One phase: its slug (written in guidelines, and its page's address under `/forloeb/`)
/// and its display name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Phase {
    pub(crate) slug: String,
    pub(crate) name: String,
}

/// The phases of the Danish cancer pathways.
fn default_phases() -> Vec<Phase> {
    [
        ("forebyggelse-og-screening", "Forebyggelse og screening"),
        ("mistanke-og-henvisning", "Mistanke og henvisning"),
        ("udredning", "Udredning"),
        ("behandling", "Behandling"),
        ("opfoelgning", "Opfølgning"),
        ("rehabilitering", "Rehabilitering"),
        ("senfoelger", "Senfølger"),
        ("palliation", "Palliation"),
    ]
    .into_iter()
    .map(|(slug, name)| Phase {
        slug: slug.to_owned(),
        name: name.to_owned(),
    })
    .collect()
}

fn default_language() -> String {
    "da".to_owned()
}
fn default_revision_warning_days() -> u32 {
    90
}
fn default_publish_within_days() -> u32 {
    7
}

/// The language findings are shown in: `language` in the site's `retning.toml`, read on its
/// own so that a file with other mistakes still picks it; Danish when there is none.
pub(crate) fn diagnostics_language(root: &Path) -> Language {
    std::fs::read_to_string(root.join(CONFIG_FILE))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|table| match table.get("language") {
            Some(toml::Value::String(tag)) => Some(Language::for_site(tag)),
            _ => None,
        })
        .unwrap_or_default()
}

impl SiteConfig {
    /// Reads `retning.toml` in `root`. A missing or invalid file is a finding at its line.
    pub(crate) fn load(root: &Path) -> Result<Self, Box<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let source = SourceFile::read(&path, CONFIG_FILE.to_owned()).map_err(|err| {
            Box::new(
                Diagnostic::error(
                    codes::CONFIG_INVALID,
                    message!(
                        "config-invalid-unreadable",
                        file = CONFIG_FILE,
                        why = unreadable(&err)
                    ),
                )
                .in_file(CONFIG_FILE)
                .with_help(message!("config-invalid-unreadable-help")),
            )
        })?;
        Self::parse(Arc::new(source))
    }

    pub fn parse(source: Arc<SourceFile>) -> Result<Self, Box<Diagnostic>> {
        let invalid = |what: Message, span: std::ops::Range<usize>, help: Message| {
            Box::new(
                Diagnostic::error(codes::CONFIG_INVALID, what)
                    .at(&source, span)
                    .with_help(help),
            )
        };
        // The TOML parser's reason stays in its own (English) words.
        let syntax_or_type = |err: toml::de::Error| {
            invalid(
                message!("config-invalid", error = err.message()),
                err.span().unwrap_or(0..0),
                message!("config-invalid-help"),
            )
        };
        // Parsed once; the document keeps every value's place, so it is read twice: for the
        // values, and for the places of those checked beyond their type.
        let document = toml::de::DeTable::parse(&source.text).map_err(syntax_or_type)?;
        let config = Self::deserialize(toml::de::Deserializer::from(document.clone()))
            .map_err(syntax_or_type)?;
        let spans =
            Spans::deserialize(toml::de::Deserializer::from(document)).map_err(syntax_or_type)?;
        if let Err(problem) = check_base_url(spans.base_url.get_ref()) {
            return Err(invalid(
                problem.message(),
                spans.base_url.span(),
                message!("config-invalid-base-url-help"),
            ));
        }
        for key in spans.groups.keys() {
            if let Err(problem) = crate::site_path::check_group_key(key.get_ref()) {
                return Err(invalid(
                    message!(
                        "config-invalid-group-key",
                        key = key.get_ref(),
                        why = problem.message()
                    ),
                    key.span(),
                    message!("config-invalid-group-key-help"),
                ));
            }
        }
        check_phases(&config, &spans)
            .map_err(|(what, span)| invalid(what, span, message!("config-invalid-phase-help")))?;
        Ok(config)
    }

    /// The phase with this slug.
    pub(crate) fn phase(&self, slug: &str) -> Option<&Phase> {
        self.pathway.phases.iter().find(|p| p.slug == slug)
    }

    /// The URL path the site lives under, from `base_url`: always starts and ends with `/`.
    pub fn root_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// The display name of the group `code`, or a message naming the groups there are (for
    /// commands that take a group on the command line).
    pub(crate) fn group(&self, code: &str) -> Result<&str, crate::diagnostics::Message> {
        self.groups
            .get(code)
            .map(String::as_str)
            .ok_or_else(|| not_a_group(code, self.groups.keys()))
    }

    /// `base_url` without a trailing slash, for absolute links (sitemap, feed).
    pub fn base_url_trimmed(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

/// Where `base_url` and the group keys stand in `retning.toml`.
#[derive(Deserialize)]
struct Spans {
    base_url: Spanned<String>,
    #[serde(default)]
    groups: BTreeMap<Spanned<String>, toml::Value>,
    #[serde(default)]
    pathway: Option<Spanned<toml::Value>>,
}

/// Phase slugs become folders under `/forloeb/`: each a plain segment, none twice.
fn check_phases(
    config: &SiteConfig,
    spans: &Spans,
) -> Result<(), (Message, std::ops::Range<usize>)> {
    let span = spans.pathway.as_ref().map_or(0..0, Spanned::span);
    let mut seen = std::collections::HashSet::new();
    for phase in &config.pathway.phases {
        let slug = phase.slug.as_str();
        if let Err(problem) = crate::site_path::check_segment(slug) {
            let what = message!(
                "config-invalid-phase-slug",
                slug = slug,
                why = problem.message()
            );
            return Err((what, span));
        }
        if !seen.insert(slug) {
            return Err((message!("config-invalid-phase-twice", slug = slug), span));
        }
    }
    Ok(())
}

/// `base_url` (or `build --base-url`) must be an absolute http(s) address: every absolute
/// link of the site (sitemap, feed, canonical links) starts with it.
pub(crate) fn check_base_url(url: &str) -> Result<(), BaseUrlProblem> {
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| {
            url.get(..scheme.len())
                .filter(|start| start.eq_ignore_ascii_case(scheme))
                .map(|_| &url[scheme.len()..])
        })
        .ok_or_else(|| BaseUrlProblem::NotAbsolute(url.to_owned()))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err(BaseUrlProblem::NoHost(url.to_owned()));
    }
    if let Some(c) = url.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>' | '\\')
    }) {
        return Err(BaseUrlProblem::BadCharacter(url.to_owned(), c));
    }
    Ok(())
}

/// Why a `base_url` (in `retning.toml` or `build --base-url`) is not the address of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BaseUrlProblem {
    NotAbsolute(String),
    NoHost(String),
    BadCharacter(String, char),
}

impl BaseUrlProblem {
    /// Why, worded in the catalogue: a finding's message, or a refused `--base-url`'s reason.
    pub(crate) fn message(&self) -> Message {
        match self {
            Self::NotAbsolute(url) => message!("config-invalid-base-url", url = url.as_str()),
            Self::NoHost(url) => message!("config-invalid-base-url-no-host", url = url.as_str()),
            Self::BadCharacter(url, c) => message!(
                "config-invalid-base-url-character",
                url = url.as_str(),
                character = format!("{c:?}")
            ),
        }
    }
}

/// `code` names no group; the known ones are listed so a typo is easy to see.
pub(crate) fn not_a_group<'a>(
    code: &str,
    known: impl IntoIterator<Item = &'a String>,
) -> crate::diagnostics::Message {
    let known: Vec<&str> = known.into_iter().map(String::as_str).collect();
    crate::diagnostics::message!("error-not-a-group", group = code, known = known.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> SiteConfig {
        SiteConfig {
            title: "t".into(),
            base_url: base_url.into(),
            language: "da".into(),
            revision_warning_days: 90,
            publish_within_days: 7,
            groups: BTreeMap::new(),
            pathway: PathwayConfig::default(),
        }
    }

    #[test]
    fn root_path_comes_from_base_url() {
        assert_eq!(
            config("https://example.org/retningslinjer/").root_path(),
            "/retningslinjer/"
        );
        assert_eq!(config("https://example.org/a/b").root_path(), "/a/b/");
        assert_eq!(config("https://example.org").root_path(), "/");
        assert_eq!(config("/").root_path(), "/");
    }

    #[test]
    fn base_url_is_an_absolute_http_address() {
        for good in [
            "https://example.org/retningslinjer/",
            "HTTP://127.0.0.1:8000/",
            "https://example.org",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "/retningslinjer/",
            "example.org",
            "javascript:alert(1)//",
            "https:///x",
            "https://exa mple.org/",
            "https://example.org/\"><script>",
            "ftp://example.org/",
            "",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_group_key_that_is_not_a_plain_folder_name_is_an_error_at_its_line() {
        let text = "title = \"t\"\nbase_url = \"https://example.org/\"\n[groups]\ndlg = \"DLG\"\n\"../../escaped\" = \"X\"\n";
        let source = Arc::new(SourceFile::new(
            std::path::PathBuf::from("retning.toml"),
            "retning.toml".to_owned(),
            text.to_owned(),
        ));
        let err = SiteConfig::parse(source).unwrap_err();
        assert_eq!(err.code, codes::CONFIG_INVALID);
        assert!(
            err.message.english().contains("../../escaped"),
            "{}",
            err.message
        );
        assert_eq!(err.line(), Some(5));
    }

    fn config_text(pathway: &str) -> Arc<SourceFile> {
        let text = format!(
            "title = \"t\"\nbase_url = \"https://example.org/\"\n[groups]\ndlg = \"DLG\"\n{pathway}"
        );
        Arc::new(SourceFile::new(
            std::path::PathBuf::from("retning.toml"),
            "retning.toml".to_owned(),
            text,
        ))
    }

    #[test]
    fn the_pathway_phases_default_to_the_eight_danish_ones() {
        let config = SiteConfig::parse(config_text("")).unwrap();
        let slugs: Vec<&str> = config
            .pathway
            .phases
            .iter()
            .map(|p| p.slug.as_str())
            .collect();
        assert_eq!(
            slugs,
            [
                "forebyggelse-og-screening",
                "mistanke-og-henvisning",
                "udredning",
                "behandling",
                "opfoelgning",
                "rehabilitering",
                "senfoelger",
                "palliation"
            ]
        );
        assert_eq!(config.phase("opfoelgning").unwrap().name, "Opfølgning");
    }

    #[test]
    fn configured_phases_replace_the_default_and_must_be_plain_and_distinct() {
        let config = SiteConfig::parse(config_text(
            "[pathway]\nphases = [{ slug = \"a\", name = \"A\" }, { slug = \"b\", name = \"B\" }]\n",
        ))
        .unwrap();
        assert_eq!(config.pathway.phases.len(), 2);
        for bad in [
            "\"a\", name = \"A\" }, { slug = \"a\"",
            "\"Ø/..\", name = \"X\" }, { slug = \"a\"",
        ] {
            let text = format!("[pathway]\nphases = [{{ slug = {bad}, name = \"A\" }}]\n");
            let err = SiteConfig::parse(config_text(&text)).unwrap_err();
            assert_eq!(err.code, codes::CONFIG_INVALID);
            assert_eq!(err.line(), Some(5), "{}", err.message);
        }
    }
}
