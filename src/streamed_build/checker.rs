//! The second pass's check of a streamed build: each guideline's first-pass check settled
//! against the others' summaries, or the guideline parsed again and checked whole.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use rayon::prelude::*;

use super::{early, lock};
use crate::diagnostics::{Diagnostic, FindingRecord};
use crate::history::CurrentText;
use crate::model::Guideline;
use crate::render::{Archive, HistoryPages, OwnFiles, RenderError};
use crate::site::{Candidate, Site, load_one};
use crate::source::{SourceFile, display_path};
use crate::summary::GuidelineSummary;
use crate::validate::{CrossIndex, OtherLink, badges, settles, validate_against};

/// A guideline the first pass checked, its check settled: whether it found nothing, the
/// pages the first pass rendered of it, and its links to other guidelines.
pub(super) struct Settled {
    pub(super) clean: bool,
    pub(super) rendered: Option<OwnFiles>,
    pub(super) links: Vec<OtherLink>,
}

/// The second pass's check: each guideline's first-pass check settled against the others'
/// summaries, or the guideline parsed again and checked against them; its findings kept by
/// its place in the site.
pub(super) struct Checker<'a> {
    site: &'a Site,
    index: CrossIndex<'a>,
    candidates: &'a [Candidate],
    /// Their summaries, from the first pass.
    summaries: &'a [GuidelineSummary],
    today: Date,
    /// With it, the badges are checked against the previous versions, the pages show the
    /// earlier ones, and the keys take what they read of it.
    history: Option<&'a HistoryPages>,
    /// With history, each guideline's `SiteHistory::stamp`, by place: what it and its pages
    /// read of the history, made once for its key and the site-wide one.
    stamps: Vec<blake3::Hash>,
    /// By place: what the first pass checked and rendered of it, until it is settled.
    early: Vec<Mutex<Option<early::Early>>>,
    /// What each guideline's check found, by its place.
    checked: Mutex<HashMap<usize, Vec<Diagnostic>>>,
}

impl<'a> Checker<'a> {
    /// The check of the `candidates` of `site`, with their `summaries` from the first pass
    /// and what it checked and rendered of each it parsed (`early`, by name).
    pub(super) fn new(
        site: &'a Site,
        candidates: &'a [Candidate],
        summaries: &'a [GuidelineSummary],
        (today, history): (Date, Option<&'a HistoryPages>),
        early: HashMap<String, early::Early>,
    ) -> Self {
        let stamps = history.map_or_else(Vec::new, |history| {
            let stamp = |summary| history.history().stamp(&CurrentText::of_summary(summary));
            summaries.par_iter().map(stamp).collect()
        });
        Self {
            site,
            stamps,
            index: CrossIndex::new(&site.config, summaries),
            candidates,
            summaries,
            today,
            history,
            early: early::by_place(candidates, early),
            checked: Mutex::new(HashMap::new()),
        }
    }

    /// The model of the `i`th guideline of the site, checked, and whether its check found
    /// nothing.
    pub(super) fn check(&self, i: usize) -> Result<(Guideline, bool), RenderError> {
        let guideline = self.parse(i)?;
        let clean = self.check_whole(i, &guideline);
        Ok((guideline, clean))
    }

    /// The `i`th guideline's first-pass check settled (or, when its links or aliases find
    /// something, the guideline parsed again and checked whole). `None`: the first pass did
    /// not parse it.
    pub(super) fn settle(&self, i: usize) -> Result<Option<Settled>, RenderError> {
        let Some(early) = self.early.get(i).and_then(|early| lock(early).take()) else {
            return Ok(None);
        };
        let summary = &self.summaries[i];
        let clean = if settles(
            &self.index,
            &summary.link_key(),
            summary.status(),
            &early.links,
        ) {
            let clean = early.findings.is_empty();
            lock(&self.checked).insert(i, early.findings);
            clean
        } else {
            self.check_whole(i, &self.parse(i)?)
        };
        Ok(Some(Settled {
            clean,
            rendered: early.rendered,
            links: early.links,
        }))
    }

    /// A hash of what the check of the `i`th guideline, with `links` to others, reads of
    /// the other guidelines ([`crate::validate::cross_reads`]) and, with history, what it
    /// and its pages read of that ([`SiteHistory::stamp`]).
    pub(super) fn cross_reads(&self, i: usize, links: &[OtherLink]) -> blake3::Hash {
        let link_key = self.summaries[i].link_key();
        let reads = crate::validate::cross_reads(&self.index, &link_key, links);
        match self.stamps.get(i) {
            Some(stamp) => {
                let mut hasher = blake3::Hasher::new();
                hasher.update(reads.as_bytes());
                hasher.update(stamp.as_bytes());
                hasher.finalize()
            }
            None => reads,
        }
    }

    /// `summaries` (their hash, `reuse::summaries_hash`) with, under history, what the pages
    /// about the whole site read of it: the stamps of the `published` guidelines.
    pub(super) fn with_stamps(&self, summaries: blake3::Hash, published: &[usize]) -> blake3::Hash {
        if self.stamps.is_empty() {
            return summaries;
        }
        let mut hasher = blake3::Hasher::new();
        hasher.update(summaries.as_bytes());
        for &i in published {
            hasher.update(self.stamps[i].as_bytes());
        }
        hasher.finalize()
    }

    /// `guideline`'s earlier versions, for its pages (none without history).
    pub(super) fn archive(&self, guideline: &Guideline) -> Archive {
        self.history.map_or_else(Archive::default, |history| {
            history.archive_of(self.site, guideline)
        })
    }

    /// Checks the `i`th guideline, which is not published: its first-pass check settled,
    /// or it is parsed and checked. One that no longer parses keeps what the first pass
    /// found.
    pub(super) fn check_unpublished(&self, i: usize) {
        if !matches!(self.settle(i), Ok(Some(_))) {
            let _ = self.check(i);
        }
    }

    /// The `i`th guideline of the site, parsed again.
    pub(super) fn parse(&self, i: usize) -> Result<Guideline, RenderError> {
        let candidate = &self.candidates[i];
        let (guideline, _) = load_one(&self.site.root, candidate);
        guideline.ok_or_else(|| {
            RenderError::changed_while_building(&candidate.path.display().to_string())
        })
    }

    /// Checks `guideline`, the `i`th, against the summaries; whether it found nothing.
    pub(super) fn check_whole(&self, i: usize, guideline: &Guideline) -> bool {
        let mut found = validate_against(self.site, &self.index, guideline, self.today);
        if let Some(history) = self.history {
            found.extend(badges::check_one(guideline, history.history()));
        }
        let clean = found.is_empty();
        lock(&self.checked).insert(i, found);
        clean
    }

    /// What the check of the `i`th guideline found, as its page record entry keeps it;
    /// `None` when a finding cannot be kept (or it is not checked).
    pub(super) fn records(&self, i: usize) -> Option<Vec<FindingRecord>> {
        let file = display_path(&self.site.root, &self.candidates.get(i)?.path);
        let checked = lock(&self.checked);
        let found = checked.get(&i)?;
        found.iter().map(|f| FindingRecord::of(f, &file)).collect()
    }

    /// The `i`th guideline's findings said again from its last build's `kept` records,
    /// without parsing or checking it (its key is as when they were found): its text is
    /// read to show them, and must be the one its key holds. Whether they were.
    pub(super) fn restore(&self, i: usize, kept: &[FindingRecord]) -> bool {
        let found = if kept.is_empty() {
            Some(Vec::new())
        } else {
            self.source(i).and_then(|source| {
                let restored = kept.iter().map(|record| record.restore(&source));
                restored.collect::<Option<Vec<Diagnostic>>>()
            })
        };
        let Some(found) = found else {
            return false;
        };
        lock(&self.checked).insert(i, found);
        true
    }

    /// The `i`th guideline's text as read now, if it is still the one the first pass hashed.
    fn source(&self, i: usize) -> Option<Arc<SourceFile>> {
        let candidate = self.candidates.get(i)?;
        let shown = display_path(&self.site.root, &candidate.path);
        let source = SourceFile::read(&candidate.path, shown).ok()?;
        let same = blake3::hash(source.text.as_bytes()).as_bytes() == self.text_hash(i)?;
        same.then(|| Arc::new(source))
    }

    /// The `i`th guideline's `group/slug`.
    pub(super) fn name(&self, i: usize) -> String {
        let candidate = &self.candidates[i];
        format!("{}/{}", candidate.group, candidate.slug)
    }

    /// The hash of the `i`th guideline's text as the first pass read it (the input key's,
    /// for a guideline from the build cache): what its pages are keyed by, without reading
    /// the text again.
    pub(super) fn text_hash(&self, i: usize) -> Option<&[u8; 32]> {
        self.summaries.get(i).map(|summary| &summary.text_hash)
    }

    /// The findings of every check so far: sorted by the guideline's place in the site, they
    /// are in the order `check` makes them.
    pub(super) fn findings(&self) -> impl Iterator<Item = Diagnostic> {
        let mut per_guideline: Vec<_> = std::mem::take(&mut *lock(&self.checked))
            .into_iter()
            .collect();
        per_guideline.sort_by_key(|(i, _)| *i);
        per_guideline.into_iter().flat_map(|(_, found)| found)
    }
}
