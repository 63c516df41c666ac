//! The site as an installable, offline-capable web app: the icons (rendered from the theme's
//! favicon with resvg), the web app manifest, the service worker (`static/sw.js` with this
//! build's settings), and the lists the "Gem offline" control reads: `offline/index.json`
//! (the build, the shell, the search files, the groups) and `offline/<group>.json` (each
//! guideline's page, version and files, with their sizes). Published builds only: the
//! preview (drafts) gets none of it, so nothing of a draft is ever kept on a phone.

use std::collections::HashMap;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::site::Site;
use crate::summary::GuidelineSummary;

use super::{OutputTree, SEARCH_DIR, Theme};

/// Where the lists live in the site.
pub(crate) const OFFLINE_DIR: &str = "offline";
/// The app's colour in the manifest and the icons' background: the theme's `--brand`.
const THEME_COLOR: &str = "#0b4f6c";
const BACKGROUND: (u8, u8, u8) = (0x0b, 0x4f, 0x6c);
/// Guidelines in one part of a group's list: `offline/<group>.json` holds the first, then
/// `offline/<group>/side-2.json` and on, each naming the next, so no list file grows with the
/// group (about 200 bytes a guideline).
const GUIDELINES_PER_PART: usize = 200;
/// Search files in one part of the index's list of them (about 75 bytes each): the rest are
/// in `offline/index/side-2.json` and on.
const SEARCH_FILES_PER_PART: usize = 5_000;
/// What `static/sw.js` holds in place of this build's settings.
const SW_PLACEHOLDER: &str = "\"__RETNING_SW_CONFIG__\"";

/// One PNG icon: (file stem, size in px, purpose in the manifest, share of the square the
/// favicon fills). A maskable icon keeps to the middle 80 %, which platforms never crop;
/// Apple's home-screen icon gets no transparency (iOS would fill it with black).
const ICONS: [(&str, u32, Option<&str>, f32); 4] = [
    ("icon-192", 192, Some("any"), 1.0),
    ("icon-512", 512, Some("any"), 1.0),
    ("icon-maskable-512", 512, Some("maskable"), 0.7),
    ("apple-touch-icon", 180, None, 1.0),
];

/// The app's URLs every page links.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct AppUrls {
    pub(crate) manifest: String,
    pub(crate) service_worker: String,
    pub(crate) apple_touch_icon: String,
    /// The folder of the lists, with a trailing `/`.
    pub(crate) lists: String,
}

/// The icons of one favicon: their names are known at once (the pages link them), their
/// pixels are rendered beside the pages ([`Icons::render`]), so the build does not wait.
pub(crate) struct Icons {
    tree: resvg::usvg::Tree,
    icons: Vec<Icon>,
}

struct Icon {
    stem: &'static str,
    size: u32,
    /// In the manifest, for what; `None`: not in the manifest (Apple's, linked by pages).
    purpose: Option<&'static str>,
    share: f32,
    /// The site path of the file. Its name carries a hash of the favicon and of this
    /// program's version (which fixes how it is drawn), so it changes when the pixels do.
    path: String,
}

#[derive(Debug, thiserror::Error)]
#[error("the theme's favicon.svg cannot be made into app icons: {0}")]
pub(crate) struct IconError(String);

impl Icons {
    /// Reads the favicon; an SVG resvg cannot read is an error here, before any page renders.
    pub(crate) fn of(favicon: &str) -> Result<Self, IconError> {
        let tree = resvg::usvg::Tree::from_str(favicon, &resvg::usvg::Options::default())
            .map_err(|err| IconError(err.to_string()))?;
        let icons = ICONS
            .iter()
            .map(|&(stem, size, purpose, share)| {
                let mut hash = blake3::Hasher::new();
                hash.update(favicon.as_bytes());
                hash.update(env!("CARGO_PKG_VERSION").as_bytes());
                let hash = hash.finalize().to_hex();
                Icon {
                    stem,
                    size,
                    purpose,
                    share,
                    path: format!("assets/{stem}.{}.png", &hash.as_str()[..10]),
                }
            })
            .collect();
        Ok(Self { tree, icons })
    }

    fn path(&self, stem: &str) -> &str {
        self.icons
            .iter()
            .find(|icon| icon.stem == stem)
            .map_or("", |icon| icon.path.as_str())
    }

    pub(crate) fn urls(&self, root: &str) -> AppUrls {
        AppUrls {
            manifest: format!("{root}manifest.webmanifest"),
            service_worker: format!("{root}sw.js"),
            apple_touch_icon: format!("{root}{}", self.path("apple-touch-icon")),
            lists: format!("{root}{OFFLINE_DIR}/"),
        }
    }

    /// Whether `files` (site path and size) are these icons' files, in their order.
    pub(crate) fn are_at(&self, files: &[(String, usize)]) -> bool {
        files.len() == self.icons.len()
            && files
                .iter()
                .zip(&self.icons)
                .all(|((path, size), icon)| *path == icon.path && *size > 0)
    }

    /// Every icon's PNG, by its site path.
    pub(crate) fn render(&self) -> Result<Vec<(String, Vec<u8>)>, IconError> {
        self.icons
            .par_iter()
            .map(|icon| {
                let opaque = icon.purpose != Some("any");
                let png = render_png(&self.tree, icon.size, icon.share, opaque)?;
                Ok((icon.path.clone(), png))
            })
            .collect()
    }
}

/// The favicon drawn into a `size`² square, filling `share` of it, centred; on the theme
/// colour when `opaque`.
fn render_png(
    tree: &resvg::usvg::Tree,
    size: u32,
    share: f32,
    opaque: bool,
) -> Result<Vec<u8>, IconError> {
    use resvg::tiny_skia::{Color, Pixmap, Transform};
    let mut pixmap =
        Pixmap::new(size, size).ok_or_else(|| IconError(format!("no {size}px canvas")))?;
    if opaque {
        let (r, g, b) = BACKGROUND;
        pixmap.fill(Color::from_rgba8(r, g, b, 255));
    }
    let svg = tree.size();
    let side = size as f32 * share;
    let scale = side / svg.width().max(svg.height());
    let offset = (size as f32 - side) / 2.0;
    let transform = Transform::from_scale(scale, scale).post_translate(offset, offset);
    resvg::render(tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|err| IconError(err.to_string()))
}

#[derive(Serialize)]
struct Manifest<'a> {
    name: &'a str,
    short_name: &'a str,
    description: &'a str,
    lang: &'a str,
    start_url: &'a str,
    scope: &'a str,
    display: &'static str,
    background_color: &'static str,
    theme_color: &'static str,
    icons: Vec<ManifestIcon>,
}

#[derive(Serialize)]
struct ManifestIcon {
    src: String,
    sizes: String,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
}

/// One file a reader can keep: its URL and size in bytes.
#[derive(Serialize, Clone)]
struct Entry {
    url: String,
    bytes: usize,
}

#[derive(Serialize)]
struct Index<'a> {
    build: &'a str,
    date: String,
    /// The pages and assets every saved guideline needs: home, search, the CSS and scripts.
    shell: Vec<Entry>,
    /// The static search index's files (whatever they are: the build lists what it wrote).
    search: Vec<Entry>,
    groups: Vec<GroupEntry>,
    /// The next part of `search`, when it goes on.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// A further part of the index's `search`.
#[derive(Serialize)]
struct SearchPart<'a> {
    build: &'a str,
    search: &'a [Entry],
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

#[derive(Serialize)]
struct GroupEntry {
    code: String,
    name: String,
    page: Entry,
    list: String,
    guidelines: usize,
}

#[derive(Serialize)]
struct GroupList<'a> {
    build: &'a str,
    guidelines: &'a [GuidelineEntry],
    /// The next part of the list, when it goes on.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

#[derive(Serialize)]
struct GuidelineEntry {
    url: String,
    title: String,
    version: String,
    bytes: usize,
    /// Its figures and attachments.
    files: Vec<Entry>,
}

/// What the app's files are made from.
pub(crate) struct AppInput<'a> {
    pub(crate) site: &'a Site,
    pub(crate) theme: &'a Theme,
    pub(crate) guidelines: &'a [GuidelineSummary],
    pub(crate) today: Date,
    pub(crate) icons: &'a Icons,
    /// The site paths of the shell's assets (CSS, scripts, favicon), with their sizes.
    pub(crate) assets: Vec<(String, usize)>,
    /// The static search index's files (site paths under `search/`) and sizes.
    pub(crate) search: &'a [(String, usize)],
    /// Every guideline page's size, by its site path (`dlg/dlbcl/`).
    pub(crate) pages: &'a HashMap<String, usize>,
    /// The size of each page about the site that is not in the tree (linked from the site in
    /// place), by its file's path (`soeg/index.html`).
    pub(crate) site_pages: &'a HashMap<String, usize>,
}

/// The manifest, the service worker and the lists, into `out` (which holds the site-wide
/// pages already, for their sizes).
pub(crate) fn write(input: &AppInput, out: &mut OutputTree) -> Result<(), serde_json::Error> {
    let lists = Lists {
        root: input.site.config.root_path(),
        build: build_id(input),
    };
    let groups = write_group_lists(input, &lists, out)?;
    write_index(input, &lists, groups, out)?;
    let manifest = manifest(input, &lists.root);
    out.insert("manifest.webmanifest", serde_json::to_vec(&manifest)?);
    out.insert("sw.js", service_worker(input, &lists));
    Ok(())
}

/// What every list shares: the site's root path (each URL starts with it) and the build.
struct Lists {
    root: String,
    build: String,
}

impl Lists {
    /// A file of `bytes` at the site path `path`.
    fn entry(&self, path: &str, bytes: usize) -> Entry {
        Entry {
            url: format!("{}{path}", self.root),
            bytes,
        }
    }

    /// The page `file` in the folder `path`, with its size in `out` or else among `linked`
    /// (0 when it is in neither).
    fn page(
        &self,
        out: &OutputTree,
        linked: &HashMap<String, usize>,
        path: &str,
        file: &str,
    ) -> Entry {
        let at = format!("{path}{file}");
        let bytes = out
            .get(&at)
            .map(<[u8]>::len)
            .or_else(|| linked.get(&at).copied())
            .unwrap_or(0);
        self.entry(path, bytes)
    }

    /// The URL of the next part, when there is one.
    fn next(&self, next: Option<String>) -> Option<String> {
        next.map(|next| format!("{}{next}", self.root))
    }
}

/// Each group's list of guidelines (`offline/<group>.json` and its further parts); the
/// groups' entries for the index.
fn write_group_lists(
    input: &AppInput,
    lists: &Lists,
    out: &mut OutputTree,
) -> Result<Vec<GroupEntry>, serde_json::Error> {
    let mut groups = Vec::new();
    for (code, name) in &input.site.config.groups {
        let guidelines: Vec<GuidelineEntry> = input
            .guidelines
            .iter()
            .filter(|g| &g.group == code)
            .map(|g| guideline_entry(input, lists, g))
            .collect();
        let list = format!("{OFFLINE_DIR}/{code}.json");
        groups.push(GroupEntry {
            code: code.clone(),
            name: name.clone(),
            page: lists.page(out, input.site_pages, &format!("{code}/"), "index.html"),
            list: format!("{}{list}", lists.root),
            guidelines: guidelines.len(),
        });
        let folder = format!("{OFFLINE_DIR}/{code}/");
        for (path, chunk, next) in parts(&guidelines, GUIDELINES_PER_PART, &list, &folder) {
            let body = GroupList {
                build: &lists.build,
                guidelines: chunk,
                next: lists.next(next),
            };
            out.insert(path, serde_json::to_vec(&body)?);
        }
    }
    Ok(groups)
}

/// One guideline in its group's list: its page and its published files, with their sizes.
fn guideline_entry(input: &AppInput, lists: &Lists, g: &GuidelineSummary) -> GuidelineEntry {
    GuidelineEntry {
        url: format!("{}{}", lists.root, g.path()),
        title: g.title().to_owned(),
        version: g.version.clone(),
        bytes: input.pages.get(&g.path()).copied().unwrap_or(0),
        files: g
            .published_assets(&input.site.assets)
            .into_iter()
            .map(|(path, asset)| lists.entry(&path, asset.bytes.len()))
            .collect(),
    }
}

/// `offline/index.json` (the shell, the first part of the search files, the groups) and
/// the further parts of the search files.
fn write_index(
    input: &AppInput,
    lists: &Lists,
    groups: Vec<GroupEntry>,
    out: &mut OutputTree,
) -> Result<(), serde_json::Error> {
    let linked = input.site_pages;
    let mut shell = vec![
        lists.page(out, linked, "", "index.html"),
        lists.page(out, linked, "soeg/", "index.html"),
        lists.page(out, linked, "styrke/", "index.html"),
    ];
    shell.extend(
        input
            .assets
            .iter()
            .map(|(path, bytes)| lists.entry(path, *bytes)),
    );
    let search: Vec<Entry> = input
        .search
        .iter()
        .map(|(path, bytes)| lists.entry(path, *bytes))
        .collect();
    let index_path = format!("{OFFLINE_DIR}/index.json");
    let folder = format!("{OFFLINE_DIR}/index/");
    let mut search_parts = parts(&search, SEARCH_FILES_PER_PART, &index_path, &folder).into_iter();
    // `parts` always gives a first part, the index's own.
    let (_, first, next) = search_parts.next().unwrap_or_default();
    let index = Index {
        build: &lists.build,
        date: input.today.to_string(),
        shell,
        search: first.to_vec(),
        groups,
        next: lists.next(next),
    };
    out.insert(index_path, serde_json::to_vec(&index)?);
    for (path, chunk, next) in search_parts {
        let part = SearchPart {
            build: &lists.build,
            search: chunk,
            next: lists.next(next),
        };
        out.insert(path, serde_json::to_vec(&part)?);
    }
    Ok(())
}

/// The web app manifest: the site's name and language, the theme's colours, the icons.
fn manifest<'a>(input: &'a AppInput, root: &'a str) -> Manifest<'a> {
    let AppInput { site, theme, .. } = *input;
    Manifest {
        name: &site.config.title,
        short_name: theme.text("app_short_name"),
        description: theme.text("home_intro"),
        lang: &site.config.language,
        start_url: root,
        scope: root,
        display: "standalone",
        background_color: "#ffffff",
        theme_color: THEME_COLOR,
        icons: input
            .icons
            .icons
            .iter()
            .filter_map(|icon| {
                icon.purpose.map(|purpose| ManifestIcon {
                    src: format!("{root}{}", icon.path),
                    sizes: format!("{0}x{0}", icon.size),
                    kind: "image/png",
                    purpose,
                })
            })
            .collect(),
    }
}

/// The theme's `sw.js` with this build's settings in place of its placeholder. The worker
/// installs with the scripts and the stylesheet; pages are kept as they are read.
fn service_worker(input: &AppInput, lists: &Lists) -> String {
    let Lists { root, build } = lists;
    let config = serde_json::json!({
        "build": build,
        "root": root,
        "shell": input.assets.iter().map(|(path, _)| format!("{root}{path}")).collect::<Vec<_>>(),
        "text": input.theme.strings.get("offline_page"),
    });
    without_comment_lines(&input.theme.service_worker).replacen(
        SW_PLACEHOLDER,
        &config.to_string(),
        1,
    )
}

/// `items` in parts of at most `per_part` (at least one part): the first at `first`, part *n*
/// at `<folder>side-n.json`; each with the site path of the part after it.
fn parts<'i, T>(
    items: &'i [T],
    per_part: usize,
    first: &str,
    folder: &str,
) -> Vec<(String, &'i [T], Option<String>)> {
    let chunks: Vec<&[T]> = if items.is_empty() {
        vec![items]
    } else {
        items.chunks(per_part.max(1)).collect()
    };
    let path = |i: usize| {
        if i == 0 {
            first.to_owned()
        } else {
            format!("{folder}side-{}.json", i + 1)
        }
    };
    let count = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| (path(i), chunk, (i + 1 < count).then(|| path(i + 1))))
        .collect()
}

/// The worker without its whole-line `//` comments: they are for the theme's readers, and a
/// first visit downloads the worker (the budget for the app is 5 KB compressed).
fn without_comment_lines(script: &str) -> String {
    script
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .fold(String::with_capacity(script.len()), |mut out, line| {
            out.push_str(line);
            out.push('\n');
            out
        })
}

/// A hash of everything a build's files are made from: the program, the theme, the
/// configuration, the date, every guideline's text and the search index (whose file names
/// carry hashes of its content). The service worker keys its cache by it, so a new build
/// never serves a mix of old and new files.
fn build_id(input: &AppInput) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(input.theme.fingerprint.as_bytes());
    hasher.update(input.site.config.base_url.as_bytes());
    hasher.update(input.site.config.title.as_bytes());
    hasher.update(input.today.to_string().as_bytes());
    // Each text's hash, in the site's order (made with its summary).
    for guideline in input.guidelines {
        hasher.update(guideline.path().as_bytes());
        hasher.update(&guideline.text_hash);
    }
    for (path, bytes) in input.search {
        hasher.update(path.as_bytes());
        hasher.update(&bytes.to_le_bytes());
    }
    hasher.finalize().to_hex()[..16].to_owned()
}

/// Where the search files are listed from: `search/<name>` for each.
pub(crate) fn search_paths(
    files: impl IntoIterator<Item = (String, usize)>,
) -> Vec<(String, usize)> {
    files
        .into_iter()
        .map(|(name, bytes)| (format!("{SEARCH_DIR}/{name}"), bytes))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_is_split_into_parts_each_naming_the_next() {
        let items: Vec<u32> = (0..5).collect();
        let split = parts(&items, 2, "offline/dlg.json", "offline/dlg/");
        let shapes: Vec<(&str, &[u32], Option<&str>)> = split
            .iter()
            .map(|(path, chunk, next)| (path.as_str(), *chunk, next.as_deref()))
            .collect();
        assert_eq!(
            shapes,
            [
                (
                    "offline/dlg.json",
                    &[0, 1][..],
                    Some("offline/dlg/side-2.json")
                ),
                (
                    "offline/dlg/side-2.json",
                    &[2, 3][..],
                    Some("offline/dlg/side-3.json")
                ),
                ("offline/dlg/side-3.json", &[4][..], None),
            ]
        );
        // A short list is one file, as before the split; an empty one still has its file.
        assert_eq!(parts(&items, 5, "a.json", "a/").len(), 1);
        let none: [u32; 0] = [];
        assert_eq!(
            parts(&none, 2, "a.json", "a/"),
            [("a.json".to_owned(), &none[..], None)]
        );
    }

    #[test]
    fn the_favicon_becomes_every_icon_and_a_broken_one_is_an_error() {
        let icons = Icons::of(include_str!("../../themes/default/static/favicon.svg")).unwrap();
        let pngs = icons.render().unwrap();
        assert_eq!(pngs.len(), ICONS.len());
        for (icon, (path, png)) in icons.icons.iter().zip(&pngs) {
            assert_eq!(&icon.path, path);
            let png = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
            assert_eq!((png.width(), png.height()), (icon.size, icon.size));
            // The corner: transparent only where the platform does not mask the icon itself.
            let corner = png.pixel(0, 0).unwrap().alpha();
            assert_eq!(corner == 255, icon.purpose != Some("any"), "{}", icon.stem);
        }
        let stems: Vec<(&str, u32)> = icons.icons.iter().map(|i| (i.stem, i.size)).collect();
        assert_eq!(
            stems,
            [
                ("icon-192", 192),
                ("icon-512", 512),
                ("icon-maskable-512", 512),
                ("apple-touch-icon", 180)
            ]
        );
        assert!(Icons::of("<svg").is_err());
    }
}
