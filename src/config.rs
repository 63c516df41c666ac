//! The site configuration, `retning.toml`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, codes};
use crate::source::SourceFile;

pub const CONFIG_FILE: &str = "retning.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_revision_warning_days")]
    pub revision_warning_days: u32,
    #[serde(default = "default_publish_within_days")]
    pub publish_within_days: u32,
    /// The DMCG registry: folder code → display name.
    pub groups: BTreeMap<String, String>,
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

impl SiteConfig {
    /// Reads `retning.toml` in `root`. A missing or invalid file is a finding at its line.
    pub fn load(root: &Path) -> Result<Self, Box<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let source = SourceFile::read(&path, CONFIG_FILE.to_owned()).map_err(|err| {
            Box::new(
                Diagnostic::error(
                    codes::CONFIG_INVALID,
                    format!("cannot read {CONFIG_FILE}: {err}"),
                )
                .in_file(CONFIG_FILE)
                .with_help(
                    "run retning in the site's folder, or create retning.toml (see the README)",
                ),
            )
        })?;
        Self::parse(Arc::new(source))
    }

    pub fn parse(source: Arc<SourceFile>) -> Result<Self, Box<Diagnostic>> {
        let config: Self = toml::from_str(&source.text).map_err(|err| {
            let span = err.span().unwrap_or(0..0);
            Box::new(
                Diagnostic::error(codes::CONFIG_INVALID, err.message().to_owned())
                    .at(&source, span)
                    .with_help("see the README for every key of retning.toml"),
            )
        })?;
        Ok(config)
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

    /// `base_url` without a trailing slash, for absolute links (sitemap, feed).
    pub fn base_url_trimmed(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
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
}
