//! The fixture builder: a temporary site with a `retning.toml` and guideline files, built
//! from one valid guideline (`dlbcl.md` next to this file) that a test changes by textual
//! replacement, plus helpers to run `retning` on it and read its JSON report.
//!
//! ```ignore
//! let report = site().replace("(B)", "(E)").check_json();
//! report.single().expect("recommendation.bad-strength", Error, at(50, 19));
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

/// The valid guideline: Oxford grading, approved, all nine sections, one topic with two
/// recommendations and the four sub-sections, two references cited with evidence levels, a
/// decision aid and a link to its own topic. It passes `check` with no findings.
pub const VALID: &str = include_str!("dlbcl.md");

/// Where the valid guideline lives in the site.
pub const MAIN: &str = "guidelines/dlg/dlbcl.md";

/// The clock every check runs with unless a test says otherwise.
pub const TODAY: &str = "2026-11-24";

pub const CONFIG: &str = r#"title = "Kliniske retningslinjer (test)"
base_url = "https://example.org/retningslinjer/"
language = "da"
revision_warning_days = 90
publish_within_days = 7

[groups]
dbcg = "Danish Breast Cancer Group (DBCG)"
dlg = "Dansk Lymfomgruppe (DLG)"
"#;

/// A site holding the valid guideline at [`MAIN`].
pub fn site() -> SiteBuilder {
    SiteBuilder {
        config: Some(CONFIG.to_owned()),
        main: Some(VALID.to_owned()),
        entries: Vec::new(),
        today: TODAY.to_owned(),
    }
}

/// A site with `retning.toml` and no guideline.
pub fn empty_site() -> SiteBuilder {
    SiteBuilder {
        main: None,
        ..site()
    }
}

/// What a test puts in the site besides the main guideline.
enum Entry {
    File(String, Vec<u8>),
    Dir(String),
}

pub struct SiteBuilder {
    config: Option<String>,
    main: Option<String>,
    entries: Vec<Entry>,
    today: String,
}

impl SiteBuilder {
    /// Replaces `from` with `to` in the main guideline. `from` must occur exactly once, so a
    /// fixture cannot silently stop applying its defect when the valid text changes.
    #[track_caller]
    pub fn replace(mut self, from: &str, to: &str) -> Self {
        let text = self.main.as_mut().expect("the site has no main guideline");
        let count = text.matches(from).count();
        assert_eq!(
            count, 1,
            "`{from}` occurs {count} times in the valid guideline; make it unique"
        );
        *text = text.replacen(from, to, 1);
        self
    }

    /// Transforms the main guideline's whole text (line endings, a BOM, …).
    pub fn map(mut self, f: impl FnOnce(String) -> String) -> Self {
        self.main = self.main.map(f);
        self
    }

    /// The main guideline's text as it will be written.
    pub fn main_text(&self) -> &str {
        self.main
            .as_deref()
            .expect("the site has no main guideline")
    }

    /// Writes `contents` at `path` (relative to the site root), creating folders.
    pub fn file(mut self, path: &str, contents: impl Into<Vec<u8>>) -> Self {
        self.entries
            .push(Entry::File(path.to_owned(), contents.into()));
        self
    }

    /// Creates the folder `path` (relative to the site root).
    pub fn dir(mut self, path: &str) -> Self {
        self.entries.push(Entry::Dir(path.to_owned()));
        self
    }

    /// Replaces `retning.toml`; `None` leaves it out.
    pub fn config(mut self, config: Option<&str>) -> Self {
        self.config = config.map(str::to_owned);
        self
    }

    /// The `--today` the checks of this site run with.
    pub fn today(mut self, today: &str) -> Self {
        self.today = today.to_owned();
        self
    }

    pub fn build(self) -> Site {
        let dir = tempfile::Builder::new()
            .prefix("retning-test-")
            .tempdir()
            .expect("create a temporary folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("guidelines")).expect("create guidelines/");
        if let Some(config) = &self.config {
            write(&root.join("retning.toml"), config.as_bytes());
        }
        if let Some(main) = &self.main {
            write(&root.join(MAIN), main.as_bytes());
        }
        for entry in &self.entries {
            match entry {
                Entry::File(path, contents) => write(&root.join(path), contents),
                Entry::Dir(path) => std::fs::create_dir_all(root.join(path)).expect("create dir"),
            }
        }
        Site {
            dir,
            today: self.today,
        }
    }

    /// Builds the site and runs `retning check --format json` on all of it.
    pub fn check_json(self) -> Report {
        self.build().check_json(&[])
    }
}

fn write(path: &Path, contents: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create parent folder");
    }
    std::fs::write(path, contents).expect("write fixture file");
}

/// A built site in a temporary folder, removed when dropped.
pub struct Site {
    dir: TempDir,
    today: String,
}

impl Site {
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// `retning` run in the site's folder.
    pub fn retning(&self) -> Command {
        let mut command = retning();
        command.current_dir(self.root());
        command
    }

    /// `retning check --today <today> ARGS…`; stdout is a pipe, so the output has no colour.
    pub fn check(&self, args: &[&str]) -> Output {
        self.retning()
            .args(["check", "--today", &self.today])
            .args(args)
            .output()
            .expect("run retning check")
    }

    /// `retning check --format json ARGS…`, parsed.
    pub fn check_json(&self, args: &[&str]) -> Report {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        Report::from_output(&self.check(&all))
    }
}

/// The part of `html` from the first `start` up to the next `end` (inclusive).
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let to = html[from..]
        .find(end)
        .map_or(html.len(), |i| from + i + end.len());
    &html[from..to]
}

/// The `retning` binary built with this test, speaking English (the sites' `retning.toml`
/// says `language = "da"`; the Danish output has its own tests, which pass `--lang da`).
pub fn retning() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_retning"));
    command.env("RETNING_LANG", "en");
    command
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `retning build --today TODAY --no-history ARGS…` in `root`: what it printed on standard
/// output and on standard error. Panics when it fails.
pub fn build_without_history(root: &Path, args: &[&str]) -> (String, String) {
    let output = retning()
        .current_dir(root)
        .args(["build", "--today", TODAY, "--no-history"])
        .args(args)
        .output()
        .expect("run retning build");
    assert!(
        output.status.success(),
        "build failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
    (stdout(&output), stderr(&output))
}

/// `built` and `fresh` hold the same files with the same bytes; else `what` fails, naming the
/// files that differ.
#[track_caller]
pub fn assert_same_site(
    what: &str,
    built: &BTreeMap<String, Vec<u8>>,
    fresh: &BTreeMap<String, Vec<u8>>,
) {
    let differ: Vec<&String> = built
        .keys()
        .chain(fresh.keys())
        .filter(|path| built.get(*path) != fresh.get(*path))
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: differs from a fresh build: {differ:?}"
    );
}

/// Every file under `dir`, relative and `/`-separated → its bytes.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("entry"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(dir).expect("under dir");
            let key = relative.to_string_lossy().replace('\\', "/");
            (key, std::fs::read(entry.path()).expect("read"))
        })
        .collect()
}

/// The site's sources copied to a new folder and built there with `--no-cache`: the site a
/// fresh build writes and the findings it prints.
pub fn fresh_build(site: &Site) -> (BTreeMap<String, Vec<u8>>, String) {
    fresh_build_with(site, &[])
}

/// [`fresh_build`] with more arguments (`--drafts`).
pub fn fresh_build_with(site: &Site, args: &[&str]) -> (BTreeMap<String, Vec<u8>>, String) {
    let copy = tempfile::tempdir().expect("temporary folder");
    for input in ["retning.toml", "guidelines", "themes"] {
        let from = site.path(input);
        for entry in walkdir::WalkDir::new(&from).into_iter().flatten() {
            let relative = entry.path().strip_prefix(&from).expect("under");
            let mut to = copy.path().join(input);
            if !relative.as_os_str().is_empty() {
                to = to.join(relative);
            }
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("create dir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
    }
    let args: Vec<&str> = args.iter().copied().chain(["--no-cache"]).collect();
    let (_, findings) = build_without_history(copy.path(), &args);
    (files_under(&copy.path().join("public")), findings)
}

/// Builds `site` into `public/` (a second call finds nothing to change) and reads `page`.
pub fn build_and_read(site: &Site, page: &str) -> String {
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::read_to_string(site.path(page)).expect("the page is written")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding of `check --format json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// Where a finding points: a line and column, or the whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    At(usize, usize),
    WholeFile,
}

pub fn at(line: usize, column: usize) -> Place {
    Place::At(line, column)
}

impl Finding {
    pub fn place(&self) -> Place {
        match (self.line, self.column) {
            (Some(line), Some(column)) => Place::At(line, column),
            (None, None) => Place::WholeFile,
            other => panic!("a finding with only one of line and column: {other:?}"),
        }
    }

    /// Asserts the code, severity and position, and that the finding says how to fix it.
    #[track_caller]
    pub fn expect(&self, code: &str, severity: Severity, place: Place) -> &Self {
        self.expect_without_help(code, severity, place);
        assert!(
            self.help.as_deref().is_some_and(|h| !h.trim().is_empty()),
            "no help: {self:#?}"
        );
        self
    }

    /// [`Finding::expect`] for the few findings that have no help line.
    #[track_caller]
    pub fn expect_without_help(&self, code: &str, severity: Severity, place: Place) -> &Self {
        assert_eq!(
            (self.code.as_str(), self.severity, self.place()),
            (code, severity, place),
            "unexpected finding: {self:#?}"
        );
        assert!(!self.message.trim().is_empty(), "no message: {self:#?}");
        self
    }

    #[track_caller]
    pub fn in_file(&self, file: &str) -> &Self {
        assert_eq!(self.file.as_deref(), Some(file), "{self:#?}");
        self
    }

    #[track_caller]
    pub fn message_contains(&self, part: &str) -> &Self {
        assert!(
            self.message.contains(part),
            "the message does not contain `{part}`: {self:#?}"
        );
        self
    }

    #[track_caller]
    pub fn help_contains(&self, part: &str) -> &Self {
        assert!(
            self.help.as_deref().unwrap_or_default().contains(part),
            "the help does not contain `{part}`: {self:#?}"
        );
        self
    }
}

/// `check --format json` output with the process's exit code and stderr.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub diagnostics: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    #[serde(skip)]
    pub exit: Option<i32>,
    #[serde(skip)]
    pub stderr: String,
}

impl Report {
    #[track_caller]
    pub fn from_output(output: &Output) -> Self {
        let text = stdout(output);
        let mut report: Report = serde_json::from_str(&text).unwrap_or_else(|err| {
            panic!(
                "stdout is not a JSON report ({err}):\n{text}\nstderr:\n{}",
                stderr(output)
            )
        });
        report.exit = output.status.code();
        report.stderr = stderr(output);
        report
    }

    /// The only finding; fails listing every finding when there are more or none.
    #[track_caller]
    pub fn single(&self) -> &Finding {
        assert_eq!(
            self.diagnostics.len(),
            1,
            "expected exactly one finding, got:\n{}",
            self.listing()
        );
        &self.diagnostics[0]
    }

    /// `code line:column` for each finding, for assertions and failure messages.
    pub fn summary(&self) -> Vec<(String, Place)> {
        self.diagnostics
            .iter()
            .map(|d| (d.code.clone(), d.place()))
            .collect()
    }

    pub fn listing(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| {
                format!(
                    "  {} {:?} {} {:?}:{:?} {}\n",
                    d.code,
                    d.severity,
                    d.file.as_deref().unwrap_or("-"),
                    d.line,
                    d.column,
                    d.message
                )
            })
            .collect()
    }

    #[track_caller]
    pub fn expect_clean(&self) {
        assert!(
            self.diagnostics.is_empty(),
            "expected no findings, got:\n{}",
            self.listing()
        );
        assert_eq!((self.errors, self.warnings, self.exit), (0, 0, Some(0)));
    }
}
