//! Figures and attachments: every relative link or image names a file in the guideline's
//! own folder, under a URL-safe name; images have alt text; large images and unused files
//! are pointed out.

use std::collections::HashSet;
use std::ops::Range;

use crate::assets::reference::{Reference, classify};
use crate::assets::{Asset, AssetKind, LARGE_IMAGE_BYTES, names};
use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::Guideline;
use crate::site::Site;

pub(super) fn check(site: &Site, guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let mut folder = Folder {
        site,
        guideline,
        files: site.assets.of(&guideline.group, &guideline.slug),
        used: HashSet::new(),
    };
    for (destination, span) in references(guideline) {
        folder.check_reference(destination, span.clone(), findings);
    }
    check_alt_text(guideline, findings);
    folder.report_unused(findings);
}

/// Every link and image destination in the body, links first, with its span.
fn references(guideline: &Guideline) -> impl Iterator<Item = (&str, &Range<usize>)> {
    let links = guideline.body.links.iter();
    let images = guideline.body.images.iter();
    links
        .map(|l| (l.destination.as_str(), &l.span))
        .chain(images.map(|i| (i.destination.as_str(), &i.span)))
}

/// One guideline's folder of files, and which of them the body has used so far (a file
/// used under a bad name counts as used, so it is not also reported unused).
struct Folder<'a> {
    site: &'a Site,
    guideline: &'a Guideline,
    files: &'a [Asset],
    used: HashSet<&'a str>,
}

impl<'a> Folder<'a> {
    fn check_reference(
        &mut self,
        destination: &'a str,
        span: Range<usize>,
        findings: &mut Vec<Diagnostic>,
    ) {
        let guideline = self.guideline;
        let slug = guideline.slug.as_str();
        let name = match classify(destination, slug) {
            Reference::Elsewhere => return,
            Reference::Outside => {
                findings.push(outside_folder(guideline, destination, span));
                return;
            }
            Reference::Asset(name) => name,
        };
        if self.site.assets.is_refused(&guideline.group, slug, name) {
            return;
        }
        if !names::is_url_safe(name) {
            self.used.insert(name);
            findings.push(bad_name(guideline, name, span));
            return;
        }
        let Some(file) = self.files.iter().find(|f| f.name == name) else {
            findings.push(missing(guideline, name, span));
            return;
        };
        // A large image is pointed out once, at its first use.
        if file.kind == AssetKind::Image
            && file.bytes.len() > LARGE_IMAGE_BYTES
            && self.used.insert(name)
        {
            findings.push(large_image(guideline, name, file.bytes.len(), span));
        }
        self.used.insert(name);
    }

    fn report_unused(&self, findings: &mut Vec<Diagnostic>) {
        let guideline = self.guideline;
        for file in self
            .files
            .iter()
            .filter(|f| !self.used.contains(f.name.as_str()))
        {
            findings.push(
                Diagnostic::warning(
                    codes::ASSET_UNUSED,
                    message!(
                        "asset-unused",
                        name = file.name.as_str(),
                        guideline = guideline.link_key()
                    ),
                )
                .in_file(file.display_path.clone())
                .with_help(message!(
                    "asset-unused-help",
                    slug = guideline.slug.as_str(),
                    name = file.name.as_str()
                )),
            );
        }
    }
}

fn check_alt_text(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    for image in &guideline.body.images {
        if image.alt.trim().is_empty() {
            findings.push(
                Diagnostic::error(codes::IMAGE_MISSING_ALT, message!("image-missing-alt"))
                    .at(&guideline.source, image.span.clone())
                    .with_help(message!("image-missing-alt-help")),
            );
        }
    }
}

fn outside_folder(guideline: &Guideline, destination: &str, span: Range<usize>) -> Diagnostic {
    let slug = guideline.slug.as_str();
    Diagnostic::error(
        codes::ASSET_OUTSIDE_FOLDER,
        message!("asset-outside-folder", target = destination, slug = slug),
    )
    .at(&guideline.source, span)
    .with_help(message!(
        "asset-outside-folder-help",
        group = guideline.group.as_str(),
        slug = slug
    ))
}

fn bad_name(guideline: &Guideline, name: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        codes::ASSET_BAD_NAME,
        message!("asset-bad-name", name = name),
    )
    .at(&guideline.source, span)
    .with_help(message!(
        "asset-bad-name-help",
        suggested = names::suggested_name(name),
        slug = guideline.slug.as_str()
    ))
}

fn missing(guideline: &Guideline, name: &str, span: Range<usize>) -> Diagnostic {
    let (group, slug) = (guideline.group.as_str(), guideline.slug.as_str());
    Diagnostic::error(
        codes::ASSET_MISSING,
        message!("asset-missing", group = group, slug = slug, name = name),
    )
    .at(&guideline.source, span)
    .with_help(message!("asset-missing-help", group = group, slug = slug))
}

fn large_image(guideline: &Guideline, name: &str, bytes: usize, span: Range<usize>) -> Diagnostic {
    let tenths = tenths_of_a_megabyte(bytes);
    Diagnostic::warning(
        codes::ASSET_LARGE_IMAGE,
        message!(
            "asset-large-image",
            name = name,
            megabytes = tenths / 10,
            tenths = tenths % 10
        ),
    )
    .at(&guideline.source, span)
    .with_help(message!("asset-large-image-help"))
}

/// A size in tenths of a megabyte, rounded: the catalogue's numbers are whole, and each
/// language writes its own decimal mark (1.5 MB, 1,5 MB).
fn tenths_of_a_megabyte(bytes: usize) -> usize {
    (bytes * 10 + 512 * 1024) / (1024 * 1024)
}
