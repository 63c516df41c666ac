//! The tantivy index: built from `IndexDoc`s (on disk for `retning search`, in memory for the
//! preview server), queried with the semantics of FORMAT.md, and the source of the static
//! index's weights, so both agree.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query,
    TermQuery,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocId, DocSet, Index, IndexReader, TantivyDocument, Term};

pub use self::build::{IndexPlace, Indexed};
use self::parts::Offsets;
pub use self::parts::REUSE_FILE;
use self::rank::{RankKey, rank_by_boosted_score_then_id};
use self::stored::{SNIPPET_CHARS, STORED_FIELDS, StoredFields, highlight, kind_name};
pub use self::texts::{FullTexts, ReadTexts};
use crate::grid_stats::Gridded;
use crate::static_index::MAX_POSTINGS;
use crate::tokenizers::{self, DanishTokenizer, FIELD_TOKENIZERS};
use crate::typo::{self, Correction, Found};
use crate::{
    GroupRange, IndexDoc, MAX_PREFIX_TERMS, PREFIX_FACTOR, Synonyms, TITLE_BOOST, TermStats,
};

/// Why the tantivy index could not be built, opened or searched.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index folder could not be opened.
    #[error("search index: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    /// Reading or writing beside the index failed.
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    text: Field,
    /// The phrases of the title and of the text (`term_stats::INDEXED_FIELDS`).
    title_phrases: Field,
    text_phrases: Field,
    group: Field,
    kind: Field,
    kind_boost: Field,
    stored: StoredFields,
}

/// A search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    /// The unit's doc id (its place in group order).
    pub id: u32,
    /// The ranking score (higher ranks first).
    pub score: f32,
    /// The unit's stored fields.
    pub doc: IndexDoc,
    /// The text around the match, with the matched words in `«…»`.
    pub snippet: String,
}

/// The tantivy index `retning search` and the preview server query.
pub struct Engine {
    reader: IndexReader,
    fields: Fields,
    /// The DMCG groups' doc-id ranges, for a search within one group.
    pub groups: Vec<GroupRange>,
    /// A query word also matches its synonyms exactly.
    pub(crate) synonyms: Synonyms,
    /// Each group's first doc id: a doc stores its id less its group's first.
    offsets: Arc<Offsets>,
}

/// Beside the index in its folder: the group ranges and the synonym groups.
const GROUPS_FILE: &str = "groups.json";
const SYNONYMS_FILE: &str = "synonyms.json";

/// The fast field holding each doc's `DocKind::boost`.
const KIND_BOOST_FIELD: &str = "kind_boost";

fn schema() -> Schema {
    let mut builder = Schema::builder();
    // No positions (no phrase queries) and not stored: snippets come from `stored_text`. Each
    // field is indexed from the build's `TermStats` (`DocTermsTokenizer`).
    let text_field = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    // The id (the doc's place after its group's first, so that it stays when another group
    // changes) and the kind are only read back (the id as a fast field, for ranking; the kind
    // stored, for the hits): indexing them made a term dictionary nothing searched.
    builder.add_u64_field("id", FAST);
    builder.add_text_field("title", text_field(FIELD_TOKENIZERS[0]));
    builder.add_text_field("text", text_field(FIELD_TOKENIZERS[1]));
    builder.add_text_field("title_phrases", text_field(FIELD_TOKENIZERS[2]));
    builder.add_text_field("text_phrases", text_field(FIELD_TOKENIZERS[3]));
    // The group is fast too: a doc's id counts from its group's first.
    builder.add_text_field("group", STRING | STORED | FAST);
    builder.add_text_field("kind", STORED);
    // The kind's boost, read while tantivy ranks, so that it ranks the boosted scores.
    builder.add_f64_field(KIND_BOOST_FIELD, FAST);
    for name in STORED_FIELDS {
        builder.add_text_field(name, STORED);
    }
    builder.build()
}

impl Fields {
    /// The title and the text field a term is in: a phrase's are the phrase fields.
    fn of_term(&self, term: &str) -> [Field; 2] {
        if term.contains(crate::phrases::SEPARATOR) {
            [self.title_phrases, self.text_phrases]
        } else {
            [self.title, self.text]
        }
    }

    fn of(schema: &Schema) -> Result<Self, EngineError> {
        Ok(Self {
            id: schema.get_field("id")?,
            title: schema.get_field("title")?,
            text: schema.get_field("text")?,
            title_phrases: schema.get_field("title_phrases")?,
            text_phrases: schema.get_field("text_phrases")?,
            group: schema.get_field("group")?,
            kind: schema.get_field("kind")?,
            kind_boost: schema.get_field(KIND_BOOST_FIELD)?,
            stored: StoredFields::of(schema)?,
        })
    }
}

impl Engine {
    /// Indexes `docs` (already in doc-id order, see `order_by_group`) in memory, or in `dir`.
    /// The site always has the docs' stats at hand ([`Engine::build_with`]); tests do not.
    #[cfg(test)]
    pub(crate) fn build(
        docs: &[IndexDoc],
        groups: Vec<GroupRange>,
        dir: Option<&Path>,
    ) -> Result<Self, EngineError> {
        Self::build_with(docs, groups, dir, &Arc::new(TermStats::of(docs)))
    }

    /// Indexes `docs` (already in doc-id order, see [`crate::order_by_group`]) in memory, or in
    /// `dir`, from the `stats` of the same docs: their terms, analyzed once.
    pub fn build_with(
        docs: &[IndexDoc],
        groups: Vec<GroupRange>,
        dir: Option<&Path>,
        stats: &Arc<TermStats>,
    ) -> Result<Self, EngineError> {
        let texts = docs
            .iter()
            .map(|doc| Some(Cow::Borrowed(doc.text.as_str())));
        let job = build::Job {
            docs,
            texts: texts.collect(),
            read: None,
            groups,
            stats,
        };
        let place = IndexPlace {
            dir,
            ..IndexPlace::default()
        };
        Ok(job.run(place)?.0)
    }

    /// [`Engine::build_with`] with each doc's text (which the index stores, for the snippets)
    /// apart from `docs`, which may hold less of it: `texts` has doc `i`'s `i`th, freed as
    /// soon as the index has it, so a build need not hold every text until the index is
    /// done, or read when the index needs it. In `place`, starting from the last build's
    /// index there when it can: only the DMCG groups whose units changed are indexed again
    /// (and only their texts not held are read), and the index answers every query exactly
    /// as one built from nothing. Says how much it indexed.
    pub fn update_with_texts<'a>(
        docs: &'a [IndexDoc],
        texts: impl Into<FullTexts<'a>>,
        groups: Vec<GroupRange>,
        place: IndexPlace,
        stats: &'a Arc<TermStats>,
    ) -> Result<(Self, Indexed), EngineError> {
        let texts = texts.into();
        texts::one_text_each(docs, texts.len())?;
        let (texts, read) = texts.into_parts();
        let job = build::Job {
            docs,
            texts,
            read,
            groups,
            stats,
        };
        job.run(place)
    }

    /// Opens an index `build` wrote to `dir`.
    pub fn open(dir: &Path) -> Result<Self, EngineError> {
        let index = Index::open_in_dir(dir)?;
        tokenizers::register(&index);
        let fields = Fields::of(&index.schema())?;
        let groups = std::fs::read(dir.join(GROUPS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let synonyms = std::fs::read(dir.join(SYNONYMS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .map(Synonyms::from_groups)
            .unwrap_or_default();
        let offsets = parts::read_offsets(dir);
        Self::with_reader(index, fields, groups, offsets)?.with_synonyms(synonyms, None)
    }

    /// Uses `synonyms` at query time, and keeps them beside the index in `dir`.
    pub fn with_synonyms(
        mut self,
        synonyms: Synonyms,
        dir: Option<&Path>,
    ) -> Result<Self, EngineError> {
        if let Some(dir) = dir {
            std::fs::write(
                dir.join(SYNONYMS_FILE),
                serde_json::to_vec(synonyms.groups()).unwrap_or_default(),
            )?;
        }
        self.synonyms = synonyms;
        Ok(self)
    }

    fn with_reader(
        index: Index,
        fields: Fields,
        groups: Vec<GroupRange>,
        offsets: Offsets,
    ) -> Result<Self, EngineError> {
        let reader = index.reader()?;
        Ok(Self {
            reader,
            fields,
            groups,
            synonyms: Synonyms::default(),
            offsets: Arc::new(offsets),
        })
    }

    /// Runs `query` (FORMAT.md, "Query semantics") and returns the best `limit` hits.
    pub fn search(
        &self,
        query: &str,
        group: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Hit>, EngineError> {
        Ok(self.search_corrected(query, group, limit)?.hits)
    }

    /// [`Engine::search`], with the words it corrected (FORMAT.md, "Typos").
    pub fn search_corrected(
        &self,
        query: &str,
        group: Option<&str>,
        limit: usize,
    ) -> Result<Found<Hit>, EngineError> {
        let words = self.synonyms.query_words(query);
        if words.is_empty() || limit == 0 {
            return Ok(Found::default());
        }
        let mut expanded = Vec::with_capacity(words.len());
        let mut corrections = Vec::new();
        for word in &words {
            let (terms, correction) = self.expand(word)?;
            expanded.push(terms);
            corrections.extend(correction);
        }
        let mut hits = self.search_words(&expanded, Occur::Must, group, limit)?;
        if hits.is_empty() && words.len() > 1 {
            hits = self.search_words(&expanded, Occur::Should, group, limit)?;
        }
        Ok(Found::new(query, hits, corrections))
    }

    /// The terms a query word matches, each with its factor: itself, its first longer terms,
    /// its synonyms and, when these find fewer than `FEW_MATCHES` docs (and it is in no
    /// synonym group), the closest terms within its typo distance. The correction, when the word found no doc of its own.
    fn expand(&self, word: &str) -> Result<Expanded, EngineError> {
        let mut terms = vec![(word.to_owned(), 1.0)];
        for longer in self.prefix_terms(word)? {
            terms.push((longer, PREFIX_FACTOR));
        }
        for synonym in self.synonyms.others(word) {
            terms.push((synonym.to_owned(), 1.0));
        }
        if typo::distance_for(word) == 0 || self.synonyms.contains(word) {
            return Ok((terms, None));
        }
        let own: Vec<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
        let own_docs = self.docs_with_any(&own, typo::FEW_MATCHES)?;
        if own_docs >= typo::FEW_MATCHES {
            return Ok((terms, None));
        }
        let close = typo::closest(word, self.terms_near(word)?.iter().map(String::as_str));
        let mut correction: Option<(usize, &str)> = None;
        if own_docs == 0 {
            for candidate in &close {
                let docs = self.docs_with_any(&[candidate], MAX_POSTINGS)?;
                if correction.is_none_or(|(best, _)| docs > best) {
                    correction = Some((docs, candidate));
                }
            }
        }
        let correction = correction.map(|(_, c)| Correction {
            term: word.to_owned(),
            correction: c.to_owned(),
        });
        terms.extend(close.iter().map(|c| (c.clone(), typo::TYPO_FACTOR)));
        Ok((terms, correction))
    }

    /// How many docs hold any of `terms` (title or text), counting up to `enough`.
    fn docs_with_any(&self, terms: &[&str], enough: usize) -> Result<usize, EngineError> {
        let searcher = self.reader.searcher();
        let mut docs: BTreeSet<(usize, DocId)> = BTreeSet::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for term in terms {
                for field in self.fields.of_term(term) {
                    let inverted = segment.inverted_index(field)?;
                    let term = Term::from_field_text(field, term);
                    let Some(mut postings) =
                        inverted.read_postings(&term, IndexRecordOption::Basic)?
                    else {
                        continue;
                    };
                    let mut doc = postings.doc();
                    while doc != tantivy::TERMINATED {
                        if segment
                            .alive_bitset()
                            .is_none_or(|alive| alive.is_alive(doc))
                        {
                            docs.insert((ord, doc));
                            if docs.len() >= enough {
                                return Ok(enough);
                            }
                        }
                        doc = postings.advance();
                    }
                }
            }
        }
        Ok(docs.len())
    }

    /// Every term (title and text) within `word`'s typo distance, by a Levenshtein automaton
    /// over the term dictionaries.
    fn terms_near(&self, word: &str) -> Result<BTreeSet<String>, EngineError> {
        let distance = typo::distance_for(word) as u8;
        let searcher = self.reader.searcher();
        let mut terms = BTreeSet::new();
        for segment in searcher.segment_readers() {
            for field in [self.fields.title, self.fields.text] {
                let automaton =
                    FuzzyTermQuery::new(Term::from_field_text(field, word), distance, false)
                        .automaton()?;
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().search(&automaton).into_stream()?;
                while stream.advance() {
                    if let Ok(term) = std::str::from_utf8(stream.key()) {
                        terms.insert(term.to_owned());
                    }
                }
            }
        }
        Ok(terms)
    }

    /// `each_word` is `Must` (every word matches) or `Should` (any word matches); each word
    /// scores the best of its terms, each weighed by its factor.
    fn search_words(
        &self,
        words: &[Vec<(String, f32)>],
        each_word: Occur,
        group: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Hit>, EngineError> {
        let searcher = self.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut word_clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for terms in words {
            let alternatives: Vec<Box<dyn Query>> = terms
                .iter()
                .map(|(term, factor)| self.term_query(term, *factor))
                .collect();
            word_clauses.push((each_word, Box::new(DisjunctionMaxQuery::new(alternatives))));
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(word_clauses))));
        if let Some(group) = group {
            let term = Term::from_field_text(self.fields.group, group);
            let filter = TermQuery::new(term, IndexRecordOption::Basic);
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(filter), 0.0)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        // Scored with the static index's statistics (FORMAT.md, "Weights"), so both rank alike.
        let top: Vec<(RankKey, DocAddress)> = searcher.search_with_statistics_provider(
            &query,
            &TopDocs::with_limit(limit)
                .tweak_score(rank_by_boosted_score_then_id(Arc::clone(&self.offsets))),
            &Gridded(&searcher),
        )?;
        let snippets = self.snippet_generator(&query)?;
        let mut hits = Vec::with_capacity(top.len());
        for ((score, Reverse(id)), address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let Some(doc) = self.fields.stored.read(&stored, &self.fields) else {
                continue;
            };
            let snippet = snippets.snippet(&doc.text);
            let snippet = highlight(snippet.fragment(), snippet.highlighted());
            hits.push(Hit {
                id: id as u32,
                score,
                doc,
                snippet,
            });
        }
        Ok(hits)
    }

    /// Marks the query's terms in a doc's text, as tantivy's `SnippetGenerator::create` does
    /// (rarer terms weigh more), but with the Danish analyzer: the text field holds terms.
    fn snippet_generator(&self, query: &dyn Query) -> Result<SnippetGenerator, EngineError> {
        let searcher = self.reader.searcher();
        let mut terms: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == self.fields.text {
                terms.insert(term);
            }
        });
        let mut weighted = BTreeMap::new();
        for term in terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weighted.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
        let analyzer = TextAnalyzer::from(DanishTokenizer);
        Ok(SnippetGenerator::new(
            weighted,
            analyzer,
            self.fields.text,
            SNIPPET_CHARS,
        ))
    }

    /// `word` in title (boosted) and text: the doc's weight under the term.
    fn term_query(&self, term: &str, factor: f32) -> Box<dyn Query> {
        let field_query = |field: Field, boost: f32| -> (Occur, Box<dyn Query>) {
            let query = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), boost)),
            )
        };
        let [title, text] = self.fields.of_term(term);
        let both = BooleanQuery::new(vec![
            field_query(title, TITLE_BOOST),
            field_query(text, 1.0),
        ]);
        Box::new(BoostQuery::new(Box::new(both), factor))
    }

    /// The first `MAX_PREFIX_TERMS` terms (title and text) that start with `word` and are longer.
    fn prefix_terms(&self, word: &str) -> Result<Vec<String>, EngineError> {
        let terms = self.terms_in_range(word, Some(&format!("{word}\u{10ffff}")))?;
        Ok(terms
            .into_iter()
            .filter(|t| t != word && t.starts_with(word))
            .take(MAX_PREFIX_TERMS)
            .collect())
    }

    /// Every term of the title and text fields in `[from, to)`, sorted.
    fn terms_in_range(
        &self,
        from: &str,
        to: Option<&str>,
    ) -> Result<BTreeSet<String>, EngineError> {
        let searcher = self.reader.searcher();
        let mut terms = BTreeSet::new();
        for segment in searcher.segment_readers() {
            for field in [self.fields.title, self.fields.text] {
                let inverted = segment.inverted_index(field)?;
                let mut range = inverted.terms().range().ge(from.as_bytes());
                if let Some(to) = to {
                    range = range.lt(to.as_bytes());
                }
                let mut stream = range.into_stream()?;
                while stream.advance() {
                    if let Ok(term) = std::str::from_utf8(stream.key()) {
                        terms.insert(term.to_owned());
                    }
                }
            }
        }
        Ok(terms)
    }
}

/// A query word's terms, each with its factor, and its correction if it has one.
type Expanded = (Vec<(String, f32)>, Option<Correction>);

mod build;
mod parts;
mod rank;
mod stamps;
mod stored;
#[cfg(test)]
mod tests;
mod texts;
mod unsynced;
#[cfg(test)]
mod update_tests;
