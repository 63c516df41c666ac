//! `retning check`: load, parse and validate; print every finding.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::{Args, ValueEnum};
use jiff::civil::Date;

use crate::diagnostics::{
    Counts, Diagnostic, Language, message, render_github, render_gitlab, render_human, render_json,
};
use crate::history::{SiteHistory, Unavailable};
use crate::source::display_path;
use crate::validate::{Checked, badges, check_site};

use super::{Outcome, parse_today, print, today_or_local};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    /// GitHub Actions workflow annotations, with paths from the repository root.
    Github,
    /// A GitLab Code Quality report (JSON), with paths from the repository root.
    Gitlab,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: Format,
    /// The date rules are checked against (default: today's local date).
    #[arg(long, value_parser = parse_today)]
    pub(crate) today: Option<Date>,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// Do not read the git history (no `ny`/`ændret` checks against the previous version).
    #[arg(long)]
    pub(crate) no_history: bool,
    /// Report only on these files or folders (the whole site is still read, for cross-links).
    pub(crate) paths: Vec<PathBuf>,
}

pub(super) fn run(root: &Path, args: CheckArgs, language: Language) -> anyhow::Result<Outcome> {
    let today = today_or_local(args.today);
    let filters = path_filters(root, &args.paths, language)?;
    let findings = match check_site(root, today) {
        Ok(mut checked) => {
            if let Some(history) =
                add_history_findings(root, &mut checked, args.no_history, language)
            {
                history.save_facts();
            }
            checked.findings
        }
        Err(finding) => vec![*finding],
    };
    let findings = with_synonym_findings(root, findings);
    let findings: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|d| {
            filters.is_empty()
                || d.file
                    .as_deref()
                    .is_some_and(|f| matches_filter(f, &filters))
        })
        .collect();
    let rendered = match args.format {
        Format::Human => render_human(&findings, std::io::stdout().is_terminal(), language),
        Format::Json => render_json(&findings, language),
        Format::Github => render_github(&findings, &repository_prefix(root), language),
        Format::Gitlab => render_gitlab(&findings, &repository_prefix(root), language),
    };
    print(&rendered)?;
    let counts = Counts::of(&findings);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The site's `synonyms.toml` is read as `build` reads it: a bad file is a finding at its line
/// (`synonyms.invalid`), here as well as when the build stops on it.
fn with_synonym_findings(root: &Path, mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if let Err(finding) = crate::search::load_synonyms(root) {
        findings.push(*finding);
        crate::diagnostics::sort(&mut findings);
    }
    findings
}

/// Adds the badge checks against the previous approved versions in the git history; without
/// a history, one note on stderr says why they were skipped. Returns the history, if any.
pub(super) fn add_history_findings(
    root: &Path,
    checked: &mut Checked,
    off: bool,
    language: Language,
) -> Option<Arc<SiteHistory>> {
    match SiteHistory::load_unless(off, root) {
        Ok(history) => {
            let history = Arc::new(history);
            checked
                .findings
                .extend(badges::check_site(&checked.site, &history));
            crate::diagnostics::sort(&mut checked.findings);
            Some(history)
        }
        Err(Unavailable::TurnedOff) => None,
        Err(why) => {
            eprintln!("{}", history_note(&why, language));
            None
        }
    }
}

/// What `check` and `build` say when the history cannot be read.
pub(super) fn history_note(why: &Unavailable, language: Language) -> String {
    crate::terminal::history_note(why, crate::terminal::WithoutHistory::Badges, language)
}

/// The site root's folder relative to the git repository's top folder, `/`-separated and
/// ending in `/` (`""` when the site is the repository's top, or is in no repository):
/// GitHub and GitLab place findings by paths from the repository root.
fn repository_prefix(root: &Path) -> String {
    let Ok(root) = std::path::absolute(root) else {
        return String::new();
    };
    // `.git` is a folder in a clone and a file in a worktree or submodule.
    let Some(top) = root.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let prefix = display_path(top, &root);
    if prefix.is_empty() {
        prefix
    } else {
        format!("{prefix}/")
    }
}

/// The given paths as site-relative display paths.
fn path_filters(root: &Path, paths: &[PathBuf], language: Language) -> anyhow::Result<Vec<String>> {
    let root = std::path::absolute(root)
        .with_context(|| message!("error-site-folder-unresolvable").in_language(language))?;
    paths
        .iter()
        .map(|path| {
            if !path.exists() {
                anyhow::bail!(
                    "{}",
                    message!("error-no-such-path", path = path.display().to_string())
                        .in_language(language)
                );
            }
            let absolute = std::path::absolute(path).with_context(|| {
                message!("error-path-unresolvable", path = path.display().to_string())
                    .in_language(language)
            })?;
            Ok(display_path(&root, &absolute))
        })
        .collect()
}

fn matches_filter(file: &str, filters: &[String]) -> bool {
    filters.iter().any(|f| {
        f.is_empty() || file == f || file.starts_with(&format!("{}/", f.trim_end_matches('/')))
    })
}
