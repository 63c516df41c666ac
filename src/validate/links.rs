//! Links: `@/group/slug.md#anchor` cross-links resolve to a guideline and an anchor on its
//! page; `http://` links are flagged.

use std::path::Path;

use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::{Guideline, Status};
use crate::site::GUIDELINES_DIR;
use crate::summary::GuidelineSummary;

/// What a cross-link check reads of the guideline a link names: a model (the preview) or a
/// summary (a build, check).
pub(crate) trait LinkTarget {
    fn link_key(&self) -> String;
    fn status(&self) -> Status;
    fn has_anchor(&self, anchor: &str) -> bool;
}

impl LinkTarget for Guideline {
    fn link_key(&self) -> String {
        Guideline::link_key(self)
    }
    fn status(&self) -> Status {
        Guideline::status(self)
    }
    fn has_anchor(&self, anchor: &str) -> bool {
        Guideline::has_anchor(self, anchor)
    }
}

impl LinkTarget for GuidelineSummary {
    fn link_key(&self) -> String {
        GuidelineSummary::link_key(self)
    }
    fn status(&self) -> Status {
        GuidelineSummary::status(self)
    }
    fn has_anchor(&self, anchor: &str) -> bool {
        GuidelineSummary::has_anchor(self, anchor)
    }
}

/// The guideline a `@/group/slug.md` link key names.
pub(super) type Lookup<'a> = dyn Fn(&str) -> Option<&'a dyn LinkTarget> + 'a;

/// `root` is the site's: a link to a file that did not load is not reported again.
pub(super) fn check(
    root: &Path,
    lookup: &Lookup,
    guideline: &Guideline,
    findings: &mut Vec<Diagnostic>,
) {
    let source = &guideline.source;
    for link in &guideline.body.links {
        let destination = link.destination.as_str();
        if let Some(internal) = destination.strip_prefix("@/") {
            let (path, anchor) = match internal.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (internal, None),
            };
            // `@/#anbefaling-3` or `@/dlg/dlbcl.md` — a path of its own or this guideline.
            let target: Option<&dyn LinkTarget> = if path.is_empty() {
                Some(guideline)
            } else {
                lookup(path)
            };
            match (target, anchor) {
                // The file is there but did not load: its own findings say why, and a second
                // finding here ("does not exist") would send the author looking in vain.
                (None, _) if exists_but_unloaded(root, path) => {}
                (None, _) => findings.push(
                    Diagnostic::error(codes::LINK_BROKEN, message!("link-broken", path = path))
                        .at(source, link.span.clone())
                        .with_help(message!("link-broken-help")),
                ),
                (Some(target), Some(anchor))
                    if !anchor.is_empty() && !target.has_anchor(anchor) =>
                {
                    findings.push(
                        Diagnostic::error(
                            codes::LINK_BROKEN_ANCHOR,
                            message!(
                                "link-broken-anchor",
                                target = target.link_key(),
                                anchor = anchor
                            ),
                        )
                        .at(source, link.span.clone())
                        .with_help(message!("link-broken-anchor-help")),
                    )
                }
                (Some(target), _)
                    if target.status() == Status::Draft
                        && guideline.status() == Status::Approved =>
                {
                    findings.push(
                        Diagnostic::warning(
                            codes::LINK_TO_DRAFT,
                            message!("link-to-draft", target = target.link_key()),
                        )
                        .at(source, link.span.clone())
                        .with_help(message!("link-to-draft-help")),
                    );
                }
                _ => {}
            }
        } else if destination.starts_with("http://") {
            findings.push(
                Diagnostic::warning(
                    codes::LINK_INSECURE,
                    message!("link-insecure", url = destination),
                )
                .at(source, link.span.clone())
                .with_help(message!("link-insecure-help")),
            );
        }
    }
}

/// A `@/group/slug.md` target that is a file under `guidelines/` but is not a loaded
/// guideline (its front matter is broken, or it cannot be read).
fn exists_but_unloaded(root: &Path, path: &str) -> bool {
    path.ends_with(".md")
        && !path.split('/').any(|part| part == "..")
        && root.join(GUIDELINES_DIR).join(path).is_file()
}
