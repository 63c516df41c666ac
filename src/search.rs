//! The guidelines as search units, and both search indexes built from them: tantivy (for
//! `retning search` and the preview server) and the static index the site's browser reader
//! uses. The search crate sees only `IndexDoc`s, never the guideline model.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use rayon::prelude::*;

use search_index::static_index::{
    self, Encoded, IndexFile, LastBuild, LastIndex, StaticFiles, TextsToRead,
};
use search_index::{
    DocKey, DocKind, Engine, EngineError, FullTexts, GroupRange, IndexDoc, IndexPlace, Indexed,
    KeptAnalysis, PhraseProblem, SynonymProblem, Synonyms, TermStats, order_by_group,
    order_by_group_with,
};

use crate::build_cache::UnreadTexts;

use crate::diagnostics::{Diagnostic, Message, StoppingFinding, codes, message, unreadable};
use crate::model::{Guideline, LeadBlock, Recommendation, SectionKind, Topic};
use crate::render::Theme;
use crate::render::strength_text::StrengthText;
use crate::site::Site;
use crate::source::SourceFile;

/// Where `retning build` writes the tantivy index, outside the deployable site.
pub(crate) const INDEX_DIR: &str = ".retning/search-index";
/// The site's synonym groups, next to `retning.toml`; without it, the shipped list.
pub(crate) const SYNONYMS_FILE: &str = "synonyms.toml";

/// Both search indexes of a site, as [`build`] makes them.
pub struct SiteSearch {
    /// The tantivy index `retning search` and the preview server query.
    pub engine: Engine,
    /// The static index's files, which the site's own search page fetches.
    pub static_files: StaticFiles,
}

/// The theme's words on the search units: what a recommendation is called ("Anbefaling"),
/// and each strength's label and badge class, so that a result names a recommendation and
/// its strength as the site's pages do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchLabels {
    recommendation: String,
    strength: StrengthText,
}

impl SearchLabels {
    /// The labels of `theme`.
    pub fn of(theme: &Theme) -> Self {
        Self {
            recommendation: theme.text("recommendation").to_owned(),
            strength: theme.strength.clone(),
        }
    }

    /// The default theme's labels (for tests that have no theme at hand).
    #[cfg(test)]
    pub(crate) fn builtin() -> Self {
        Self {
            recommendation: "Anbefaling".to_owned(),
            strength: StrengthText::builtin().clone(),
        }
    }
}

/// The search units of a build, analyzed once: what both indexes are built from.
pub struct SearchUnits {
    docs: Vec<IndexDoc>,
    groups: Vec<GroupRange>,
    stats: Arc<TermStats>,
    synonyms: Synonyms,
    /// The analysis being written for the next build, on a thread of its own.
    keeping: Option<JoinHandle<()>>,
    /// Where the static index's record for the next build goes, and whether the last
    /// build's may be read ([`KeptTerms::reuse`]).
    index_record: Option<(PathBuf, bool)>,
    /// The full texts of the units that hold only what the static index shows of them.
    unread: Option<UnreadTexts>,
}

/// The static index's record beside the analysis' folder (`.retning/build/`): not inside
/// it, where the analysis' writer removes what is not its own.
const INDEX_RECORD: &str = "static-index.bin";

/// Where a build keeps its analysis of the units for the next ([`TermStats::reusing`]), and
/// whether it may reuse the last build's (not with `--no-cache`).
pub(crate) struct KeptTerms {
    pub(crate) dir: PathBuf,
    pub(crate) reuse: bool,
}

impl SearchUnits {
    /// The statistics the indexes are made with, shared.
    pub(crate) fn shared_stats(&self) -> Arc<TermStats> {
        Arc::clone(&self.stats)
    }

    /// The thread writing the analysis for the next build, for the caller to join: the
    /// units' drop no longer does.
    pub(crate) fn take_keeping(&mut self) -> Option<JoinHandle<()>> {
        self.keeping.take()
    }

    /// The units of the guidelines that go on the site, named with the theme's `labels`.
    /// An invalid `synonyms.toml` is an error that names its line and column (in the
    /// reader's language where the command prints it).
    pub fn of(site: &Site, drafts: bool, labels: &SearchLabels) -> anyhow::Result<Self> {
        let synonyms = load_synonyms(&site.root).map_err(StoppingFinding)?;
        let (docs, groups) = ordered_units(site, drafts, labels);
        let stats = TermStats::with_phrases(&docs, synonyms.phrases());
        Ok(Self::analyzed(docs, groups, synonyms, stats, None))
    }

    /// Units made guideline by guideline (the preview keeps each guideline's between
    /// rebuilds), in the site's order; `groups` are the configuration's (code, name) pairs.
    /// With `kept`, the analysis of each unit unchanged since the last build is reused, and
    /// this one is kept for the next (written beside the build; a build that cannot keep it
    /// is still a build). `keys`, when given, are the units' analysis keys (see
    /// `TermStats::reusing`); without them each unit's fields are hashed. The units that
    /// `unread` has the full texts of hold only what the static index shows: the texts are
    /// read for those whose analysis is not kept, and for tantivy's
    /// ([`Self::engine_with_texts`]). Fails only when such a text can be neither read nor
    /// made again.
    pub(crate) fn from_docs(
        docs: Vec<IndexDoc>,
        keys: Option<Vec<DocKey>>,
        groups: &[(String, String)],
        synonyms: Synonyms,
        kept: Option<&KeptTerms>,
        unread: Option<UnreadTexts>,
    ) -> std::io::Result<Self> {
        let keys = keys.filter(|keys| keys.len() == docs.len());
        let (mut docs, keys, groups) = match keys {
            Some(keys) => {
                let (docs, keys, groups) = order_by_group_with(docs, keys, groups);
                (docs, Some(keys), groups)
            }
            None => {
                let (docs, groups) = order_by_group(docs, groups);
                (docs, None, groups)
            }
        };
        let mut unread = unread.filter(|unread| unread.units() > 0);
        if let Some(unread) = &mut unread {
            unread.in_order(keys.as_deref().unwrap_or_default())?;
        }
        // What one build of the program analyzed is trusted only by the same build.
        let kept = kept.zip(crate::program::identity());
        let Some((kept, program)) = kept else {
            if let Some(unread) = &mut unread {
                unread.read_all(&mut docs)?;
            }
            let stats = TermStats::with_phrases(&docs, synonyms.phrases());
            return Ok(Self::analyzed(docs, groups, synonyms, stats, unread));
        };
        let previous = kept.reuse.then(|| KeptAnalysis::read(&kept.dir)).flatten();
        if let Some(unread) = &mut unread {
            // The analysis of a unit the last build's does not hold is made from its text.
            let held = match (&previous, &keys) {
                (Some(previous), Some(keys)) => previous.holds(keys, &program, synonyms.phrases()),
                _ => vec![false; docs.len()],
            };
            let lacking: Vec<usize> = (0..docs.len())
                .filter(|&id| !held[id] && unread.is_unread(id))
                .collect();
            unread.read_into(&mut docs, &lacking)?;
        }
        let stats =
            TermStats::reusing(&docs, keys, &groups, synonyms.phrases(), &program, previous);
        let mut units = Self::analyzed(docs, groups, synonyms, stats, unread);
        units.index_record = Some((kept.dir.with_file_name(INDEX_RECORD), kept.reuse));
        let stats = Arc::clone(&units.stats);
        let dir = kept.dir.clone();
        units.keeping = std::thread::Builder::new()
            .name("retning-terms".into())
            .spawn(move || {
                let _ = stats.write_analysis(&dir);
            })
            .ok();
        Ok(units)
    }

    fn analyzed(
        docs: Vec<IndexDoc>,
        groups: Vec<GroupRange>,
        synonyms: Synonyms,
        stats: TermStats,
        unread: Option<UnreadTexts>,
    ) -> Self {
        Self {
            docs,
            groups,
            stats: Arc::new(stats),
            synonyms,
            keeping: None,
            index_record: None,
            unread,
        }
    }

    /// The static index the browser reads.
    pub fn static_files(&self) -> StaticFiles {
        let weights = self.stats.weights(&self.docs);
        static_index::encode(&self.docs, &self.groups, &weights, &self.synonyms)
    }

    /// The static index written file by file through `put` (a name in its folder, the
    /// file) as it is encoded, rather than held: [`static_index::encode_reusing`]. A file the
    /// last build wrote comes as [`IndexFile::Kept`] only when `site_search`, the `search/`
    /// folder of the site in place, is as the last build left it (the caller vouches for
    /// that) and holds every file the last build's record lists. The record for the next
    /// build is written beside the kept analysis (a build that cannot write it is still a
    /// build: the next one encodes everything). The units' unread texts are read for the
    /// fragment files made.
    pub(crate) fn write_static_index(
        &self,
        site_search: Option<&Path>,
        put: impl FnMut(&str, IndexFile<'_>) -> std::io::Result<()>,
    ) -> std::io::Result<Encoded> {
        let last = self.last_index(site_search);
        // A kept file read from the site in place (a typo table a term came to or left).
        let read = |name: &str| std::fs::read(site_search?.join(name)).ok();
        let is_unread = |id: usize| self.unread.as_ref().is_some_and(|u| u.is_unread(id));
        let read_texts = |ids: &[usize]| self.read_unread(ids);
        let encoded = static_index::encode_reusing(
            &self.docs,
            &self.groups,
            &self.stats,
            &self.synonyms,
            last.as_ref().map(|record| LastBuild {
                record,
                read: &read,
            }),
            self.unread.as_ref().map(|_| TextsToRead {
                is_unread: &is_unread,
                read: &read_texts,
            }),
            put,
        )?;
        if let Some((path, _)) = &self.index_record {
            let _ = match &encoded.record {
                Some(record) => crate::build_cache::replace_file(path, record),
                None => std::fs::remove_file(path),
            };
        }
        Ok(encoded)
    }

    /// The last build's record of its static index, when it may be read and the site in
    /// place (its `search/` folder) holds its meta file and every file it lists.
    fn last_index(&self, site_search: Option<&Path>) -> Option<LastIndex> {
        let (path, true) = self.index_record.as_ref()? else {
            return None;
        };
        let dir = site_search?;
        let last = LastIndex::read(&std::fs::read(path).ok()?)?;
        let meta = std::fs::read(dir.join(static_index::META)).ok()?;
        let there = |(name, size): (String, u64)| {
            std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.is_file() && m.len() == size)
        };
        (last.describes(&meta) && last.files().all(there)).then_some(last)
    }

    /// Takes every unit's full text, for [`Self::engine_with_texts`], and leaves each unit
    /// what the static index shows of it ([`static_index::fragment_text`]): the units stay
    /// while both indexes are made; the full texts need only last until tantivy has them.
    /// A unit whose full text is unread already shows only that, and has `None`. The
    /// keywords go too: the term statistics have counted them, and neither index stores
    /// them.
    pub(crate) fn take_texts(&mut self) -> Vec<Option<String>> {
        let unread = self.unread.as_ref();
        self.docs
            .par_iter_mut()
            .enumerate()
            .map(|(id, doc)| {
                doc.keywords = Vec::new();
                if unread.is_some_and(|unread| unread.is_unread(id)) {
                    return None;
                }
                let mut shown = static_index::fragment_text(&doc.text).into_owned();
                // A cut text is made by `format!`, grown to twice its length: exactly its
                // size, it is ~13 MB less held at 1,000 guidelines until both indexes are made.
                shown.shrink_to_fit();
                Some(std::mem::replace(&mut doc.text, shown))
            })
            .collect()
    }

    /// The tantivy index in `dir`, with the `texts` [`Self::take_texts`] took, each freed
    /// as soon as tantivy has it, and the unread ones read when tantivy needs them. It
    /// starts from the `last` build's index when it can, indexing again only the groups
    /// whose units changed (and reading only their unread texts).
    pub(crate) fn engine_with_texts(
        &self,
        texts: Vec<Option<String>>,
        dir: &Path,
        last: Option<&Path>,
    ) -> Result<(Engine, Indexed), EngineError> {
        let program = crate::program::identity();
        let place = IndexPlace {
            dir: Some(dir),
            last,
            program: program.as_deref(),
        };
        let read = |ids: &[usize]| self.read_unread(ids);
        let texts = FullTexts::new(texts, &read);
        let (engine, indexed) =
            Engine::update_with_texts(&self.docs, texts, self.groups.clone(), place, &self.stats)?;
        Ok((
            engine.with_synonyms(self.synonyms.clone(), Some(dir))?,
            indexed,
        ))
    }

    /// The texts of the units `ids` (ascending) that hold none, read from the build cache.
    fn read_unread(&self, ids: &[usize]) -> std::io::Result<Vec<String>> {
        match &self.unread {
            Some(unread) => unread.read(ids),
            None => Err(std::io::Error::other("a search unit's text is missing")),
        }
    }

    /// The tantivy index, in memory or in `dir`.
    pub(crate) fn engine(&self, dir: Option<&Path>) -> Result<Engine, EngineError> {
        Engine::build_with(&self.docs, self.groups.clone(), dir, &self.stats)?
            .with_synonyms(self.synonyms.clone(), dir)
    }
}

/// Makes the next build index every group again, rather than start from the index in
/// `index_dir` (`build --no-cache`): its record of what it holds goes.
pub(crate) fn forget_last_index(index_dir: &Path) {
    // Best effort: a record that stays is still checked group by group.
    let _ = std::fs::remove_file(index_dir.join(search_index::REUSE_FILE));
}

impl Drop for SearchUnits {
    /// The analysis kept for the next build is written whole before the build ends.
    fn drop(&mut self) {
        if let Some(keeping) = self.keeping.take() {
            let _ = keeping.join();
        }
    }
}

/// The site's `synonyms.toml`, or the shipped list when there is none.
pub(crate) fn load_synonyms(root: &Path) -> Result<Synonyms, Box<Diagnostic>> {
    let path = root.join(SYNONYMS_FILE);
    if !path.exists() {
        return Ok(Synonyms::default_list());
    }
    let source = SourceFile::read(&path, SYNONYMS_FILE.to_owned()).map_err(|err| {
        Box::new(
            Diagnostic::error(
                codes::SYNONYMS_INVALID,
                message!(
                    "synonyms-invalid-unreadable",
                    file = SYNONYMS_FILE,
                    why = unreadable(&err)
                ),
            )
            .in_file(SYNONYMS_FILE),
        )
    })?;
    let source = Arc::new(source);
    Synonyms::parse(&source.text).map_err(|err| {
        Box::new(
            Diagnostic::error(codes::SYNONYMS_INVALID, synonym_problem(&err.problem))
                .at(&source, err.span)
                .with_help(message!("synonyms-invalid-help")),
        )
    })
}

/// What is wrong with an entry of `synonyms.toml`, in the reader's language.
fn synonym_problem(problem: &SynonymProblem) -> Message {
    match problem {
        SynonymProblem::Toml(error) => message!("synonyms-invalid", error = error.as_str()),
        SynonymProblem::InAnotherGroup { word, first } => message!(
            "synonyms-invalid-in-another-group",
            word = word.as_str(),
            first = first.as_str()
        ),
        SynonymProblem::TooFewWords => message!("synonyms-invalid-too-few-words"),
        SynonymProblem::NoTerm(word) => {
            message!("synonyms-invalid-no-term", word = word.as_str())
        }
        SynonymProblem::Phrase { word, problem } => match problem {
            PhraseProblem::Splits(gap) => message!(
                "synonyms-invalid-phrase-splits",
                word = word.as_str(),
                gap = gap.as_str()
            ),
            PhraseProblem::TooLong(words) => message!(
                "synonyms-invalid-phrase-too-long",
                word = word.as_str(),
                words = *words,
                most = search_index::MAX_PHRASE_WORDS
            ),
            PhraseProblem::OnlyStopWords => {
                message!(
                    "synonyms-invalid-phrase-only-stop-words",
                    word = word.as_str()
                )
            }
            PhraseProblem::WordWithoutLetters => {
                message!("synonyms-invalid-phrase-no-letters", word = word.as_str())
            }
        },
    }
}

/// Both indexes of the guidelines that go on the site, the tantivy one in memory or in `dir`.
pub fn build(
    site: &Site,
    drafts: bool,
    labels: &SearchLabels,
    dir: Option<&Path>,
) -> anyhow::Result<SiteSearch> {
    let units = SearchUnits::of(site, drafts, labels)?;
    Ok(SiteSearch {
        engine: units.engine(dir)?,
        static_files: units.static_files(),
    })
}

/// The search units of the guidelines that go on the site, in doc-id order (by group), and
/// each group's id range: what both indexes are built from.
pub fn ordered_units(
    site: &Site,
    drafts: bool,
    labels: &SearchLabels,
) -> (Vec<IndexDoc>, Vec<GroupRange>) {
    let root = site.config.root_path();
    let guidelines: Vec<&Guideline> = site.published(drafts).collect();
    let docs: Vec<IndexDoc> = guidelines
        .par_iter()
        .flat_map_iter(|g| units(g, &root, labels))
        .collect();
    let groups: Vec<(String, String)> = site
        .config
        .groups
        .iter()
        .map(|(code, name)| (code.clone(), name.clone()))
        .collect();
    order_by_group(docs, &groups)
}

/// A guideline's search units: each recommendation, each evidence sub-section and topic
/// lead of *Grundlag*, and each other section with text.
pub(crate) fn units(guideline: &Guideline, root: &str, labels: &SearchLabels) -> Vec<IndexDoc> {
    let maker = UnitMaker {
        guideline,
        page: format!("{root}{}", guideline.path()),
        labels,
    };
    let mut docs = Vec::new();
    for section in &guideline.body.sections {
        let Some(kind) = section.kind else { continue };
        if matches!(kind, SectionKind::QuickGuide | SectionKind::References) {
            continue;
        }
        let text = section.content.plain_text();
        if !text.is_empty() {
            docs.push(maker.section(kind.anchor(), kind.title().to_owned(), text));
        }
        for topic in &section.topics {
            maker.topic_units(topic, &mut docs);
        }
    }
    docs
}

/// Makes the units of one guideline's page.
struct UnitMaker<'a> {
    guideline: &'a Guideline,
    /// The page's URL, which each unit's URL is an anchor of.
    page: String,
    labels: &'a SearchLabels,
}

impl UnitMaker<'_> {
    /// A topic's units: its lead's text, each of its recommendations, and each sub-section
    /// with text.
    fn topic_units(&self, topic: &Topic, docs: &mut Vec<IndexDoc>) {
        let lead: Vec<String> = topic
            .lead
            .iter()
            .filter_map(|block| match block {
                LeadBlock::Markdown(fragment) => Some(fragment.plain_text()),
                LeadBlock::Recommendation(_) => None,
            })
            .filter(|t| !t.is_empty())
            .collect();
        if !lead.is_empty() {
            docs.push(self.section(&topic.anchor, topic.title.clone(), lead.join(" ")));
        }
        for index in topic.recommendation_indices() {
            let r = &self.guideline.body.recommendations[index];
            docs.push(self.recommendation(r, &topic.title));
        }
        for sub in &topic.subsections {
            let text = sub.content.plain_text();
            if !text.is_empty() {
                let title = format!("{} · {}", topic.title, sub.title);
                docs.push(self.section(&sub.anchor, title, text));
            }
        }
    }

    /// A recommendation's unit, titled "Anbefaling 2 · <its topic>" in the theme's word and
    /// carrying its strength's label and class as the theme names them.
    fn recommendation(&self, r: &Recommendation, topic_title: &str) -> IndexDoc {
        let strength = r.header.strength;
        IndexDoc {
            strength: strength.map(|s| self.labels.strength.label(&s)),
            strength_class: strength.map(|s| self.labels.strength.class(&s).to_owned()),
            ..self.unit(
                DocKind::Recommendation,
                &r.anchor(),
                format!(
                    "{} {} · {topic_title}",
                    self.labels.recommendation, r.header.id
                ),
                r.content.plain_text(),
            )
        }
    }

    /// A section's (or topic's, or sub-section's) unit.
    fn section(&self, anchor: &str, title: String, text: String) -> IndexDoc {
        self.unit(DocKind::Section, anchor, title, text)
    }

    fn unit(&self, kind: DocKind, anchor: &str, title: String, text: String) -> IndexDoc {
        let guideline = self.guideline;
        IndexDoc {
            url: exact(format!("{}#{anchor}", self.page)),
            guideline: guideline.title().to_owned(),
            guideline_url: self.page.clone(),
            group: guideline.group.clone(),
            kind,
            title: exact(title),
            strength: None,
            strength_class: None,
            text: exact(text),
            // On every unit, as the guideline's title is: a keyword finds the guideline's
            // best unit for it, ranked by the rest of the query.
            keywords: guideline.meta.keywords.clone(),
        }
    }
}

/// `s` in an allocation of its own size. Every unit is held from the first pass until both
/// indexes are made, and its strings come with room to spare: a plain text has the room of
/// its Markdown, `format!` grows a string to twice what it first writes. Shrunk, the units
/// of 1,000 guidelines hold ~25 MB less (docs/performance.md, "Peak memory, round eight").
fn exact(mut s: String) -> String {
    s.shrink_to_fit();
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Language, chain_in_language};

    /// The site says `language = "da"`; `--lang en` must still read English.
    #[test]
    fn a_broken_synonyms_file_is_shown_in_the_readers_language() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("retning.toml"),
            "title = \"Test\"\nbase_url = \"https://example.org/\"\nlanguage = \"da\"\n\n[groups]\ndlg = \"DLG\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("guidelines")).unwrap();
        std::fs::write(root.join(SYNONYMS_FILE), "groups = [[\"brystkræft\"]]\n").unwrap();
        let site = Site::load(root).unwrap().site;
        let Err(err) = SearchUnits::of(&site, false, &SearchLabels::builtin()) else {
            panic!("a broken synonyms.toml is an error");
        };
        let english = chain_in_language(&err, Language::En);
        assert!(
            english.contains("a group needs at least two different words"),
            "{english}"
        );
        assert!(english.contains("synonyms.toml:1:11"), "{english}");
        let danish = chain_in_language(&err, Language::Da);
        assert!(
            danish.contains("en gruppe skal have mindst to forskellige ord"),
            "{danish}"
        );
    }
}
