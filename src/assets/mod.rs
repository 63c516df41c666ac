//! Files beside a guideline: `guidelines/<group>/<slug>/<name>`, referenced from the
//! guideline as `<slug>/<name>` and published at `/<group>/<slug>/<name>`. Images (shown as
//! figures) and attachments (downloads); any other kind of file is an error.

pub(crate) mod names;
pub(crate) mod reference;
pub(crate) mod svg;

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::Guideline;
use crate::source::{SourceFile, display_path};

/// Above this an image is slow on a phone's connection (a warning, with its size).
pub(crate) const LARGE_IMAGE_BYTES: usize = 1024 * 1024;

const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "webp", "gif", "svg"];
const ATTACHMENT_EXTENSIONS: [&str; 4] = ["pdf", "xlsx", "docx", "csv"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AssetKind {
    Image,
    Attachment,
}

/// One file beside a guideline, read once.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    /// The file name, as it is in the folder.
    pub(crate) name: String,
    /// As shown to users: `guidelines/dlg/dlbcl/flowchart.svg`.
    pub(crate) display_path: String,
    pub(crate) kind: AssetKind,
    pub(crate) bytes: Arc<Vec<u8>>,
    /// An image's width and height in pixels, read from its header (or the SVG's size).
    pub(crate) size: Option<(u32, u32)>,
}

/// Every guideline's files, by `<group>/<slug>`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Assets {
    by_guideline: FxHashMap<String, Vec<Asset>>,
    /// `<group>/<slug>/<name>` of files that are there but were refused (already reported),
    /// so a reference to one is not reported missing as well.
    refused: rustc_hash::FxHashSet<String>,
}

impl Assets {
    /// The files beside `<group>/<slug>.md`, sorted by name.
    pub(crate) fn of(&self, group: &str, slug: &str) -> &[Asset] {
        self.by_guideline
            .get(&format!("{group}/{slug}"))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether `<group>/<slug>/<name>` is a file that was refused with a finding of its own.
    pub(crate) fn is_refused(&self, group: &str, slug: &str, name: &str) -> bool {
        self.refused.contains(&format!("{group}/{slug}/{name}"))
    }

    /// Reads the folders beside the guideline files under `guidelines_dir` (`root` is the
    /// site root, for the paths findings show). Every problem is a finding; a file with a
    /// problem is left out.
    pub(crate) fn load(root: &Path, guidelines_dir: &Path, findings: &mut Vec<Diagnostic>) -> Self {
        let mut assets = Self::default();
        for group_dir in sorted_entries(guidelines_dir)
            .into_iter()
            .filter(|p| p.is_dir())
        {
            for folder in sorted_entries(&group_dir)
                .into_iter()
                .filter(|p| p.is_dir())
            {
                let (Some(group), Some(slug)) = (file_name(&group_dir), file_name(&folder)) else {
                    continue;
                };
                // A folder named like a guideline file is reported by the guidelines' discovery.
                if slug.ends_with(".md") {
                    continue;
                }
                let entries = sorted_entries(&folder);
                // A folder holding only misplaced guideline files is the discovery's to report.
                let holds_assets = entries
                    .iter()
                    .any(|p| p.extension().is_none_or(|e| e != "md"));
                if !holds_assets {
                    continue;
                }
                if !group_dir.join(format!("{slug}.md")).is_file() {
                    findings.push(
                        Diagnostic::error(
                            codes::ASSET_BAD_PLACE,
                            message!("asset-bad-place", folder = slug.as_str()),
                        )
                        .in_file(display_path(root, &folder))
                        .with_help(message!("asset-bad-place-help")),
                    );
                    continue;
                }
                let mut files = Vec::new();
                for path in entries {
                    let before = findings.len();
                    match read_asset(root, &path, findings) {
                        Some(asset) => files.push(asset),
                        None if findings.len() > before => {
                            if let Some(name) = file_name(&path) {
                                assets.refused.insert(format!("{group}/{slug}/{name}"));
                            }
                        }
                        None => {}
                    }
                }
                assets.by_guideline.insert(format!("{group}/{slug}"), files);
            }
        }
        assets
    }
}

/// The files of `guideline`'s folder that it links to or shows: the ones published (with
/// their path in the site), each once.
pub(crate) fn published<'a>(assets: &'a Assets, guideline: &Guideline) -> Vec<(String, &'a Asset)> {
    published_named(
        assets,
        &guideline.group,
        &guideline.slug,
        names_in(guideline),
    )
}

/// The names of the files of `guideline`'s folder that its links and images point at, in
/// the text's order (a file linked twice is named twice).
pub(crate) fn names_in(guideline: &Guideline) -> impl Iterator<Item = &str> {
    let destinations = guideline
        .body
        .links
        .iter()
        .map(|l| l.destination.as_str())
        .chain(guideline.body.images.iter().map(|i| i.destination.as_str()));
    destinations.filter_map(
        |destination| match reference::classify(destination, &guideline.slug) {
            reference::Reference::Asset(name) => Some(name),
            _ => None,
        },
    )
}

/// [`published`] of the guideline `group`/`slug` whose text names the files `wanted` (a
/// [`crate::summary::GuidelineSummary`]'s `asset_names`), in order.
pub(crate) fn published_named<'a, 'n>(
    assets: &'a Assets,
    group: &str,
    slug: &str,
    wanted: impl IntoIterator<Item = &'n str>,
) -> Vec<(String, &'a Asset)> {
    let files = assets.of(group, slug);
    let mut out: Vec<(String, &Asset)> = Vec::new();
    for name in wanted {
        if let Some(file) = files
            .iter()
            .find(|f| f.name == name && names::is_url_safe(name))
            && !out.iter().any(|(_, f)| f.name == file.name)
        {
            out.push((format!("{group}/{slug}/{}", file.name), file));
        }
    }
    out
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

fn sorted_entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

/// A file name's extension, lower-case (`""` without one).
fn extension_of(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What a file with `extension` is on the site, if the site publishes it.
fn kind_of(extension: &str) -> Option<AssetKind> {
    if IMAGE_EXTENSIONS.contains(&extension) {
        Some(AssetKind::Image)
    } else if ATTACHMENT_EXTENSIONS.contains(&extension) {
        Some(AssetKind::Attachment)
    } else {
        None
    }
}

/// A file as an earlier version had it (read from git): published only when the site would
/// publish it today, a URL-safe name, a kind the site publishes, an image whose size can be
/// read and an SVG without active content. Anything else is `None` (the archive page then
/// shows that version without it); nothing here is the author's to fix any more.
pub(crate) fn from_stored(name: &str, display_path: String, bytes: Vec<u8>) -> Option<Asset> {
    if !names::is_url_safe(name) {
        return None;
    }
    let extension = extension_of(name);
    let kind = kind_of(&extension)?;
    let size = match (kind, extension.as_str()) {
        (AssetKind::Attachment, _) => None,
        (AssetKind::Image, "svg") => svg::check(std::str::from_utf8(&bytes).ok()?).ok()?.size,
        (AssetKind::Image, _) => imagesize::blob_size(&bytes)
            .ok()
            .map(|dim| (dim.width as u32, dim.height as u32)),
    };
    if kind == AssetKind::Image && size.is_none() {
        return None;
    }
    Some(Asset {
        name: name.to_owned(),
        display_path,
        kind,
        bytes: Arc::new(bytes),
        size,
    })
}

/// One file of a guideline's folder, or the finding that keeps it off the site.
fn read_asset(root: &Path, path: &Path, findings: &mut Vec<Diagnostic>) -> Option<Asset> {
    let shown = display_path(root, path);
    let name = file_name(path)?;
    // Hidden files (`.DS_Store`, an editor's swap file) are not content; a guideline file
    // here is misplaced, which the guidelines' discovery reports.
    if name.starts_with('.') || name == "Thumbs.db" || name.ends_with(".md") {
        return None;
    }
    let guidelines = root.join(crate::site::GUIDELINES_DIR);
    if let Some(real) = crate::source::leads_outside(root, &[&guidelines], path) {
        findings.push(crate::site::outside_site(shown, &real));
        return None;
    }
    if path.is_dir() {
        findings.push(
            Diagnostic::error(codes::ASSET_BAD_PLACE, message!("asset-bad-place-folder"))
                .in_file(shown)
                .with_help(message!("asset-bad-place-folder-help")),
        );
        return None;
    }
    let extension = extension_of(&name);
    let Some(kind) = kind_of(&extension) else {
        findings.push(
            Diagnostic::error(
                codes::ASSET_UNSUPPORTED_TYPE,
                message!("asset-unsupported-type", name = name.as_str()),
            )
            .in_file(shown)
            .with_help(message!("asset-unsupported-type-help")),
        );
        return None;
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            findings.push(
                Diagnostic::error(
                    codes::SOURCE_UNREADABLE,
                    message!("source-unreadable", error = err.to_string()),
                )
                .in_file(shown),
            );
            return None;
        }
    };
    let size = match (kind, extension.as_str()) {
        (AssetKind::Attachment, _) => None,
        (AssetKind::Image, "svg") => Some(svg_size(path, shown.clone(), &bytes, findings)?),
        (AssetKind::Image, _) => match imagesize::blob_size(&bytes) {
            Ok(dim) => Some((dim.width as u32, dim.height as u32)),
            Err(err) => {
                findings.push(
                    Diagnostic::error(
                        codes::ASSET_UNREADABLE,
                        message!("asset-unreadable-image-size", error = err.to_string()),
                    )
                    .in_file(shown)
                    .with_help(message!("asset-unreadable-image-size-help")),
                );
                return None;
            }
        },
    };
    Some(Asset {
        name,
        display_path: shown,
        kind,
        bytes: Arc::new(bytes),
        size,
    })
}

/// A safe SVG's size; an unsafe one is an error at the offending element.
fn svg_size(
    path: &Path,
    shown: String,
    bytes: &[u8],
    findings: &mut Vec<Diagnostic>,
) -> Option<(u32, u32)> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        findings.push(
            Diagnostic::error(
                codes::ASSET_UNREADABLE,
                message!("asset-unreadable-svg-not-utf8"),
            )
            .in_file(shown),
        );
        return None;
    };
    let source = Arc::new(SourceFile::new(path.to_path_buf(), shown, text.to_owned()));
    match svg::check(&source.text) {
        Ok(svg::SvgInfo { size: Some(size) }) => Some(size),
        Ok(svg::SvgInfo { size: None }) => {
            findings.push(
                Diagnostic::error(
                    codes::ASSET_UNREADABLE,
                    message!("asset-unreadable-svg-size"),
                )
                .at(&source, 0..0)
                .with_help(message!("asset-unreadable-svg-size-help")),
            );
            None
        }
        Err(problem) => {
            findings.push(
                Diagnostic::error(codes::ASSET_UNSAFE_SVG, problem.message)
                    .at(&source, problem.span)
                    .with_help(message!("asset-unsafe-svg-help")),
            );
            None
        }
    }
}
