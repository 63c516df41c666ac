//! A deterministic, seeded synthetic corpus of DMCG guidelines in the FORMAT.md template.
//!
//! The same seed, count and word target always give byte-identical files. Every guideline
//! passes `retning check` with no finding: its structure (topics, recommendations, the four
//! sub-sections, references cited with evidence levels, tables, cross-links to recommendations
//! that exist, decision aids, both grading schemes) is planned before its text is written.
//! The text is Danish-looking prose drawn from the lists in `words.rs` with a long-tailed
//! (Zipf-like) frequency, so term counts and posting lengths behave like real text.

mod front_matter;
mod prose;
mod rng;
mod writer;

use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use super::words::*;
pub use rng::Rng;
use writer::Writer;

/// The date every bench and check runs with (statuses depend on it).
pub const TODAY: &str = "2026-01-15";

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub guidelines: usize,
    /// About this many words per guideline (references and tables included).
    pub words: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            guidelines: 300,
            words: 8000,
            seed: 0x5EED_2026,
        }
    }
}

/// What is decided about every guideline before any text is written, so cross-links can
/// point at recommendations that exist.
#[derive(Debug, Clone)]
pub struct Plan {
    pub group: usize,
    pub slug: String,
    pub title: String,
    pub grade: bool,
    pub rec_ids: Vec<u32>,
}

/// One generated guideline.
#[derive(Debug, Clone)]
pub struct Doc {
    pub group: &'static str,
    pub slug: String,
    pub title: String,
    /// The day it went live (Hugo's `date`).
    pub published: Date,
    /// Front matter lines after `title`, with `{P}` where a table name needs the `extra.`
    /// prefix for Hugo.
    fields: String,
    pub body: String,
}

pub struct Corpus {
    pub docs: Vec<Doc>,
}

impl Corpus {
    pub fn generate(options: Options) -> Self {
        let mut rng = Rng::new(options.seed);
        let plans = plan(&mut rng, options.guidelines);
        let docs = (0..plans.len())
            .into_par_iter()
            .map(|i| {
                let seed = options.seed ^ (i as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407);
                Writer::new(Rng::new(seed), &plans, i, options.words).write()
            })
            .collect();
        Self { docs }
    }

    /// The groups the corpus uses, as `retning.toml` lists them.
    pub fn groups(&self) -> Vec<(&'static str, &'static str)> {
        let used = GROUPS.len().min(self.docs.len().max(1));
        GROUPS[..used].iter().map(|g| (g.0, g.1)).collect()
    }

    /// Words in every guideline file (whitespace-separated, front matter included).
    pub fn words(&self) -> usize {
        self.docs
            .iter()
            .map(|d| d.body.split_whitespace().count() + d.fields.split_whitespace().count())
            .sum()
    }

    pub fn retning_toml(&self) -> String {
        let mut out = String::from(
            "title = \"Kliniske retningslinjer på kræftområdet\"\n\
             base_url = \"https://example.org/retningslinjer/\"\n\
             language = \"da\"\nrevision_warning_days = 90\npublish_within_days = 7\n\n[groups]\n",
        );
        for (code, name) in self.groups() {
            let _ = writeln!(out, "{code} = \"{name}\"");
        }
        out
    }

    /// The guideline file as retning reads it.
    pub fn retning_file(doc: &Doc) -> String {
        let fields = doc.fields.replace("{P}", "");
        format!(
            "+++\ntitle = \"{}\"\n{fields}+++\n\n{}",
            doc.title, doc.body
        )
    }

    /// The same text as a plain Markdown page for other generators: only `title` and `date`
    /// at the top level, everything else under `[extra]`.
    pub fn hugo_file(doc: &Doc) -> String {
        // Top-level keys (before the first table) move under [extra]; tables get the prefix.
        let fields = doc.fields.replace("{P}", "extra.");
        format!(
            "+++\ntitle = \"{}\"\ndate = {}\n[extra]\n{fields}+++\n\n{}",
            doc.title, doc.published, doc.body
        )
    }

    /// `root/retning.toml` and `root/guidelines/<group>/<slug>.md`.
    pub fn write_retning(&self, root: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(root)?;
        std::fs::write(root.join("retning.toml"), self.retning_toml())?;
        for doc in &self.docs {
            let dir = root.join("guidelines").join(doc.group);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(
                dir.join(format!("{}.md", doc.slug)),
                Self::retning_file(doc),
            )?;
        }
        Ok(())
    }

    /// `content/<group>/<slug>.md` under `root`, for Hugo (the script adds config and layouts).
    pub fn write_hugo(&self, root: &Path) -> std::io::Result<()> {
        for doc in &self.docs {
            let dir = root.join("content").join(doc.group);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join(format!("{}.md", doc.slug)), Self::hugo_file(doc))?;
        }
        Ok(())
    }
}

/// Lower-case ASCII slug with Danish letters spelled out.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_owned()
}

fn plan(rng: &mut Rng, n: usize) -> Vec<Plan> {
    let groups = GROUPS.len().min(n.max(1));
    // Each group's (cancer, aspect) titles, in a seeded order; reused with "del 2", "del 3"…
    let titles: Vec<Vec<(usize, usize)>> = (0..groups)
        .map(|g| {
            let mut combos: Vec<(usize, usize)> = (0..GROUPS[g].3.len())
                .flat_map(|c| (0..ASPECTS.len()).map(move |a| (c, a)))
                .collect();
            for i in (1..combos.len()).rev() {
                combos.swap(i, rng.below(i + 1));
            }
            combos
        })
        .collect();
    let mut used = vec![0usize; groups];
    (0..n)
        .map(|i| {
            let g = i % groups;
            let k = used[g];
            used[g] += 1;
            let (c, a) = titles[g][k % titles[g].len()];
            let part = k / titles[g].len() + 1;
            let cancer = GROUPS[g].3[c];
            let mut title = format!("{cancer} – {}", ASPECTS[a]);
            let mut slug = slug(&format!("{cancer} {}", ASPECTS[a]));
            if part > 1 {
                let _ = write!(title, " (del {part})");
                let _ = write!(slug, "-{part}");
            }
            let recs = rng.range(10, 40);
            let mut id = 0;
            let rec_ids = (0..recs)
                .map(|_| {
                    // A withdrawn recommendation keeps its number retired: gaps.
                    id += if rng.chance(0.07) { 2 } else { 1 };
                    id
                })
                .collect();
            Plan {
                group: g,
                slug,
                title,
                grade: GROUPS[g].2,
                rec_ids,
            }
        })
        .collect()
}

pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
