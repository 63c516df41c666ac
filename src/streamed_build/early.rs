//! The first pass's work on each guideline it parses beyond its summary and search units:
//! every check that needs no other guideline, and its pages, rendered and written then. A
//! guideline's pages read no other guideline (`render::OwnPages`), and its check reads the
//! others only through its links to them and its aliases, which the second pass settles
//! from the summaries (`validate::settles`); so a guideline parsed here is not parsed again,
//! unless one of those finds something, when it is checked whole as before.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::diagnostics::Diagnostic;
use crate::model::{Guideline, Status};
use crate::output::Staging;
use crate::render::{Archive, HistoryPages, OwnFiles, OwnPages, RenderError, RenderOptions, Theme};
use crate::site::{Candidate, Site};
use crate::summary::GuidelineSummary;
use crate::validate::{OtherLink, badges, validate_alone};
use search_index::static_index;

use super::lock;

/// What the first pass needs to render: the theme, the settings, the staging folder the
/// new site is written into, and the history (its pages show the earlier versions, its
/// check compares the badges with the previous one).
pub(crate) struct FirstRender<'a> {
    pub(crate) theme: &'a Theme,
    pub(crate) options: RenderOptions,
    pub(crate) staging: &'a Staging,
    pub(crate) history: Option<&'a Arc<HistoryPages>>,
}

/// What the first pass made of one guideline it parsed.
pub(super) struct Early {
    /// What its check found that needs no other guideline.
    pub(super) findings: Vec<Diagnostic>,
    /// Its links to other guidelines, for the second pass to settle.
    pub(super) links: Vec<OtherLink>,
    /// Its pages (written) and site-wide files, when it is published and they rendered;
    /// else the second pass renders it (and says what went wrong).
    pub(super) rendered: Option<OwnFiles>,
}

/// The first pass's checks and render, and what they made of each guideline, by
/// `group/slug`.
pub(super) struct EarlyPass<'a> {
    site: &'a Site,
    history: Option<&'a Arc<HistoryPages>>,
    pages: OwnPages<'a>,
    staging: &'a Staging,
    options: RenderOptions,
    made: Mutex<HashMap<String, Early>>,
}

impl<'a> EarlyPass<'a> {
    /// `None` when the pages' shared context cannot be made: the second pass then does all,
    /// and reports why.
    pub(super) fn new(site: &'a Site, first: &FirstRender<'a>) -> Option<Self> {
        let pages = OwnPages::new(site, first.theme, first.options, static_index::META).ok()?;
        Some(Self {
            site,
            history: first.history,
            pages,
            staging: first.staging,
            options: first.options,
            made: Mutex::new(HashMap::new()),
        })
    }

    /// Checks `guideline` (whose summary is `summary`) as far as it alone can be, and
    /// renders and writes its pages when it is published.
    pub(super) fn take(&self, guideline: &Guideline, summary: &GuidelineSummary) {
        let (mut findings, links) = validate_alone(self.site, guideline, self.options.today);
        if let Some(history) = self.history {
            findings.extend(badges::check_one(guideline, history.history()));
        }
        let published = self.options.drafts || guideline.status() == Status::Approved;
        let rendered = published
            .then(|| self.render(guideline, summary))
            .and_then(Result::ok);
        let early = Early {
            findings,
            links,
            rendered,
        };
        let name = format!("{}/{}", guideline.group, guideline.slug);
        lock(&self.made).insert(name, early);
    }

    fn render(
        &self,
        guideline: &Guideline,
        summary: &GuidelineSummary,
    ) -> Result<OwnFiles, RenderError> {
        let written = |path: &str, err| RenderError::not_written(path, &err);
        let archive = self.history.map_or_else(Archive::default, |history| {
            history.archive_of(self.site, guideline)
        });
        self.pages.render(
            guideline,
            summary,
            &archive,
            |path, html| self.staging.put(path, html).map_err(|e| written(path, e)),
            // Outside the tree, which a later write of the tree leaves as they are.
            |path, bytes| {
                self.staging
                    .put_kept(path, bytes)
                    .map_err(|e| written(path, e))
            },
        )
    }

    /// What it made of each guideline, by `group/slug`.
    pub(super) fn into_made(self) -> HashMap<String, Early> {
        self.made
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What the first pass made of each of `candidates` (`None` for one it did not parse), in
/// their order, each to be taken once.
pub(super) fn by_place(
    candidates: &[Candidate],
    mut made: HashMap<String, Early>,
) -> Vec<Mutex<Option<Early>>> {
    let name = |c: &Candidate| format!("{}/{}", c.group, c.slug);
    candidates
        .iter()
        .map(|c| Mutex::new(made.remove(&name(c))))
        .collect()
}
