//! A build after an edit starts from the last build's tantivy index, indexing again only the
//! groups whose units changed, and `retning search` answers exactly (ids, scores, snippets,
//! order) as after a fresh `--no-cache` build of the same sources; a corrupt last index
//! costs a full build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{build_without_history, retning, stdout};

const INDEX: &str = ".retning/search-index";

/// One word, two words, a prefix, a typo, a synonym, a group filter, and the added words.
const QUERIES: [(&str, Option<&str>); 7] = [
    ("koloskopi", None),
    ("kemoterapi brystkræft", None),
    ("opfølg", None),
    ("lymfon", None),
    ("crc", None),
    ("behandling", Some("dbcg")),
    ("zebrafisk tilføjet", None),
];

fn copy_sources(from: &Path, to: &Path) {
    for input in ["retning.toml", "guidelines", "synonyms.toml"] {
        let source = from.join(input);
        for entry in walkdir::WalkDir::new(&source).into_iter().flatten() {
            let relative = entry.path().strip_prefix(&source).expect("under");
            let mut target = to.join(input);
            if !relative.as_os_str().is_empty() {
                target = target.join(relative);
            }
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("create dir");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
}

/// Every query's `retning search --format json` answer in `site`.
fn answers(site: &Path) -> Vec<String> {
    QUERIES
        .iter()
        .map(|(query, group)| {
            let mut command = retning();
            command
                .current_dir(site)
                .args(["search", "--format", "json", "--limit", "100"]);
            if let Some(group) = group {
                command.args(["--group", group]);
            }
            let output = command.arg(query).output().expect("run search");
            assert!(output.status.success(), "{query}");
            stdout(&output)
        })
        .collect()
}

/// The answers after a fresh `--no-cache` build of `site`'s sources.
fn fresh_answers(site: &Path) -> Vec<String> {
    let copy = tempfile::tempdir().expect("temporary folder");
    copy_sources(site, copy.path());
    build_without_history(copy.path(), &["--no-cache"]);
    answers(copy.path())
}

/// The ids of the index's segments, from its `meta.json`.
fn segments(site: &Path) -> BTreeSet<String> {
    let meta = std::fs::read(site.join(INDEX).join("meta.json")).expect("meta.json");
    let meta: serde_json::Value = serde_json::from_slice(&meta).expect("json");
    meta["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["segment_id"].as_str().expect("id").to_owned())
        .collect()
}

fn append(site: &Path, path: &str, from: &str, to: &str) {
    let path = site.join(path);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn an_edit_indexes_its_group_again_and_search_answers_as_after_a_fresh_build() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let site = dir.path();
    copy_sources(Path::new(env!("CARGO_MANIFEST_DIR")), site);
    build_without_history(site, &[]);
    let first = segments(site);
    assert!(first.len() >= 4, "a segment per group: {first:?}");

    // A sentence in one guideline: one group's segment is new, the others are kept.
    append(
        site,
        "guidelines/dccg/opfoelgning-koloncancer.md",
        "### Rationale\n\n",
        "### Rationale\n\nZebrafisk er tilføjet her. ",
    );
    build_without_history(site, &[]);
    let second = segments(site);
    assert_eq!(first.difference(&second).count(), 1, "{first:?} {second:?}");
    let expected = fresh_answers(site);
    assert!(expected.last().is_some_and(|a| a.contains("Zebrafisk")));
    assert_eq!(answers(site), expected);

    // A new synonym group: the analysis' seal (the program and the phrases) is in every
    // group's hash, so every group is indexed again.
    std::fs::write(
        site.join("synonyms.toml"),
        "groups = [[\"crc\", \"kolorektal cancer\", \"tyktarmskræft\"]]\n",
    )
    .expect("write");
    build_without_history(site, &[]);
    assert_eq!(answers(site), fresh_answers(site));

    let third = segments(site);
    assert!(third.is_disjoint(&second), "{second:?} {third:?}");

    // One more sentence: its group's segment is new, the others' are kept.
    let koloncancer = "guidelines/dccg/opfoelgning-koloncancer.md";
    append(site, koloncancer, "Zebrafisk", "Zebrafisk igen");
    build_without_history(site, &[]);
    let fourth = segments(site);
    assert_eq!(third.difference(&fourth).count(), 1, "{third:?} {fourth:?}");

    // A byte of a kept segment's file flipped (not the edited group's, which is indexed
    // again anyway): the next build indexes every group.
    let kept = fourth.intersection(&third).next().expect("a kept segment");
    // Its files are named by its id without the dashes.
    let file = site
        .join(INDEX)
        .join(format!("{}.store", kept.replace('-', "")));
    let mut bytes = std::fs::read(&file).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&file, bytes).expect("write");
    append(site, koloncancer, "Zebrafisk igen", "Zebrafisk");
    build_without_history(site, &[]);
    let fifth = segments(site);
    assert!(fifth.is_disjoint(&fourth), "{fourth:?} {fifth:?}");
    assert_eq!(answers(site), fresh_answers(site));

    // `--no-cache` indexes every group too.
    build_without_history(site, &["--no-cache"]);
    assert!(segments(site).is_disjoint(&fifth));
}

/// The build cache entry (`.retning/build/survey/`) of the guideline `group/slug`, and where
/// its units' texts start in it: after the format word (17 bytes), the head's length (8) and
/// checksum (32), and the head, whose summary starts with the group and the slug.
fn survey_entry(site: &Path, group: &str, slug: &str) -> (PathBuf, usize) {
    let mut name = vec![group.len() as u8];
    name.extend_from_slice(group.as_bytes());
    name.push(slug.len() as u8);
    name.extend_from_slice(slug.as_bytes());
    let listing = std::fs::read_dir(site.join(".retning/build/survey")).expect("entries");
    for entry in listing {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let head = u64::from_le_bytes(bytes[17..25].try_into().expect("8 bytes"));
        let texts = 57 + head as usize;
        if bytes[57..texts].windows(name.len()).any(|w| w == name) {
            assert!(bytes.len() > texts + 100, "{group}/{slug} has texts");
            return (path, texts);
        }
    }
    panic!("no entry of {group}/{slug}");
}

/// Flips a byte of the texts of `group/slug`'s entry; its bytes before.
fn damage_texts(site: &Path, group: &str, slug: &str) -> (PathBuf, Vec<u8>) {
    let (path, texts) = survey_entry(site, group, slug);
    let good = std::fs::read(&path).expect("read");
    let mut bad = good.clone();
    bad[texts + 50] ^= 0x01;
    std::fs::write(&path, bad).expect("write");
    (path, good)
}

/// The site `retning build` wrote in `root`.
fn site_files(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    crate::support::files_under(&root.join("public"))
}

/// The site and the answers of a fresh `--no-cache` build of `site`'s sources.
fn fresh(site: &Path) -> (std::collections::BTreeMap<String, Vec<u8>>, Vec<String>) {
    let copy = tempfile::tempdir().expect("temporary folder");
    copy_sources(site, copy.path());
    build_without_history(copy.path(), &["--no-cache"]);
    (site_files(copy.path()), answers(copy.path()))
}

/// An unchanged guideline's units come from its build cache entry without their texts,
/// which are read only for the groups tantivy indexes again, the static index's fragment
/// files made again, or when the kept analysis lacks them: a damaged texts part that is read
/// costs a parse of its guideline (and the entry is made again), one that is not read
/// changes nothing; the site and the answers are a fresh build's either way.
#[test]
fn damaged_entry_texts_cost_a_parse_only_when_they_are_read() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let site = dir.path();
    copy_sources(Path::new(env!("CARGO_MANIFEST_DIR")), site);
    build_without_history(site, &[]);

    // The other guideline of the edited group: its texts are read, and found damaged.
    let (read, read_good) = damage_texts(site, "dbcg", "opfoelgning-brystkraeft");
    // Another group's: not read.
    let (unread, unread_good) = damage_texts(site, "dlg", "dlbcl");
    let unread_bad = std::fs::read(&unread).expect("read");
    // One word for another: the unit's length stays, so the static index makes again only
    // the fragment file that shows it (a sentence added would move the unit's norm and, in
    // an index as small as the example's, encode it all, reading every text).
    append(
        site,
        "guidelines/dbcg/endokrin-behandling.md",
        "Den stærke anbefaling hviler",
        "Den stærke Zebrafisk hviler",
    );
    build_without_history(site, &[]);
    let (fresh_site, fresh_answers) = fresh(site);
    assert!(
        fresh_answers
            .last()
            .is_some_and(|a| a.contains("Zebrafisk"))
    );
    assert!(
        site_files(site) == fresh_site,
        "the site differs from a fresh build's"
    );
    assert_eq!(answers(site), fresh_answers);
    assert!(
        std::fs::read(&read).expect("read") == read_good,
        "made again"
    );
    assert!(
        std::fs::read(&unread).expect("read") == unread_bad,
        "not read"
    );

    // Without the kept analysis every unit is analyzed from its full text: all are read.
    std::fs::remove_dir_all(site.join(".retning/build/terms")).expect("remove");
    append(
        site,
        "guidelines/dbcg/endokrin-behandling.md",
        "Zebrafisk",
        "Zebrafisk igen",
    );
    build_without_history(site, &[]);
    let (fresh_site, fresh_answers) = fresh(site);
    assert!(
        site_files(site) == fresh_site,
        "the site differs from a fresh build's"
    );
    assert_eq!(answers(site), fresh_answers);
    assert!(
        std::fs::read(&unread).expect("read") == unread_good,
        "made again"
    );
}
