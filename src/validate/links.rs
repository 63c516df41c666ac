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
        if let Some((path, anchor)) = cross_link(destination) {
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

/// A `@/…` link's path and anchor: `@/dlg/dlbcl.md#x` is `("dlg/dlbcl.md", Some("x"))`,
/// `@/#x` (this guideline) `("", Some("x"))`.
fn cross_link(destination: &str) -> Option<(&str, Option<&str>)> {
    let internal = destination.strip_prefix("@/")?;
    Some(match internal.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (internal, None),
    })
}

/// A link to another guideline, as [`check`] reads it: its path and anchor.
#[derive(Debug, Clone)]
pub(crate) struct OtherLink {
    path: String,
    anchor: Option<String>,
}

impl OtherLink {
    /// The link as a page record keeps it: `path` or `path#anchor` (a path has no `#`).
    pub(crate) fn to_record(&self) -> String {
        match &self.anchor {
            Some(anchor) => format!("{}#{anchor}", self.path),
            None => self.path.clone(),
        }
    }

    /// The link a page record kept as `record` ([`Self::to_record`]).
    pub(crate) fn from_record(record: &str) -> Self {
        let (path, anchor) = match record.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor.to_owned())),
            None => (record, None),
        };
        Self {
            path: path.to_owned(),
            anchor,
        }
    }
}

/// What [`check`] reads of the guideline `link` names, for a hash: the link, and whether
/// that guideline is there, its status, and whether it has the anchor.
pub(super) fn answer(lookup: &Lookup, link: &OtherLink) -> String {
    let anchor = link.anchor.as_deref().filter(|anchor| !anchor.is_empty());
    let target = lookup(&link.path).map(|t| (t.status(), anchor.map(|a| t.has_anchor(a))));
    format!("link {:?} {:?} {target:?}\n", link.path, link.anchor)
}

/// `guideline`'s links to other guidelines (a link to itself is not one).
pub(super) fn other_links(guideline: &Guideline) -> Vec<OtherLink> {
    let links = guideline.body.links.iter();
    let links = links.filter_map(|link| cross_link(&link.destination));
    links
        .filter(|(path, _)| !path.is_empty())
        .map(|(path, anchor)| OtherLink {
            path: path.to_owned(),
            anchor: anchor.map(str::to_owned),
        })
        .collect()
}

/// Whether [`check`] finds nothing about `link` of a guideline of `status` when `lookup`
/// resolves it: the guideline it names exists, has its anchor and, for an approved one, is
/// not a draft. (A link to a file that did not load finds nothing too, but is answered
/// `false`: the full check says so.)
pub(super) fn quiet(lookup: &Lookup, link: &OtherLink, status: Status) -> bool {
    let Some(target) = lookup(&link.path) else {
        return false;
    };
    let anchor_there = match link.anchor.as_deref() {
        Some(anchor) if !anchor.is_empty() => target.has_anchor(anchor),
        _ => true,
    };
    anchor_there && !(target.status() == Status::Draft && status == Status::Approved)
}

/// A guideline every link finds, with every anchor, approved: [`check`] with it as every
/// link's target finds nothing about the links to other guidelines, and the rest as usual.
pub(super) struct AnyTarget;

impl LinkTarget for AnyTarget {
    fn link_key(&self) -> String {
        String::new()
    }
    fn status(&self) -> Status {
        Status::Approved
    }
    fn has_anchor(&self, _: &str) -> bool {
        true
    }
}

/// A `@/group/slug.md` target that is a file under `guidelines/` but is not a loaded
/// guideline (its front matter is broken, or it cannot be read).
fn exists_but_unloaded(root: &Path, path: &str) -> bool {
    path.ends_with(".md")
        && !path.split('/').any(|part| part == "..")
        && root.join(GUIDELINES_DIR).join(path).is_file()
}
