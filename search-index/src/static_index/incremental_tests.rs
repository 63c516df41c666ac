//! A build that takes files from the last build's index ([`encode_reusing`] with its record)
//! writes exactly what a full encoding writes, after random edits of every kind: a sentence
//! added, a doc rewritten, a term new to the index or gone from it, a doc's kind or title
//! changed, a phrase added or removed, docs added or removed (ids shift), an edit that moves
//! the grid's statistics, a damaged or missing record.

use std::collections::BTreeMap;
use std::convert::Infallible;

use super::incremental::{LastBuild, Sources, encode_reusing_with};
use super::stability_tests::letters;
use super::*;
use crate::term_stats::DocKey;
use crate::{DocKind, KeptAnalysis, TermStats};

/// Small chunks, so that the docs fill a hundred or more.
const SMALL_CHUNKS: usize = 600;

fn word(rng: &mut fastrand::Rng) -> String {
    let rank = (rng.f64().powi(3) * 2000.0) as usize;
    format!("ord{}", letters(rank))
}

fn doc(i: usize, rng: &mut fastrand::Rng) -> IndexDoc {
    let length = 40 + rng.usize(..60);
    let mut text: Vec<String> = (0..length).map(|_| word(rng)).collect();
    if rng.usize(..5) == 0 {
        text.push("ikke-småcellet lungekræft".into());
    }
    IndexDoc {
        url: format!("/g/x/#{i}"),
        guideline: "Retningslinje".into(),
        guideline_url: "/g/x/".into(),
        group: "g".into(),
        kind: if rng.usize(..4) == 0 {
            DocKind::Recommendation
        } else {
            DocKind::Section
        },
        title: format!("{} {}", word(rng), word(rng)),
        strength: None,
        strength_class: None,
        text: text.join(" "),
        keywords: Vec::new(),
    }
}

/// A key that covers every field of a doc, as the build cache's do (theirs hold the
/// guideline's key and the unit's place in it, so an edit of a guideline changes all its
/// units' keys, and a doc added moves no other guideline's).
fn key(doc: &IndexDoc) -> DocKey {
    let hash = blake3::hash(format!("{doc:?}").as_bytes());
    let mut key = [0; 16];
    key.copy_from_slice(&hash.as_bytes()[..16]);
    key
}

/// A build's index: its files (those kept resolved from the last build's), and how many of
/// each kind (`c`, `f`, `t`) were made rather than kept.
struct Built {
    files: BTreeMap<String, Vec<u8>>,
    meta: Vec<u8>,
    record: Option<Vec<u8>>,
    made: BTreeMap<char, usize>,
    kept: BTreeMap<char, usize>,
    /// How many texts the encoder read of the docs whose texts it was not given.
    texts_read: usize,
}

/// Whether doc `id` comes to the encoder without its text, as a unit from the build cache
/// does (two in three).
fn unread(id: usize) -> bool {
    !id.is_multiple_of(3)
}

/// Builds `docs` as a build does: the analysis reused from `dir` and kept there, the index
/// from `last` (the last build's record and files), the texts of the [`unread`] docs left
/// out and read when asked.
fn build(docs: &[IndexDoc], dir: &std::path::Path, last: Option<(&[u8], &Built)>) -> Built {
    let synonyms = Synonyms::default_list();
    let keys = docs.iter().map(key).collect();
    let previous = KeptAnalysis::read(dir);
    let stats = TermStats::reusing(docs, Some(keys), &[], synonyms.phrases(), "v1", previous);
    stats.write_analysis(dir).unwrap();
    let record = last.and_then(|(record, _)| LastIndex::read(record));
    let read = |name: &str| last.and_then(|(_, built)| built.files.get(name).cloned());
    let mut files = BTreeMap::new();
    let (mut made, mut kept) = (BTreeMap::new(), BTreeMap::new());
    let kind = |name: &str| name.chars().next().unwrap_or('?');
    let given: Vec<IndexDoc> = (docs.iter().enumerate())
        .map(|(id, doc)| IndexDoc {
            text: if unread(id) {
                String::new()
            } else {
                doc.text.clone()
            },
            ..doc.clone()
        })
        .collect();
    let texts_read = std::cell::Cell::new(0);
    let read_texts = |ids: &[usize]| {
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ascending: {ids:?}");
        assert!(ids.iter().all(|&id| unread(id)), "only unread: {ids:?}");
        texts_read.set(texts_read.get() + ids.len());
        Ok::<_, Infallible>(ids.iter().map(|&id| docs[id].text.clone()).collect())
    };
    let sources = Sources {
        last: record.as_ref().map(|record| LastBuild {
            record,
            read: &read,
        }),
        unread: Some(TextsToRead {
            is_unread: &unread,
            read: &read_texts,
        }),
    };
    let Ok(encoded) = encode_reusing_with(
        &given,
        &[],
        &stats,
        &synonyms,
        sources,
        SMALL_CHUNKS,
        |name, file| {
            let bytes = match file {
                IndexFile::New(bytes) => {
                    *made.entry(kind(name)).or_insert(0) += 1;
                    bytes.to_vec()
                }
                IndexFile::Kept(size) => {
                    *kept.entry(kind(name)).or_insert(0) += 1;
                    let old = last.and_then(|(_, built)| built.files.get(name));
                    let old = old.unwrap_or_else(|| panic!("{name} kept, but not the last's"));
                    assert_eq!(old.len() as u64, size, "{name}");
                    old.clone()
                }
            };
            assert!(
                files.insert(name.to_owned(), bytes).is_none(),
                "{name} twice"
            );
            Ok::<(), Infallible>(())
        },
    );
    files.insert(encoded.meta.clone(), encoded.meta_bytes.clone());
    Built {
        files,
        meta: encoded.meta_bytes,
        record: encoded.record,
        made,
        kept,
        texts_read: texts_read.get(),
    }
}

/// What a full encoding of `docs` writes: every file, the meta file among them.
fn full(docs: &[IndexDoc]) -> BTreeMap<String, Vec<u8>> {
    let synonyms = Synonyms::default_list();
    let stats = TermStats::with_phrases(docs, synonyms.phrases());
    encode_with(docs, &[], &stats.weights(docs), &synonyms, SMALL_CHUNKS).files
}

/// One random edit of `docs`; its name.
fn edit(docs: &mut Vec<IndexDoc>, rng: &mut fastrand::Rng, round: usize) -> &'static str {
    let at = rng.usize(..docs.len());
    match rng.usize(..10) {
        0 | 1 => {
            let sentence: Vec<String> = (0..6).map(|_| word(rng)).collect();
            docs[at]
                .text
                .push_str(&format!(". {}.", sentence.join(" ")));
            "a sentence appended"
        }
        2 => {
            docs[at] = doc(at, rng);
            "a doc rewritten"
        }
        3 => {
            docs[at].text.push_str(&format!(" nyord{}", letters(round)));
            "a term new to the index"
        }
        4 => {
            // Its words that no other doc has go from the index.
            let text = docs[at].text.clone();
            let words: Vec<&str> = text.split(' ').collect();
            docs[at].text = words[..words.len() / 2].join(" ");
            "half a doc removed"
        }
        5 => {
            docs[at].kind = match docs[at].kind {
                DocKind::Section => DocKind::Recommendation,
                DocKind::Recommendation => DocKind::Section,
            };
            "a doc's kind changed"
        }
        6 => {
            docs[at].title = format!("{} {}", word(rng), word(rng));
            docs[at].url.push('x');
            "a doc's title and address changed"
        }
        7 => {
            let phrase = " ikke-småcellet lungekræft";
            match docs[at].text.strip_suffix(phrase) {
                Some(without) => docs[at].text = without.to_owned(),
                None => docs[at].text.push_str(phrase),
            }
            "a phrase added or removed"
        }
        8 => {
            if rng.bool() {
                docs.insert(at, doc(9000 + round, rng));
            } else {
                docs.remove(at);
            }
            "a doc added or removed"
        }
        _ => {
            let long = docs[at].text.repeat(40);
            docs[at].text = long;
            "a doc forty times as long (the grid's averages move)"
        }
    }
}

/// The same files, or which differ.
#[track_caller]
fn assert_same(built: &BTreeMap<String, Vec<u8>>, full: &BTreeMap<String, Vec<u8>>, what: &str) {
    let differ: Vec<&String> = built
        .keys()
        .chain(full.keys())
        .filter(|name| built.get(*name) != full.get(*name))
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: not a full encoding's: {differ:?}"
    );
}

#[test]
fn a_build_from_the_last_builds_files_writes_what_a_full_encoding_writes() {
    let mut rng = fastrand::Rng::with_seed(25);
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().join("terms");
    let mut docs: Vec<IndexDoc> = (0..400).map(|i| doc(i, &mut rng)).collect();
    let mut last = build(&docs, &dir, None);
    assert_same(&last.files, &full(&docs), "the first build");
    // Every unread text once, for its fragment file.
    assert_eq!(
        last.texts_read,
        (0..docs.len()).filter(|&id| unread(id)).count()
    );
    let chunks = last.files.keys().filter(|n| n.starts_with("c.")).count();
    assert!(chunks > 100, "{chunks} chunks");
    let (mut reused_rounds, mut refiled_rounds, mut shifted_rounds) = (0, 0, 0);
    for round in 0..40 {
        let last_keys: std::collections::HashSet<DocKey> = docs.iter().map(key).collect();
        let edits: Vec<&str> = (0..1 + rng.usize(..3))
            .map(|_| edit(&mut docs, &mut rng, round))
            .collect();
        // The docs the index has not seen, and the first place where ids may have moved.
        let new: Vec<usize> = (0..docs.len())
            .filter(|&id| !last_keys.contains(&key(&docs[id])))
            .collect();
        let shifted = edits.contains(&"a doc added or removed");
        let mut record = last.record.clone().expect("a record");
        match round % 13 {
            5 => {
                let middle = record.len() / 2;
                record[middle] ^= 1;
            }
            9 => record.clear(),
            _ => {}
        }
        let built = build(&docs, &dir, Some((&record, &last)));
        let expected = full(&docs);
        assert_eq!(built.files.get(META), Some(&built.meta), "round {round}");
        assert_same(
            &built.files,
            &expected,
            &format!("round {round} ({edits:?})"),
        );
        let made_chunks = built.made.get(&'c').copied().unwrap_or(0);
        let made_fragments = built.made.get(&'f').copied().unwrap_or(0);
        let all_texts = (0..docs.len()).filter(|&id| unread(id)).count();
        if shifted && built.texts_read < all_texts {
            shifted_rounds += 1;
            // Ids moved, but the fragment files are cut by their docs: only the file a doc
            // was added to or removed from is made (with the next one or two, when its cut
            // moved), and only the texts of the docs new to the index are read; the other
            // docs' entries are the last build's files'.
            assert!(
                built.texts_read <= new.iter().filter(|&&id| unread(id)).count(),
                "round {round} ({edits:?}): {} texts read",
                built.texts_read
            );
            assert!(
                made_fragments <= 3 * edits.len(),
                "round {round} ({edits:?}): {made_fragments} fragment files made"
            );
        }
        if built.kept.get(&'c').is_some_and(|&kept| kept > 0) && !shifted {
            reused_rounds += 1;
            // Only the chunks of what moved are made again (and now and then one beside
            // them), and the fragment files of the docs edited.
            let new = |kind: &str| {
                built
                    .files
                    .keys()
                    .filter(|n| n.starts_with(kind) && !last.files.contains_key(*n))
                    .count()
            };
            assert!(
                made_chunks <= 2 * new("c.") + 3,
                "round {round} ({edits:?}): {made_chunks} made, {} new",
                new("c.")
            );
            assert!(made_fragments <= edits.len());
            // Only the texts those files show are read.
            assert!(built.texts_read <= made_fragments * fragment_cuts::MAX_DOCS);
            // A typo table is filed again only where a term came or went: each one made is
            // new, and one edit touches a few of them, not all.
            let made_typos = built.made.get(&'t').copied().unwrap_or(0);
            if made_typos > 0 && built.kept.get(&'t').is_some_and(|&kept| kept > 0) {
                refiled_rounds += 1;
                assert_eq!(made_typos, new("t."), "round {round} ({edits:?})");
            }
        }
        last = built;
    }
    assert!(reused_rounds >= 10, "{reused_rounds} rounds took chunks");
    assert!(
        shifted_rounds >= 1,
        "{shifted_rounds} rounds of moved ids took files"
    );
    assert!(refiled_rounds > 0, "no round filed typos again");
}

/// `count` random docs (from `seed`), the `i`th one's text ending in `ending(i)`.
fn docs_ending(count: usize, seed: u64, ending: impl Fn(usize) -> String) -> Vec<IndexDoc> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..count)
        .map(|i| {
            let mut doc = doc(i, &mut rng);
            doc.text.push_str(&ending(i));
            doc
        })
        .collect()
}

/// An edit of one doc, and what it is.
type EditOf = fn(&mut IndexDoc);
type Edit = (&'static str, EditOf);

/// A term new to the index, or gone from it, files again only the typo tables it is filed
/// in; the others are the last build's.
#[test]
fn a_term_that_comes_or_goes_files_again_only_its_typo_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("terms");
    // Words of their own in every doc: a vocabulary of ~20,000 terms, in ~50 typo tables.
    let mut docs = docs_ending(250, 7, |i| {
        let own: Vec<String> = (0..80)
            .map(|j| format!("eget{}", letters(i * 80 + j)))
            .collect();
        format!(" {}", own.join(" "))
    });
    let mut last = build(&docs, &dir, None);
    let tables = last.files.keys().filter(|n| n.starts_with("t.")).count();
    assert!(tables > 40, "{tables} typo tables");
    // A word new to the index, gone again, and another new one.
    let edits: [Edit; 3] = [
        ("a term new to the index", |doc| {
            doc.text.push_str(" nyopfundet")
        }),
        ("a term gone from it", |doc| {
            let kept = doc.text.strip_suffix(" nyopfundet").unwrap().len();
            doc.text.truncate(kept);
        }),
        ("another term new to it", |doc| {
            doc.text.push_str(" andetfund")
        }),
    ];
    for (what, edit) in edits {
        edit(&mut docs[40]);
        let record = last.record.clone().expect("a record");
        let built = build(&docs, &dir, Some((&record, &last)));
        assert_same(&built.files, &full(&docs), what);
        let made = built.made.get(&'t').copied().unwrap_or(0);
        let kept = built.kept.get(&'t').copied().unwrap_or(0);
        // A term is filed under at most four keys per word length that reaches it.
        assert!((1..=12).contains(&made), "{what}: {made} typo tables made");
        assert_eq!(made + kept, tables, "{what}");
        last = built;
    }
}

/// A word in more docs than a term's list keeps: an edit that moves a doc's weight of it
/// leaves the list as it was, unless the doc is in it or comes into it; either way the files
/// are a full encoding's.
#[test]
fn a_long_list_stays_or_moves_as_a_full_encoding_has_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("terms");
    // Each doc has the word once, twice or three times: the 500 best are of the last two.
    let mut docs = docs_ending(800, 11, |i| " almindelig".repeat(1 + i % 3));
    let mut last = build(&docs, &dir, None);
    let edits: [(&str, usize, EditOf); 4] = [
        ("a doc out of the list grows", 0, |doc| {
            doc.text.push_str(" ordekstra ordekstra ordekstra");
        }),
        ("a doc comes into the list", 3, |doc| {
            doc.text.push_str(&" almindelig".repeat(20));
        }),
        ("a doc in the list grows", 5, |doc| {
            doc.text.push_str(" ordekstra");
        }),
        ("a doc in the list leaves it", 8, |doc| {
            doc.text.push_str(&" ordekstra".repeat(200));
        }),
    ];
    for (what, at, edit) in edits {
        edit(&mut docs[at]);
        let record = last.record.clone().expect("a record");
        let built = build(&docs, &dir, Some((&record, &last)));
        assert!(built.kept.get(&'c').is_some_and(|&kept| kept > 0), "{what}");
        assert_same(&built.files, &full(&docs), what);
        last = built;
    }
}

/// A record lists the files it may give; a corrupt one reads as none.
#[test]
fn a_record_reads_back_and_a_damaged_one_does_not() {
    let mut rng = fastrand::Rng::with_seed(3);
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<IndexDoc> = (0..100).map(|i| doc(i, &mut rng)).collect();
    let built = build(&docs, &dir.path().join("terms"), None);
    let record = built.record.expect("a record");
    let last = LastIndex::read(&record).expect("it reads back");
    assert!(last.describes(&built.meta));
    assert!(!last.describes(b"{}"));
    let listed: std::collections::BTreeSet<String> = last.files().map(|(name, _)| name).collect();
    let written: std::collections::BTreeSet<String> =
        built.files.keys().filter(|n| *n != META).cloned().collect();
    assert_eq!(listed, written);
    for at in [0, 17, record.len() / 2, record.len() - 1] {
        let mut damaged = record.clone();
        damaged[at] ^= 0x20;
        assert!(LastIndex::read(&damaged).is_none(), "byte {at}");
    }
    assert!(LastIndex::read(&record[..record.len() - 1]).is_none());
    assert!(LastIndex::read(&[record.as_slice(), b"x"].concat()).is_none());
}

/// Docs added or removed (a section, a guideline) move the ids of every doc after them: the
/// build still takes what it can (the files before them as they were, the others' postings
/// renumbered, the entries of unchanged docs copied from the last fragment files) and writes
/// exactly what a full encoding writes, reading only the texts of the docs new to the index.
#[test]
fn docs_added_or_removed_renumber_the_rest_as_a_full_encoding_does() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("terms");
    let mut rng = fastrand::Rng::with_seed(41);
    // Docs of one length, so that one more or less moves no average off its grid point
    // (as one of ~60,000 units does not): what moves is only the ids.
    let doc = |i: usize, rng: &mut fastrand::Rng| {
        let mut doc = doc(i, rng);
        let words: Vec<String> = (0..60).map(|_| word(rng)).collect();
        doc.text = words.join(" ");
        doc
    };
    let mut docs: Vec<IndexDoc> = (0..900).map(|i| doc(i, &mut rng)).collect();
    let mut last = build(&docs, &dir, None);
    type Change<'d> = (
        &'static str,
        &'d dyn Fn(&mut Vec<IndexDoc>, &mut fastrand::Rng),
    );
    let changes: [Change<'_>; 9] = [
        ("a doc added in the middle", &|docs, rng| {
            docs.insert(450, doc(5000, rng))
        }),
        ("a doc removed near the start", &|docs, _| {
            docs.remove(40);
        }),
        (
            "three docs added at the start (a section and two subsections)",
            &|docs, rng| {
                for i in 0..3 {
                    docs.insert(i, doc(5001 + i, rng));
                }
            },
        ),
        ("a doc added at the end", &|docs, rng| {
            docs.push(doc(5004, rng))
        }),
        ("the last doc removed", &|docs, _| {
            docs.pop();
        }),
        (
            "two docs removed and one rewritten beside them",
            &|docs, rng| {
                docs.drain(700..702);
                docs[700] = doc(5005, rng);
            },
        ),
        (
            "a doc added before twenty whose addresses change (a guideline's units)",
            &|docs, rng| {
                for doc in &mut docs[300..320] {
                    doc.url.push('~');
                }
                docs.insert(300, doc(5007, rng));
            },
        ),
        (
            "ten docs removed, and ten added elsewhere whose words are spread over the \
             vocabulary (most chunks hold one)",
            &|docs, rng| {
                docs.drain(100..110);
                for i in 0..10 {
                    let mut added = doc(5100 + i, rng);
                    let words: Vec<String> = (0..60)
                        .map(|j| format!("ord{}", letters((i * 60 + j) * 3)))
                        .collect();
                    added.text = words.join(" ");
                    docs.insert(450 + i, added);
                }
            },
        ),
        (
            "one added and one removed far apart (the count stays)",
            &|docs, rng| {
                docs.insert(100, doc(5006, rng));
                docs.remove(800);
            },
        ),
    ];
    for (what, change) in changes {
        let previous = docs.clone();
        let last_keys: std::collections::HashSet<DocKey> = previous.iter().map(key).collect();
        change(&mut docs, &mut rng);
        let record = last.record.clone().expect("a record");
        let built = build(&docs, &dir, Some((&record, &last)));
        assert_same(&built.files, &full(&docs), what);
        let new_unread = (0..docs.len())
            .filter(|&id| unread(id) && !last_keys.contains(&key(&docs[id])))
            .count();
        assert!(
            built.texts_read <= new_unread,
            "{what}: {} texts read, {new_unread} new",
            built.texts_read
        );
        // The fragment files are cut by their docs: only those a doc was added to or
        // removed from are made (with the next one or two, when a cut moved), although
        // every later doc's id moved.
        let now_keys: std::collections::HashSet<DocKey> = docs.iter().map(key).collect();
        let places = (docs.iter().filter(|d| !last_keys.contains(&key(d))))
            .chain(previous.iter().filter(|d| !now_keys.contains(&key(d))))
            .count();
        let first_moved = (0..docs.len().min(previous.len()))
            .find(|&id| docs[id].url != previous[id].url)
            .unwrap_or(docs.len().min(previous.len()));
        let kept = |kind| built.kept.get(&kind).copied().unwrap_or(0);
        let made_fragments = built.made.get(&'f').copied().unwrap_or(0);
        assert!(
            made_fragments <= 3 * places,
            "{what}: {made_fragments} fragment files made, {} kept, for {places} docs added or removed",
            kept('f')
        );
        // At the end, no doc's id moved: the chunks of terms the doc lacks are kept.
        if first_moved + 1 >= docs.len().min(previous.len()) {
            let made = built.made.get(&'c').copied().unwrap_or(0);
            assert!(kept('c') > made, "{what}: {} kept, {made} made", kept('c'));
        }
        last = built;
    }
}
