//! What every page's template starts from: the site, the UI strings and the content-hashed
//! asset URLs; and the one way a template becomes a file's bytes.

use serde::Serialize;

use crate::diagnostics::Message;
use crate::site::Site;

use super::{OutputTree, RenderError, Theme, offline, theme};

/// What every page's template gets.
#[derive(Serialize)]
struct Common<'a> {
    site: SiteView<'a>,
    t: &'a serde_json::Value,
    assets: &'a Assets,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    language: &'a str,
    root: String,
    base_url: &'a str,
}

/// Content-hashed asset URLs.
#[derive(Serialize)]
pub(super) struct Assets {
    css: String,
    js: String,
    search_js: String,
    favicon: String,
    /// The static search index's meta file, when the site has one.
    pub(super) search_meta: Option<String>,
    /// The installable app's files: published builds only, never the preview.
    pub(super) app: Option<offline::AppUrls>,
    /// The site paths of the files above (the offline lists name them).
    #[serde(skip)]
    pub(super) files: Vec<String>,
}

/// What every page's template gets: the site, the UI strings and the asset URLs.
pub(super) fn base_context(
    site: &Site,
    theme: &Theme,
    root: &str,
    assets: &Assets,
) -> Result<tera::Context, RenderError> {
    let common = Common {
        site: SiteView {
            title: &site.config.title,
            language: &site.config.language,
            root: root.to_owned(),
            base_url: site.config.base_url_trimmed(),
        },
        t: &theme.strings,
        assets,
    };
    tera::Context::from_serialize(&common).map_err(|err| part_error("render-part-context", &err))
}

/// Renders `template` to the bytes of its file. Straight into bytes, not through tera's
/// `String`: that checks the whole page is UTF-8 again (tera writes only UTF-8), and every
/// file ends up as bytes anyway.
pub(super) fn render(
    theme: &Theme,
    template: &str,
    context: &tera::Context,
) -> Result<Vec<u8>, RenderError> {
    render_sized(theme, template, context, 16 * 1024)
}

/// [`render`] into a buffer with room for `capacity` bytes: a guideline page is about twice
/// as long as its file, and a buffer grown from small was copied half a dozen times.
pub(super) fn render_sized(
    theme: &Theme,
    template: &str,
    context: &tera::Context,
    capacity: usize,
) -> Result<Vec<u8>, RenderError> {
    let mut bytes = Vec::with_capacity(capacity);
    theme
        .tera
        .render_to(template, context, &mut bytes)
        .map_err(|err| render_error(template, &err))?;
    Ok(bytes)
}

pub(super) fn render_error(page: &str, err: &dyn std::error::Error) -> RenderError {
    RenderError::page(page, theme::error_chain(err))
}

/// [`render_error`] for a part of the site without a path: `part` is its catalogue name.
pub(super) fn part_error(part: &'static str, err: &dyn std::error::Error) -> RenderError {
    RenderError::part(Message::new(part), theme::error_chain(err))
}

pub(super) fn write_assets(theme: &Theme, root: &str, out: &mut OutputTree) -> Assets {
    let mut files = Vec::new();
    let mut hashed = |name: &str, ext: &str, body: &str| {
        let hash = blake3::hash(body.as_bytes()).to_hex();
        let path = format!("assets/{name}.{}.{ext}", &hash.as_str()[..10]);
        out.insert(path.clone(), body.as_bytes().to_vec());
        files.push(path.clone());
        format!("{root}{path}")
    };
    Assets {
        css: hashed("retning", "css", &theme.css),
        js: hashed("retning", "js", &theme.js),
        search_js: hashed("search", "js", &theme.search_js),
        favicon: hashed("favicon", "svg", &theme.favicon),
        search_meta: None,
        app: None,
        files,
    }
}
