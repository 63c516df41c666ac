//! `retning build`: check, then render the site and write it atomically.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use jiff::civil::Date;

use crate::diagnostics::{Counts, render_human};
use crate::publish::{free_in_background, publish};
use crate::render::{RenderOptions, Theme};
use crate::search;
use crate::validate::check_site;

use super::{Outcome, parse_today, today_or_local};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Include draft guidelines (each page carries a "Kladde" banner).
    #[arg(long)]
    pub drafts: bool,
    /// The date statuses are computed for (default: today's local date).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<Date>,
    /// The output folder.
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Override `base_url` from retning.toml (e.g. for a staging server).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Do not read the git history (no badge checks against the previous approved version).
    #[arg(long)]
    pub no_history: bool,
}

pub fn run(root: &Path, args: BuildArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let today = today_or_local(args.today);
    let progress = Progress::new();
    progress.step("Tjekker retningslinjer");
    let mut checked = match check_site(root, today) {
        Ok(checked) => checked,
        Err(finding) => {
            eprint!(
                "{}",
                render_human(&[*finding], std::io::stderr().is_terminal())
            );
            return Ok(Outcome::Findings);
        }
    };
    super::check::add_history_findings(root, &mut checked, args.no_history);
    let counts = Counts::of(&checked.findings);
    if counts.errors > 0 {
        progress.finish();
        eprint!(
            "{}",
            render_human(&checked.findings, std::io::stderr().is_terminal())
        );
        eprintln!("Not published: fix the errors above. The previous site is untouched.");
        return Ok(Outcome::Findings);
    }
    if let Some(base_url) = args.base_url {
        checked.site.config.base_url = base_url;
    }
    let theme = Theme::load(root).context("cannot load the theme")?;
    let out = if args.out.is_absolute() {
        args.out.clone()
    } else {
        root.join(&args.out)
    };
    let options = RenderOptions {
        drafts: args.drafts,
        today,
    };
    let index_dir = root.join(search::INDEX_DIR);
    let published = publish(&checked.site, &theme, options, &out, &index_dir, |stage| {
        progress.step(stage)
    })?;
    progress.finish();
    if counts.warnings > 0 {
        eprint!(
            "{}",
            render_human(&checked.findings, std::io::stderr().is_terminal())
        );
    }
    let guidelines = checked.site.published(args.drafts).count();
    free_in_background(checked);
    println!(
        "Built {guidelines} guidelines, {} pages ({} files written, {} unchanged) into {} with {} warnings in {:.2?}",
        published.pages,
        published.write.written,
        published.write.unchanged,
        out.display(),
        counts.warnings,
        started.elapsed()
    );
    Ok(Outcome::Clean)
}

/// A spinner on a terminal, nothing otherwise.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new() -> Self {
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            Self(Some(bar))
        } else {
            Self(None)
        }
    }
    fn step(&self, message: &'static str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message);
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
