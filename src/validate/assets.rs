//! Figures and attachments: every relative link or image names a file in the guideline's
//! own folder, under a URL-safe name; images have alt text; large images and unused files
//! are pointed out.

use std::collections::HashSet;
use std::ops::Range;

use crate::assets::reference::{Reference, classify};
use crate::assets::{AssetKind, LARGE_IMAGE_BYTES, names};
use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::Guideline;
use crate::site::Site;

pub(super) fn check(site: &Site, guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    let files = site.assets.of(&guideline.group, &guideline.slug);
    let mut used: HashSet<&str> = HashSet::new();
    let slug = guideline.slug.as_str();
    let references = guideline
        .body
        .links
        .iter()
        .map(|l| (l.destination.as_str(), &l.span))
        .chain(
            guideline
                .body
                .images
                .iter()
                .map(|i| (i.destination.as_str(), &i.span)),
        );
    for (destination, span) in references {
        let span: Range<usize> = span.clone();
        let name = match classify(destination, slug) {
            Reference::Elsewhere => continue,
            Reference::Outside => {
                findings.push(
                    Diagnostic::error(
                        codes::ASSET_OUTSIDE_FOLDER,
                        message!("asset-outside-folder", target = destination, slug = slug),
                    )
                    .at(source, span)
                    .with_help(message!(
                        "asset-outside-folder-help",
                        group = guideline.group.as_str(),
                        slug = slug
                    )),
                );
                continue;
            }
            Reference::Asset(name) => name,
        };
        if site.assets.is_refused(&guideline.group, slug, name) {
            continue;
        }
        if !names::is_url_safe(name) {
            // The file is used, under a name to change.
            used.insert(name);
            findings.push(
                Diagnostic::error(
                    codes::ASSET_BAD_NAME,
                    message!("asset-bad-name", name = name),
                )
                .at(source, span)
                .with_help(message!(
                    "asset-bad-name-help",
                    suggested = names::suggested_name(name),
                    slug = slug
                )),
            );
            continue;
        }
        let Some(file) = files.iter().find(|f| f.name == name) else {
            findings.push(
                Diagnostic::error(
                    codes::ASSET_MISSING,
                    message!(
                        "asset-missing",
                        group = guideline.group.as_str(),
                        slug = slug,
                        name = name
                    ),
                )
                .at(source, span)
                .with_help(message!(
                    "asset-missing-help",
                    group = guideline.group.as_str(),
                    slug = slug
                )),
            );
            continue;
        };
        if file.kind == AssetKind::Image
            && file.bytes.len() > LARGE_IMAGE_BYTES
            && used.insert(name)
        {
            findings.push(
                Diagnostic::warning(
                    codes::ASSET_LARGE_IMAGE,
                    message!(
                        "asset-large-image",
                        name = name,
                        megabytes = tenths_of_a_megabyte(file.bytes.len()) / 10,
                        tenths = tenths_of_a_megabyte(file.bytes.len()) % 10
                    ),
                )
                .at(source, span)
                .with_help(message!("asset-large-image-help")),
            );
        }
        used.insert(name);
    }
    for image in &guideline.body.images {
        if image.alt.trim().is_empty() {
            findings.push(
                Diagnostic::error(codes::IMAGE_MISSING_ALT, message!("image-missing-alt"))
                    .at(source, image.span.clone())
                    .with_help(message!("image-missing-alt-help")),
            );
        }
    }
    for file in files.iter().filter(|f| !used.contains(f.name.as_str())) {
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
                slug = slug,
                name = file.name.as_str()
            )),
        );
    }
}

/// A size in tenths of a megabyte, rounded: the catalogue's numbers are whole, and each
/// language writes its own decimal mark (1.5 MB, 1,5 MB).
fn tenths_of_a_megabyte(bytes: usize) -> usize {
    (bytes * 10 + 512 * 1024) / (1024 * 1024)
}
