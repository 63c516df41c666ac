//! An edit of one doc rewrites only the files of what it changes: the weights of the terms
//! it does not touch stay as they were (BM25's statistics on a grid), and so do the chunks
//! that hold none of the terms it touches (chunks cut by their terms).

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::{DocKind, TermStats, grid_stats};

/// `count` docs of 50 to 110 words each from a vocabulary of 3,000 made-up words, the
/// first ones much more frequent, as in real text.
fn corpus(count: usize) -> Vec<IndexDoc> {
    let mut rng = fastrand::Rng::with_seed(11);
    let mut next = move || rng.f64();
    let mut word = move || {
        let rank = (next().powi(3) * 3000.0) as usize;
        format!("ord{}", letters(rank))
    };
    (0..count)
        .map(|i| {
            let length = 50 + i * 7 % 61;
            let text: Vec<String> = (0..length).map(|_| word()).collect();
            IndexDoc {
                url: format!("/g/x/#{i}"),
                guideline: "Retningslinje".into(),
                guideline_url: "/g/x/".into(),
                group: "g".into(),
                kind: if i % 4 == 0 {
                    DocKind::Recommendation
                } else {
                    DocKind::Section
                },
                title: format!("{} {}", word(), word()),
                strength: None,
                strength_class: None,
                text: text.join(" "),
                keywords: Vec::new(),
            }
        })
        .collect()
}

/// `n` as letters (`a`, `b`, … `ba`, …): words without digits, which the stemmer keeps
/// apart.
pub(super) fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 20) as u8);
        n /= 20;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

type Weights = BTreeMap<String, Vec<(u32, f32)>>;

fn weights(docs: &[IndexDoc]) -> Weights {
    TermStats::of(docs).weights(docs)
}

/// The grid's doc count and text field average, which an edit must not move for the
/// tests' claims to hold.
fn grid_point(docs: &[IndexDoc]) -> (u64, f32) {
    let tokens: u64 = docs
        .iter()
        .map(|d| crate::analyzer::analyze(&d.text).len() as u64)
        .sum();
    let n = docs.len() as u64;
    (grid_stats::docs(n), grid_stats::average(tokens, n))
}

/// One sentence of existing words appended to doc `edited`: common ones and two rare ones
/// it did not have, which add it to their postings (which then grow, and their chunks).
fn edited(docs: &[IndexDoc], edited: usize) -> Vec<IndexDoc> {
    let mut docs = docs.to_vec();
    docs[edited]
        .text
        .push_str(". Orda ordb ordc orddpa ordgfa.");
    docs
}

#[test]
fn an_edit_that_crosses_no_grid_step_leaves_the_weights_of_other_docs_as_they_were() {
    let before_docs = corpus(400);
    let after_docs = edited(&before_docs, 123);
    assert_eq!(grid_point(&before_docs), grid_point(&after_docs));
    let (before, after) = (weights(&before_docs), weights(&after_docs));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the edit adds no word"
    );
    let mut touched = 0;
    for (term, old) in &before {
        let new = &after[term];
        let docs_of = |p: &[(u32, f32)]| p.iter().map(|p| p.0).collect::<Vec<_>>();
        if docs_of(old) != docs_of(new) {
            // A term the edit adds to the doc: its document frequency, so all its weights,
            // moved.
            touched += 1;
            continue;
        }
        // Every other doc keeps its weight; the edited doc's may move (its text is longer).
        let others = |p: &[(u32, f32)]| p.iter().filter(|p| p.0 != 123).copied().collect();
        let (old_others, new_others): (Vec<_>, Vec<_>) = (others(old), others(new));
        assert!(
            old_others == new_others,
            "{term}: other docs' weights moved"
        );
    }
    assert!(
        (2..=5).contains(&touched),
        "{touched} terms changed doc frequency"
    );
    // Without the grid, every term's weights would have moved: the text field's average.
    let plain = |docs: &[IndexDoc]| {
        let tokens: usize = docs
            .iter()
            .map(|d| crate::analyzer::analyze(&d.text).len())
            .sum();
        tokens as f32 / docs.len() as f32
    };
    assert_ne!(plain(&before_docs), plain(&after_docs));
}

#[test]
fn an_edit_rewrites_only_the_chunks_of_the_terms_it_changes() {
    let before_docs = corpus(400);
    let after_docs = edited(&before_docs, 123);
    let (before_weights, after_weights) = (weights(&before_docs), weights(&after_docs));
    let synonyms = Synonyms::default();
    let before = encode_with(&before_docs, &[], &before_weights, &synonyms, 600);
    let after = encode_with(&after_docs, &[], &after_weights, &synonyms, 600);
    let (old_meta, new_meta) = (meta(&before), meta(&after));
    assert!(
        new_meta.chunks.len() > 100,
        "{} chunks",
        new_meta.chunks.len()
    );
    // The terms whose postings, as stored, changed.
    let (old_index, new_index) = (decode(&before), decode(&after));
    let changed: BTreeSet<&str> = new_index
        .terms()
        .filter(|t| old_index.postings(t) != new_index.postings(t))
        .collect();
    assert!(!changed.is_empty());
    // The chunks holding one: exactly the chunk files that are new.
    let expected: BTreeSet<String> = (0..new_meta.chunks.len())
        .filter(|&k| {
            let chunk: Chunk = serde_json::from_slice(&after.files[&new_meta.chunk_file(k)])
                .unwrap_or(Chunk { terms: Vec::new() });
            chunk
                .terms
                .iter()
                .any(|(t, _)| changed.contains(t.as_str()))
        })
        .map(|k| new_meta.chunk_file(k))
        .collect();
    let new_files: BTreeSet<String> = after
        .files
        .iter()
        .filter(|(name, bytes)| before.files.get(*name) != Some(bytes))
        .map(|(name, _)| name.clone())
        .collect();
    let new_chunks: BTreeSet<String> = new_files
        .iter()
        .filter(|n| n.starts_with("c."))
        .cloned()
        .collect();
    assert_eq!(new_chunks, expected);
    assert!(
        new_chunks.len() * 4 < new_meta.chunks.len(),
        "{} of {} chunks",
        new_chunks.len(),
        new_meta.chunks.len()
    );
    // Besides those, the meta file only: the doc's fragment shows the text's start, and the
    // vocabulary, so the typo files, is the same.
    let others: Vec<&String> = new_files.difference(&new_chunks).collect();
    assert_eq!(others, [&after.meta]);
    assert_eq!(new_meta.typo_files, old_meta.typo_files);
    assert_eq!(new_meta.fragment_files, old_meta.fragment_files);
}

/// A chunk that grows by a term, or loses one, leaves the next chunks' bounds as they were:
/// cuts are usually found again at once (a bound or none lost), now and then after a few
/// chunks (the cut after a shorter chunk can fall on another term, and so can the next),
/// never far on.
#[test]
fn chunk_bounds_resynchronise_after_a_chunk_grows_or_shrinks() {
    let docs = corpus(400);
    let weights = weights(&docs);
    let synonyms = Synonyms::default();
    let bounds = |weights: &Weights| meta(&encode_with(&docs, &[], weights, &synonyms, 600)).chunks;
    let old = bounds(&weights);
    // Per edit, how many of the old bounds are gone.
    let mut lost = Vec::new();
    for (k, term) in weights.keys().enumerate().step_by(97) {
        let mut fewer = weights.clone();
        fewer.remove(term);
        let mut more = weights.clone();
        more.insert(format!("{term}x"), vec![(0, 1.0), (9, 2.0)]);
        for new in [bounds(&fewer), bounds(&more)] {
            let kept = old.iter().filter(|b| new.contains(b)).count();
            assert!(
                kept + 10 >= old.len(),
                "{term} ({k}): {kept} of {}",
                old.len()
            );
            lost.push(old.len() - kept);
        }
    }
    let at_once = lost.iter().filter(|&&n| n <= 1).count();
    assert!(
        at_once * 4 >= lost.len() * 3,
        "bounds lost per edit: {lost:?}"
    );
}

#[test]
fn chunks_are_about_the_average_size_and_never_far_from_it() {
    let terms: Vec<String> = (0..40_000).map(|i| format!("ord{i:05}")).collect();
    let weights: Weights = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let docs = 1 + (i * 7919) % 40;
            let postings = (0..docs as u32).map(|d| (d * 3, 1.0 + d as f32)).collect();
            (t.clone(), postings)
        })
        .collect();
    let docs: Vec<IndexDoc> = (0..200)
        .map(|i| IndexDoc {
            url: format!("/a/#{i}"),
            guideline: "G".into(),
            guideline_url: "/a/".into(),
            group: "a".into(),
            kind: DocKind::Section,
            title: "t".into(),
            strength: None,
            strength_class: None,
            text: String::new(),
            keywords: Vec::new(),
        })
        .collect();
    let files = encode(&docs, &[], &weights, &Synonyms::default());
    let m = meta(&files);
    let rule = ChunkRule::around(CHUNK_BYTES);
    let sizes: Vec<usize> = (0..m.chunks.len())
        .map(|k| files.files[&m.chunk_file(k)].len())
        .collect();
    assert!(sizes.len() > 50, "{} chunks", sizes.len());
    for &size in &sizes[..sizes.len() - 1] {
        // A term is at most about 300 bytes here.
        assert!(
            (rule.min..rule.max + 400).contains(&size),
            "{size} bytes in {sizes:?}"
        );
    }
    let average = sizes.iter().sum::<usize>() / sizes.len();
    assert!(
        (CHUNK_BYTES * 9 / 10..CHUNK_BYTES * 11 / 10).contains(&average),
        "{average}"
    );
}

fn meta(files: &StaticFiles) -> Meta {
    serde_json::from_slice(&files.files[&files.meta]).unwrap_or_else(|e| panic!("meta: {e}"))
}

fn decode(files: &StaticFiles) -> StaticIndex {
    StaticIndex::decode(&files.meta, |name| files.files.get(name).cloned())
        .unwrap_or_else(|e| panic!("decode: {e}"))
}
