//! `retning search QUERY`: the tantivy index `retning build` wrote, from the terminal.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use clap::{Args, ValueEnum};
use search_index::{Engine, Hit};

use crate::diagnostics::snippet::escape_controls;
use crate::diagnostics::{Language, message};
use crate::search::INDEX_DIR;

use super::{BadValue, Outcome, print};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// Words to search for (Danish; inflections, compounds by prefix, æ/ø/å written as
    /// ae/oe/aa or a/o/e, synonyms, and a typo or two in a long word all match).
    #[arg(required = true)]
    pub(crate) query: Vec<String>,
    /// Only this group (its folder code, e.g. dlg).
    #[arg(long)]
    pub(crate) group: Option<String>,
    /// At most this many results (1 or more).
    #[arg(long, default_value_t = 10, value_parser = positive)]
    pub(crate) limit: usize,
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: Format,
}

/// `--limit 0` would always answer "no results": a usage error (exit 2) instead.
fn positive(value: &str) -> Result<usize, BadValue> {
    match value.parse::<usize>() {
        Ok(0) => Err(BadValue(message!("usage-limit-zero"))),
        Ok(n) => Ok(n),
        Err(_) => Err(BadValue(message!("usage-not-a-count"))),
    }
}

pub(super) fn run(root: &Path, args: SearchArgs, language: Language) -> anyhow::Result<Outcome> {
    let dir = root.join(INDEX_DIR);
    if !dir.is_dir() {
        anyhow::bail!(
            "{}",
            message!("error-no-search-index", folder = dir.display().to_string())
                .in_language(language)
        );
    }
    let engine = Engine::open(&dir).with_context(|| {
        message!(
            "error-search-index-unreadable",
            folder = dir.display().to_string()
        )
        .in_language(language)
    })?;
    if let Some(group) = &args.group
        && !engine.groups.iter().any(|g| &g.code == group)
    {
        let known = engine.groups.iter().map(|g| &g.code);
        anyhow::bail!(
            "{}",
            crate::config::not_a_group(group, known).in_language(language)
        );
    }
    let query = args.query.join(" ");
    let found = engine.search_corrected(&query, args.group.as_deref(), args.limit)?;
    let text = match args.format {
        // `{"hits": […], "corrections": […], "corrected_query": "…" or null}`.
        Format::Json => serde_json::to_string_pretty(&found)? + "\n",
        // Guideline text must not reach the terminal as escape sequences.
        Format::Human => {
            let mut text = String::new();
            if let Some(corrected) = found.corrected_query.as_deref()
                && !found.hits.is_empty()
            {
                let line = message!("search-corrected", query = corrected);
                text.push_str(&format!("{}\n\n", line.in_language(language)));
            }
            text.push_str(&human(&query, &found.hits, language));
            escape_controls(&text).into_owned()
        }
    };
    print(&text)?;
    Ok(Outcome::Clean)
}

/// Hits grouped by guideline, best guideline first.
fn human(query: &str, hits: &[Hit], language: Language) -> String {
    if hits.is_empty() {
        let none = message!("search-no-results", query = query);
        return format!("{}\n", none.in_language(language));
    }
    let mut order: Vec<&str> = Vec::new();
    let mut by_guideline: BTreeMap<&str, Vec<&Hit>> = BTreeMap::new();
    for hit in hits {
        let key = hit.doc.guideline_url.as_str();
        if !order.contains(&key) {
            order.push(key);
        }
        by_guideline.entry(key).or_default().push(hit);
    }
    let mut out = String::new();
    for key in order {
        let group = &by_guideline[key];
        out.push_str(&format!(
            "{} ({})\n",
            group[0].doc.guideline, group[0].doc.group
        ));
        for hit in group {
            let strength = hit
                .doc
                .strength
                .as_ref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            out.push_str(&format!("  {}{strength}  {}\n", hit.doc.title, hit.doc.url));
            if !hit.snippet.is_empty() {
                out.push_str(&format!("    {}\n", hit.snippet.replace('\n', " ")));
            }
        }
    }
    out
}
