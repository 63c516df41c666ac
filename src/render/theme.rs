//! The theme: tera templates, the Danish UI strings and the static assets. The default theme
//! is embedded in the binary; a site overrides any file by placing it under
//! `themes/default/` in its own folder.

use std::path::Path;

use tera::Tera;

use super::partials::{Partial, Partials};
use super::strength_text::StrengthText;

/// (name, embedded default) for each template.
const TEMPLATES: [(&str, &str); 31] = [
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "group.html",
        include_str!("../../themes/default/templates/group.html"),
    ),
    (
        "guideline.html",
        include_str!("../../themes/default/templates/guideline.html"),
    ),
    (
        "revision.html",
        include_str!("../../themes/default/templates/revision.html"),
    ),
    (
        "strength.html",
        include_str!("../../themes/default/templates/strength.html"),
    ),
    (
        "authors.html",
        include_str!("../../themes/default/templates/authors.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "search-all.html",
        include_str!("../../themes/default/templates/search-all.html"),
    ),
    (
        "news.html",
        include_str!("../../themes/default/templates/news.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "redirect.html",
        include_str!("../../themes/default/templates/redirect.html"),
    ),
    (
        "changes.html",
        include_str!("../../themes/default/templates/changes.html"),
    ),
    (
        "pathway.html",
        include_str!("../../themes/default/templates/pathway.html"),
    ),
    (
        "phase.html",
        include_str!("../../themes/default/templates/phase.html"),
    ),
    (
        "mdt.html",
        include_str!("../../themes/default/templates/mdt.html"),
    ),
    (
        Partial::StrengthBadge.template(),
        include_str!("../../themes/default/templates/partials/strength-badge.html"),
    ),
    (
        Partial::MarkerBadge.template(),
        include_str!("../../themes/default/templates/partials/marker-badge.html"),
    ),
    (
        Partial::Reference.template(),
        include_str!("../../themes/default/templates/partials/reference.html"),
    ),
    (
        Partial::Backlink.template(),
        include_str!("../../themes/default/templates/partials/backlink.html"),
    ),
    (
        Partial::PhaseItem.template(),
        include_str!("../../themes/default/templates/partials/phase-item.html"),
    ),
    (
        Partial::SearchItem.template(),
        include_str!("../../themes/default/templates/partials/search-item.html"),
    ),
    (
        Partial::Recommendation.template(),
        include_str!("../../themes/default/templates/partials/recommendation.html"),
    ),
    (
        Partial::DecisionAid.template(),
        include_str!("../../themes/default/templates/partials/decision-aid.html"),
    ),
    (
        Partial::QuickGuideItem.template(),
        include_str!("../../themes/default/templates/partials/quick-guide-item.html"),
    ),
    (
        Partial::MdtItem.template(),
        include_str!("../../themes/default/templates/partials/mdt-item.html"),
    ),
    (
        Partial::PhaseTag.template(),
        include_str!("../../themes/default/templates/partials/phase-tag.html"),
    ),
    (
        Partial::MdtAid.template(),
        include_str!("../../themes/default/templates/partials/mdt-aid.html"),
    ),
    (
        Partial::Topic.template(),
        include_str!("../../themes/default/templates/partials/topic.html"),
    ),
    (
        Partial::Evidence.template(),
        include_str!("../../themes/default/templates/partials/evidence.html"),
    ),
];
pub(super) const DEFAULT_STRINGS: &str = include_str!("../../themes/default/strings.toml");
const CSS: &str = include_str!("../../themes/default/static/retning.css");
const JS: &str = include_str!("../../themes/default/static/retning.js");
const SEARCH_JS: &str = include_str!("../../themes/default/static/search.js");
const FAVICON: &str = include_str!("../../themes/default/static/favicon.svg");
const SERVICE_WORKER: &str = include_str!("../../themes/default/static/sw.js");

pub(crate) const THEME_DIR: &str = "themes/default";

/// The templates, UI strings and static files a site is rendered with.
pub struct Theme {
    /// The page templates, loaded once.
    pub tera: Tera,
    /// The UI strings, as given to every template as `t`.
    pub strings: serde_json::Value,
    pub(crate) months: Vec<String>,
    pub(crate) css: String,
    pub(crate) js: String,
    /// The static search reader (search-index/FORMAT.md).
    pub(crate) search_js: String,
    pub(crate) favicon: String,
    /// The service worker, with a placeholder for each build's settings (render/offline.rs).
    pub(crate) service_worker: String,
    /// The strengths' labels and CSS classes.
    pub(crate) strength: StrengthText,
    /// The badges and reference items, made ready to fill.
    pub(crate) partials: Partials,
    /// A hash of every file of the theme: what the pages look like, for the build id.
    pub(crate) fingerprint: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("{path}: {message}")]
    Strings { path: String, message: String },
}

impl Theme {
    /// The embedded default, with any file the site overrides under `themes/default/`.
    pub fn load(root: &Path) -> Result<Self, ThemeError> {
        let dir = root.join(THEME_DIR);
        let mut fingerprint = blake3::Hasher::new();
        let tera = load_templates(&dir, &mut fingerprint)?;
        let strings = UiStrings::load(&dir)?;
        let partials =
            Partials::load(&tera, &strings.json).map_err(|err| ThemeError::Template {
                name: "partials".to_owned(),
                message: error_chain(&err),
            })?;
        let css = read_override(&dir.join("static/retning.css"), CSS)?;
        let js = read_override(&dir.join("static/retning.js"), JS)?;
        let search_js = read_override(&dir.join("static/search.js"), SEARCH_JS)?;
        let favicon = read_override(&dir.join("static/favicon.svg"), FAVICON)?;
        let service_worker = read_override(&dir.join("static/sw.js"), SERVICE_WORKER)?;
        for text in [
            &strings.text,
            &css,
            &js,
            &search_js,
            &favicon,
            &service_worker,
        ] {
            fingerprint.update(text.as_bytes());
        }
        Ok(Self {
            tera,
            strings: strings.json,
            months: strings.months,
            strength: strings.strength,
            partials,
            css,
            js,
            search_js,
            favicon,
            service_worker,
            fingerprint: fingerprint.finalize().to_hex().to_string(),
        })
    }

    /// A UI string by key (empty when the theme lacks it).
    pub fn text(&self, key: &str) -> &str {
        self.strings.get(key).and_then(|v| v.as_str()).unwrap_or("")
    }

    /// Appends `partial` with `values` and `flags` (as [`Partial`] names them).
    pub(crate) fn write_partial(
        &self,
        partial: Partial,
        flags: &[bool],
        values: &[&str],
        out: &mut String,
    ) {
        self.partials.write(&self.tera, partial, flags, values, out);
    }

    /// "1. februar 2024".
    pub(crate) fn long_date(&self, date: jiff::civil::Date) -> String {
        let month = self
            .months
            .get(date.month() as usize - 1)
            .map_or("", String::as_str);
        format!("{}. {} {}", date.day(), month, date.year())
    }
}

/// Every template (the site's own where it has one), parsed, escaping as the pages need;
/// each template's text goes into `fingerprint`.
fn load_templates(dir: &Path, fingerprint: &mut blake3::Hasher) -> Result<Tera, ThemeError> {
    let mut tera = Tera::default();
    let mut templates = Vec::with_capacity(TEMPLATES.len());
    for (name, embedded) in TEMPLATES {
        let text = read_override(&dir.join("templates").join(name), embedded)?;
        fingerprint.update(text.as_bytes());
        templates.push((name.to_owned(), text));
    }
    tera.add_raw_templates(templates)
        .map_err(|err| ThemeError::Template {
            name: "templates".to_owned(),
            message: error_chain(&err),
        })?;
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(super::markdown::escape);
    Ok(tera)
}

/// `strings.toml`: its text (for the fingerprint), the strings as the templates get them,
/// and what the renderer reads of them itself.
struct UiStrings {
    text: String,
    json: serde_json::Value,
    months: Vec<String>,
    strength: StrengthText,
}

impl UiStrings {
    fn load(dir: &Path) -> Result<Self, ThemeError> {
        let path = dir.join("strings.toml");
        let error = |message: String| ThemeError::Strings {
            path: path.display().to_string(),
            message,
        };
        let text = read_override(&path, DEFAULT_STRINGS)?;
        let table: toml::Table = toml::from_str(&text).map_err(|err| error(err.to_string()))?;
        let months: Vec<String> = table
            .get("months")
            .and_then(|m| m.as_array())
            .map(|m| {
                m.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if months.len() != 12 {
            return Err(error(
                "`months` must list the twelve month names".to_owned(),
            ));
        }
        let strength = StrengthText::from_strings(&table).map_err(error)?;
        let json = serde_json::to_value(&table).map_err(|err| error(err.to_string()))?;
        Ok(Self {
            text,
            json,
            months,
            strength,
        })
    }
}

fn read_override(path: &Path, embedded: &str) -> Result<String, ThemeError> {
    if path.is_file() {
        std::fs::read_to_string(path).map_err(|source| ThemeError::Read {
            path: path.display().to_string(),
            source,
        })
    } else {
        Ok(embedded.to_owned())
    }
}

/// Tera hides the useful part (which line of which template) in the error's sources.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
