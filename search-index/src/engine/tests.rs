use std::collections::BTreeMap;

use tantivy::DocSet;
use tantivy::postings::Postings;

use super::*;
use crate::{DocKind, TermStats};

/// The weights as tantivy itself scores each term in each doc (the way the static index
/// was first built): the oracle `TermStats::weights` must match exactly.
fn tantivy_weights(
    engine: &Engine,
    docs: &[IndexDoc],
) -> Result<BTreeMap<String, Vec<(u32, f32)>>, EngineError> {
    let searcher = engine.reader.searcher();
    let gridded = crate::grid_stats::Gridded(&searcher);
    let mut weights: BTreeMap<String, BTreeMap<u32, f32>> = BTreeMap::new();
    let fields = [
        (engine.fields.title, TITLE_BOOST),
        (engine.fields.text, 1.0),
        (engine.fields.title_phrases, TITLE_BOOST),
        (engine.fields.text_phrases, 1.0),
    ];
    for (field, boost) in fields {
        for segment in searcher.segment_readers() {
            let ids = segment.fast_fields().u64("id")?;
            let firsts = super::rank::group_firsts(segment, &engine.offsets);
            let norms = segment.get_fieldnorms_reader(field)?;
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let text = std::str::from_utf8(stream.key()).unwrap();
                if text == crate::term_stats::PHRASE_FILLER {
                    continue;
                }
                let term = Term::from_field_text(field, text);
                let bm25 =
                    tantivy::query::Bm25Weight::for_terms(&gridded, std::slice::from_ref(&term))?;
                let mut postings = inverted
                    .read_postings(&term, IndexRecordOption::WithFreqs)?
                    .unwrap();
                let entry = weights.entry(text.to_owned()).or_default();
                let mut doc = postings.doc();
                while doc != tantivy::TERMINATED {
                    let score = bm25.score(norms.fieldnorm_id(doc), postings.term_freq());
                    let id = (ids.first(doc).unwrap_or_default() + firsts.first(doc)) as u32;
                    let kind = docs[id as usize].kind.boost();
                    *entry.entry(id).or_default() += score * boost * kind;
                    doc = postings.advance();
                }
            }
        }
    }
    Ok(weights
        .into_iter()
        .map(|(term, docs)| (term, docs.into_iter().collect()))
        .collect())
}

/// Docs of many lengths from a word list with inflections, capitals, æøå, stop words,
/// numbers and one word tantivy would drop for its length.
fn docs() -> Vec<IndexDoc> {
    let words = [
        "Behandling",
        "behandlingen",
        "kemoterapi",
        "Kemoterapien",
        "og",
        "i",
        "af",
        "strålebehandling",
        "straalebehandling",
        "brystkræftpatienter",
        "ØSTROGEN",
        "østrogen",
        "5-FU",
        "m²",
        "tamoxifen",
        "varighed",
        "opfølgning",
        "CEA",
        "lymfom",
        "knoglemarv",
        "café",
        "det",
        "ikke",
        "patienter",
        "patienterne",
        "2026",
    ];
    let long = "x".repeat(70_000);
    let mut rng = fastrand::Rng::with_seed(7);
    let mut next = || rng.usize(..1 << 31);
    (0..300)
        .map(|i| {
            let length = next() % 120;
            let mut text: Vec<&str> = (0..length).map(|_| words[next() % words.len()]).collect();
            if i == 17 {
                text.push(&long);
            }
            IndexDoc {
                url: format!("/g/x/#{i}"),
                guideline: format!("Retningslinje {}", words[i % words.len()]),
                guideline_url: "/g/x/".into(),
                group: "g".into(),
                kind: if i % 3 == 0 {
                    DocKind::Recommendation
                } else {
                    DocKind::Section
                },
                title: words[next() % words.len()].to_owned(),
                strength: None,
                strength_class: None,
                text: text.join(", "),
                keywords: Vec::new(),
            }
        })
        .collect()
}

#[test]
fn term_stats_weigh_every_term_exactly_as_tantivy_scores_it() {
    let docs = docs();
    let stats = Arc::new(TermStats::of(&docs));
    let expected = stats.weights(&docs);
    let engine = Engine::build_with(&docs, Vec::new(), None, &stats).unwrap();
    assert_eq!(tantivy_weights(&engine, &docs).unwrap(), expected);
    assert!(expected.contains_key("kemoterapi"));
    assert!(expected.contains_key("ostrog"));
    assert!(!expected.contains_key("og"), "stop words have no term");
    assert!(
        expected.keys().all(|t| t.len() < 70_000),
        "over-long words are dropped"
    );
}

/// `retning search` scores with the statistics the static weights are made with (on the
/// grid): a one-word query's hits score exactly their static weights, which the plain
/// statistics would not give these docs.
#[test]
fn search_scores_a_word_as_the_static_index_weighs_it() {
    use tantivy::query::Bm25StatisticsProvider;
    let docs = docs();
    let stats = Arc::new(TermStats::of(&docs));
    let weights = stats.weights(&docs);
    let engine = Engine::build_with(&docs, Vec::new(), None, &stats).unwrap();
    let searcher = engine.reader.searcher();
    let tokens = searcher.total_num_tokens(engine.fields.text).unwrap();
    let plain = tokens as f32 / docs.len() as f32;
    assert_ne!(crate::grid_stats::average(tokens, docs.len() as u64), plain);
    for term in ["kemoterapi", "lymfom", "tamoxif"] {
        assert!(
            !weights
                .keys()
                .any(|t| t.len() > term.len() && t.starts_with(term)),
            "{term} is no other term's prefix"
        );
        let expected: BTreeMap<u32, f32> = weights[term].iter().copied().collect();
        let hits = engine.search(term, None, 500).unwrap();
        assert_eq!(hits.len(), expected.len(), "{term}");
        for hit in hits {
            let weight = expected[&hit.id];
            assert!(
                (hit.score - weight).abs() <= weight * 1e-5,
                "{term} in {}: {} for {weight}",
                hit.id,
                hit.score
            );
        }
    }
}

#[test]
fn a_hit_carries_its_doc_as_it_was_indexed() {
    let docs = vec![
        IndexDoc {
            url: "/dbcg/b/#anbefaling-3".into(),
            guideline: "Brystkræft \"adjuverende\" <behandling>".into(),
            guideline_url: "/dbcg/b/".into(),
            group: "dbcg".into(),
            kind: DocKind::Recommendation,
            title: "Anbefaling 3".into(),
            strength: Some("Stærk for".into()),
            strength_class: Some("strength-for".into()),
            text: "Tamoxifen i 5 år.\nLinje to & «citat».".into(),
            keywords: Vec::new(),
        },
        IndexDoc {
            url: "/dbcg/b/#tamoxifen".into(),
            guideline: "Brystkræft".into(),
            guideline_url: "/dbcg/b/".into(),
            group: "dbcg".into(),
            kind: DocKind::Section,
            title: "Tamoxifen".into(),
            strength: None,
            strength_class: None,
            text: String::new(),
            keywords: Vec::new(),
        },
    ];
    let engine = Engine::build(&docs, Vec::new(), None).unwrap();
    let mut hits = engine.search("tamoxifen", None, 5).unwrap();
    hits.sort_by_key(|hit| hit.id);
    let found: Vec<&IndexDoc> = hits.iter().map(|hit| &hit.doc).collect();
    assert_eq!(found, docs.iter().collect::<Vec<_>>());
}

#[test]
fn snippets_mark_inflected_words_of_the_text() {
    let docs = vec![IndexDoc {
        url: "/g/x/#1".into(),
        guideline: "G".into(),
        guideline_url: "/g/x/".into(),
        group: "g".into(),
        kind: DocKind::Recommendation,
        title: "Anbefaling 1".into(),
        strength: None,
        strength_class: None,
        text: "Kemoterapien gives i seks serier efter operationen.".into(),
        keywords: Vec::new(),
    }];
    let engine = Engine::build(&docs, Vec::new(), None).unwrap();
    let hits = engine.search("kemoterapi serie", None, 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].snippet,
        // tantivy's fragment ends with the last word.
        "«Kemoterapien» gives i seks «serier» efter operationen"
    );
}

/// The kind boost is part of the rank, not applied to a pool of tantivy's best hits: a
/// recommendation whose unboosted score trails 150 sections still comes first, and hits of
/// equal score follow in id order, whichever segment each was indexed into.
#[test]
fn hits_rank_by_boosted_score_then_id() {
    let doc = |kind, title: &str, text: &str| IndexDoc {
        url: format!("/g/x/#{title}"),
        guideline: "Retningslinje".into(),
        guideline_url: "/g/x/".into(),
        group: "g".into(),
        kind,
        title: title.into(),
        strength: None,
        strength_class: None,
        text: text.into(),
        keywords: Vec::new(),
    };
    let mut docs: Vec<IndexDoc> = (0..150)
        .map(|i| {
            doc(
                DocKind::Section,
                &format!("Afsnit {i}"),
                "kemoterapi kemoterapi",
            )
        })
        .collect();
    // One occurrence in a text as long: about 0.73 of a section's score before the boost.
    docs.push(doc(
        DocKind::Recommendation,
        "Anbefaling",
        "kemoterapi behandling",
    ));
    let engine = Engine::build(&docs, Vec::new(), None).unwrap();
    let hits = engine.search("kemoterapi", None, 5).unwrap();
    let ids: Vec<u32> = hits.iter().map(|hit| hit.id).collect();
    assert_eq!(ids, [150, 0, 1, 2, 3]);
    assert!(hits[0].score > hits[1].score);
    assert!(hits[1..].iter().all(|hit| hit.score == hits[1].score));
}

/// Typo queries (FORMAT.md, "Typos") find the same docs with the same scores and the same
/// corrections in tantivy and in the static index, and the static reader needs only the files
/// `files_for_query` names: with every other chunk and typo file emptied, it answers the same.
#[test]
fn typos_are_corrected_alike_by_tantivy_and_the_static_index() {
    use crate::static_index::{self, StaticIndex};
    let docs = docs();
    let stats = Arc::new(TermStats::of(&docs));
    let engine = Engine::build_with(&docs, Vec::new(), None, &stats).unwrap();
    let files = static_index::encode(&docs, &[], &stats.weights(&docs), &Synonyms::default());
    let index = StaticIndex::decode(&files.meta, |name| files.files.get(name).cloned()).unwrap();
    let queries = [
        "kemoterapy",
        "kemotearpi",
        "knoglemav",
        "tamoxifem varighed",
        "opflgning",
        "stralebehandlnig",
        "brystkraeftpatinter",
        "patinterne lymfom",
        "kemoterapi",
        "xyzzyxyzzy",
    ];
    let mut corrected = 0;
    for query in queries {
        let ours = engine.search_corrected(query, None, 10).unwrap();
        let theirs = index.query_corrected(query, None, 10);
        let ids: Vec<u32> = ours.hits.iter().map(|h| h.id).collect();
        let static_ids: Vec<u32> = theirs.hits.iter().map(|h| h.0).collect();
        assert_eq!(ids, static_ids, "{query}");
        for (hit, (_, score)) in ours.hits.iter().zip(&theirs.hits) {
            assert!(
                (hit.score - score).abs() < 0.01,
                "{query}: {} vs {score}",
                hit.score
            );
        }
        assert_eq!(ours.corrections, theirs.corrections, "{query}");
        assert_eq!(ours.corrected_query, theirs.corrected_query, "{query}");
        corrected += usize::from(ours.corrected_query.is_some());

        let needed = index.files_for_query(query, None, 10);
        let partial = StaticIndex::decode(&files.meta, |name| {
            let bytes = files.files.get(name)?;
            let inner = name.rsplit('/').next().unwrap_or(name);
            Some(match inner.chars().next() {
                Some('c') if !needed.contains(name) => br#"{"terms":[]}"#.to_vec(),
                Some('t') if !needed.contains(name) => br#"{"keys":{}}"#.to_vec(),
                _ => bytes.clone(),
            })
        })
        .unwrap();
        assert_eq!(partial.query_corrected(query, None, 10), theirs, "{query}");
    }
    assert_eq!(
        corrected, 8,
        "every query but the right one and the nonsense"
    );
    let found = engine
        .search_corrected("Stralebehandlnig", None, 3)
        .unwrap();
    assert_eq!(found.corrected_query.as_deref(), Some("stralebehandling"));
    let found = engine.search_corrected("kemoterapy", None, 3).unwrap();
    assert_eq!(found.corrected_query.as_deref(), Some("kemoterapi"));
    assert!(!found.hits.is_empty());
    let found = engine
        .search_corrected("tamoxifem varighed", None, 3)
        .unwrap();
    assert_eq!(found.corrected_query.as_deref(), Some("tamoxifen varighed"));
}

/// Section `i` of one guideline at `/g/x/`, with `text` and nothing else.
fn section(i: usize, guideline: &str, text: &str) -> IndexDoc {
    IndexDoc {
        url: format!("/g/x/#{i}"),
        guideline: guideline.into(),
        guideline_url: "/g/x/".into(),
        group: "g".into(),
        kind: DocKind::Section,
        title: format!("Afsnit {i}"),
        strength: None,
        strength_class: None,
        text: text.into(),
        keywords: Vec::new(),
    }
}

/// A word with docs of its own keeps them first: the terms its typo reaches weigh a quarter.
#[test]
fn a_rare_word_is_widened_but_its_own_docs_rank_first() {
    let doc = |i: usize, text: &str| section(i, "Retningslinje", text);
    let mut docs: Vec<IndexDoc> = (0..5).map(|i| doc(i, "lymfom lymfom behandling")).collect();
    docs.push(doc(
        5,
        "lymfon er en stavefejl i en lang tekst om noget helt andet end sygdom",
    ));
    let engine = Engine::build(&docs, Vec::new(), None).unwrap();
    let found = engine.search_corrected("lymfon", None, 10).unwrap();
    let ids: Vec<u32> = found.hits.iter().map(|h| h.id).collect();
    assert_eq!(ids, [5, 0, 1, 2, 3, 4]);
    assert!(found.corrections.is_empty(), "it found a doc of its own");
    // Three docs of its own are enough: "lymfom" is not widened to "lymfon".
    let found = engine.search_corrected("lymfom", None, 10).unwrap();
    assert_eq!(found.hits.len(), 5);
}

/// Six units on lung cancer and the synonym list naming its two kinds as phrases:
/// "småcellet lungekræft" is also the tail of "ikke-småcellet lungekræft".
fn lung_cancer() -> (Vec<IndexDoc>, Synonyms) {
    let doc = |i: usize, text: &str| section(i, "Lungekræft", text);
    let docs = vec![
        doc(0, "Behandling af ikke-småcellet lungekræft i stadie I."),
        doc(1, "Småcellet lungekræft vokser hurtigt."),
        doc(2, "NSCLC behandles med kirurgi."),
        doc(3, "SCLC behandles med kemoterapi."),
        doc(
            4,
            "Er det sygdom? Det er det ikke. Småcellet lungekræft kan skjule sig.",
        ),
        doc(5, "Om rygning, lunger og kræft."),
    ];
    let synonyms = Synonyms::parse(
        "groups = [[\"NSCLC\", \"ikke-småcellet lungekræft\"], [\"SCLC\", \"småcellet lungekræft\"]]",
    )
    .unwrap();
    (docs, synonyms)
}

/// The docs of each term's weights, in order.
fn docs_of(weights: &BTreeMap<String, Vec<(u32, f32)>>, term: &str) -> Vec<u32> {
    weights[term].iter().map(|p| p.0).collect()
}

/// A phrase of the synonym list is one term: "småcellet lungekræft" is not found inside
/// "ikke-småcellet lungekræft".
#[test]
fn a_phrase_is_one_term_that_keeps_its_negation() {
    let (docs, synonyms) = lung_cancer();
    let weights = TermStats::with_phrases(&docs, synonyms.phrases()).weights(&docs);
    assert_eq!(docs_of(&weights, "ikk smacel lungekreft"), [0]);
    assert_eq!(docs_of(&weights, "smacel lungekreft"), [1, 4]);
}

/// A phrase is a term of its own fields: every other term weighs what it weighs without.
#[test]
fn phrases_leave_the_weight_of_every_other_term_as_it_was() {
    let (docs, synonyms) = lung_cancer();
    let weights = TermStats::with_phrases(&docs, synonyms.phrases()).weights(&docs);
    let mut without: Vec<_> = TermStats::of(&docs).weights(&docs).into_iter().collect();
    let mut with: Vec<_> = weights
        .into_iter()
        .filter(|(t, _)| !t.contains(' '))
        .collect();
    without.sort_by(|a, b| a.0.cmp(&b.0));
    with.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(with, without);
}

/// Both indexes hold the phrases alike: the abbreviation finds the phrase and the phrase the
/// abbreviation, the negated phrase is apart, and the phrase's words still find it one by
/// one; the files a browser fetches for a query are enough to answer it.
#[test]
fn phrases_are_one_term_alike_in_both_engines_and_keep_their_negation() {
    use crate::static_index::{self, StaticIndex};
    let (docs, synonyms) = lung_cancer();
    let stats = Arc::new(TermStats::with_phrases(&docs, synonyms.phrases()));
    let weights = stats.weights(&docs);
    let engine = Engine::build_with(&docs, Vec::new(), None, &stats)
        .unwrap()
        .with_synonyms(synonyms.clone(), None)
        .unwrap();
    assert_eq!(tantivy_weights(&engine, &docs).unwrap(), weights);
    let files = static_index::encode(&docs, &[], &weights, &synonyms);
    let index = StaticIndex::decode(&files.meta, |name| files.files.get(name).cloned()).unwrap();
    for (query, expected) in [
        ("NSCLC", &[0, 2][..]),
        ("ikke-småcellet lungekræft", &[0, 2]),
        ("ikke smaacellet lungekraeft", &[0, 2]),
        ("småcellet lungekræft", &[1, 3, 4]),
        ("sclc", &[1, 3, 4]),
        ("sclc behandles", &[3]),
        ("småcellet", &[0, 1, 4]),
    ] {
        let ours: Vec<u32> = engine
            .search(query, None, 10)
            .unwrap()
            .iter()
            .map(|h| h.id)
            .collect();
        let theirs: Vec<u32> = index.query(query, None, 10).iter().map(|h| h.0).collect();
        assert_eq!(ours, theirs, "{query}");
        let mut sorted = ours.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected, "{query}");
        // The files a browser fetches are enough.
        let needed = index.files_for_query(query, None, 10);
        let partial = StaticIndex::decode(&files.meta, |name| {
            let bytes = files.files.get(name)?;
            let inner = name.rsplit('/').next().unwrap_or(name);
            Some(match inner.chars().next() {
                Some('c') if !needed.contains(name) => br#"{"terms":[]}"#.to_vec(),
                _ => bytes.clone(),
            })
        })
        .unwrap();
        assert_eq!(partial.query(query, None, 10), index.query(query, None, 10));
    }
    // Every lung cancer unit has the word in its guideline's title.
    assert_eq!(engine.search("lungekræft", None, 10).unwrap().len(), 6);
}

#[test]
fn texts_handed_apart_are_indexed_and_stored_as_the_docs_own() {
    let docs = docs();
    let stats = Arc::new(TermStats::of(&docs));
    let texts: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    // The docs hold only the start of their texts, as a build leaves them.
    let cut: Vec<IndexDoc> = docs
        .iter()
        .map(|d| IndexDoc {
            text: d.text.chars().take(20).collect(),
            ..d.clone()
        })
        .collect();
    let place = IndexPlace::default();
    let apart = Engine::update_with_texts(&cut, texts, Vec::new(), place, &stats)
        .unwrap()
        .0;
    let whole = Engine::build_with(&docs, Vec::new(), None, &stats).unwrap();
    assert_eq!(
        tantivy_weights(&apart, &docs).unwrap(),
        tantivy_weights(&whole, &docs).unwrap()
    );
    let hits = apart.search("kemoterapi opfølgning", None, 20).unwrap();
    assert!(!hits.is_empty());
    assert_eq!(
        serde_json::to_string(&hits).unwrap(),
        serde_json::to_string(&whole.search("kemoterapi opfølgning", None, 20).unwrap()).unwrap(),
        "the same hits, with the full texts and their snippets"
    );

    let too_few = vec![String::new(); docs.len() - 1];
    let place = IndexPlace::default();
    assert!(Engine::update_with_texts(&cut, too_few, Vec::new(), place, &stats).is_err());
}

#[test]
fn the_static_index_from_weights_term_by_term_is_the_one_from_all_weights() {
    let docs = docs();
    let stats = TermStats::of(&docs);
    let weights = stats.weights(&docs);
    let weighted = stats.weighted_terms(&docs);
    let terms: Vec<&str> = weighted.terms().collect();
    assert_eq!(
        terms,
        weights.keys().map(String::as_str).collect::<Vec<_>>()
    );
    let held = crate::static_index::encode(&docs, &[], &weights, &Synonyms::default());
    let mut files = BTreeMap::new();
    let encoded =
        crate::static_index::encode_into(&docs, &[], weighted, &Synonyms::default(), |n, b| {
            files.insert(n.to_owned(), b.to_vec());
            Ok::<(), ()>(())
        })
        .unwrap();
    assert_eq!(encoded.meta, held.meta);
    files.insert(encoded.meta, encoded.meta_bytes);
    assert_eq!(files, held.files);
}
