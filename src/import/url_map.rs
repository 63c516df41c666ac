//! `--url-map FILE`: the old addresses of guidelines (the PDFs and pages of the old site) and
//! the guideline each one is now, `group/slug`. A link in a Word file to a mapped address
//! becomes an `@/group/slug.md` cross-link; the addresses that map to the guideline being
//! imported become its `aliases`, so the old address redirects to the new page.
//!
//! The file is TOML, one old URL and its guideline a line:
//!
//! ```toml
//! "https://www.dmcg.dk/retningslinjer/dlg/dlbcl.pdf" = "dlg/diffust-storcellet-b-celle-lymfom"
//! ```

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use super::convert::Converter;
use super::finding::{Anchor, Finding};
use crate::diagnostics::{Message, codes, message};
use crate::site::is_valid_slug;
use crate::site_path::alias_folder;

/// A guideline of the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) group: String,
    pub(crate) slug: String,
}

#[derive(Debug, Default)]
pub(crate) struct UrlMap {
    /// By the address's comparable form (host and path, see `comparable`).
    targets: FxHashMap<String, Target>,
    /// The hosts of the old addresses: a link to one of them that the map lacks is told.
    hosts: FxHashSet<String>,
    /// Every old URL as the file spells it, in file order, for `aliases`.
    entries: Vec<(String, Target)>,
}

/// What the map says about a link.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Lookup<'a> {
    Mapped(&'a Target),
    /// On the old site (a host the map knows) but not in the map.
    Unmapped,
    /// Any other address: none of the map's business.
    Elsewhere,
}

/// `(host, path with query)` of an `http(s)` URL: the host lower-cased, the fragment and a
/// trailing `/` dropped, so `https://X/a/` and `http://x/a#b` are the same page.
fn comparable(url: &str) -> Option<(String, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host, path) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let path = path.strip_suffix('/').unwrap_or(path);
    Some((host.to_lowercase(), path.to_owned()))
}

impl UrlMap {
    pub(crate) fn load(path: &Path) -> Result<Self, Message> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| {
            message!(
                "import-url-map-unreadable",
                path = name.as_str(),
                error = err.to_string()
            )
        })?;
        Self::parse(&text, &name)
    }

    /// Reads a map's text; `name` names the file in what is wrong with it.
    pub(crate) fn parse(text: &str, name: &str) -> Result<Self, Message> {
        let table: toml::Table = toml::from_str(text).map_err(|err| {
            message!(
                "import-url-map-invalid-toml",
                path = name,
                error = err.to_string()
            )
        })?;
        let mut map = Self::default();
        for (url, value) in table {
            let Some(value) = value.as_str() else {
                return Err(message!(
                    "import-url-map-invalid-value",
                    path = name,
                    url = url.as_str()
                ));
            };
            let target = value
                .split_once('/')
                .filter(|(group, slug)| is_valid_slug(group) && is_valid_slug(slug))
                .map(|(group, slug)| Target {
                    group: group.to_owned(),
                    slug: slug.to_owned(),
                })
                .ok_or_else(|| {
                    message!(
                        "import-url-map-invalid-target",
                        path = name,
                        url = url.as_str(),
                        value = value
                    )
                })?;
            let Some((host, path)) = comparable(&url) else {
                return Err(message!(
                    "import-url-map-invalid-url",
                    path = name,
                    url = url.as_str()
                ));
            };
            map.targets.insert(format!("{host}{path}"), target.clone());
            map.hosts.insert(host);
            map.entries.push((url, target));
        }
        Ok(map)
    }

    pub(crate) fn lookup(&self, url: &str) -> Lookup<'_> {
        let Some((host, path)) = comparable(url) else {
            return Lookup::Elsewhere;
        };
        match self.targets.get(&format!("{host}{path}")) {
            Some(target) => Lookup::Mapped(target),
            None if self.hosts.contains(&host) => Lookup::Unmapped,
            None => Lookup::Elsewhere,
        }
    }

    /// The old URLs of `group/slug`, in the map file's order.
    pub(crate) fn urls_of<'a>(
        &'a self,
        group: &'a str,
        slug: &'a str,
    ) -> impl Iterator<Item = &'a str> {
        self.entries
            .iter()
            .filter(move |(_, t)| t.group == group && t.slug == slug)
            .map(|(url, _)| url.as_str())
    }
}

/// The path of an old URL, which is what an alias names (`/retningslinjer/dlbcl.pdf`).
fn old_path(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.split('#').next().unwrap_or(rest);
    match rest.find(['/', '?']) {
        Some(at) if rest[at..].starts_with('/') => rest[at..].to_owned(),
        Some(at) => format!("/{}", &rest[at..]),
        None => "/".to_owned(),
    }
}

impl Converter {
    /// A link's destination: a mapped old address becomes a cross-link; an unmapped one on
    /// the old site stays as it is, and is told.
    pub(super) fn link_target(&mut self, url: &str) -> Option<String> {
        let map = self.url_map.clone()?;
        match map.lookup(url) {
            Lookup::Mapped(target) => Some(format!("@/{}/{}.md", target.group, target.slug)),
            Lookup::Unmapped => {
                self.findings.push(
                    Finding::warning(
                        codes::import::UNMAPPED_LINK,
                        message!("import-unmapped-link", url = url),
                    )
                    .in_word(&self.place)
                    .at(self.anchor()),
                );
                None
            }
            Lookup::Elsewhere => None,
        }
    }

    /// `aliases`: the old addresses the map gives for `group/slug`, each checked as the
    /// build will check it; one that fails is told and left out.
    pub(super) fn write_aliases(&mut self, group: &str) {
        let Some(map) = self.url_map.clone() else {
            return;
        };
        let mut aliases = Vec::new();
        for url in map.urls_of(group, &self.slug) {
            let path = old_path(url);
            match alias_folder(&path) {
                Ok(_) => aliases.push(super::front_page::toml_string(&path)),
                Err(problem) => self.findings.push(
                    Finding::warning(
                        codes::import::BAD_ALIAS,
                        message!("import-bad-alias", url = url, problem = problem.to_string()),
                    )
                    .at(Anchor::Key("aliases")),
                ),
            }
        }
        if !aliases.is_empty() {
            self.draft.front_line(
                Some("aliases"),
                format!("aliases = [{}]", aliases.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Language;

    const MAP: &str = r#"
"https://www.DMCG.dk/dlg/dlbcl.pdf" = "dlg/dlbcl"
"http://www.dmcg.dk/dlg/dlbcl/" = "dlg/dlbcl"
"#;

    #[test]
    fn links_are_found_whatever_the_scheme_case_fragment_or_slash() {
        let map = UrlMap::parse(MAP, "map.toml").unwrap();
        let dlbcl = Target {
            group: "dlg".to_owned(),
            slug: "dlbcl".to_owned(),
        };
        assert_eq!(
            map.lookup("http://www.dmcg.dk/dlg/dlbcl.pdf#side=3"),
            Lookup::Mapped(&dlbcl)
        );
        assert_eq!(
            map.lookup("https://www.dmcg.dk/dlg/dlbcl"),
            Lookup::Mapped(&dlbcl)
        );
        assert_eq!(
            map.lookup("https://www.dmcg.dk/dlg/fl.pdf"),
            Lookup::Unmapped
        );
        assert_eq!(
            map.lookup("https://pubmed.ncbi.nlm.nih.gov/1/"),
            Lookup::Elsewhere
        );
        assert_eq!(map.urls_of("dlg", "dlbcl").count(), 2);
    }

    #[test]
    fn a_bad_map_says_which_entry() {
        let err = |text: &str, language| {
            UrlMap::parse(text, "kort.toml")
                .unwrap_err()
                .in_language(language)
        };
        assert_eq!(
            err(r#""https://x/a" = "dlg""#, Language::En),
            "the URL map kort.toml: `https://x/a` maps to `dlg`, which is no \"group/slug\""
        );
        assert_eq!(
            err(r#""x/a" = "dlg/a""#, Language::Da),
            "adressefilen kort.toml: `x/a` er ikke en http(s)-adresse"
        );
        assert!(err("\"a\" = ", Language::En).starts_with("the URL map kort.toml: "));
    }

    #[test]
    fn aliases_are_the_old_paths() {
        assert_eq!(old_path("https://x.dk/a/b.pdf#p"), "/a/b.pdf");
        assert_eq!(old_path("https://x.dk?id=3"), "/?id=3");
        assert_eq!(old_path("https://x.dk"), "/");
    }
}
