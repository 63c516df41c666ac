//! From a guideline file's text to the typed model, plus the findings met on the way.

mod anchors;
mod body;
mod containers;
mod front_matter;
mod html_table;
mod recommendation_attributes;
mod recommendation_header;

pub use body::markdown_options;
pub(crate) use html_table::citations as table_citations;

use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::model::Guideline;
use crate::source::SourceFile;

/// What parsing one file gives: the guideline when its front matter is readable, and every
/// finding. The body is walked even when the front matter is broken, so an author sees all
/// problems in one run.
pub struct Parsed {
    /// `None` when the front matter cannot be read.
    pub guideline: Option<Guideline>,
    pub(crate) findings: Vec<Diagnostic>,
}

/// Parses one guideline file of DMCG group `group` (its folder) named `slug` (its file stem).
pub fn parse_guideline(source: Arc<SourceFile>, group: &str, slug: &str) -> Parsed {
    let mut findings = Vec::new();
    let split = match front_matter::split(&source) {
        Ok(split) => split,
        Err(finding) => {
            return Parsed {
                guideline: None,
                findings: vec![*finding],
            };
        }
    };
    findings.extend(front_matter::control_characters(&source, &split));
    let meta = front_matter::parse(&source, &split)
        .map_err(|finding| findings.push(*finding))
        .ok();
    let grading = meta.as_ref().map(|m| *m.grading.get_ref());
    let prepass = containers::prepass(&source, split.body.clone(), &mut findings);
    let body = body::walk(
        &source,
        &prepass.text,
        prepass.containers,
        grading,
        &mut findings,
    );
    let guideline = meta.map(|meta| Guideline {
        source: Arc::clone(&source),
        group: group.to_owned(),
        slug: slug.to_owned(),
        meta,
        front_matter_offset: split.front_matter.start,
        body,
    });
    Parsed {
        guideline,
        findings,
    }
}
