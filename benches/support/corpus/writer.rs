//! Writes one planned guideline: the nine template sections in order, with its
//! recommendations, references, tables, lists and cross-links. Every random draw happens in
//! the same order for the same seed, so the file is the same byte for byte.

use std::collections::HashSet;
use std::fmt::Write as _;

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Doc, Plan, capitalize, slug};
use crate::support::words::*;

use super::rng::Rng;

pub(super) struct Reference {
    pub(super) key: String,
    text: String,
}

pub(super) struct Writer<'a> {
    pub(super) rng: Rng,
    pub(super) plans: &'a [Plan],
    pub(super) me: usize,
    words: usize,
    pub(super) out: String,
}

impl<'a> Writer<'a> {
    pub(super) fn new(rng: Rng, plans: &'a [Plan], me: usize, words: usize) -> Self {
        Self {
            rng,
            plans,
            me,
            words,
            out: String::with_capacity(words * 9),
        }
    }

    pub(super) fn write(mut self) -> Doc {
        let plan = &self.plans[self.me];
        let (fields, published) = self.front_matter(plan);
        let n_recs = plan.rec_ids.len();
        let per_topic = self.recommendations_per_topic(n_recs);
        let references = self.references();
        let text = self.text_budget(&references, n_recs);
        let markers: Vec<Option<&str>> = (0..n_recs)
            .map(|_| match self.rng.f64() {
                x if x < 0.12 => Some("ny"),
                x if x < 0.22 => Some("ændret"),
                _ => None,
            })
            .collect();

        self.changelog(plan, &markers);
        self.out.push_str("# 1. Anbefalinger (Quick guide)\n\n");
        self.out.push_str("# 2. Introduktion\n\n");
        self.paragraphs(text * 8 / 100);
        self.foundation(plan, &per_topic, &markers, &references, text);
        self.closing_sections(&references, text);

        Doc {
            group: GROUPS[plan.group].0,
            slug: plan.slug.clone(),
            title: plan.title.clone(),
            published,
            fields,
            body: self.out,
        }
    }

    /// How many recommendations each topic holds: at least one each.
    fn recommendations_per_topic(&mut self, n_recs: usize) -> Vec<usize> {
        let n_topics = self.rng.range(4, 10).min(n_recs);
        let mut per_topic = vec![1usize; n_topics];
        for _ in n_topics..n_recs {
            let t = self.rng.below(n_topics);
            per_topic[t] += 1;
        }
        per_topic
    }

    /// The words left for prose once references and recommendations are counted.
    fn text_budget(&self, references: &[Reference], n_recs: usize) -> usize {
        let ref_words: usize = references
            .iter()
            .map(|r| r.text.split_whitespace().count() + 1)
            .sum();
        let rec_words = n_recs * 40;
        // Paragraphs end on a whole sentence and sections carry tables, lists and links the
        // budget does not count: aim lower so the file comes out near `words`.
        self.words
            .saturating_sub(ref_words + rec_words + 250)
            .max(self.words / 3)
            * 84
            / 100
    }

    /// "Nyt siden sidst": a table of the new and changed recommendations, if any.
    fn changelog(&mut self, plan: &Plan, markers: &[Option<&str>]) {
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
    }

    /// "Grundlag": the topics, each with its recommendations and the four sub-sections.
    fn foundation(
        &mut self,
        plan: &Plan,
        per_topic: &[usize],
        markers: &[Option<&str>],
        references: &[Reference],
        text: usize,
    ) {
        self.out.push_str("# 3. Grundlag\n\n");
        let n_topics = per_topic.len();
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
                self.recommendation(plan.rec_ids[rec], plan.grade, markers[rec]);
                rec += 1;
            }
            // This topic's share of the references, each cited at least once.
            let mine: Vec<&Reference> = references
                .iter()
                .enumerate()
                .filter(|(i, _)| i % n_topics == t)
                .map(|(_, r)| r)
                .collect();
            self.topic_sections(&mine, references, topic_words);
        }
    }

    /// One `::: anbefaling` block.
    fn recommendation(&mut self, id: u32, grade: bool, marker: Option<&str>) {
        let strength = self.strength(grade);
        let marker = marker.map(|m| format!(" {m}")).unwrap_or_default();
        let _ = writeln!(self.out, "::: anbefaling {id} ({strength}){marker}");
        let text = self.recommendation_text();
        self.out.push_str(&text);
        self.out.push_str("\n:::\n\n");
    }

    /// A topic's four sub-sections; the literature review cites the topic's references.
    fn topic_sections(&mut self, mine: &[&Reference], references: &[Reference], words: usize) {
        self.out.push_str("### Litteratur og evidensgennemgang\n\n");
        if self.rng.chance(0.4) {
            self.study_table(mine);
        }
        let keys: Vec<&str> = mine.iter().map(|r| r.key.as_str()).collect();
        let all: Vec<&str> = references.iter().map(|r| r.key.as_str()).collect();
        self.cited_paragraphs(words * 45 / 100, &keys, &all);
        self.out.push_str("### Patientværdier og – præferencer\n\n");
        self.paragraphs(words * 15 / 100);
        self.out.push_str("### Rationale\n\n");
        self.paragraphs(words * 20 / 100);
        self.out.push_str("### Bemærkninger og overvejelser\n\n");
        self.paragraphs(words * 15 / 100);
        if self.rng.chance(0.3) {
            self.list();
        }
        if self.rng.chance(0.45) {
            self.cross_link();
        }
    }

    /// Sections 4 to 8: references, method, monitoring, appendices, about.
    fn closing_sections(&mut self, references: &[Reference], text: usize) {
        self.out.push_str("# 4. Referencer\n\n");
        for r in references {
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
    }

    pub(super) fn date(&mut self, from: Date, max_days: usize) -> Date {
        from.checked_add((self.rng.below(max_days + 1) as i64).days())
            .unwrap_or(from)
    }

    pub(super) fn strength(&mut self, grade: bool) -> String {
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

    pub(super) fn references(&mut self) -> Vec<Reference> {
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

    pub(super) fn recommendation_text(&mut self) -> String {
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

    pub(super) fn study_table(&mut self, refs: &[&Reference]) {
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

    pub(super) fn list(&mut self) {
        for _ in 0..self.rng.range(3, 6) {
            let item = self.sentence(5, 14);
            let _ = writeln!(self.out, "- {item}");
        }
        self.out.push('\n');
    }

    pub(super) fn cross_link(&mut self) {
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
