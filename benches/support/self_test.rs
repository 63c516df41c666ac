//! The self-test (`cargo test --benches`): a small generated corpus passes `retning check`
//! with no finding, builds, is deterministic, and its Hugo pages have the expected front
//! matter.

use std::collections::BTreeSet;

use search_index::Engine;

use retning::diagnostics::{Language, render_human};
use retning::site::Site;
use retning::validate::check_site;

use super::corpus::{Corpus, Options};
use super::full_build::build_once;
use super::{Result, today};

pub fn self_test() -> Result<()> {
    let options = Options {
        guidelines: 40,
        words: 2500,
        seed: 7,
    };
    let corpus = Corpus::generate(options);
    let again = Corpus::generate(options);
    let same = corpus
        .docs
        .iter()
        .zip(&again.docs)
        .all(|(a, b)| Corpus::retning_file(a) == Corpus::retning_file(b));
    if !same {
        return Err("the corpus is not deterministic".into());
    }
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("site");
    corpus.write_retning(&root)?;
    let checked = check_site(&root, today()?).map_err(|d| d.message.to_string())?;
    if !checked.findings.is_empty() {
        eprint!("{}", render_human(&checked.findings, false, Language::En));
        return Err(format!(
            "the generated corpus has {} findings; it must have none",
            checked.findings.len()
        )
        .into());
    }
    if checked.site.guidelines.len() != options.guidelines {
        return Err("not every generated guideline loaded".into());
    }
    let (links, aids) = site_shape(&checked.site)?;
    // It builds, and the search finds a common word.
    let stages = build_once(
        &root,
        &dir.path().join("public"),
        &dir.path().join("index"),
        |_| {},
    )?;
    let engine = Engine::open(&dir.path().join("index"))?;
    if engine.search("behandling", None, 10)?.is_empty() {
        return Err("the search finds nothing for `behandling`".into());
    }
    hugo_front_matter(&corpus)?;
    println!(
        "self-test: {} generated guidelines ({} words, {links} cross-links, {aids} decision aids) pass `retning check` with 0 findings and build {} files in {:.0?}",
        options.guidelines,
        corpus.words(),
        stages.files,
        stages.total()
    );
    Ok(())
}

/// Both grading schemes, cross-links and decision aids: (cross-links, decision aids).
fn site_shape(site: &Site) -> Result<(usize, usize)> {
    let both = site
        .guidelines
        .iter()
        .map(|g| g.grading())
        .collect::<Vec<_>>();
    if !both.contains(&retning::model::Grading::Grade)
        || !both.contains(&retning::model::Grading::Oxford)
    {
        return Err("the corpus must use both grading schemes".into());
    }
    let links: usize = site.guidelines.iter().map(|g| g.body.links.len()).sum();
    let aids: usize = site
        .guidelines
        .iter()
        .map(|g| g.meta.decision_aids.len())
        .sum();
    if links == 0 || aids == 0 {
        return Err("the corpus must have cross-links and decision aids".into());
    }
    Ok((links, aids))
}

/// Hugo pages: only title and date at the top level, the rest under [extra].
fn hugo_front_matter(corpus: &Corpus) -> Result<()> {
    for doc in &corpus.docs {
        let page = Corpus::hugo_file(doc);
        let front = page
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"))
            .map(|(front, _)| front)
            .ok_or("a Hugo page has no front matter")?;
        let table: toml::Table = toml::from_str(front)?;
        let keys: BTreeSet<&str> = table.keys().map(String::as_str).collect();
        if keys != BTreeSet::from(["title", "date", "extra"]) {
            return Err(format!("Hugo front matter has top-level keys {keys:?}").into());
        }
    }
    Ok(())
}
