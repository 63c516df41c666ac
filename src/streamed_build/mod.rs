//! `retning build` in bounded memory: the guidelines stream through it rather than all being
//! held at once. A first pass parses each guideline, keeps its summary and its search units,
//! checks it as far as it alone can be, renders its pages (written as they are made) and
//! drops its model ([`early`]); the search index is made from the units; a second pass
//! settles each check against the summaries (its links to other guidelines, its aliases).
//! A guideline the first pass took from the build cache, or whose links or aliases find
//! something, is parsed again there, checked whole, and rendered unless its last pages can
//! be reused. The pages that list guidelines are made from the summaries. Peak memory is
//! then set by a few guidelines per core, the summaries and the indexes, not by the sum of
//! the models (docs/performance.md, "Memory").
//!
//! With history, each guideline's pages show its earlier versions and its check compares
//! its badges with the previous one: both read its own model and the history, so they are
//! made where its pages and check are; the pages about the whole site read which versions
//! each guideline has, from its summary (`Archive::listed`).

mod checker;
mod early;
mod reuse;

use checker::{Checker, Settled};

pub(crate) use early::FirstRender;
pub(crate) use reuse::PageReuse;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use rayon::prelude::*;

use crate::build_cache::{Entries, Reparse, SurveyCache, Surveyed, UnreadTexts};
use crate::config::SiteConfig;
use crate::diagnostics::{self, Diagnostic};
use crate::model::{Guideline, Status};
use crate::output::{OutputFolder, Staging};
use crate::parse::parse_guideline;
use crate::publish::{PageWriter, Published, RenderPass, Stage, publish_units};
use crate::render::{
    Archive, HistoryPages, OutputTree, RenderError, RenderOptions, SearchFiles, Theme,
    render_site_from_summaries,
};
use crate::search::{self, KeptTerms, SearchLabels, SearchUnits};
use crate::site::{Candidate, Site, read_assets, read_guidelines_recalling};
use crate::source::{SourceFile, display_path};
use crate::summary::GuidelineSummary;
use search_index::{DocKey, IndexDoc, Synonyms};

/// The site after the first pass: each guideline's file and summary, the search units of
/// those to publish, and what reading and parsing found. No model is held.
pub(crate) struct Survey {
    /// The configuration, the root and the assets; its list of guidelines is empty.
    pub(crate) site: Site,
    /// In the site's order (group, then slug), as [`Site::load`] sorts them.
    guidelines: Vec<(Candidate, GuidelineSummary)>,
    /// The search units of the guidelines to publish, in the site's order.
    docs: Vec<IndexDoc>,
    /// Their analysis keys, when the build cache made them (`SurveyCache::unit_keys`).
    keys: Option<Vec<DocKey>>,
    /// The full texts of the units taken from the build cache, which hold only what the
    /// static index shows of them.
    unread: Option<UnreadTexts>,
    /// The synonyms the search index is made with.
    synonyms: Synonyms,
    /// The history the first pass rendered and checked with, for the second.
    history: Option<Arc<HistoryPages>>,
    /// What reading and parsing found, in the order `check` finds it.
    pub(crate) findings: Vec<Diagnostic>,
    /// What the first pass checked and rendered of the guidelines it parsed, by
    /// `group/slug` (none without a [`FirstRender`]).
    early: HashMap<String, early::Early>,
    drafts: bool,
    /// How many guidelines were parsed (the others' summaries and units came from the
    /// build cache): the tests read it to see what the cache saved.
    #[cfg_attr(not(test), allow(dead_code))]
    parsed: usize,
}

impl Survey {
    /// The first pass over the site at `root`, its configuration's `base_url` replaced by
    /// `base_url` when given; the search units are for an index with `synonyms`. Only an
    /// unusable configuration stops it, as [`Site::load`]. A guideline whose summary and
    /// units `cache` holds for its text is not parsed; one whose parse found nothing is
    /// kept there for the next build. With `first`, each guideline parsed is also checked
    /// as far as it alone can be and its pages rendered into `first`'s staging folder.
    pub(crate) fn of(
        root: &Path,
        base_url: Option<String>,
        drafts: bool,
        labels: &SearchLabels,
        synonyms: Synonyms,
        cache: Option<&SurveyCache>,
        first: Option<&FirstRender>,
    ) -> Result<Self, Box<Diagnostic>> {
        let mut config = SiteConfig::load(root)?;
        if let Some(base_url) = base_url {
            config.base_url = base_url;
        }
        let site_root = config.root_path();
        // First: the first pass renders with them.
        let mut asset_findings = Vec::new();
        let assets = read_assets(root, &mut asset_findings);
        let site = Site::new(root.to_path_buf(), config, Vec::new()).with_assets(assets);
        let early = first.and_then(|first| early::EarlyPass::new(&site, first));
        let parsed = AtomicUsize::new(0);
        let recall = |candidate: &Candidate| {
            let recalled = cache.and_then(|cache| cache.recall(candidate));
            if recalled.is_none() {
                parsed.fetch_add(1, Ordering::Relaxed);
            }
            recalled.map(|(summary, docs)| ((candidate.clone(), summary), docs))
        };
        // Each guideline's model is dropped in the job that parsed it.
        let keep = |candidate, g: Guideline, clean| {
            let docs = if drafts || g.status() == Status::Approved {
                search::units(&g, &site_root, labels)
            } else {
                Vec::new()
            };
            let summary = GuidelineSummary::of(&g);
            if let Some(early) = &early {
                early.take(&g, &summary);
            }
            if let Some(cache) = cache.filter(|_| clean) {
                cache.keep(&summary, &docs);
            }
            ((candidate, summary), docs)
        };
        let (mut kept, mut findings) = read_guidelines_recalling(root, &site.config, recall, keep);
        findings.extend(asset_findings);
        let early = early.map(early::EarlyPass::into_made).unwrap_or_default();
        if let Some(cache) = cache {
            cache.tidy();
        }
        let unread = cache.map(|cache| cache.unread_texts(reparser(root, &site_root, labels)));
        kept.sort_by(|((_, a), _), ((_, b), _)| (&a.group, &a.slug).cmp(&(&b.group, &b.slug)));
        let keys = cache.map(|cache| {
            kept.iter()
                .flat_map(|((_, summary), docs)| cache.unit_keys(summary, docs.len()))
                .collect()
        });
        let (guidelines, per_guideline): (Vec<_>, Vec<Vec<IndexDoc>>) = kept.into_iter().unzip();
        // Made at its size: grown as it fills, the units were copied over and over.
        let mut docs = Vec::with_capacity(per_guideline.iter().map(Vec::len).sum());
        for units in per_guideline {
            docs.extend(units);
        }
        Ok(Self {
            site,
            guidelines,
            docs,
            keys,
            unread,
            synonyms,
            history: first.and_then(|first| first.history.cloned()),
            findings,
            early,
            drafts,
            parsed: parsed.into_inner(),
        })
    }

    /// How many guidelines there are, and how many of them go on the site.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let published = self
            .guidelines
            .iter()
            .filter(|(_, s)| self.publishes(s))
            .count();
        (self.guidelines.len(), published)
    }

    fn publishes(&self, summary: &GuidelineSummary) -> bool {
        self.drafts || summary.status() == Status::Approved
    }
}

/// Parses a guideline again, as the first pass does, for the full texts of its units when
/// its build cache entry's are damaged (`UnreadTexts`): only from the text the entry was
/// made from.
fn reparser(root: &Path, site_root: &str, labels: &SearchLabels) -> Reparse {
    let (root, site_root, labels) = (root.to_path_buf(), site_root.to_owned(), labels.clone());
    Box::new(move |candidate: &Candidate, text_hash: &[u8; 32]| {
        let shown = display_path(&root, &candidate.path);
        let changed = || {
            let changed = RenderError::changed_while_building(&shown);
            std::io::Error::other(changed.to_string())
        };
        let text = std::fs::read(&candidate.path)?;
        if blake3::hash(&text).as_bytes() != text_hash {
            return Err(changed());
        }
        let text = String::from_utf8(text).map_err(|_| changed())?;
        let source = SourceFile::new(candidate.path.clone(), shown.clone(), text);
        let parsed = parse_guideline(Arc::new(source), &candidate.group, &candidate.slug);
        let guideline = parsed.guideline.ok_or_else(changed)?;
        let docs = search::units(&guideline, &site_root, &labels);
        let surveyed: Surveyed = (GuidelineSummary::of(&guideline), docs);
        Ok(surveyed)
    })
}

/// What a streamed build published (`None` when `proceed` refused), the site's findings,
/// and the files each published guideline's pages made, for the next build's reuse.
pub(crate) type StreamedOutcome = (Option<Published>, Vec<Diagnostic>, Entries);

/// The second pass and the writing: both search indexes from the survey's units, every
/// guideline checked against the summaries and its pages rendered and written (or, when
/// `reuse` vouches for them, the last build's linked), then, if `proceed` accepts every
/// finding of the site (sorted as `check` sorts them), the site and the index swapped in.
/// `staging` is the folder the first pass wrote its pages into, when it rendered
/// ([`FirstRender`]; begun for `out_folder` as [`streamed_output`] gives it).
#[allow(clippy::too_many_arguments)]
pub(crate) fn publish_streamed(
    survey: Survey,
    theme: &Theme,
    options: RenderOptions,
    out_folder: &OutputFolder,
    index_dir: &Path,
    staging: Option<Staging>,
    reuse: Option<&PageReuse>,
    terms: Option<&KeptTerms>,
    proceed: impl FnOnce(&[Diagnostic]) -> bool,
    step: impl Fn(Stage),
) -> anyhow::Result<StreamedOutcome> {
    let Survey {
        site,
        guidelines,
        docs,
        keys,
        unread,
        synonyms,
        history,
        findings: read_findings,
        early,
        drafts,
        parsed: _,
    } = survey;
    step(Stage::SearchIndex);
    let (candidates, summaries): (Vec<Candidate>, Vec<GuidelineSummary>) =
        guidelines.into_iter().unzip();
    let started = Instant::now();
    // The summaries' hash on a core the units' analysis leaves free now and then.
    let (units, summaries_hash) = rayon::join(
        || SearchUnits::from_docs(docs, keys, &group_pairs(&site), synonyms, terms, unread),
        || reuse.map(|_| reuse::summaries_hash(&summaries)),
    );
    let units = units?;
    let made = started.elapsed();
    let history = history.as_deref();
    let checker = Checker::new(
        &site,
        &candidates,
        &summaries,
        (options.today, history),
        early,
    );
    let (published, unpublished, listed) = published_and_listed(&summaries, drafts);
    let archive = history.map_or_else(Archive::default, |history| {
        Archive::listed(history.history(), &listed)
    });
    let summaries_hash = summaries_hash.map(|hash| checker.with_stamps(hash, &published));
    // The guidelines that do not go on the site are checked all the same.
    unpublished
        .par_iter()
        .for_each(|&i| checker.check_unpublished(i));
    let pass = Pass {
        site: &site,
        theme,
        options,
        listed: &listed,
        archive: &archive,
        checker: &checker,
        published: &published,
        reuse: reuse.zip(summaries_hash),
        entries: Mutex::new(Entries::new()),
        reused: AtomicBool::new(false),
        index_first: reuse.is_none_or(|reuse| reuse.previous.is_empty()),
    };
    let render = |search: &SearchFiles, writer: &PageWriter| pass.render(search, writer);
    let render: &RenderPass = &render;
    let mut findings = read_findings;
    let out_folder = streamed_output(out_folder, reuse);
    let published = publish_units(
        units,
        render,
        &out_folder,
        index_dir,
        staging,
        || {
            findings.extend(checker.findings());
            diagnostics::sort(&mut findings);
            proceed(&findings)
        },
        step,
    )?;
    // The earlier versions' kept pages: those this build did not use are gone, unless a
    // guideline's pages were reused (its kept ones were not read, and still hold).
    if let Some(history) = history
        && published.is_some()
        && !pass.reused.load(Ordering::Relaxed)
    {
        history.tidy();
    }
    let published = published.map(|mut published| {
        published.timings.search_units += made;
        published
    });
    let entries = pass.entries.into_inner();
    Ok((
        published,
        findings,
        entries.unwrap_or_else(PoisonError::into_inner),
    ))
}

/// `out_folder` as a streamed build writes it: entries to reuse are there only when the site
/// in place is as the last build left it.
pub(crate) fn streamed_output(
    out_folder: &OutputFolder,
    reuse: Option<&PageReuse>,
) -> OutputFolder {
    out_folder
        .clone()
        .left_by_last_build(reuse.is_some_and(|reuse| !reuse.previous.is_empty()))
}

/// The guidelines that go on the site (every one with `drafts`, else the approved), those
/// that do not, and the summaries the listing pages show: when every guideline is
/// published (as a site without drafts has it), the summaries as they are, rather than a
/// copy held beside them through the render (~6 MB at 1,000).
fn published_and_listed(
    summaries: &[GuidelineSummary],
    drafts: bool,
) -> (Vec<usize>, Vec<usize>, Cow<'_, [GuidelineSummary]>) {
    let (published, unpublished): (Vec<usize>, Vec<usize>) =
        (0..summaries.len()).partition(|&i| drafts || summaries[i].status() == Status::Approved);
    let listed = if unpublished.is_empty() {
        Cow::Borrowed(summaries)
    } else {
        Cow::Owned(published.iter().map(|&i| summaries[i].clone()).collect())
    };
    (published, unpublished, listed)
}

/// The render of a streamed build: every published guideline checked, then rendered or its
/// last build's files reused; the listing pages from the summaries (or, under the same key,
/// theirs reused too).
struct Pass<'a> {
    site: &'a Site,
    theme: &'a Theme,
    options: RenderOptions,
    /// The published guidelines' summaries.
    listed: &'a [GuidelineSummary],
    /// Which earlier versions each has (empty without history).
    archive: &'a Archive,
    checker: &'a Checker<'a>,
    /// Each published guideline's place among all.
    published: &'a [usize],
    /// What may be reused, and the hash of every summary its keys take.
    reuse: Option<(&'a PageReuse, blake3::Hash)>,
    /// What each guideline's pages made, once rendered.
    entries: Mutex<Entries>,
    /// Whether any guideline's pages were reused rather than rendered.
    reused: AtomicBool,
    /// Whether the render waits for the static index to be written. In a fresh build the
    /// first pass rendered the guidelines, and what is left beside tantivy is short: the
    /// static index's encoding and tantivy's segments at once then set the build's peak
    /// memory (at 1,000 guidelines ~290 MiB against ~270), while tantivy alone takes
    /// longer than the static index and the rest of the render one after the other. A build
    /// that reuses pages keeps the static index beside the render (its end is its wall
    /// time).
    index_first: bool,
}

impl Pass<'_> {
    fn render(
        &self,
        search: &SearchFiles,
        writer: &PageWriter,
    ) -> Result<(OutputTree, usize), RenderError> {
        if self.index_first {
            // Its listing is there once its files are.
            (search.listing)()?;
        }
        let keys = self.reuse.map(|(reuse, summaries)| reuse::Keys {
            reuse,
            summaries,
            search_meta: search.meta,
        });
        let guidelines = reuse::Guidelines {
            checker: self.checker,
            published: self.published,
            writer,
            keys,
            rendering: Mutex::new(HashMap::new()),
            made: Mutex::new(Entries::new()),
            reused: &self.reused,
        };
        let rendered = render_site_from_summaries(
            self.site,
            self.theme,
            self.options,
            Some(search),
            self.listed,
            self.archive,
            &guidelines,
            |path, html| writer.put(path, html),
        );
        *lock(&self.entries) = guidelines
            .made
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        rendered
    }
}

/// The configuration's groups as (code, name) pairs, the order the search index lists them.
fn group_pairs(site: &Site) -> Vec<(String, String)> {
    site.config
        .groups
        .iter()
        .map(|(code, name)| (code.clone(), name.clone()))
        .collect()
}

/// The findings so far; a job that panicked while holding them left them whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_site::{CONFIG, VALID, write};

    fn survey(root: &Path, consult: bool) -> Survey {
        let cache = SurveyCache::new(root, blake3::hash(b"base"), false, consult);
        let labels = SearchLabels::builtin();
        Survey::of(
            root,
            None,
            false,
            &labels,
            Synonyms::default(),
            Some(&cache),
            None,
        )
        .unwrap()
    }

    /// What the rest of the build reads of a survey.
    type Made = (
        Vec<GuidelineSummary>,
        Vec<IndexDoc>,
        Option<Vec<DocKey>>,
        String,
    );

    /// The units' full texts read, as the build reads those it needs.
    fn made(survey: &mut Survey) -> Made {
        let summaries = survey.guidelines.iter().map(|(_, s)| s.clone()).collect();
        let mut docs = survey.docs.clone();
        if let Some(unread) = &mut survey.unread {
            unread.in_order(survey.keys.as_deref().unwrap()).unwrap();
            unread.read_all(&mut docs).unwrap();
        }
        (
            summaries,
            docs,
            survey.keys.clone(),
            format!("{:?}", survey.findings),
        )
    }

    /// Each group's units' keys.
    fn keys_by_group(survey: &Survey) -> HashMap<String, Vec<DocKey>> {
        let mut keys: HashMap<String, Vec<DocKey>> = HashMap::new();
        for (doc, key) in survey.docs.iter().zip(survey.keys.iter().flatten()) {
            keys.entry(doc.group.clone()).or_default().push(*key);
        }
        keys
    }

    #[test]
    fn only_the_guidelines_changed_or_with_findings_are_parsed_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("retning.toml"), CONFIG).unwrap();
        // A text longer than the static index shows.
        let long = format!("### Rationale\n\n{}", "En lang sætning her. ".repeat(40));
        let valid = VALID.replacen("### Rationale\n\n", &long, 1);
        write(root, "dlg/dlbcl.md", &valid);
        write(
            root,
            "dbcg/mamma.md",
            &valid.replacen("lymfom", "brystkræft", 1),
        );
        // A strength Oxford does not know: a finding of the parse.
        write(root, "dbcg/bad.md", &VALID.replacen("(B)", "(E)", 1));

        let mut fresh = survey(root, false);
        assert_eq!(fresh.parsed, 3);
        assert!(!fresh.findings.is_empty());
        assert_eq!(fresh.unread.as_ref().map(UnreadTexts::units), Some(0));
        let mut second = survey(root, true);
        // The guideline with a finding is parsed again, so that it prints it again.
        assert_eq!(second.parsed, 1);
        // The two clean guidelines' units show only the start of their texts, and their
        // full texts are not read.
        let unread = second.unread.as_ref().map_or(0, UnreadTexts::units);
        let clean = fresh
            .docs
            .iter()
            .filter(|d| !d.guideline_url.contains("bad"));
        assert_eq!(unread, clean.count());
        let shown = |survey: &Survey| -> usize { survey.docs.iter().map(|d| d.text.len()).sum() };
        assert!(shown(&second) < shown(&fresh));
        assert_eq!(made(&mut second), made(&mut fresh));
        let keys = fresh.keys.as_ref().expect("keys");
        assert_eq!(keys.len(), fresh.docs.len());

        write(root, "dlg/dlbcl.md", &format!("{valid}\nEt nyt afsnit.\n"));
        let mut edited = survey(root, true);
        assert_eq!(edited.parsed, 2);
        assert_eq!(made(&mut edited), made(&mut survey(root, false)));
        // The edited guideline's units have new keys; the others keep theirs.
        let (old_keys, new_keys) = (keys_by_group(&fresh), keys_by_group(&edited));
        assert_eq!(old_keys["dbcg"], new_keys["dbcg"]);
        assert!(old_keys["dlg"].iter().all(|k| !new_keys["dlg"].contains(k)));
        assert_eq!(survey(root, true).parsed, 1);
    }
}
