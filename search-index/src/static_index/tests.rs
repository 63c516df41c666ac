use std::collections::BTreeSet;

use super::*;
use crate::{DocKind, MAX_PREFIX_TERMS};

fn doc(group: &str, title: &str, text: &str) -> IndexDoc {
    IndexDoc {
        url: format!("/{group}/x/#{title}"),
        guideline: "G".into(),
        guideline_url: format!("/{group}/x/"),
        group: group.into(),
        kind: DocKind::Recommendation,
        title: title.into(),
        strength: Some("A".into()),
        strength_class: Some("strength-a".into()),
        text: text.into(),
        keywords: Vec::new(),
    }
}

fn group(code: &str, first: u32, end: u32) -> GroupRange {
    GroupRange {
        code: code.into(),
        name: code.to_uppercase(),
        first,
        end,
    }
}

fn decode(files: &StaticFiles) -> StaticIndex {
    StaticIndex::decode(&files.meta, |name| files.files.get(name).cloned()).unwrap()
}

fn meta(files: &StaticFiles) -> Meta {
    serde_json::from_slice(&files.files[&files.meta]).unwrap()
}

fn chunk(files: &StaticFiles, meta: &Meta, k: usize) -> Chunk {
    serde_json::from_slice(&files.files[&meta.chunk_file(k)]).unwrap()
}

type Weights = BTreeMap<String, Vec<(u32, f32)>>;

/// `n` docs, each in group "a", with `terms` terms: term i is in docs i % n and (i + 3) % n.
fn many_terms(n: u32, terms: &[String]) -> (Vec<IndexDoc>, Weights) {
    let docs = (0..n).map(|i| doc("a", &i.to_string(), "tekst")).collect();
    let weights = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (a, b) = (i as u32 % n, (i as u32 + 3) % n);
            let mut postings = vec![(a, 1.0 + i as f32), (b, 0.25)];
            postings.sort_by_key(|p| p.0);
            postings.dedup_by_key(|p| p.0);
            (t.clone(), postings)
        })
        .collect();
    (docs, weights)
}

/// Terms with shared prefixes, so chunk bounds must be cut inside words.
fn words() -> Vec<String> {
    let heads = [
        "behandl",
        "kemo",
        "kemoterapi",
        "lymf",
        "lymfom",
        "straale",
        "ø",
        "æble",
    ];
    let mut out = Vec::new();
    for head in heads {
        for i in 0..60 {
            out.push(format!("{head}{i:03}"));
        }
        out.push(head.to_owned());
    }
    out
}

#[test]
fn encode_then_decode_gives_back_postings_fragments_and_groups() {
    let docs: Vec<IndexDoc> = (0..40)
        .map(|i| doc(if i < 10 { "a" } else { "b" }, &i.to_string(), "kemoterapi"))
        .chain([doc("b", "long", &"ord ".repeat(200))])
        .collect();
    let groups = vec![group("a", 0, 10), group("b", 10, 41)];
    let mut weights = BTreeMap::new();
    weights.insert(
        "kemoterapi".to_owned(),
        vec![(2, 1.2345), (7, 0.5), (40, 2.0)],
    );
    weights.insert("ord".to_owned(), vec![(40, 0.0001)]);
    let files = encode(&docs, &groups, &weights, &Synonyms::default());
    let m = meta(&files);
    assert_eq!(m.version, VERSION);
    assert_eq!(m.chunks, vec![String::new()]);
    assert_eq!(
        m.fragment_docs,
        fragment_cuts::sizes(&fragment_cuts::cut(&docs))
    );
    assert_eq!(m.fragment_docs.iter().sum::<u32>(), docs.len() as u32);
    // On disk, doc ids are deltas: 2, then 7 - 2, then 40 - 7.
    assert_eq!(
        chunk(&files, &m, 0).terms[0].1,
        vec![2, 1235, 5, 500, 33, 2000]
    );
    let index = decode(&files);
    assert_eq!(index.meta.groups, groups);
    assert_eq!(
        index.postings("kemoterapi"),
        Some(&[2, 1235, 7, 500, 40, 2000][..])
    );
    // A weight never rounds to zero, so a posting never disappears.
    assert_eq!(index.postings("ord"), Some(&[40, 1][..]));
    assert_eq!(index.doc(0), Some(&docs[0]));
    assert_eq!(index.doc(39), Some(&docs[39]));
    let long = index.doc(40).unwrap();
    assert_eq!(long.text.chars().count(), FRAGMENT_TEXT_CHARS + 1);
    assert!(long.text.ends_with('…'));
    // 41 docs in fragments of 32: two fragment files, one chunk, one typo file, the meta file.
    let names: Vec<&str> = files.files.keys().map(String::as_str).collect();
    let mut want = vec![
        m.chunk_file(0),
        m.fragment_file(0),
        m.fragment_file(1),
        m.typo_file(0),
        META.to_owned(),
    ];
    want.sort();
    assert_eq!(names, want);
    assert_eq!(files.meta, "meta.json");
}

#[test]
fn an_empty_index_has_one_empty_chunk() {
    let files = encode(&[], &[], &BTreeMap::new(), &Synonyms::default());
    let index = decode(&files);
    assert_eq!(index.meta.chunks, vec![String::new()]);
    assert_eq!(index.chunks_for_word("kemo"), vec![0]);
    assert!(index.query("kemo", None, 10).is_empty());
    // The meta file, the empty chunk and an empty typo file.
    assert_eq!(files.files.len(), 3);
}

#[test]
fn every_term_is_in_exactly_the_chunk_its_bound_points_to_and_bounds_are_shortest() {
    let terms = words();
    let (docs, weights) = many_terms(50, &terms);
    let files = encode_with(&docs, &[], &weights, &Synonyms::default(), 300);
    let m = meta(&files);
    assert!(m.chunks.len() > 20, "{} chunks", m.chunks.len());
    let chunks: Vec<Chunk> = (0..m.chunks.len()).map(|k| chunk(&files, &m, k)).collect();
    for k in 1..chunks.len() {
        let bound = &m.chunks[k];
        let first = &chunks[k].terms[0].0;
        let last = &chunks[k - 1].terms.last().unwrap().0;
        assert!(
            first.starts_with(bound.as_str()) && bound > last,
            "{k}: {bound}"
        );
        // One character less would not be greater than the previous chunk's last term.
        let mut shorter = bound.clone();
        shorter.pop();
        assert!(shorter <= *last, "{k}: {bound} is not the shortest");
    }
    for term in &terms {
        let k = m.chunks.iter().rposition(|b| b <= term).unwrap();
        let holders: Vec<usize> = (0..chunks.len())
            .filter(|&j| chunks[j].terms.iter().any(|(t, _)| t == term))
            .collect();
        assert_eq!(holders, vec![k], "{term}");
    }
    // The round trip gives every term's postings back, deltas decoded.
    let index = decode(&files);
    assert_eq!(index.terms().count(), terms.len());
    for (term, postings) in &weights {
        let flat: Vec<u32> = postings
            .iter()
            .flat_map(|&(d, w)| [d, ((w * 1000.0).round() as u32).max(1)])
            .collect();
        assert_eq!(index.postings(term), Some(&flat[..]), "{term}");
    }
}

#[test]
fn each_file_is_named_by_its_own_bytes_and_the_meta_file_stably() {
    let terms = words();
    let (docs, weights) = many_terms(70, &terms);
    let files = encode_with(&docs, &[], &weights, &Synonyms::default(), 500);
    let m = meta(&files);
    assert_eq!(files.meta, META);
    for (name, bytes) in files.files.iter().filter(|(n, _)| **n != files.meta) {
        let hash = blake3::hash(bytes).to_hex();
        let (kind, rest) = name.split_once('.').unwrap();
        assert!(["c", "f", "t"].contains(&kind), "{name}");
        assert_eq!(rest, format!("{}.json", &hash.as_str()[..10]));
    }
    assert_eq!(
        files.files.len(),
        1 + m.chunks.len() + m.fragment_count() + m.typo_files.len(),
        "the meta file, the chunks, the fragments and the typo files"
    );
    // A change in one doc's title renames its fragment file only: every chunk and typo file,
    // and every other fragment, keeps its name and bytes.
    let mut other_docs = docs.clone();
    other_docs[40].title = "ny".into();
    let other = encode_with(&other_docs, &[], &weights, &Synonyms::default(), 500);
    let changed: Vec<&String> = other
        .files
        .iter()
        .filter(|(name, bytes)| files.files.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(changed, vec![&meta(&other).fragment_file(1), &other.meta]);
    assert_eq!(other.files.len(), files.files.len());
    // A new term changes the chunk it goes in (and may move later chunks' cuts), not the
    // chunks before it nor the fragments.
    let mut other_weights = weights.clone();
    other_weights.insert("zebra".into(), vec![(1, 1.0)]);
    let other = encode_with(&docs, &[], &other_weights, &Synonyms::default(), 500);
    let o = meta(&other);
    assert_eq!(o.fragment_files, m.fragment_files);
    assert_ne!(o.chunk_files, m.chunk_files);
    assert_eq!(o.chunk_files.get(0), m.chunk_files.get(0));
    // And the same input gives the same bytes.
    assert_eq!(
        encode_with(&docs, &[], &weights, &Synonyms::default(), 500).files,
        files.files
    );
}

#[test]
fn a_word_fetches_chunks_two_at_a_time_until_they_hold_50_longer_terms() {
    // "kemo" has 60 longer terms (kemo000…kemo059) and "kemoterapi" with its own 60 after them;
    // about 5 terms a chunk.
    let terms = words();
    let (docs, weights) = many_terms(50, &terms);
    let files = encode_with(&docs, &[], &weights, &Synonyms::default(), 150);
    let index = decode(&files);
    let bounds = &index.meta.chunks;
    let longer_in = |word: &str, chunks: &[usize]| -> usize {
        let m = &index.meta;
        chunks
            .iter()
            .flat_map(|&k| chunk(&files, m, k).terms)
            .filter(|(t, _)| t.starts_with(word) && t != word)
            .count()
    };
    for word in ["kemo", "lymf", "behandl", "ø"] {
        let fetched = index.chunks_for_word(word);
        let k0 = bounds.iter().rposition(|b| b.as_str() <= word).unwrap();
        let want: Vec<usize> = (k0..k0 + fetched.len()).collect();
        assert_eq!(
            fetched, want,
            "{word}: consecutive from the chunk the word is in"
        );
        assert_eq!(fetched.len() % 2, 0, "{word}: two at a time");
        assert!(longer_in(word, &fetched) >= MAX_PREFIX_TERMS, "{word}");
        assert!(
            longer_in(word, &fetched[..fetched.len() - 2]) < MAX_PREFIX_TERMS,
            "{word}: one pair fewer would not do"
        );
        // Later chunks still hold longer terms, but they cannot change the result.
        let all = bounds.len();
        assert!(longer_in(word, &(k0..all).collect::<Vec<_>>()) > longer_in(word, &fetched));
    }
    // A word with few longer terms: every chunk up to the first bound past word + "\u{ffff}".
    let fetched = index.chunks_for_word("kemoterapi05");
    let high = "kemoterapi05\u{ffff}";
    let last = *fetched.last().unwrap();
    assert!(bounds[fetched[0]].as_str() <= "kemoterapi05");
    assert!(bounds.get(last + 1).is_none_or(|b| b.as_str() > high));
    assert!(fetched.iter().all(|&k| bounds[k].as_str() <= high));
    // A word past every term: the last chunk only.
    assert_eq!(index.chunks_for_word("ÿÿ"), vec![bounds.len() - 1]);
}

#[test]
fn the_files_for_a_query_are_the_meta_file_the_needed_chunks_and_the_top_fragments() {
    let terms = words();
    let (docs, weights) = many_terms(100, &terms);
    let groups = vec![group("a", 0, 100)];
    let files = encode_with(&docs, &groups, &weights, &Synonyms::default(), 150);
    let index = decode(&files);
    let m = &index.meta;
    let got = index.files_for_query("kemo lymfom", None, 10);
    let mut want = BTreeSet::from([files.meta.clone()]);
    for word in ["kemo", "lymfom"] {
        want.extend(
            index
                .chunks_for_word(word)
                .into_iter()
                .map(|k| m.chunk_file(k)),
        );
    }
    let hits = index.query("kemo lymfom", None, 10);
    assert!(!hits.is_empty());
    want.extend(
        hits.iter()
            .filter_map(|&(d, _)| m.fragment_of(d as usize))
            .map(|(k, _)| m.fragment_file(k)),
    );
    assert_eq!(got, want);
    assert!(got.iter().all(|name| files.files.contains_key(name)));
    // The chunks fetched are enough: with every other chunk empty, the result is the same.
    for query in ["kemo lymfom", "kemo", "ø", "lymfom005 behandl"] {
        let got = index.files_for_query(query, None, 10);
        let partial = StaticIndex::decode(&files.meta, |name| {
            let unfetched = name.starts_with("c.") && !got.contains(name);
            let empty = br#"{"terms":[]}"#.to_vec();
            files
                .files
                .get(name)
                .map(|bytes| if unfetched { empty } else { bytes.clone() })
        })
        .unwrap();
        assert_eq!(
            partial.query(query, None, 10),
            index.query(query, None, 10),
            "{query}"
        );
        assert!(partial.terms().count() < index.terms().count(), "{query}");
    }
    // No word, or an unknown group: only the meta file.
    assert_eq!(
        index.files_for_query("og", None, 10),
        BTreeSet::from([files.meta.clone()])
    );
    assert_eq!(
        index.files_for_query("kemo", Some("nope"), 10),
        BTreeSet::from([files.meta.clone()])
    );
}

#[test]
fn long_postings_keep_the_best_weights_in_doc_order() {
    let postings: Vec<(u32, f32)> = (0..(MAX_POSTINGS as u32 + 10))
        .map(|d| (d, d as f32))
        .collect();
    let flat = flatten(&postings);
    assert_eq!(flat.len(), MAX_POSTINGS * 2);
    assert_eq!(flat[0], 10, "the ten lowest weights are dropped");
    assert!(
        flat.chunks_exact(2)
            .zip(flat.chunks_exact(2).skip(1))
            .all(|(a, b)| a[0] < b[0])
    );
}

/// With many equal weights the docs kept are those a full sort by weight (ties by doc id)
/// keeps: what `flatten` did before it selected instead of sorting.
#[test]
fn long_postings_keep_what_a_full_sort_keeps() {
    let mut rng = fastrand::Rng::with_seed(7);
    for len in [
        MAX_POSTINGS - 1,
        MAX_POSTINGS,
        MAX_POSTINGS + 1,
        3 * MAX_POSTINGS,
    ] {
        let postings: Vec<(u32, f32)> = (0..len as u32)
            .map(|d| (d * 3, rng.u32(..7) as f32 * 0.5))
            .collect();
        let mut sorted: Vec<(u32, u32)> = postings
            .iter()
            .map(|&(doc, w)| (doc, ((w * 1000.0).round() as u32).max(1)))
            .collect();
        sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        sorted.truncate(MAX_POSTINGS);
        sorted.sort_by_key(|&(doc, _)| doc);
        let expected: Vec<u32> = sorted.into_iter().flat_map(|(d, w)| [d, w]).collect();
        assert_eq!(flatten(&postings), expected, "{len} postings");
    }
}

#[test]
fn bad_files_are_errors_not_panics() {
    let (docs, weights) = many_terms(10, &words());
    let files = encode_with(&docs, &[], &weights, &Synonyms::default(), 300);
    let m = meta(&files);
    let with = |name: &str, bytes: &[u8]| {
        let mut changed = files.files.clone();
        changed.insert(name.to_owned(), bytes.to_vec());
        StaticIndex::decode(&files.meta, move |n| changed.get(n).cloned())
    };
    // A term in the wrong chunk, an overflowing delta, an odd postings list.
    assert!(with(&m.chunk_file(0), br#"{"terms":[["zzz",[1,1]]]}"#).is_err());
    assert!(with(&m.chunk_file(0), br#"{"terms":[["a",[4294967295,1,1,1]]]}"#).is_err());
    assert!(with(&m.chunk_file(0), br#"{"terms":[["a",[1]]]}"#).is_err());
    let mut v1 = m.clone();
    v1.version = 1;
    let bytes = serde_json::to_vec(&v1).unwrap();
    assert!(matches!(
        StaticIndex::decode("m", |_| Some(bytes.clone())),
        Err(DecodeError::Version(1))
    ));
}

#[test]
fn files_are_put_once_each_with_the_bytes_encode_holds() {
    // 400 docs and small chunks: more than ten chunks and fragment files.
    let terms = words();
    let (docs, weights) = many_terms(400, &terms);
    let held = encode_with(&docs, &[], &weights, &Synonyms::default(), 150);
    let mut put: Vec<(String, Vec<u8>)> = Vec::new();
    let terms: Vec<&str> = weights.keys().map(String::as_str).collect();
    let out = Files::new(
        |n: &str, file| {
            let IndexFile::New(b) = file else {
                return Err(());
            };
            put.push((n.to_owned(), b.to_vec()));
            Ok::<(), ()>(())
        },
        None,
    );
    let terms = (terms.as_slice(), weights.iter());
    let streamed = encode_streaming(&docs, &[], terms, &Synonyms::default(), 150, out)
        .map(|(encoded, _)| encoded)
        .unwrap();
    let m = meta(&held);
    assert!(m.chunks.len() > 10 && m.fragment_count() > 10, "{m:?}");
    assert_eq!(streamed.meta, held.meta);
    assert_eq!(streamed.meta_bytes, held.files[&held.meta]);
    let names: BTreeSet<&String> = put.iter().map(|(name, _)| name).collect();
    assert_eq!(names.len(), put.len(), "a name put twice");
    let held_files: Vec<(String, Vec<u8>)> = held
        .files
        .iter()
        .filter(|(name, _)| **name != held.meta)
        .map(|(name, bytes)| (name.clone(), bytes.clone()))
        .collect();
    put.sort();
    assert_eq!(put, held_files);
}

#[test]
fn an_error_of_put_stops_the_encoding_and_is_returned() {
    let terms = words();
    let (docs, weights) = many_terms(70, &terms);
    let mut calls = 0;
    let terms: Vec<&str> = weights.keys().map(String::as_str).collect();
    let out = Files::new(
        |name: &str, _| {
            calls += 1;
            Err(format!("disk full at {name}"))
        },
        None,
    );
    let terms = (terms.as_slice(), weights.iter());
    let result = encode_streaming(&docs, &[], terms, &Synonyms::default(), CHUNK_BYTES, out);
    let first = format!(
        "disk full at c.{}.json",
        content_hash(&encode_chunks(weights.iter(), CHUNK_BYTES)[0].bytes)
    );
    assert_eq!(result.unwrap_err(), first);
    assert_eq!(calls, 1);
}

/// A text that cannot be read stops the encoding with its error, before any fragment file
/// that would show it is put.
#[test]
fn an_error_reading_an_unread_text_stops_the_encoding_and_is_returned() {
    let terms = words();
    let (docs, weights) = many_terms(70, &terms);
    let mut fragments_put = 0;
    let is_unread = |id: usize| id == 40;
    let read = |ids: &[usize]| Err(format!("texts of {ids:?} damaged"));
    let out = Files::new(
        |name: &str, _| {
            fragments_put += usize::from(name.starts_with("f."));
            Ok(())
        },
        Some(TextsToRead {
            is_unread: &is_unread,
            read: &read,
        }),
    );
    let names: Vec<&str> = weights.keys().map(String::as_str).collect();
    let terms = (names.as_slice(), weights.iter());
    let result = encode_streaming(&docs, &[], terms, &Synonyms::default(), CHUNK_BYTES, out);
    assert_eq!(result.unwrap_err(), "texts of [40] damaged");
    assert_eq!(fragments_put, 0);
}

#[test]
fn docs_with_their_texts_cut_as_fragments_show_them_encode_the_same() {
    let long = "ord ".repeat(200);
    let exactly = "x".repeat(FRAGMENT_TEXT_CHARS);
    let one_more = format!("{exactly}…");
    let texts = [
        long.as_str(),
        "kort tekst",
        &exactly,
        &one_more,
        "æøå ".repeat(90).as_str(),
    ]
    .map(str::to_owned);
    for text in &texts {
        let shown = fragment_text(text);
        assert_eq!(fragment_text(&shown), shown, "cut twice is cut once");
        assert!(shown.chars().count() <= FRAGMENT_TEXT_CHARS + 1);
    }
    assert_eq!(fragment_text(&exactly), exactly);
    assert_eq!(
        fragment_text(&long).chars().count(),
        FRAGMENT_TEXT_CHARS + 1
    );
    let full: Vec<IndexDoc> = texts.iter().map(|t| doc("a", "t", t)).collect();
    let cut: Vec<IndexDoc> = full
        .iter()
        .map(|d| IndexDoc {
            text: fragment_text(&d.text).into_owned(),
            ..d.clone()
        })
        .collect();
    let weights: Weights = [("ord".to_owned(), vec![(0, 1.0)])].into();
    let synonyms = Synonyms::default();
    assert_eq!(
        encode(&cut, &[], &weights, &synonyms).files,
        encode(&full, &[], &weights, &synonyms).files
    );
}

/// Each doc is found in the fragment file, and at the place, the meta file's sizes give;
/// sizes that do not add up to the docs are refused.
#[test]
fn a_doc_is_where_the_fragment_sizes_put_it() {
    let terms: Vec<String> = (0..50).map(|i| format!("ord{i}")).collect();
    let (docs, weights) = many_terms(300, &terms);
    let files = encode(&docs, &[group("a", 0, 300)], &weights, &Synonyms::default());
    let m = meta(&files);
    assert!(m.fragment_count() > 5, "{:?}", m.fragment_docs);
    for (id, doc) in docs.iter().enumerate() {
        let (k, at) = m.fragment_of(id).unwrap();
        let file: FragmentFile = serde_json::from_slice(&files.files[&m.fragment_file(k)]).unwrap();
        assert_eq!(file.docs[at].url, doc.url, "doc {id}");
    }
    assert_eq!(m.fragment_of(docs.len()), None);
    let sizes = m.fragment_docs.clone();
    let (last, rest) = sizes.split_last().unwrap();
    for wrong in [
        [rest, &[last + 1]].concat(),
        [rest, &[last - 1]].concat(),
        [&[0], sizes.as_slice()].concat(),
    ] {
        let mut bad = m.clone();
        bad.fragment_docs = wrong;
        let mut changed = files.files.clone();
        changed.insert(files.meta.clone(), serde_json::to_vec(&bad).unwrap());
        let decoded = StaticIndex::decode(&files.meta, |n| changed.get(n).cloned());
        assert!(decoded.is_err(), "{:?}", bad.fragment_docs);
    }
}
