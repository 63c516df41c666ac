//! `retning import`: a Word guideline in the DMCG template → a draft guideline, through
//! pandoc's JSON AST, with a report of everything a person must still check or fix.
//!
//! The stages, one module each: [`pandoc`] runs the converter into [`ast`]; `outline`
//! cuts the document into front page and template sections by heading text; `front_page`,
//! `recommendations`, `references`, `tables` and `images` map their parts, `sections` walks
//! each section; `draft` writes the Markdown and gives every finding its line; [`report`]
//! renders the outcome.

pub(crate) mod ast;
mod convert;
mod dates;
mod draft;
pub(crate) mod finding;
mod front_page;
mod headings;
mod images;
mod inlines;
mod outline;
pub(crate) mod pandoc;
mod patterns;
mod recommendations;
mod references;
pub(crate) mod report;
mod sections;
pub(crate) mod slug;
mod tables;
pub(crate) mod url_map;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use convert::Imported;
pub(crate) use finding::{Finding, WordPlace};
pub(crate) use pandoc::Pandoc;

use crate::diagnostics::{Text, codes, message};
use crate::site::{GUIDELINES_DIR, is_valid_slug};
use crate::source::SourceFile;
use finding::Anchor;
use headings::{ABOUT, CHANGELOG, GRUNDLAG, QUICK_GUIDE, REFERENCES};
use images::Asset;
use outline::Item;
use recommendations::Written;

/// What every file of one `retning import` shares.
pub(crate) struct Request<'a> {
    pub(crate) pandoc: &'a Pandoc,
    pub(crate) group: &'a str,
    /// The group's name in `retning.toml`.
    pub(crate) group_name: &'a str,
    pub(crate) slug: Option<&'a str>,
    pub(crate) url_map: Option<std::sync::Arc<url_map::UrlMap>>,
}

/// A converted file, not yet written.
pub(crate) struct Converted {
    pub(crate) slug: String,
    /// The draft, named as it will be written (`guidelines/<group>/<slug>.md`).
    pub(crate) markdown: Arc<SourceFile>,
    pub(crate) assets: Vec<Asset>,
    /// Each pointing at its line in `markdown` when the draft has one for it.
    pub(crate) findings: Vec<Finding>,
    pub(crate) imported: Imported,
    /// Holds pandoc's extracted images until they are copied.
    _media: tempfile::TempDir,
}

/// Converts one Word file. `Err` says why it could not be imported at all.
pub(crate) fn convert(docx: &Path, request: &Request<'_>) -> Result<Converted, Text> {
    if !docx.is_file() {
        return Err(message!("import-no-such-file").into());
    }
    let media = tempfile::tempdir()
        .map_err(|err| message!("import-no-temporary-folder", error = err.to_string()))?;
    let document = request.pandoc.convert(docx, media.path())?;
    let meta_title = document.title();
    let outline = outline::outline(document.blocks);
    let everything: Vec<&Item> = outline
        .front_page
        .iter()
        .chain(outline.sections.iter().flatten())
        .collect();
    let front = front_page::read(&outline.front_page, meta_title, &everything);
    let slug = match (request.slug, &front.title) {
        (Some(slug), _) => slug.to_owned(),
        (None, Some(title)) => slug::from_title(&title.text),
        (None, None) => return Err(message!("import-no-title-for-slug").into()),
    };
    if !is_valid_slug(&slug) {
        return Err(message!("import-bad-slug", slug = slug.as_str()).into());
    }

    let mut converter = convert::Converter::new(slug.clone(), media.path().to_path_buf());
    converter.url_map = request.url_map.clone();
    converter.findings.extend(outline.findings);
    let (written, authors) = map_sections(&mut converter, &outline.sections);
    let grading = grading(&written, &mut converter.findings);
    for unused in &front.unused {
        converter.findings.push(
            Finding::warning(
                codes::import::FRONT_PAGE_TEXT,
                message!(
                    "import-front-page-text",
                    text = recommendations::shorten(&unused.text)
                ),
            )
            .in_word(&unused.place),
        );
    }
    converter.write_front_matter(
        &front,
        &front_page::Context {
            group: request.group,
            group_name: request.group_name,
            grading,
            authors: &authors,
        },
    );

    let out = converter.draft.write();
    let shown = format!("{GUIDELINES_DIR}/{}/{slug}.md", request.group);
    let markdown = Arc::new(SourceFile::new(PathBuf::from(&shown), shown, out.text));
    let mut findings: Vec<Finding> = converter
        .findings
        .into_iter()
        .map(|mut finding| {
            finding.diagnostic = match out.lines.get(&finding.anchor) {
                Some(&line) => {
                    let span = markdown
                        .lines
                        .line_span(&markdown.text, line.saturating_sub(1));
                    finding.diagnostic.at(&markdown, span)
                }
                None => finding.diagnostic.in_file(markdown.display_path.clone()),
            };
            finding
        })
        .collect();
    findings.sort_by_key(|f| (f.diagnostic.line(), f.word.as_ref().map(|w| w.paragraph)));
    Ok(Converted {
        slug,
        markdown,
        assets: converter.assets,
        findings,
        imported: converter.imported,
        _media: media,
    })
}

/// Fills the draft's sections. The reference list first (citations need its length), the
/// change log before the recommendations it marks: sections are filled in any order and
/// written in the template's.
fn map_sections(
    converter: &mut convert::Converter,
    sections: &[Vec<Item>; 9],
) -> (Vec<Written>, Vec<crate::model::Author>) {
    converter.max_reference = convert::Converter::count_references(&sections[REFERENCES]);
    let marks = converter.changelog(&sections[CHANGELOG]);
    let written = converter.grundlag(
        &recommendations::with_list_numbers(&sections[GRUNDLAG]),
        &marks,
    );
    converter.check_marks(&marks, &written, &sections[CHANGELOG]);
    converter.quick_guide(
        &recommendations::with_list_numbers(&sections[QUICK_GUIDE]),
        &written,
    );
    converter.references(&sections[REFERENCES]);
    for section in [2, 5, 6, 7] {
        converter.ordinary_items(section, &sections[section]);
    }
    let authors = converter.about(&sections[ABOUT]);
    (written, authors)
}

/// The grading of the recommendations' strengths; mixed schemes are a finding.
fn grading(written: &[Written], findings: &mut Vec<Finding>) -> Option<&'static str> {
    let first = written.first()?;
    let others: Vec<u32> = written
        .iter()
        .filter(|w| w.strength.scheme != first.strength.scheme)
        .map(|w| w.number)
        .collect();
    if let Some((last, rest)) = others.split_last() {
        let rest: Vec<String> = rest.iter().map(u32::to_string).collect();
        findings.push(
            Finding::error(
                codes::import::MIXED_GRADING,
                message!(
                    "import-mixed-grading",
                    first = first.number,
                    scheme = first.strength.scheme.name(),
                    count = others.len(),
                    rest = rest.join(", "),
                    last = *last,
                ),
            )
            .at(Anchor::Key("grading")),
        );
    }
    Some(first.strength.scheme.name())
}

/// Writes `guidelines/<group>/<slug>.md` and its images into `guidelines/<group>/<slug>/`.
/// Never overwrites without `force`. Returns the file's site-relative path.
pub(crate) fn write(
    converted: &Converted,
    root: &Path,
    group: &str,
    force: bool,
) -> Result<String, Text> {
    let shown = format!("{GUIDELINES_DIR}/{group}/{}.md", converted.slug);
    let cannot_create = |path: &Path, err: std::io::Error| {
        message!(
            "import-cannot-create",
            path = path.display().to_string(),
            error = err.to_string()
        )
    };
    let dir = root.join(GUIDELINES_DIR).join(group);
    std::fs::create_dir_all(&dir).map_err(|err| cannot_create(&dir, err))?;
    let path = dir.join(format!("{}.md", converted.slug));
    let mut file = if force {
        std::fs::File::create(&path)
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
    }
    .map_err(|err| match err.kind() {
        std::io::ErrorKind::AlreadyExists => message!("import-exists", path = shown.as_str()),
        _ => cannot_create(Path::new(&shown), err),
    })?;
    file.write_all(converted.markdown.text.as_bytes())
        .map_err(|err| {
            message!(
                "import-cannot-write",
                path = shown.as_str(),
                error = err.to_string()
            )
        })?;
    if !converted.assets.is_empty() {
        let assets = dir.join(&converted.slug);
        std::fs::create_dir_all(&assets).map_err(|err| cannot_create(&assets, err))?;
        for asset in &converted.assets {
            std::fs::copy(&asset.from, assets.join(&asset.name)).map_err(|err| {
                message!(
                    "import-cannot-copy-image",
                    name = asset.name.as_str(),
                    error = err.to_string()
                )
            })?;
        }
    }
    Ok(shown)
}
