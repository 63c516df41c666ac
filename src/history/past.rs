//! The versions before the current one, parsed like any guideline, with the dates each was
//! in force: from its publication to the next version's.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock, PoisonError};

use jiff::civil::Date;

use super::facts::VersionFacts;
use super::{SiteHistory, UnreadableVersion, VersionRecord, compare_versions};
use crate::changes::Changes;
use crate::model::{Guideline, Status};
use crate::parse::parse_guideline;
use crate::source::SourceFile;
use crate::summary::GuidelineSummary;

/// An earlier approved version of a guideline. What the site shows of it besides its own
/// page comes from its facts (`VersionFacts`), kept between builds; its text is parsed only when
/// something needs it (`SiteHistory::parsed_or_unreadable`): a build whose archived pages are cached
/// parses none.
#[derive(Debug)]
pub struct PastVersion {
    pub(crate) record: VersionRecord,
    pub(crate) facts: VersionFacts,
    /// The day it came into force.
    pub(crate) from: Date,
    /// The day the next version came into force; `None` while it is still the one in force
    /// (the current text is a draft).
    pub(crate) until: Option<Date>,
    /// The version that replaced it.
    pub(crate) replaced_by: String,
    /// The current guideline's group and slug: the text is parsed as them, so its links
    /// and anchors are the page's own.
    group: String,
    slug: String,
    parsed: OnceLock<Guideline>,
}

/// A guideline's earlier versions, and the stored texts that could not be read or parsed.
#[derive(Debug, Default)]
pub(crate) struct PastVersions {
    /// Oldest first.
    pub(crate) versions: Vec<PastVersion>,
    /// Why each unreadable text was left out.
    pub(crate) problems: Vec<UnreadableVersion>,
}

/// What a guideline's earlier versions read of its current text: its place, its version,
/// status and aliases, and the day it came into force (when the last of them ended). A
/// streamed build has it from the summary, without the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CurrentText {
    pub(crate) group: String,
    pub(crate) slug: String,
    /// Trimmed.
    pub(crate) version: String,
    pub(crate) status: Status,
    /// As written.
    pub(crate) aliases: Vec<String>,
    pub(crate) in_force: Option<Date>,
}

impl CurrentText {
    pub(crate) fn of(guideline: &Guideline) -> Self {
        Self {
            group: guideline.group.clone(),
            slug: guideline.slug.clone(),
            version: guideline.meta.version.get_ref().trim().to_owned(),
            status: guideline.status(),
            aliases: guideline
                .meta
                .aliases
                .iter()
                .map(|a| a.get_ref().clone())
                .collect(),
            in_force: in_force_from(guideline),
        }
    }

    pub(crate) fn of_summary(summary: &GuidelineSummary) -> Self {
        Self {
            group: summary.group.clone(),
            slug: summary.slug.clone(),
            version: summary.version.trim().to_owned(),
            status: summary.status(),
            aliases: summary.aliases.iter().map(|a| a.value.clone()).collect(),
            // As `in_force_from` reads the model.
            in_force: summary
                .published
                .or(summary.administrative_approval)
                .or(summary.professional_approval),
        }
    }

    /// `dlg/dlbcl.md`.
    pub(crate) fn link_key(&self) -> String {
        format!("{}/{}.md", self.group, self.slug)
    }
}

/// The day a version came into force: its publication, else its administrative approval,
/// else its professional approval.
pub(crate) fn in_force_from(guideline: &Guideline) -> Option<Date> {
    guideline
        .published()
        .or_else(|| {
            guideline
                .administrative_approval()
                .map(|a| a.date.get_ref().0)
        })
        .or_else(|| {
            guideline
                .professional_approval()
                .map(|a| a.date.get_ref().0)
        })
}

impl SiteHistory {
    /// The approved versions of `current` before its own, oldest first. A stored text that
    /// can no longer be read or parsed is left out, with the reason in `problems`.
    ///
    /// Made once per guideline and kept: a build asks twice (the badge checks, then the
    /// archive pages), and `serve` on every rebuild.
    pub(crate) fn past_versions(&self, current: &Guideline) -> Arc<PastVersions> {
        self.past_versions_of(&CurrentText::of(current))
    }

    /// [`past_versions`](Self::past_versions) from what they read of the current text.
    pub(crate) fn past_versions_of(&self, current: &CurrentText) -> Arc<PastVersions> {
        // Everything the result depends on besides the history itself.
        let key = format!("{current:?}");
        let slot = Arc::clone(
            self.past
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key)
                .or_insert_with(|| Arc::new(OnceLock::new())),
        );
        // Made outside the lock, so other guidelines' versions parse on other cores.
        Arc::clone(slot.get_or_init(|| Arc::new(self.make_past_versions(current))))
    }

    /// How many stored texts this history has parsed as guidelines so far.
    pub fn texts_parsed(&self) -> usize {
        self.parsed.load(Ordering::Relaxed)
    }

    /// `version`'s text as a guideline, parsed the first time it is asked for, or why it
    /// cannot be.
    pub(crate) fn parsed_or_unreadable<'v>(
        &self,
        version: &'v PastVersion,
    ) -> Result<&'v Guideline, UnreadableVersion> {
        if let Some(parsed) = version.parsed.get() {
            return Ok(parsed);
        }
        let parsed = self.parse(&version.group, &version.slug, &version.record)?;
        Ok(version.parsed.get_or_init(|| parsed))
    }

    /// What changed from `current`'s previous approved version (the last of
    /// [`past_versions`](Self::past_versions)) to its text; `None` when it has none, `Err`
    /// when that version's text can no longer be read. Kept between builds, keyed by both
    /// texts.
    pub(crate) fn changes_since_previous(
        &self,
        current: &Guideline,
    ) -> Option<Result<Arc<Changes>, UnreadableVersion>> {
        let past = self.past_versions(current);
        let previous = past.versions.last()?;
        Some(self.facts.changes(&previous.record, current, || {
            Ok(Changes::between(
                self.parsed_or_unreadable(previous)?,
                current,
            ))
        }))
    }

    /// The records of `current`'s earlier versions: those older than its own and, while it
    /// is not approved, any other (what replaced them is not in force yet).
    pub(crate) fn earlier_records(&self, current: &CurrentText) -> Vec<VersionRecord> {
        let approved = current.status == Status::Approved;
        let mut records = self.records_of(current);
        records.retain(|record| {
            let older = compare_versions(&record.version, &current.version).is_lt();
            older || (!approved && record.version != current.version)
        });
        records
    }

    fn make_past_versions(&self, current: &CurrentText) -> PastVersions {
        let current_version = current.version.as_str();
        let approved = current.status == Status::Approved;
        let mut problems = Vec::new();
        let mut versions = Vec::new();
        for record in self.earlier_records(current) {
            // Parsed only when its facts are not kept; then kept parsed for this build.
            let parsed = OnceLock::new();
            let facts = self.facts.facts(&record, || {
                let guideline = self.parse(&current.group, &current.slug, &record)?;
                let facts = VersionFacts::of(&guideline, &record);
                let _ = parsed.set(guideline);
                Ok::<_, UnreadableVersion>(facts)
            });
            match facts {
                Ok(facts) => versions.push(PastVersion {
                    from: start_of(&facts, &record),
                    record,
                    facts,
                    until: None,
                    replaced_by: String::new(),
                    group: current.group.clone(),
                    slug: current.slug.clone(),
                    parsed,
                }),
                Err(problem) => problems.push(problem),
            }
        }
        // Each is replaced by the next; the last by the current text, once that is approved.
        let next: Vec<(Option<Date>, String)> = versions
            .iter()
            .skip(1)
            .map(|v| (Some(v.from), v.record.version.clone()))
            .chain(approved.then(|| (current.in_force, current_version.to_owned())))
            .collect();
        for (version, (until, replaced_by)) in versions.iter_mut().zip(next) {
            version.until = until;
            version.replaced_by = replaced_by;
        }
        PastVersions { versions, problems }
    }

    fn parse(
        &self,
        group: &str,
        slug: &str,
        record: &VersionRecord,
    ) -> Result<Guideline, UnreadableVersion> {
        let shown = format!("{}@{}", record.path, short(&record.commit.to_string()));
        let text = match self.text(record) {
            Ok(text) => text,
            Err(err) => return Err(UnreadableVersion::read(shown, err)),
        };
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let source = SourceFile::new(PathBuf::from(&record.path), shown.clone(), text);
        parse_guideline(Arc::new(source), group, slug)
            .guideline
            .ok_or_else(|| UnreadableVersion::front_matter(shown))
    }
}

/// A version's first day in force, or the day of the commit that approved it when its
/// front matter has no date.
fn start_of(facts: &VersionFacts, record: &VersionRecord) -> Date {
    facts
        .in_force_from
        .or_else(|| record.approved_time.date())
        .unwrap_or(Date::ZERO)
}

/// The first seven characters of a commit id, as git shows them.
pub(crate) fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}
