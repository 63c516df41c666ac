//! Links: `@/group/slug.md#anchor` cross-links resolve to a guideline and an anchor on its
//! page; `http://` links are flagged.

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Guideline, Status};
use crate::site::{GUIDELINES_DIR, Site};

pub fn check(site: &Site, guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    for link in &guideline.body.links {
        let destination = link.destination.as_str();
        if let Some(internal) = destination.strip_prefix("@/") {
            let (path, anchor) = match internal.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (internal, None),
            };
            // `@/#anbefaling-3` or `@/dlg/dlbcl.md` — a path of its own or this guideline.
            let target = if path.is_empty() {
                Some(guideline)
            } else {
                site.by_link_key(path)
            };
            match (target, anchor) {
                // The file is there but did not load: its own findings say why, and a second
                // finding here ("does not exist") would send the author looking in vain.
                (None, _) if exists_but_unloaded(site, path) => {}
                (None, _) => findings.push(
                    Diagnostic::error(codes::LINK_BROKEN, format!("the guideline `{path}` does not exist"))
                        .at(source, link.span.clone())
                        .with_help("link to another guideline as @/<group>/<slug>.md, e.g. @/dlg/dlbcl.md#anbefaling-3"),
                ),
                (Some(target), Some(anchor)) if !anchor.is_empty() && !target.has_anchor(anchor) => findings.push(
                    Diagnostic::error(
                        codes::LINK_BROKEN_ANCHOR,
                        format!("`{}` has no `#{anchor}`", target.link_key()),
                    )
                    .at(source, link.span.clone())
                    .with_help("link to an id the page has: #anbefaling-N, or a section, topic, evidence sub-section or heading (docs/format.md, \"Headings and links\")"),
                ),
                (Some(target), _)
                    if target.status() == Status::Draft && guideline.status() == Status::Approved =>
                {
                    findings.push(
                        Diagnostic::warning(
                            codes::LINK_TO_DRAFT,
                            format!(
                                "`{}` is a draft: the published site leaves it out, so this link leads nowhere",
                                target.link_key()
                            ),
                        )
                        .at(source, link.span.clone())
                        .with_help("remove the link until the linked guideline is approved"),
                    );
                }
                _ => {}
            }
        } else if destination.starts_with("http://") {
            findings.push(
                Diagnostic::warning(
                    codes::LINK_INSECURE,
                    format!("`{destination}` uses http://"),
                )
                .at(source, link.span.clone())
                .with_help("use https:// where the site supports it"),
            );
        }
    }
}

/// A `@/group/slug.md` target that is a file under `guidelines/` but is not a loaded
/// guideline (its front matter is broken, or it cannot be read).
fn exists_but_unloaded(site: &Site, path: &str) -> bool {
    path.ends_with(".md")
        && !path.split('/').any(|part| part == "..")
        && site.root.join(GUIDELINES_DIR).join(path).is_file()
}
