//! `retning new <group> <slug> --title T`: a new draft guideline with every template section.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use clap::Args;
use jiff::ToSpan;

use crate::config::SiteConfig;
use crate::diagnostics::message;
use crate::site::{GUIDELINES_DIR, is_valid_slug};

use super::{Outcome, today_or_local};

/// The scaffold lives in the theme with the rest of the Danish text.
const SCAFFOLD: &str = include_str!("../../themes/default/scaffold/guideline.md");

/// New guidelines are planned for revision this many years after today.
const REVISION_YEARS: i64 = 3;

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The DMCG group's folder code, as listed in retning.toml (e.g. dlg).
    pub(crate) group: String,
    /// The file name without .md: lower-case a–z, digits and - (it becomes the URL).
    pub(crate) slug: String,
    /// The guideline's title.
    #[arg(long)]
    pub(crate) title: String,
}

pub(super) fn run(
    root: &Path,
    args: NewArgs,
    language: crate::diagnostics::Language,
) -> anyhow::Result<Outcome> {
    let config = SiteConfig::load(root)
        .map_err(|finding| anyhow::anyhow!("{}", finding.message_in(language)))?;
    let group_name = config
        .group(&args.group)
        .map_err(|why| anyhow::anyhow!("{}", why.in_language(language)))?;
    if !is_valid_slug(&args.slug) {
        bail!(
            "{}",
            message!("error-invalid-slug", slug = &args.slug).in_language(language)
        );
    }
    if args.title.trim().is_empty() {
        bail!("{}", message!("error-empty-title").in_language(language));
    }
    let today = today_or_local(None);
    let planned = today
        .checked_add(REVISION_YEARS.years())
        .with_context(|| message!("error-revision-date-out-of-range").in_language(language))?;
    let text = SCAFFOLD
        .replace("{{title}}", &toml_string(args.title.trim()))
        .replace("{{group_name}}", &toml_string(group_name))
        .replace("{{today}}", &today.to_string())
        .replace("{{planned}}", &planned.to_string());

    let dir = root.join(GUIDELINES_DIR).join(&args.group);
    std::fs::create_dir_all(&dir).with_context(|| {
        message!("error-cannot-create", path = dir.display().to_string()).in_language(language)
    })?;
    let path = dir.join(format!("{}.md", args.slug));
    // create_new: never overwrite an author's existing file.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| {
            message!("error-cannot-create-new", path = path.display().to_string())
                .in_language(language)
        })?;
    file.write_all(text.as_bytes()).with_context(|| {
        message!("error-cannot-write", path = path.display().to_string()).in_language(language)
    })?;
    let created = message!("new-created", path = path.display().to_string());
    println!("{}", created.in_language(language));
    Ok(Outcome::Clean)
}

/// A TOML basic string, quoted and escaped.
fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}
