//! `retning import FILE.docx… --group G [--slug S] [--format human|json] [--force]`: Word
//! guidelines in the DMCG template → draft guidelines, each file on its own (one bad file
//! never stops the others), then `retning check` on what was written.
//!
//! Exit codes: 0 every file was written (findings or not), 1 a file could not be imported,
//! 2 the tool itself failed (no pandoc, no site, an unknown group).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;
use clap::Args;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::{Text, message};
use crate::import::report::{FileReport, WrittenFile, render_human, render_json};
use crate::import::url_map::UrlMap;
use crate::import::{self, Converted, Pandoc, Request};
use crate::validate::check_site;

use super::{Outcome, parse_today, print, today_or_local};

/// How the import report is printed (a finding of an import is about a Word file, which no
/// CI annotates, so there is no `github` form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The Word files (.docx) to import.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// The DMCG group's folder code, as listed in retning.toml (e.g. dlg).
    #[arg(long)]
    pub(crate) group: String,
    /// The file name without .md (default: made from the title). Only with one file.
    #[arg(long)]
    pub(crate) slug: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: Format,
    /// Overwrite a guideline that exists already.
    #[arg(long)]
    pub(crate) force: bool,
    /// A TOML file mapping old guideline URLs to `group/slug` (see docs/import.md): links to
    /// them become cross-links, the imported guideline's own become its aliases.
    #[arg(long, value_name = "FILE")]
    pub(crate) url_map: Option<PathBuf>,
    /// The date `retning check` runs with on the written files (default: today).
    #[arg(long, value_parser = parse_today)]
    pub(crate) today: Option<Date>,
}

pub(super) fn run(
    root: &Path,
    args: ImportArgs,
    language: crate::diagnostics::Language,
) -> anyhow::Result<Outcome> {
    let pandoc =
        Pandoc::find().map_err(|err| anyhow::anyhow!("{}", err.message().in_language(language)))?;
    let config = SiteConfig::load(root)
        .map_err(|finding| anyhow::anyhow!("{}", finding.message_in(language)))?;
    let group_name = config
        .group(&args.group)
        .map_err(|why| anyhow::anyhow!("{}", why.in_language(language)))?;
    let url_map = match &args.url_map {
        Some(path) => {
            Some(Arc::new(UrlMap::load(path).map_err(|err| {
                anyhow::anyhow!("{}", err.in_language(language))
            })?))
        }
        None => None,
    };
    if args.slug.is_some() && args.files.len() > 1 {
        bail!("{}", message!("import-slug-one-file").in_language(language));
    }
    let request = Request {
        pandoc: &pandoc,
        group: &args.group,
        group_name,
        slug: args.slug.as_deref(),
        url_map,
    };
    let converted: Vec<Result<Converted, Text>> = args
        .files
        .par_iter()
        .map(|file| import::convert(file, &request))
        .collect();
    let converted = refuse_shared_slugs(converted);
    let mut reports: Vec<FileReport> = args
        .files
        .par_iter()
        .zip(converted)
        .map(|(file, converted)| FileReport {
            source: file.display().to_string(),
            outcome: converted.and_then(|converted| {
                let path = import::write(&converted, root, &args.group, args.force)?;
                Ok(WrittenFile {
                    path,
                    imported: converted.imported,
                    findings: converted.findings,
                    check: Vec::new(),
                })
            }),
        })
        .collect();
    attach_check(root, today_or_local(args.today), &mut reports);

    let rendered = match args.format {
        Format::Human => render_human(&reports, language),
        Format::Json => render_json(&reports, language),
    };
    print(&rendered)?;
    Ok(if reports.iter().any(FileReport::failed) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Two files of one run that would write the same guideline: the later ones are refused.
fn refuse_shared_slugs(converted: Vec<Result<Converted, Text>>) -> Vec<Result<Converted, Text>> {
    let mut seen = HashSet::new();
    converted
        .into_iter()
        .map(|result| {
            let converted = result?;
            if seen.insert(converted.slug.clone()) {
                Ok(converted)
            } else {
                Err(message!("import-shared-slug", slug = converted.slug.as_str()).into())
            }
        })
        .collect()
}

/// `retning check` on the whole site (cross-links need it), its findings about each
/// written file added to that file's report.
fn attach_check(root: &Path, today: Date, reports: &mut [FileReport]) {
    let written = reports.iter().any(|r| r.outcome.is_ok());
    if !written {
        return;
    }
    let findings = match check_site(root, today) {
        Ok(checked) => checked.findings,
        Err(finding) => vec![*finding],
    };
    for report in reports.iter_mut() {
        if let Ok(file) = &mut report.outcome {
            file.check = findings
                .iter()
                .filter(|d| d.file.as_deref() == Some(file.path.as_str()))
                .cloned()
                .collect();
        }
    }
}
