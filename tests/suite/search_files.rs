//! The static search index's files and the pages that link it, across a build after one
//! guideline's text changed: the pages name `search/meta.json`, which does not move, so no
//! page but the guideline's own changes for the index; each search file is named by its own
//! bytes, so those that did not change keep their names, bytes and inodes.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::support::build_without_history;

/// The guideline edited, and a sentence of its first section with words the site has.
const EDITED: &str = "guidelines/dlg/dlbcl.md";
const SENTENCE: &str = "Sygdommen er aggressiv og ubehandlet dødelig inden for måneder";
const PAGE: &str = "dlg/dlbcl/index.html";

/// Every file under `dir` (relative, `/`-separated) → its bytes and inode.
fn files(dir: &Path) -> BTreeMap<String, (Vec<u8>, u64)> {
    let mut out = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let key = path.strip_prefix(dir).expect("under dir");
            let inode = std::fs::metadata(&path).expect("metadata").ino();
            let bytes = std::fs::read(&path).expect("read");
            out.insert(key.to_string_lossy().replace('\\', "/"), (bytes, inode));
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

fn meta(site: &BTreeMap<String, (Vec<u8>, u64)>) -> serde_json::Value {
    serde_json::from_slice(&site["search/meta.json"].0).expect("meta.json")
}

/// The meta file's hashes of one kind of file (10 hex digits each, in one string).
fn hashes(meta: &serde_json::Value, kind: &str) -> Vec<String> {
    let all = meta[kind].as_str().expect("hashes");
    assert_eq!(all.len() % 10, 0, "{all}");
    (0..all.len() / 10)
        .map(|k| all[10 * k..10 * k + 10].to_owned())
        .collect()
}

/// Whether fragment file `f.<hash>.json` holds a unit of the edited guideline.
fn holds_edited(site: &BTreeMap<String, (Vec<u8>, u64)>, hash: &str) -> bool {
    let file: serde_json::Value =
        serde_json::from_slice(&site[&format!("search/f.{hash}.json")].0).expect("fragment");
    file["docs"].as_array().expect("docs").iter().any(|doc| {
        doc["guideline_url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/dlg/dlbcl/"))
    })
}

#[test]
fn one_changed_guideline_changes_its_page_and_only_the_search_files_whose_bytes_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("retning.toml"), dir.path().join("retning.toml")).expect("copy");
    copy_dir(&repo.join("guidelines"), &dir.path().join("guidelines"));
    build_without_history(dir.path(), &["--no-cache"]);
    let before = files(&dir.path().join("public"));
    let text = std::fs::read_to_string(dir.path().join(EDITED)).expect("read");
    assert_eq!(text.matches(SENTENCE).count(), 1, "the example changed");
    let edited = text.replace(SENTENCE, &format!("{SENTENCE}. {SENTENCE}"));
    std::fs::write(dir.path().join(EDITED), edited).expect("write");
    build_without_history(dir.path(), &["--no-cache"]);
    let after = files(&dir.path().join("public"));

    // Every page links the stable meta file, and only the edited guideline's page changed.
    let changed = |path: &String| before.get(path).map(|f| &f.0) != after.get(path).map(|f| &f.0);
    let pages: Vec<&String> = after
        .keys()
        .filter(|p| p.ends_with(".html") && changed(p))
        .collect();
    assert_eq!(pages, vec![PAGE]);
    assert!(after[PAGE].0.windows(9).any(|w| w == b"meta.json"));

    // The search folder holds exactly the files the meta file names, each by its own hash.
    let (old, new) = (meta(&before), meta(&after));
    let mut named = BTreeSet::from(["search/meta.json".to_owned()]);
    for (kind, prefix) in [
        ("chunk_files", "c"),
        ("fragment_files", "f"),
        ("typo_files", "t"),
    ] {
        for hash in hashes(&new, kind) {
            let name = format!("search/{prefix}.{hash}.json");
            let bytes = &after.get(&name).expect("a file the meta file names").0;
            assert_eq!(blake3::hash(bytes).to_hex()[..10], hash, "{name}");
            named.insert(name);
        }
    }
    let search: BTreeSet<String> = after
        .keys()
        .filter(|p| p.starts_with("search/") && !p.ends_with(".gz") && !p.ends_with(".br"))
        .cloned()
        .collect();
    assert_eq!(search, named);

    // Only the fragments of the edited guideline may change, and no word is new, so the typo
    // tables stay; a file that stayed is the same file, not written again.
    let (old_fragments, new_fragments) = (
        hashes(&old, "fragment_files"),
        hashes(&new, "fragment_files"),
    );
    assert_eq!(old_fragments.len(), new_fragments.len());
    for (k, (was, is)) in old_fragments.iter().zip(&new_fragments).enumerate() {
        assert!(was == is || holds_edited(&before, was), "fragment {k}");
    }
    assert_eq!(hashes(&old, "typo_files"), hashes(&new, "typo_files"));
    let kept: Vec<&String> = search.iter().filter(|p| before.contains_key(*p)).collect();
    assert!(kept.len() > new_fragments.len(), "{kept:?}");
    for path in kept.into_iter().filter(|p| *p != "search/meta.json") {
        assert_eq!(before[path], after[path], "{path} was written again");
    }
}
