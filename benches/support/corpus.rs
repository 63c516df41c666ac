//! A deterministic, seeded synthetic corpus of DMCG guidelines in the FORMAT.md template.
//!
//! The same seed, count and word target always give byte-identical files. Every guideline
//! passes `retning check` with no finding: its structure (topics, recommendations, the four
//! sub-sections, references cited with evidence levels, tables, cross-links to recommendations
//! that exist, decision aids, both grading schemes) is planned before its text is written.
//! The text is Danish-looking prose drawn from the lists in `words.rs` with a long-tailed
//! (Zipf-like) frequency, so term counts and posting lengths behave like real text.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;

use super::words::*;

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

/// splitmix64: tiny, fast, and good enough for text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Rank `r` with probability about proportional to `1/(r+1)`: the head of a list is
    /// common, its tail rare, as words are.
    pub fn zipf<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let n = items.len() as f64;
        let r = ((n + 1.0).powf(self.f64()) - 1.0).floor() as usize;
        &items[r.min(items.len() - 1)]
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

struct Reference {
    key: String,
    text: String,
}

struct Writer<'a> {
    rng: Rng,
    plans: &'a [Plan],
    me: usize,
    words: usize,
    out: String,
}

impl<'a> Writer<'a> {
    fn new(rng: Rng, plans: &'a [Plan], me: usize, words: usize) -> Self {
        Self {
            rng,
            plans,
            me,
            words,
            out: String::with_capacity(words * 9),
        }
    }

    fn write(mut self) -> Doc {
        let plan = &self.plans[self.me];
        let (fields, published) = self.front_matter(plan);
        let n_recs = plan.rec_ids.len();
        let n_topics = self.rng.range(4, 10).min(n_recs);
        // Every topic holds at least one recommendation.
        let mut per_topic = vec![1usize; n_topics];
        for _ in n_topics..n_recs {
            let t = self.rng.below(n_topics);
            per_topic[t] += 1;
        }
        let references = self.references();
        let ref_words: usize = references
            .iter()
            .map(|r| r.text.split_whitespace().count() + 1)
            .sum();
        let rec_words = n_recs * 40;
        // Paragraphs end on a whole sentence and sections carry tables, lists and links the
        // budget does not count: aim lower so the file comes out near `words`.
        let text = self
            .words
            .saturating_sub(ref_words + rec_words + 250)
            .max(self.words / 3)
            * 84
            / 100;
        let markers: Vec<Option<&str>> = (0..n_recs)
            .map(|_| match self.rng.f64() {
                x if x < 0.12 => Some("ny"),
                x if x < 0.22 => Some("ændret"),
                _ => None,
            })
            .collect();

        // Nyt siden sidst
        self.out.push_str("# Nyt siden sidst (ændringslog)\n\n");
        if markers.iter().any(Option::is_some) {
            self.out.push_str("| Anbefaling | Ændring |\n|---|---|\n");
            for (i, marker) in markers.iter().enumerate() {
                if let Some(marker) = marker {
                    let what = if *marker == "ny" { "Ny" } else { "Ændret" };
                    let line = self.sentence(6, 14);
                    let _ = writeln!(
                        self.out,
                        "| {} | {what}: {} |",
                        plan.rec_ids[i],
                        line.trim_end_matches('.')
                    );
                }
            }
            self.out.push('\n');
        } else {
            self.out
                .push_str("Ingen ændringer i anbefalingerne siden sidste version.\n\n");
        }
        self.out.push_str("# 1. Anbefalinger (Quick guide)\n\n");
        self.out.push_str("# 2. Introduktion\n\n");
        self.paragraphs(text * 8 / 100);

        // Grundlag
        self.out.push_str("# 3. Grundlag\n\n");
        let topic_words = text * 76 / 100 / n_topics;
        let mut topic_titles: Vec<&str> = TOPICS.to_vec();
        for i in (1..topic_titles.len()).rev() {
            topic_titles.swap(i, self.rng.below(i + 1));
        }
        let mut rec = 0;
        for (t, &count) in per_topic.iter().enumerate() {
            let title = topic_titles[t % topic_titles.len()];
            if t >= topic_titles.len() {
                let _ = writeln!(self.out, "## {title} ({})\n", t + 1);
            } else {
                let _ = writeln!(self.out, "## {title}\n");
            }
            if self.rng.chance(0.3) {
                self.paragraphs(topic_words / 10);
            }
            for _ in 0..count {
                let id = plan.rec_ids[rec];
                let strength = self.strength(plan.grade);
                let marker = markers[rec].map(|m| format!(" {m}")).unwrap_or_default();
                let _ = writeln!(self.out, "::: anbefaling {id} ({strength}){marker}");
                let text = self.recommendation_text();
                self.out.push_str(&text);
                self.out.push_str("\n:::\n\n");
                rec += 1;
            }
            // This topic's share of the references, each cited at least once.
            let mine: Vec<&Reference> = references
                .iter()
                .enumerate()
                .filter(|(i, _)| i % n_topics == t)
                .map(|(_, r)| r)
                .collect();
            self.out.push_str("### Litteratur og evidensgennemgang\n\n");
            if self.rng.chance(0.4) {
                self.study_table(&mine);
            }
            let keys: Vec<&str> = mine.iter().map(|r| r.key.as_str()).collect();
            let all: Vec<&str> = references.iter().map(|r| r.key.as_str()).collect();
            self.cited_paragraphs(topic_words * 45 / 100, &keys, &all);
            self.out.push_str("### Patientværdier og – præferencer\n\n");
            self.paragraphs(topic_words * 15 / 100);
            self.out.push_str("### Rationale\n\n");
            self.paragraphs(topic_words * 20 / 100);
            self.out.push_str("### Bemærkninger og overvejelser\n\n");
            self.paragraphs(topic_words * 15 / 100);
            if self.rng.chance(0.3) {
                self.list();
            }
            if self.rng.chance(0.45) {
                self.cross_link();
            }
        }

        self.out.push_str("# 4. Referencer\n\n");
        for r in &references {
            let _ = writeln!(self.out, "[^{}]: {}", r.key, r.text);
        }
        self.out.push_str("\n# 5. Metode\n\n");
        for label in [
            "Litteratursøgning",
            "Litteraturgennemgang",
            "Formulering af anbefalinger",
            "Interessentinvolvering",
            "Høring og godkendelse",
        ] {
            let _ = write!(self.out, "**{label}.** ");
            self.paragraphs(text * 6 / 100 / 5);
        }
        self.out.push_str("# 6. Monitorering\n\n");
        self.paragraphs(text * 3 / 100);
        self.out.push_str("# 7. Bilag\n\n");
        if self.rng.chance(0.6) {
            self.out.push_str("Bilag 1: ");
            self.paragraphs(text * 2 / 100);
        }
        self.out
            .push_str("# 8. Om denne kliniske retningslinje\n\n");
        self.paragraphs(text * 3 / 100);
        if self.rng.chance(0.3) {
            self.out.push_str(
                "Retningslinjen er udarbejdet i regi af [Sekretariatet for Kliniske Retningslinjer på Kræftområdet](https://www.dmcg.dk/kliniske-retningslinjer/).\n\n",
            );
        }

        Doc {
            group: GROUPS[plan.group].0,
            slug: plan.slug.clone(),
            title: plan.title.clone(),
            published,
            fields,
            body: self.out,
        }
    }

    fn date(&mut self, from: Date, max_days: usize) -> Date {
        from.checked_add((self.rng.below(max_days + 1) as i64).days())
            .unwrap_or(from)
    }

    fn front_matter(&mut self, plan: &Plan) -> (String, Date) {
        let mut f = String::new();
        let base = Date::constant(2023, 3, 1);
        let professional = self.date(base, 880);
        let administrative = self.date(professional.saturating_add(5.days()), 50);
        let published = if self.rng.chance(0.9) {
            self.date(administrative, 6)
        } else {
            self.date(administrative.saturating_add(8.days()), 60)
        };
        let planned = administrative.saturating_add(3.years());
        let _ = writeln!(
            f,
            "version = \"{}.{}\"",
            self.rng.range(1, 5),
            self.rng.below(10)
        );
        f.push_str("status = \"approved\"\ntemplate_version = \"10.0\"\n");
        let _ = writeln!(
            f,
            "grading = \"{}\"",
            if plan.grade { "grade" } else { "oxford" }
        );
        let cancer = plan.title.split(" – ").next().unwrap_or("Kræft");
        let mut keywords = vec![cancer.to_owned()];
        for _ in 0..self.rng.range(2, 6) {
            let k = match self.rng.below(3) {
                0 => self.rng.pick(TOPICS).to_string(),
                1 => self.rng.pick(DRUGS).to_string(),
                _ => capitalize(&self.compound()),
            };
            if !keywords.contains(&k) {
                keywords.push(k);
            }
        }
        let keywords: Vec<String> = keywords.iter().map(|k| format!("\"{k}\"")).collect();
        let _ = writeln!(f, "keywords = [{}]", keywords.join(", "));
        if self.rng.chance(0.1) {
            let _ = writeln!(
                f,
                "aliases = [\"/arkiv/{}/{}/\"]",
                GROUPS[plan.group].0, plan.slug
            );
        }
        let _ = writeln!(f, "published = {published}");
        let group_name = GROUPS[plan.group].1;
        let _ = writeln!(
            f,
            "\n[{{P}}approval]\nprofessional = {{ date = {professional}, by = \"{group_name}\" }}\n\
             administrative = {{ date = {administrative}, by = \"Sekretariatet for Kliniske Retningslinjer på Kræftområdet\" }}\n\
             \n[{{P}}revision]\nplanned = {planned}"
        );
        for _ in 0..self.rng.range(3, 8) {
            let name = format!(
                "{} {} {}",
                self.rng.pick(FIRST_NAMES),
                self.rng.pick(FIRST_NAMES),
                self.rng.pick(&SURNAMES[..20])
            );
            let title = *self.rng.pick(&[
                "Overlæge, ph.d.",
                "Overlæge",
                "Afdelingslæge",
                "Professor, overlæge, dr.med.",
                "Klinisk sygeplejespecialist",
            ]);
            let affiliation = format!(
                "{}, {}",
                self.rng.pick(DEPARTMENTS),
                self.rng.pick(HOSPITALS)
            );
            let conflicts = if self.rng.chance(0.8) {
                "Ingen".to_owned()
            } else {
                format!(
                    "Honorar for undervisning fra en medicinalvirksomhed ({})",
                    self.rng.range(2019, 2024)
                )
            };
            let _ = writeln!(
                f,
                "\n[[{{P}}authors]]\nname = \"{name}\"\ntitle = \"{title}\"\naffiliation = \"{affiliation}\"\nconflicts = \"{conflicts}\""
            );
        }
        let aids = match self.rng.f64() {
            x if x < 0.1 => 2,
            x if x < 0.45 => 1,
            _ => 0,
        };
        for n in 0..aids {
            let supported: std::collections::BTreeSet<u32> = (0..self.rng.range(1, 2))
                .map(|_| *self.rng.pick(&plan.rec_ids))
                .collect();
            let supported: Vec<String> = supported.iter().map(u32::to_string).collect();
            let ipdas = *self.rng.pick(&["not-assessed", "qualifying", "certified"]);
            let format = *self.rng.pick(&["encounter", "preparation"]);
            let _ = writeln!(
                f,
                "\n[[{{P}}decision_aids]]\ntitle = \"Beslutningshjælper: {} ({})\"\n\
                 url = \"https://example.org/beslutningshjaelper/{}-{}\"\n\
                 decision = \"{}\"\nrecommendations = [{}]\n\
                 publisher = \"Center for Fælles Beslutningstagning\"\nformat = \"{format}\"\nipdas = \"{ipdas}\"",
                plan.title,
                n + 1,
                plan.slug,
                n + 1,
                self.sentence(6, 12).trim_end_matches('.'),
                supported.join(", ")
            );
            if ipdas != "not-assessed" {
                let assessed = self.date(professional.saturating_sub(300.days()), 280);
                let _ = writeln!(f, "ipdas_assessed = {assessed}");
            }
            let updated = self.date(professional.saturating_sub(400.days()), 380);
            let _ = writeln!(f, "last_updated = {updated}");
        }
        (f, published)
    }

    fn strength(&mut self, grade: bool) -> String {
        if grade {
            if self.rng.chance(0.1) {
                return "god praksis".to_owned();
            }
            let direction = *self
                .rng
                .zipf(&["svag for", "stærk for", "svag imod", "stærk imod"]);
            if self.rng.chance(0.8) {
                let certainty = *self.rng.pick(&["høj", "moderat", "lav", "meget lav"]);
                format!("{direction}, {certainty}")
            } else {
                direction.to_owned()
            }
        } else {
            const LETTERS: [char; 4] = ['A', 'B', 'C', 'D'];
            let from = self.rng.below(4);
            if from < 3 && self.rng.chance(0.12) {
                let to = self.rng.range(from + 1, 3);
                format!("{}-{}", LETTERS[from], LETTERS[to])
            } else {
                LETTERS[from].to_string()
            }
        }
    }

    fn references(&mut self) -> Vec<Reference> {
        let n = self.rng.range(30, 120);
        let mut keys = HashSet::new();
        (0..n)
            .map(|_| {
                let first = *self.rng.pick(SURNAMES);
                let year = self.rng.range(1995, 2024);
                let base = format!("{}{year}", slug(first).replace('-', ""));
                let mut key = base.clone();
                let mut suffix = b'a';
                while !keys.insert(key.clone()) {
                    key = format!("{base}{}", suffix as char);
                    suffix += 1;
                }
                let mut text = String::new();
                for _ in 0..self.rng.range(1, 3) {
                    let _ = write!(
                        text,
                        "{} {}{}, ",
                        self.rng.pick(SURNAMES),
                        (b'A' + self.rng.below(26) as u8) as char,
                        (b'A' + self.rng.below(26) as u8) as char
                    );
                }
                text = format!("{first} {}", text.trim_end_matches(", "));
                text.push_str(", et al. ");
                let words = self.rng.range(6, 14);
                let mut title: Vec<String> = (0..words)
                    .map(|_| self.rng.zipf(ENGLISH).to_string())
                    .collect();
                if self.rng.chance(0.4) {
                    title.insert(0, format!("{}:", self.acronym()));
                }
                let title = capitalize(&title.join(" "));
                let start = self.rng.range(1, 3000);
                let _ = write!(
                    text,
                    "{title}. {}. {year};{}:{start}-{}.",
                    self.rng.pick(JOURNALS),
                    self.rng.range(1, 400),
                    start + self.rng.range(3, 15)
                );
                Reference { key, text }
            })
            .collect()
    }

    fn acronym(&mut self) -> String {
        let len = self.rng.range(3, 8);
        let mut s: String = (0..len)
            .map(|_| (b'A' + self.rng.below(26) as u8) as char)
            .collect();
        if self.rng.chance(0.3) {
            let _ = write!(s, "-{}", self.rng.range(1, 999));
        }
        s
    }

    fn compound(&mut self) -> String {
        let head = *self.rng.zipf(HEADS);
        let middle = *self.rng.zipf(MIDDLES);
        let tail = *self.rng.zipf(TAILS);
        format!("{head}{middle}{tail}")
    }

    fn word(&mut self) -> String {
        let r = self.rng.f64();
        if r < 0.36 {
            self.rng.zipf(FUNCTION).to_string()
        } else if r < 0.56 {
            self.rng.zipf(NOUNS).to_string()
        } else if r < 0.69 {
            self.compound()
        } else if r < 0.79 {
            self.rng.zipf(VERBS).to_string()
        } else if r < 0.91 {
            self.rng.zipf(ADJECTIVES).to_string()
        } else if r < 0.945 {
            self.rng.zipf(DRUGS).to_string()
        } else if r < 0.985 {
            self.number()
        } else {
            self.rare()
        }
    }

    /// The long tail: study acronyms and made-up rare words.
    fn rare(&mut self) -> String {
        if self.rng.chance(0.4) {
            return self.acronym();
        }
        const SYLLABLES: &[&str] = &[
            "ka", "ro", "ste", "vin", "lø", "bæ", "mor", "tå", "sen", "dri", "ku", "pla", "fi",
            "gen", "ær", "ul", "sko", "trø", "ner", "al",
        ];
        (0..self.rng.range(3, 6))
            .map(|_| *self.rng.pick(SYLLABLES))
            .collect()
    }

    fn number(&mut self) -> String {
        match self.rng.below(6) {
            0 => format!("{},{} %", self.rng.range(1, 99), self.rng.below(10)),
            1 => self.rng.range(1990, 2024).to_string(),
            2 => format!("0,{:02}", self.rng.range(1, 99)),
            3 => format!("{}–{}", self.rng.range(1, 5), self.rng.range(6, 12)),
            4 => format!("n = {}", self.rng.range(20, 4000)),
            _ => self.rng.range(2, 100).to_string(),
        }
    }

    /// One sentence of `lo..=hi` words, capitalised, with a full stop.
    fn sentence(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        let mut s = String::new();
        for i in 0..n {
            let w = self.word();
            if i == 0 {
                s.push_str(&capitalize(&w));
            } else {
                s.push(' ');
                s.push_str(&w);
            }
            if i + 1 < n && i > 2 && self.rng.chance(0.07) {
                s.push(',');
            }
        }
        s.push('.');
        s
    }

    /// Paragraphs of about `words` words in total, without citations.
    fn paragraphs(&mut self, words: usize) {
        self.cited_paragraphs(words, &[], &[]);
    }

    /// Paragraphs of about `words` words in total; the sentences cite `keys` (each at least
    /// once, in order) and now and then any of `all`.
    fn cited_paragraphs(&mut self, words: usize, keys: &[&str], all: &[&str]) {
        let words = words.max(20);
        let mut written = 0;
        let mut pending = keys.iter();
        let per_sentence_cite = if keys.is_empty() {
            0.0
        } else {
            // Spread this topic's citations over its sentences.
            (keys.len() as f64 * 20.0 / words as f64).min(0.9)
        };
        while written < words {
            let mut paragraph_words = 0;
            let target = self.rng.range(50, 140).min(words - written).max(12);
            while paragraph_words < target {
                let sentence = self.sentence(8, 26);
                paragraph_words += sentence.split_whitespace().count();
                let cite = if self.rng.chance(per_sentence_cite) {
                    pending.next().copied()
                } else if !all.is_empty() && self.rng.chance(0.08) {
                    Some(*self.rng.pick(all))
                } else {
                    None
                };
                match cite {
                    Some(key) => {
                        let body = sentence.trim_end_matches('.');
                        self.out.push_str(body);
                        let _ = write!(self.out, " [^{key}]");
                        if self.rng.chance(0.75) {
                            let level = *self
                                .rng
                                .pick(&["1a", "1b", "1b", "2a", "2b", "2b", "3b", "4", "5"]);
                            let space = if self.rng.chance(0.9) { " " } else { "" };
                            let _ = write!(self.out, "{space}[{level}]");
                        }
                        self.out.push_str(". ");
                    }
                    None => {
                        self.out.push_str(&sentence);
                        self.out.push(' ');
                    }
                }
            }
            written += paragraph_words;
            // Trailing space off, blank line after.
            let trimmed = self.out.trim_end().len();
            self.out.truncate(trimmed);
            self.out.push_str("\n\n");
        }
        // Whatever was not cited yet gets a closing sentence, so every reference is used.
        let rest: Vec<&str> = pending.copied().collect();
        if !rest.is_empty() {
            let sentence = self.sentence(8, 16);
            self.out.push_str(sentence.trim_end_matches('.'));
            for key in rest {
                let _ = write!(self.out, " [^{key}]");
            }
            self.out.push_str(".\n\n");
        }
    }

    fn recommendation_text(&mut self) -> String {
        let subject = *self.rng.pick(&[
            "Patienter med",
            "Alle patienter med",
            "Ældre patienter med",
            "Hos patienter med",
            "Kvinder med",
            "Mænd med",
        ]);
        let modal = *self.rng.pick(&[
            "bør tilbydes",
            "kan tilbydes",
            "bør ikke tilbydes",
            "bør have foretaget",
            "kan overveje",
        ]);
        let mut s = format!(
            "{subject} {} {} {modal} {} {}",
            self.rng.zipf(ADJECTIVES),
            self.compound(),
            self.rng.zipf(DRUGS),
            self.sentence(6, 22).to_lowercase()
        );
        if self.rng.chance(0.25) {
            s.push(' ');
            s.push_str(&self.sentence(8, 18));
        }
        s
    }

    fn study_table(&mut self, refs: &[&Reference]) {
        self.out.push_str(
            "| Studie | Design | Patienter | Resultat | Evidensniveau |\n|---|---|---|---|---|\n",
        );
        for r in refs.iter().take(self.rng.range(3, 7)) {
            let design = *self.rng.pick(&[
                "Randomiseret fase III",
                "Randomiseret fase II",
                "Prospektiv kohorte",
                "Retrospektiv kohorte",
                "Metaanalyse",
                "Registerstudie",
            ]);
            let line = format!(
                "| {} [^{}] | {design} | {} | {} {},{} % vs. {},{} % | {} |",
                self.acronym(),
                r.key,
                self.rng.range(40, 5000),
                self.rng
                    .pick(&["PFS", "OS", "DFS", "Respons", "Toksicitet grad 3–4"]),
                self.rng.range(20, 95),
                self.rng.below(10),
                self.rng.range(20, 95),
                self.rng.below(10),
                self.rng.pick(&["1a", "1b", "2a", "2b", "3b"]),
            );
            self.out.push_str(&line);
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn list(&mut self) {
        for _ in 0..self.rng.range(3, 6) {
            let item = self.sentence(5, 14);
            let _ = writeln!(self.out, "- {item}");
        }
        self.out.push('\n');
    }

    fn cross_link(&mut self) {
        if self.plans.len() < 2 {
            return;
        }
        let mut other = self.rng.below(self.plans.len() - 1);
        if other >= self.me {
            other += 1;
        }
        let target = &self.plans[other];
        let id = *self.rng.pick(&target.rec_ids);
        let lead = self.sentence(6, 14);
        let _ = writeln!(
            self.out,
            "{} Se også [anbefaling {id} i retningslinjen om {}](@/{}/{}.md#anbefaling-{id}).\n",
            lead,
            target.title.to_lowercase(),
            GROUPS[target.group].0,
            target.slug
        );
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
