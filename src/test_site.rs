//! What the unit tests that build a small site on disk share: a valid guideline, a
//! configuration with two groups, and a guideline file written under `guidelines/`.

use std::path::Path;

/// A guideline that checks clean.
pub(crate) const VALID: &str = include_str!("../tests/suite/support/dlbcl.md");

/// `retning.toml` with the groups `dbcg` and `dlg`.
pub(crate) const CONFIG: &str = "title = \"Test\"\nbase_url = \"https://example.org/r/\"\n\n[groups]\ndbcg = \"DBCG\"\ndlg = \"DLG\"\n";

/// Writes `text` as `guidelines/<guideline>` under `root`, making its folder.
pub(crate) fn write(root: &Path, guideline: &str, text: &str) {
    let path = root.join("guidelines").join(guideline);
    std::fs::create_dir_all(path.parent().expect("a guideline's folder")).expect("create");
    std::fs::write(path, text).expect("write");
}
