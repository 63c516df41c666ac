//! An index updated build after build from the last one answers every query exactly as an
//! index built from nothing; a last index that is corrupt or another program's is not used.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::{DocKind, TermStats, order_by_group};

const WORDS: [&str; 24] = [
    "kemoterapi",
    "stråling",
    "strålebehandling",
    "kirurgi",
    "tamoxifen",
    "brystkræft",
    "lungekræft",
    "opfølgning",
    "behandling",
    "behandlingen",
    "patienter",
    "anbefales",
    "recidiv",
    "metastaser",
    "kemoterapien",
    "immunterapi",
    "diagnostik",
    "scanning",
    "biopsi",
    "lymfeknuder",
    "overlevelse",
    "bivirkninger",
    "småcellet",
    "ikke",
];

/// A site: per group, its guidelines; per guideline, its units' texts.
type Site = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// A text of `words` words drawn from `WORDS` by `seed`.
fn text(seed: usize, words: usize) -> String {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
    let mut out = Vec::new();
    for _ in 0..words {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        out.push(WORDS[(state >> 33) % WORDS.len()]);
    }
    out.join(" ")
}

fn site() -> Site {
    let mut site = Site::new();
    // "dxg" is in no group of the configuration: its docs come last.
    for (g, group) in ["dbcg", "dlg", "dmcg", "dsg", "dxg"]
        .into_iter()
        .enumerate()
    {
        for n in 0..3 {
            let units = (0..4)
                .map(|u| text(g * 100 + n * 10 + u, 5 + (g + n + u) % 9))
                .collect();
            site.entry(group.to_owned())
                .or_default()
                .insert(format!("{group}-{n}"), units);
        }
    }
    site
}

fn docs_of(site: &Site) -> (Vec<IndexDoc>, Vec<GroupRange>) {
    let mut docs = Vec::new();
    for (group, guidelines) in site {
        for (name, units) in guidelines {
            for (u, text) in units.iter().enumerate() {
                docs.push(IndexDoc {
                    url: format!("/{name}/#{u}"),
                    guideline: format!("Retningslinje {name}"),
                    guideline_url: format!("/{name}/"),
                    group: group.clone(),
                    kind: if u % 3 == 1 {
                        DocKind::Recommendation
                    } else {
                        DocKind::Section
                    },
                    title: format!("Afsnit {u}"),
                    strength: (u % 3 == 1).then(|| "Stærk anbefaling for".to_owned()),
                    strength_class: (u % 3 == 1).then(|| "strength-for".to_owned()),
                    text: text.clone(),
                    keywords: Vec::new(),
                });
            }
        }
    }
    // The configuration lists the groups in another order than their names.
    let names: Vec<(String, String)> = ["dsg", "dlg", "dbcg", "dmcg", "dnew"]
        .iter()
        .map(|c| (c.to_string(), c.to_uppercase()))
        .collect();
    order_by_group(docs, &names)
}

/// Builds the index of `site` in `dir`, from the index in `last` when given.
fn build(site: &Site, synonyms: &Synonyms, dir: &Path, last: Option<&Path>) -> (Engine, Indexed) {
    build_by(site, synonyms, dir, last, "retning test")
}

fn build_by(
    site: &Site,
    synonyms: &Synonyms,
    dir: &Path,
    last: Option<&Path>,
    program: &str,
) -> (Engine, Indexed) {
    let (docs, groups) = docs_of(site);
    let stats = Arc::new(TermStats::with_phrases(&docs, synonyms.phrases()));
    let texts: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    let place = IndexPlace {
        dir: Some(dir),
        last,
        program: Some(program),
    };
    let (engine, indexed) = Engine::update_with_texts(&docs, texts, groups, place, &stats).unwrap();
    (
        engine.with_synonyms(synonyms.clone(), Some(dir)).unwrap(),
        indexed,
    )
}

const QUERIES: [(&str, Option<&str>); 8] = [
    ("kemoterapi", None),
    ("kirurgi stråling", None),
    ("behandl", None),
    ("kemoterpai", None),
    ("tamoxifen", Some("dlg")),
    ("nsclc", None),
    ("recidiv metastaser biopsi", None),
    ("overlevelse", Some("dnew")),
];

/// Every query's hits, scores as bits, and corrections.
fn answers(engine: &Engine) -> Vec<String> {
    QUERIES
        .iter()
        .map(|(query, group)| {
            let found = engine.search_corrected(query, *group, 1000).unwrap();
            let hits: Vec<String> = found
                .hits
                .iter()
                .map(|h| {
                    format!(
                        "{} {:08x} {:?} {}",
                        h.id,
                        h.score.to_bits(),
                        h.doc,
                        h.snippet
                    )
                })
                .collect();
            format!("{query}: {:?} {hits:#?}", found.corrected_query)
        })
        .collect()
}

/// Asserts that the index in `dir` answers as one built from nothing, in memory and when
/// opened again.
fn assert_as_fresh(engine: &Engine, site: &Site, synonyms: &Synonyms, dir: &Path, step: &str) {
    let fresh_dir = dir.with_extension("fresh");
    let (fresh, indexed) = build(site, synonyms, &fresh_dir, None);
    assert!(!indexed.reused);
    let expected = answers(&fresh);
    assert!(expected.iter().any(|a| a.contains("/#")), "{step}: no hits");
    for (answer, expected) in answers(engine).iter().zip(&expected) {
        assert_eq!(answer, expected, "{step}");
    }
    assert_eq!(answers(engine), expected, "{step}");
    assert_eq!(answers(&Engine::open(dir).unwrap()), expected, "{step}");
    std::fs::remove_dir_all(&fresh_dir).unwrap();
}

/// Each file of `dir` and its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

type Edit = fn(&mut Site, &mut Synonyms);

/// Each edit, and how many groups it makes a build index again (`None`: it depends).
fn edits() -> Vec<(&'static str, Edit, Option<usize>)> {
    vec![
        (
            "a sentence added",
            |site, _| {
                let units = site.get_mut("dlg").unwrap().get_mut("dlg-1").unwrap();
                units[2].push_str(" Kemoterapi anbefales efter kirurgi.");
            },
            Some(1),
        ),
        (
            "a new guideline",
            |site, _| {
                let units = vec![text(7, 12), text(8, 30)];
                site.get_mut("dbcg").unwrap().insert("dbcg-9".into(), units);
            },
            Some(1),
        ),
        (
            "a guideline deleted",
            |site, _| {
                site.get_mut("dsg").unwrap().remove("dsg-0");
            },
            Some(1),
        ),
        (
            "a section added",
            |site, _| {
                let units = site.get_mut("dmcg").unwrap().get_mut("dmcg-0").unwrap();
                units.insert(1, "Tamoxifen og stråling, tamoxifen og kirurgi.".into());
            },
            Some(1),
        ),
        (
            "a new group",
            |site, _| {
                let guideline = BTreeMap::from([("dnew-0".to_owned(), vec![text(3, 20)])]);
                site.insert("dnew".into(), guideline);
            },
            Some(1),
        ),
        (
            "the synonyms changed",
            |_, synonyms| {
                *synonyms = Synonyms::parse(
                    "groups = [[\"NSCLC\", \"ikke småcellet\"], [\"tamoxifen\", \"kemoterapi\"]]",
                )
                .unwrap();
            },
            None,
        ),
        (
            "a group emptied",
            |site, _| {
                site.remove("dxg");
            },
            Some(0),
        ),
    ]
}

/// A shuffled series of edits, each built over the last build's index.
#[test]
fn an_index_updated_edit_after_edit_answers_as_one_built_from_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    for (round, order) in [[0, 1, 2, 3, 4, 5, 6], [5, 3, 6, 0, 4, 2, 1]]
        .iter()
        .enumerate()
    {
        let (mut site, mut synonyms) = (site(), Synonyms::default_list());
        let mut last = tmp.path().join(format!("r{round}-start"));
        build(&site, &synonyms, &last, None);
        for (n, &i) in order.iter().enumerate() {
            let (name, edit, groups) = edits()[i];
            edit(&mut site, &mut synonyms);
            let before = files(&last);
            let dir = tmp.path().join(format!("r{round}-{n}"));
            let (engine, indexed) = build(&site, &synonyms, &dir, Some(&last));
            let step = format!("round {round}, {name}");
            assert!(indexed.reused, "{step}");
            if let Some(groups) = groups {
                assert_eq!(indexed.groups, groups, "{step}: {indexed:?}");
            }
            assert_as_fresh(&engine, &site, &synonyms, &dir, &step);
            assert_eq!(files(&last), before, "{step}: the last index changed");
            last = dir;
        }
    }
}

/// Only the changed group is indexed again; nothing changed, nothing is.
#[test]
fn only_the_groups_that_changed_are_indexed_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, synonyms) = (site(), Synonyms::default_list());
    let first = tmp.path().join("first");
    let (_, indexed) = build(&site, &synonyms, &first, None);
    assert_eq!((indexed.reused, indexed.groups, indexed.of), (false, 5, 5));
    let same = tmp.path().join("same");
    let (engine, indexed) = build(&site, &synonyms, &same, Some(&first));
    assert_eq!((indexed.reused, indexed.groups), (true, 0));
    assert_as_fresh(&engine, &site, &synonyms, &same, "unchanged");
    for (name, edit, groups) in edits() {
        let (mut site, mut synonyms) = (site.clone(), synonyms.clone());
        edit(&mut site, &mut synonyms);
        let dir = tmp.path().join(name);
        let (engine, indexed) = build(&site, &synonyms, &dir, Some(&first));
        assert!(indexed.reused, "{name}");
        if let Some(groups) = groups {
            assert_eq!(indexed.groups, groups, "{name}: {indexed:?}");
        }
        assert_as_fresh(&engine, &site, &synonyms, &dir, name);
    }
}

/// A corrupt file, a record another program wrote or one that does not parse: the index is
/// built from nothing, and answers as such.
#[test]
fn a_corrupt_or_foreign_last_index_costs_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut site, synonyms) = (self::site(), Synonyms::default_list());
    let last = tmp.path().join("last");
    build(&site, &synonyms, &last, None);
    site.get_mut("dlg").unwrap().remove("dlg-2");

    let foreign = tmp.path().join("foreign");
    let (_, indexed) = build_by(&site, &synonyms, &foreign, Some(&last), "retning other");
    assert!(!indexed.reused);

    let garbled = tmp.path().join("garbled");
    let copy = tmp.path().join("garbled-last");
    copy_dir(&last, &copy);
    std::fs::write(copy.join(REUSE_FILE), b"{\"key\": 3").unwrap();
    let (_, indexed) = build(&site, &synonyms, &garbled, Some(&copy));
    assert!(!indexed.reused);

    // One byte of each file of the index flipped, in turn: every group is kept, so every
    // file is read again.
    let site = self::site();
    let last = tmp.path().join("whole");
    build(&site, &synonyms, &last, None);
    let segment_files: Vec<PathBuf> = files(&last)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e != "json"))
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".tantivy")
        })
        .collect();
    assert!(segment_files.len() >= 5 * 5, "{segment_files:?}");
    for (n, file) in segment_files.iter().enumerate() {
        let copy = tmp.path().join(format!("corrupt-last-{n}"));
        copy_dir(&last, &copy);
        let file = copy.join(file.file_name().unwrap());
        let mut bytes = std::fs::read(&file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
        std::fs::write(&file, bytes).unwrap();
        let dir = tmp.path().join(format!("corrupt-{n}"));
        let (engine, indexed) = build(&site, &synonyms, &dir, Some(&copy));
        assert!(!indexed.reused, "{}", file.display());
        assert_as_fresh(&engine, &site, &synonyms, &dir, "corrupt");
    }

    let missing = tmp.path().join("missing");
    let (_, indexed) = build(&site, &synonyms, &missing, Some(&tmp.path().join("none")));
    assert!(!indexed.reused);
}

/// Builds the index of `site` in `dir` (from the index in `last` when given) holding none
/// of the docs' full texts, with an analysis that keys each doc; the index and the ids whose
/// texts were read, sorted.
fn build_reading(
    site: &Site,
    synonyms: &Synonyms,
    dir: &Path,
    last: Option<&Path>,
) -> Result<(Engine, Vec<usize>), EngineError> {
    let (docs, groups) = docs_of(site);
    let phrases = synonyms.phrases();
    let stats = TermStats::reusing(&docs, None, &groups, phrases, "retning test", None);
    let stats = Arc::new(stats);
    let asked = std::sync::Mutex::new(Vec::new());
    let read = |ids: &[usize]| {
        asked.lock().unwrap().extend_from_slice(ids);
        Ok(ids.iter().map(|&id| docs[id].text.clone()).collect())
    };
    // The docs hold only the start of their texts, as a build leaves them.
    let cut: Vec<IndexDoc> = (docs.iter())
        .map(|d| IndexDoc {
            text: d.text.chars().take(8).collect(),
            ..d.clone()
        })
        .collect();
    let texts = FullTexts::new(vec![None; docs.len()], &read);
    let place = IndexPlace {
        dir: Some(dir),
        last,
        program: Some("retning test"),
    };
    let (engine, _) = Engine::update_with_texts(&cut, texts, groups, place, &stats)?;
    let mut asked = asked.into_inner().unwrap();
    asked.sort_unstable();
    Ok((engine.with_synonyms(synonyms.clone(), Some(dir))?, asked))
}

/// A build that holds none of the texts reads those of every doc for a full index, and
/// only the changed group's when it updates the last one; it answers as one that held them.
#[test]
fn texts_not_held_are_read_only_for_the_groups_indexed_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut site, synonyms) = (site(), Synonyms::default_list());
    let first = tmp.path().join("first");
    let (engine, asked) = build_reading(&site, &synonyms, &first, None).unwrap();
    assert_eq!(asked, (0..docs_of(&site).0.len()).collect::<Vec<_>>());
    assert_as_fresh(&engine, &site, &synonyms, &first, "all texts read");

    let units = site.get_mut("dlg").unwrap().get_mut("dlg-1").unwrap();
    units[2].push_str(" Kemoterapi anbefales efter kirurgi.");
    let dir = tmp.path().join("edited");
    let (engine, asked) = build_reading(&site, &synonyms, &dir, Some(&first)).unwrap();
    let (docs, _) = docs_of(&site);
    let dlg: Vec<usize> = (0..docs.len())
        .filter(|&id| docs[id].group == "dlg")
        .collect();
    assert_eq!(asked, dlg);
    assert_as_fresh(&engine, &site, &synonyms, &dir, "one group's texts read");

    let same = tmp.path().join("same");
    let (_, asked) = build_reading(&site, &synonyms, &same, Some(&dir)).unwrap();
    assert_eq!(asked, Vec::<usize>::new());
}

/// A text that cannot be read fails the build rather than index a doc without it.
#[test]
fn a_text_that_cannot_be_read_fails_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site();
    let (docs, groups) = docs_of(&site);
    let stats = Arc::new(TermStats::of(&docs));
    let read = |_: &[usize]| Err(std::io::Error::other("unreadable"));
    let mut held: Vec<Option<String>> = docs.iter().map(|d| Some(d.text.clone())).collect();
    held[3] = None;
    let place = IndexPlace {
        dir: Some(&tmp.path().join("index")),
        ..IndexPlace::default()
    };
    let texts = FullTexts::new(held, &read);
    assert!(Engine::update_with_texts(&docs, texts, groups, place, &stats).is_err());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for (path, bytes) in files(from) {
        std::fs::write(to.join(path.file_name().unwrap()), bytes).unwrap();
    }
}

/// Sets the modification time of every file in `dir` ten seconds back, as an index built a
/// while ago has.
fn age(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap();
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(10);
        file.set_modified(then).unwrap();
    }
}

/// The record a build left beside its index in `dir`.
fn record(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(REUSE_FILE)).unwrap()).unwrap()
}

/// The files whose stamps `record` keeps.
fn stamped(record: &serde_json::Value) -> Vec<String> {
    record["stamps"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[cfg(unix)]
#[test]
fn a_kept_file_whose_stamp_moved_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut site, synonyms) = (self::site(), Synonyms::default_list());
    let first = tmp.path().join("first");
    build(&site, &synonyms, &first, None);
    // Just written: nothing to vouch for them yet.
    assert!(stamped(&record(&first)).is_empty());
    age(&first);

    // One group changed: the others' files are checked and, settled, recorded.
    site.get_mut("dlg").unwrap().remove("dlg-2");
    let second = tmp.path().join("second");
    let (_, indexed) = build(&site, &synonyms, &second, Some(&first));
    assert!(indexed.reused && indexed.groups == 1, "{indexed:?}");
    let record = record(&second);
    let recorded = stamped(&record);
    let dlg = record["segments"]["dlg"].as_str().unwrap().replace('-', "");
    let kept: Vec<&String> = recorded.iter().filter(|f| !f.contains(&dlg)).collect();
    assert!(kept.len() >= 4 * 5, "{recorded:?}");
    assert!(
        kept.len() == recorded.len(),
        "the changed group's new files: {recorded:?}"
    );

    // A kept file rewritten in place, its length kept: its time moved, so its checksum is
    // read, and the damage costs a full build, which answers as one from nothing.
    let file = second.join(kept[0]);
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&file, bytes).unwrap();
    site.get_mut("dlg").unwrap().remove("dlg-3");
    let third = tmp.path().join("third");
    let (engine, indexed) = build(&site, &synonyms, &third, Some(&second));
    assert!(!indexed.reused, "{}", file.display());
    assert_as_fresh(&engine, &site, &synonyms, &third, "rewritten");
}
