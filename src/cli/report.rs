//! `retning report`: revision status, publication lag and decision-aid coverage; with
//! `--since` what changed; with `--monitoring` or `--coverage` the pathway reports.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::bail;
use clap::{Args, ValueEnum};
use jiff::civil::Date;

use crate::diagnostics::catalogue::format;
use crate::diagnostics::{Language, message, render_human};
use crate::history::{SiteHistory, Unavailable};
use crate::reports;
use crate::site::Site;
use crate::terminal::{WithoutHistory, history_note};

use super::{Outcome, parse_today, print, today_or_local};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
    /// The date statuses are computed for (default: today's local date).
    #[arg(long, value_parser = parse_today)]
    pub(crate) today: Option<Date>,
    /// Only this group (its folder code, e.g. dlg).
    #[arg(long)]
    pub(crate) group: Option<String>,
    /// List the guidelines new or approved in a new version since this date.
    #[arg(long, value_parser = parse_today)]
    pub(crate) since: Option<Date>,
    /// With --since: list the `ny`/`ændret` badges rather than the changes the git history
    /// shows since the previous approved version.
    #[arg(long)]
    pub(crate) no_history: bool,
    /// Per group, the recommendations a clinical quality database monitors, and those no
    /// database monitors.
    #[arg(long, conflicts_with_all = ["since", "coverage"])]
    pub(crate) monitoring: bool,
    /// The pathway matrix: per group and phase, the guidelines and recommendations covering it.
    #[arg(long, conflicts_with = "since")]
    pub(crate) coverage: bool,
}

pub(super) fn run(root: &Path, args: ReportArgs, language: Language) -> anyhow::Result<Outcome> {
    let today = today_or_local(args.today);
    let site = load_site(root, language)?;
    if let Some(group) = &args.group
        && !site.config.groups.contains_key(group)
    {
        bail!(
            "{}",
            crate::config::not_a_group(group, site.config.groups.keys()).in_language(language)
        );
    }
    let group = args.group.as_deref();
    let text = match args.since {
        _ if args.monitoring => {
            let report = reports::monitoring(&site, group);
            match args.format {
                Format::Table => reports::render_monitoring_table(&report, language),
                Format::Json => serde_json::to_string_pretty(&report)? + "\n",
                Format::Csv => reports::render_monitoring_csv(&report),
            }
        }
        _ if args.coverage => {
            let matrix = reports::pathway_coverage(&site, group);
            match args.format {
                Format::Table => reports::render_coverage_table(&matrix, language),
                Format::Json => serde_json::to_string_pretty(&matrix)? + "\n",
                Format::Csv => reports::render_coverage_csv(&matrix),
            }
        }
        Some(since) => changes_text(root, &site, since, &args, language)?,
        None => {
            let report = reports::build(&site, today, group);
            match args.format {
                Format::Table => {
                    reports::render_table(&report, std::io::stdout().is_terminal(), language)
                }
                Format::Json => serde_json::to_string_pretty(&report)? + "\n",
                Format::Csv => reports::render_csv(&report),
            }
        }
    };
    print(&text)?;
    Ok(Outcome::Clean)
}

/// The site, or an error when its configuration cannot be read. A guideline that cannot be
/// read is missing from every number: that is said, loudly, on stderr.
fn load_site(root: &Path, language: Language) -> anyhow::Result<Site> {
    let loaded = match Site::load(root) {
        Ok(loaded) => loaded,
        Err(finding) => {
            eprint!(
                "{}",
                render_human(&[*finding], std::io::stderr().is_terminal(), language)
            );
            bail!(
                "{}",
                message!("error-site-config-unreadable").in_language(language)
            );
        }
    };
    let unreadable: Vec<_> = loaded
        .findings
        .into_iter()
        .filter(|f| f.is_error())
        .collect();
    if !unreadable.is_empty() {
        eprint!(
            "{}",
            render_human(&unreadable, std::io::stderr().is_terminal(), language)
        );
        eprintln!("{}", format(language, "report-leaves-out", &[]));
    }
    Ok(loaded.site)
}

/// `--since`: the guidelines approved since the date, with their changes from the git
/// history when there is one.
fn changes_text(
    root: &Path,
    site: &Site,
    since: Date,
    args: &ReportArgs,
    language: Language,
) -> anyhow::Result<String> {
    let history = match SiteHistory::load_unless(args.no_history, root) {
        Ok(history) => Some(history),
        // Outside git the badges are all there is; `basis` in JSON says so.
        Err(Unavailable::TurnedOff | Unavailable::NotGit) => None,
        Err(why) => {
            eprintln!("{}", history_note(&why, WithoutHistory::Changes, language));
            None
        }
    };
    let changes = reports::changes_since(site, since, args.group.as_deref(), history.as_ref());
    Ok(match args.format {
        Format::Json => serde_json::to_string_pretty(&changes)? + "\n",
        Format::Table => reports::render_changes(&changes, since, language),
        Format::Csv => reports::render_changes_csv(&changes),
    })
}
