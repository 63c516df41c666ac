use super::*;

/// Two words have the same key exactly when they are the same word, at every length
/// around the 8 and 16 bytes a short key holds, and with æøå (two bytes each).
#[test]
fn word_keys_are_equal_only_for_equal_words() {
    let words = [
        "a",
        "b",
        "ab",
        "ba",
        "abcdefg",
        "abcdefgh",
        "abcdefgi",
        "abcdefghi",
        "bbcdefghi",
        "abcdefghijklmnop",
        "abcdefghijklmnoq",
        "abcdefghijklmnopq",
        "abcdefghijklmnopr",
        "ø",
        "øa",
        "aø",
        "strålebehandling",
        "strålebehandlingen",
        "strålebehandlinger",
    ];
    for a in words {
        for b in words {
            assert_eq!(WordKey::of(a) == WordKey::of(b), a == b, "{a} / {b}");
        }
        let copy = a.to_owned();
        assert!(
            WordKey::of(a) == WordKey::of(&copy),
            "{a} by its text, not its place"
        );
    }
}

/// Docs from a word list with inflections, capitals, æøå, stop words, the words of the
/// shipped list's phrases and one word too long for tantivy, `next` choosing.
fn random_docs(count: usize, next: &mut impl FnMut() -> usize) -> Vec<IndexDoc> {
    (0..count).map(|i| random_doc(i, next)).collect()
}

fn random_doc(i: usize, next: &mut impl FnMut() -> usize) -> IndexDoc {
    const WORDS: [&str; 16] = [
        "Behandling",
        "behandlingen",
        "og",
        "ikke-småcellet",
        "småcellet",
        "lungekræft",
        "Lungecancer",
        "ØSTROGEN",
        "østrogen",
        "5-FU",
        "m²",
        "tamoxifen",
        "patienter",
        "patienterne",
        "2026",
        "ny",
    ];
    let keywords = next() % 3;
    let mut words = |n: usize| -> String {
        let mut text: Vec<String> = (0..next() % n)
            .map(|_| WORDS[next() % WORDS.len()].to_owned())
            .collect();
        if next().is_multiple_of(50) {
            text.push("x".repeat(70_000));
        }
        if next().is_multiple_of(7) {
            text.push(format!("ord{}", next() % 500));
        }
        text.join(" ")
    };
    IndexDoc {
        url: format!("/g/#{i}"),
        guideline: words(4),
        guideline_url: "/g/".into(),
        group: "g".into(),
        kind: crate::DocKind::Section,
        title: words(6),
        strength: None,
        strength_class: None,
        text: words(200),
        keywords: (0..keywords).map(|_| words(3)).collect(),
    }
}

/// Everything both indexes read of the statistics: the terms, each doc's terms with their
/// counts, each doc's field lengths, which terms are phrases'.
type Snapshot = (Vec<String>, Vec<Vec<Counted>>, Vec<[u32; 4]>, Vec<bool>);

fn snapshot(stats: &TermStats) -> Snapshot {
    (
        stats.terms.clone(),
        (0..stats.doc_count())
            .map(|d| stats.doc_terms(d).collect())
            .collect(),
        stats.lengths.clone(),
        stats.is_phrase.clone(),
    )
}

/// The docs in three groups of about a third each, the rest (a few) in none.
fn thirds(docs: &[IndexDoc]) -> Vec<crate::GroupRange> {
    let third = (docs.len() / 3) as u32;
    ["a", "b", "c"]
        .iter()
        .enumerate()
        .map(|(i, code)| crate::GroupRange {
            code: (*code).to_owned(),
            name: code.to_uppercase(),
            first: i as u32 * third,
            end: (i as u32 + 1) * third,
        })
        .collect()
}

/// The files of a kept analysis, by name.
fn kept_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// After random edits (docs changed, added, removed, moved), an analysis that reuses the
/// last one's is exactly a fresh one, build after build, and only the parts of groups whose
/// docs changed are written again; one from files of another program, with other phrases,
/// truncated or with a byte changed is not read, or not used.
#[test]
fn a_reused_analysis_is_a_fresh_one() {
    let synonyms = crate::Synonyms::default_list();
    let phrases = synonyms.phrases();
    assert!(!phrases.is_empty());
    let mut rng = fastrand::Rng::with_seed(11);
    let mut next = || rng.usize(..1 << 31);
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().join("terms");
    let mut docs = random_docs(120, &mut next);
    // A count too large for 16 bits, kept exactly.
    docs[7].text = "ny ".repeat(70_000);
    TermStats::reusing(&docs, None, &thirds(&docs), phrases, "v1", None)
        .write_analysis(&dir)
        .unwrap();
    let mut rewritten = 0;
    for round in 0..12 {
        let before = docs.clone();
        for _ in 0..next() % 6 {
            let at = next() % docs.len();
            match next() % 4 {
                0 => docs[at] = random_doc(1000 + round, &mut next),
                1 => docs.insert(at, random_doc(2000 + round, &mut next)),
                2 => {
                    docs.remove(at);
                }
                _ => {
                    let moved = docs.remove(at);
                    docs.push(moved);
                }
            }
        }
        let groups = thirds(&docs);
        let kept = KeptAnalysis::read(&dir).expect("the analysis reads back");
        let files = kept_files(&dir);
        let reused = TermStats::reusing(&docs, None, &groups, phrases, "v1", Some(kept));
        let fresh = TermStats::with_phrases(&docs, phrases);
        assert!(snapshot(&reused) == snapshot(&fresh), "round {round}");
        reused.write_analysis(&dir).unwrap();
        // A group's part is written again only when its docs are not the last build's.
        let old_groups = thirds(&before);
        for (group, old) in groups.iter().zip(&old_groups) {
            let range = |g: &crate::GroupRange| g.first as usize..g.end as usize;
            let same = docs[range(group)] == before[range(old)];
            let part = |files: &[(String, Vec<u8>)]| {
                files
                    .iter()
                    .find(|(name, _)| name.ends_with(".part") && *name == part_name(&group.code))
                    .map(|(_, bytes)| bytes.clone())
            };
            let again = part(&kept_files(&dir));
            if same {
                assert_eq!(again, part(&files), "round {round}: {}", group.code);
            } else {
                rewritten += 1;
            }
        }
    }
    assert!(rewritten > 0);
    // Of another program, or other phrases: a fresh analysis all the same.
    let edited = random_docs(5, &mut next);
    for (salt, other) in [("v2", phrases), ("v1", &Phrases::default())] {
        let kept = KeptAnalysis::read(&dir);
        let stats = TermStats::reusing(&edited, None, &thirds(&edited), other, salt, kept);
        assert!(snapshot(&stats) == snapshot(&TermStats::with_phrases(&edited, other)));
    }
    // A damaged part costs its docs' analysis; a damaged dictionary, every doc's.
    let good = kept_files(&dir);
    for (name, bytes) in &good {
        for damaged in [
            bytes[..bytes.len() - 1].to_vec(),
            [&bytes[..], b"x"].concat(),
            {
                let mut b = bytes.clone();
                let at = b.len() - 3;
                b[at] ^= 1;
                b
            },
        ] {
            std::fs::write(dir.join(name), damaged).unwrap();
            let kept = KeptAnalysis::read(&dir);
            if name.ends_with(".dict") {
                assert!(kept.is_none());
                continue;
            }
            let kept = kept.expect("the dictionary reads");
            assert_eq!(kept.parts.len(), good.len() - 2, "{name}");
            let stats = TermStats::reusing(&docs, None, &thirds(&docs), phrases, "v1", Some(kept));
            assert!(snapshot(&stats) == snapshot(&TermStats::with_phrases(&docs, phrases)));
        }
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// The file name of group `code`'s part.
fn part_name(code: &str) -> String {
    let docs: Vec<IndexDoc> = Vec::new();
    let groups = [crate::GroupRange {
        code: code.to_owned(),
        name: String::new(),
        first: 0,
        end: 0,
    }];
    let stats = TermStats::reusing(&docs, None, &groups, &Phrases::default(), "", None);
    let kept = stats.kept.expect("kept");
    format!("{}.part", kept.parts[0].name)
}

/// A part of a dictionary that has since grown is still read and used; one of another
/// dictionary is not.
#[test]
fn a_part_is_read_only_against_its_own_dictionary() {
    let mut rng = fastrand::Rng::with_seed(5);
    let mut next = || rng.usize(..1 << 31);
    let phrases = Phrases::default();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let docs = random_docs(30, &mut next);
    let groups = thirds(&docs);
    let analysis =
        |docs: &[IndexDoc], kept| TermStats::reusing(docs, None, &groups, &phrases, "v1", kept);
    analysis(&docs, None).write_analysis(first.path()).unwrap();
    // A new word in the first group: the dictionary grows, only that group's part is new.
    let mut grown = docs.clone();
    grown[0].text.push_str(" antikvark");
    let stats = analysis(&grown, KeptAnalysis::read(first.path()));
    let kept = stats.kept.as_ref().expect("kept");
    let written: Vec<bool> = kept.parts.iter().map(|p| p.write).collect();
    assert_eq!(written, [true, false, false, false]);
    stats.write_analysis(first.path()).unwrap();
    let kept = KeptAnalysis::read(first.path()).expect("the dictionary reads");
    assert_eq!(kept.dict.checkpoints.len(), 2);
    assert_eq!(kept.parts.len(), 4, "the older parts are read");
    let stats = analysis(&grown, Some(kept));
    assert!(snapshot(&stats) == snapshot(&TermStats::with_phrases(&grown, &phrases)));
    let kept = stats.kept.as_ref().expect("kept");
    assert!(
        kept.parts.iter().all(|p| !p.write),
        "nothing to write again"
    );
    // Another site's dictionary under these parts: none of them is of its states.
    let mut other = docs.clone();
    other[1].text = "kvarkstjerne".to_owned();
    analysis(&other, None)
        .write_analysis(second.path())
        .unwrap();
    std::fs::copy(
        second.path().join("terms.dict"),
        first.path().join("terms.dict"),
    )
    .unwrap();
    let kept = KeptAnalysis::read(first.path()).expect("the dictionary reads");
    assert!(kept.parts.is_empty());
    let stats = analysis(&grown, Some(kept));
    assert!(snapshot(&stats) == snapshot(&TermStats::with_phrases(&grown, &phrases)));
}

/// Each doc's phrase terms and their counts are what a scan of each of its texts' words
/// finds, word by word (the definition, in `crate::phrases`), whatever joins the words:
/// spaces, hyphens, a no-break space, or a comma, which ends a phrase.
#[test]
fn phrases_are_counted_as_a_scan_of_every_word_finds_them() {
    let synonyms = crate::Synonyms::default_list();
    let phrases = synonyms.phrases();
    let mut rng = fastrand::Rng::with_seed(5);
    let mut next = || rng.usize(..1 << 31);
    let mut docs = random_docs(300, &mut next);
    for doc in &mut docs {
        let gaps = [" ", "-", "\u{a0}", ", ", " - "];
        let words: Vec<&str> = doc.text.split(' ').collect();
        let mut text = String::new();
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                text.push_str(gaps[next() % gaps.len()]);
            }
            text.push_str(word);
        }
        doc.text = text;
    }
    let stats = TermStats::with_phrases(&docs, phrases);
    let mut found_some = false;
    for (d, doc) in docs.iter().enumerate() {
        let mut expected: Vec<(String, [u32; FIELDS])> = Vec::new();
        for (field, text) in field_texts(doc) {
            let spans: Vec<_> = word_spans(text).collect();
            let words: Vec<Option<u16>> = spans
                .iter()
                .map(|s| crate::analyzer::form(&text[s.clone()]).and_then(|f| phrases.form_id(&f)))
                .collect();
            phrases.scan(&words, &crate::phrases::joined(text, &spans), |k| {
                let term = phrases.term(k).to_owned();
                match expected.iter_mut().find(|(t, _)| *t == term) {
                    Some((_, counts)) => counts[field] += 1,
                    None => {
                        let mut counts = [0; FIELDS];
                        counts[field] = 1;
                        expected.push((term, counts));
                    }
                }
            });
        }
        let counted: Vec<(String, [u32; FIELDS])> = stats
            .doc_terms(d)
            .filter(|&(id, _)| stats.is_phrase[id as usize])
            .map(|(id, counts)| (stats.term(id).to_owned(), counts))
            .collect();
        found_some |= !expected.is_empty();
        assert_eq!(counted, expected, "doc {d}: {:?}", doc.text);
    }
    assert!(found_some, "the docs hold phrases");
}
