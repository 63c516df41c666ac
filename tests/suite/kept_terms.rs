//! The search units' analysis a build keeps for the next (`.retning/build/terms/`), and the
//! static index's record of its files (`.retning/build/static-index.bin`): a build that
//! reuses them, or finds them corrupt or missing, writes the site and the tantivy index a
//! fresh build writes.

use std::path::Path;

use crate::support::{MAIN, VALID, build_without_history, files_under, retning, site};

/// What `retning search` answers in `root` for a few queries, as JSON.
fn answers(root: &Path) -> Vec<String> {
    ["lymfom", "behandling", "kvarkstjerne", "storcellet lymfom"]
        .iter()
        .map(|query| {
            let output = retning()
                .current_dir(root)
                .args(["search", "--format", "json", "--limit", "20", query])
                .output()
                .expect("run search");
            assert!(output.status.success(), "{query}");
            String::from_utf8(output.stdout).expect("utf-8")
        })
        .collect()
}

/// Copies the site's sources to a new folder and builds them there with `--no-cache`.
fn fresh_copy(root: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temporary folder");
    for input in ["retning.toml", "synonyms.toml", "guidelines", "themes"] {
        for entry in walkdir::WalkDir::new(root.join(input))
            .into_iter()
            .flatten()
        {
            let to = copy
                .path()
                .join(entry.path().strip_prefix(root).expect("under"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("create dir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
    }
    build_without_history(copy.path(), &["--no-cache"]);
    copy
}

#[test]
fn a_build_that_reuses_the_analysis_writes_what_a_fresh_build_writes() {
    let other = VALID.replacen("Diffust storcellet B-celle lymfom", "Follikulært lymfom", 1);
    let site = site().file("guidelines/dlg/fl.md", other).build();
    build_without_history(site.root(), &[]);
    let kept = site.path(".retning/build/terms");
    let files = || -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(&kept)
            .expect("the analysis is kept")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        files
    };
    assert!(files().len() > 1, "a dictionary and parts");
    let edits = [
        "\nEn kvarkstjerne er ikke en behandling.\n",
        "\nStorcellet lymfom igen, og kvarkstjerne.\n",
        "\nEn antikvark.\n",
        "\nEn kvarkstjerne mere.\n",
        "\nOg en antikvark mere.\n",
        "\nEn sidste sætning.\n",
    ];
    // The static index's record of its files, which the next build takes unchanged files by.
    let record = site.path(".retning/build/static-index.bin");
    for (round, added) in edits.iter().enumerate() {
        let main = site.path(MAIN);
        let text = std::fs::read_to_string(&main).expect("read") + added;
        std::fs::write(&main, text).expect("write");
        // A damaged file is not used: the build analyzes the units of a damaged part, and
        // every unit when the dictionary is damaged.
        let damaged: Vec<_> = match round {
            1 => files()
                .into_iter()
                .filter(|f| f.ends_with("terms.dict"))
                .collect(),
            2 => files()
                .into_iter()
                .filter(|f| !f.ends_with("terms.dict"))
                .collect(),
            _ => Vec::new(),
        };
        // A damaged or missing record of the static index costs its encoding whole.
        assert!(
            record.is_file(),
            "round {round}: the static index is recorded"
        );
        match round {
            3 => {
                let mut bytes = std::fs::read(&record).expect("read");
                let middle = bytes.len() / 2;
                bytes[middle] ^= 0x55;
                std::fs::write(&record, bytes).expect("write");
            }
            4 => std::fs::remove_file(&record).expect("remove"),
            _ => {}
        }
        for file in damaged {
            let mut bytes = std::fs::read(&file).expect("read");
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
            std::fs::write(&file, bytes).expect("write");
        }
        build_without_history(site.root(), &[]);
        let fresh = fresh_copy(site.root());
        assert!(
            files_under(&site.path("public")) == files_under(&fresh.path().join("public")),
            "round {round}: the site differs from a fresh build's"
        );
        assert_eq!(answers(site.root()), answers(fresh.path()), "round {round}");
    }
}
