//! Figures and attachments: every relative link or image names a file in the guideline's
//! own folder, under a URL-safe name; images have alt text; large images and unused files
//! are pointed out.

use std::collections::HashSet;
use std::ops::Range;

use crate::assets::reference::{Reference, classify};
use crate::assets::{AssetKind, LARGE_IMAGE_BYTES, names};
use crate::diagnostics::{Diagnostic, codes};
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
                        format!("`{destination}` is not a file in this guideline's folder `{slug}/`"),
                    )
                    .at(source, span)
                    .with_help(format!(
                        "put the file in guidelines/{}/{slug}/ and write {slug}/<name>; link to another guideline as @/<group>/<slug>.md",
                        guideline.group
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
                    format!("`{name}` is not a URL-safe file name"),
                )
                .at(source, span)
                .with_help(format!(
                    "rename the file to `{}` (lower-case a–z, digits, - and _) and write {slug}/{} here",
                    names::suggested_name(name),
                    names::suggested_name(name)
                )),
            );
            continue;
        }
        let Some(file) = files.iter().find(|f| f.name == name) else {
            findings.push(
                Diagnostic::error(
                    codes::ASSET_MISSING,
                    format!(
                        "guidelines/{}/{slug}/{name} does not exist",
                        guideline.group
                    ),
                )
                .at(source, span)
                .with_help(format!(
                    "put the file in guidelines/{}/{slug}/, or correct the name",
                    guideline.group
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
                    format!(
                        "`{name}` is {:.1} MB: slow to load on a phone",
                        file.bytes.len() as f64 / (1024.0 * 1024.0)
                    ),
                )
                .at(source, span)
                .with_help(
                    "make it smaller than 1 MB: SVG for drawings, a smaller PNG or JPEG for photos",
                ),
            );
        }
        used.insert(name);
    }
    for image in &guideline.body.images {
        if image.alt.trim().is_empty() {
            findings.push(
                Diagnostic::error(codes::IMAGE_MISSING_ALT, "the image has no alt text")
                    .at(source, image.span.clone())
                    .with_help("say what the image shows between the brackets: ![Flowchart over udredningen](…) — readers who cannot see it depend on it (WCAG 1.1.1)"),
            );
        }
    }
    for file in files.iter().filter(|f| !used.contains(f.name.as_str())) {
        findings.push(
            Diagnostic::warning(
                codes::ASSET_UNUSED,
                format!(
                    "`{}` is not used by {}: it is not published",
                    file.name,
                    guideline.link_key()
                ),
            )
            .in_file(file.display_path.clone())
            .with_help(format!(
                "show it with ![…]({slug}/{}) or link to it, or delete it",
                file.name
            )),
        );
    }
}
