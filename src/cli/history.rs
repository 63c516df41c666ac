//! `retning history <group>/<slug>`: a guideline's approved versions from the site's git
//! history, with the dates each was in force and its commit; `--diff X.Y..Z.W` prints what
//! changed between two of them.

use std::path::Path;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;

use crate::changes::{Changes, render_text};
use crate::diagnostics::message;
use crate::history::{PastVersion, SiteHistory, in_force_from};
use crate::model::{Guideline, Status};
use crate::site::Site;

use super::{Outcome, print};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// The guideline, as `<group>/<slug>` (e.g. dlg/dlbcl).
    pub(crate) guideline: String,
    /// Print what changed between two versions, e.g. `1.0..2.0`.
    #[arg(long, value_name = "X.Y..Z.W")]
    pub(crate) diff: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: Format,
}

/// One version in the listing.
#[derive(Debug, Serialize)]
struct VersionLine {
    version: String,
    /// The day it came into force and the day the next one did.
    in_force_from: Option<Date>,
    in_force_until: Option<Date>,
    /// The commit that holds this text, its date, and the path the file had.
    commit: Option<String>,
    commit_date: Option<Date>,
    path: String,
    current: bool,
}

#[derive(Debug, Serialize)]
struct Listing<'a> {
    guideline: String,
    title: &'a str,
    /// Why earlier versions are missing, when they are.
    note: Option<String>,
    versions: Vec<VersionLine>,
}

pub(super) fn run(
    root: &Path,
    args: HistoryArgs,
    language: crate::diagnostics::Language,
) -> anyhow::Result<Outcome> {
    let site = Site::load(root)
        .map_err(|finding| anyhow::anyhow!("{}", finding.message_in(language)))?
        .site;
    let key = guideline_key(&args.guideline);
    let Some(current) = site.by_link_key(&key) else {
        bail!(
            "{}",
            message!("error-no-guideline", guideline = &args.guideline).in_language(language)
        );
    };
    let history = SiteHistory::load(root);
    if let Some(range) = &args.diff {
        let history = history.map_err(|why| {
            let why = why.message();
            anyhow::anyhow!(
                "{}",
                message!("error-no-earlier-versions", why = why).in_language(language)
            )
        })?;
        let past = &history.past_versions(current).versions;
        let (from, to) = range
            .split_once("..")
            .with_context(|| message!("error-not-a-range", range = range).in_language(language))?;
        let old = find_version(&history, current, past, from.trim(), language)?;
        let new = find_version(&history, current, past, to.trim(), language)?;
        let changes = Changes::between(old, new);
        let text = match args.format {
            Format::Human => render_text(&changes, language),
            Format::Json => format!("{}\n", serde_json::to_string_pretty(&changes)?),
        };
        print(&text)?;
        return Ok(Outcome::Clean);
    }
    let (note, mut versions) = match &history {
        Ok(history) => {
            let past = history.past_versions(current);
            for problem in &past.problems {
                let left_out = message!("history-version-left-out", problem = problem.message());
                eprintln!("{}", left_out.in_language(language));
            }
            (None, past.versions.iter().map(past_line).collect())
        }
        Err(why) => (
            Some(message!("history-only-current", why = why.message()).in_language(language)),
            Vec::new(),
        ),
    };
    versions.push(current_line(current, history.as_ref().ok()));
    let listing = Listing {
        guideline: format!("{}/{}", current.group, current.slug),
        title: current.title(),
        note,
        versions,
    };
    let text = match args.format {
        Format::Human => render_listing(&listing, language),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&listing)?),
    };
    print(&text)?;
    Ok(Outcome::Clean)
}

/// `dlg/dlbcl`, `dlg/dlbcl.md` or `guidelines/dlg/dlbcl.md` → `dlg/dlbcl.md`.
fn guideline_key(given: &str) -> String {
    let trimmed = given.trim_matches('/');
    let trimmed = trimmed.strip_prefix("guidelines/").unwrap_or(trimmed);
    let trimmed = trimmed.strip_suffix(".md").unwrap_or(trimmed);
    format!("{trimmed}.md")
}

fn find_version<'a>(
    history: &SiteHistory,
    current: &'a Guideline,
    past: &'a [PastVersion],
    version: &str,
    language: crate::diagnostics::Language,
) -> anyhow::Result<&'a Guideline> {
    if current.meta.version.get_ref().trim() == version {
        return Ok(current);
    }
    if let Some(found) = past.iter().find(|p| p.record.version == version) {
        return history
            .parsed_or_unreadable(found)
            .map_err(|problem| anyhow::anyhow!("{}", problem.message().in_language(language)));
    }
    let known: Vec<&str> = past
        .iter()
        .map(|p| p.record.version.as_str())
        .chain([current.meta.version.get_ref().as_str()])
        .collect();
    bail!(
        "{}",
        message!(
            "error-no-version",
            version = version,
            known = known.join(", ")
        )
        .in_language(language)
    )
}

fn past_line(past: &PastVersion) -> VersionLine {
    VersionLine {
        version: past.record.version.clone(),
        in_force_from: Some(past.from),
        in_force_until: past.until,
        commit: Some(past.record.commit.to_string()),
        commit_date: past.record.time.date(),
        path: past.record.path.clone(),
        current: false,
    }
}

/// The text in the working tree, with the commit that holds it when it is committed.
fn current_line(current: &Guideline, history: Option<&SiteHistory>) -> VersionLine {
    let version = current.meta.version.get_ref().trim().to_owned();
    let record = history.and_then(|h| {
        h.versions_of(current)
            .into_iter()
            .find(|r| r.version == version)
    });
    let approved = current.status() == Status::Approved;
    VersionLine {
        in_force_from: if approved {
            in_force_from(current)
        } else {
            None
        },
        in_force_until: None,
        commit: record.as_ref().map(|r| r.commit.to_string()),
        commit_date: record.as_ref().and_then(|r| r.time.date()),
        path: current.source.display_path.clone(),
        version,
        current: true,
    }
}

fn render_listing(listing: &Listing, language: crate::diagnostics::Language) -> String {
    use std::fmt::Write as _;
    let mut out = format!("{} — {}\n", listing.guideline, listing.title);
    if let Some(note) = &listing.note {
        let _ = writeln!(
            out,
            "{}",
            message!("history-note", note = note).in_language(language)
        );
    }
    let date = |d: Option<Date>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
    let not_committed = message!("history-listing-not-committed").in_language(language);
    for line in &listing.versions {
        let commit = line
            .commit
            .as_deref()
            .map_or(not_committed.as_str(), |c| c.get(..10).unwrap_or(c));
        // Padded before they go in, so the dates line up in a column.
        let version_line = message!(
            "history-listing-version",
            version = format!("{:<8}", line.version),
            from = date(line.in_force_from),
            until = format!("{:<11}", date(line.in_force_until)),
            commit = commit,
            date = date(line.commit_date),
            path = &line.path
        );
        out.push_str(&version_line.in_language(language));
        if line.current {
            out.push_str("  ");
            out.push_str(&message!("history-listing-current").in_language(language));
        }
        out.push('\n');
    }
    out
}
