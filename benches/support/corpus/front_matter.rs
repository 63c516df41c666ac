//! A guideline's front matter: version, dates, keywords, approval and revision, authors and
//! decision aids. Tables carry a `{P}` where Hugo pages need the `extra.` prefix.

use std::fmt::Write as _;

use jiff::ToSpan;
use jiff::civil::Date;

use super::writer::Writer;
use super::{Plan, capitalize};
use crate::support::words::*;

impl Writer<'_> {
    /// The front matter lines after `title`, and the day the guideline went live.
    pub(super) fn front_matter(&mut self, plan: &Plan) -> (String, Date) {
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
        let keywords = self.keywords(plan);
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
        self.authors(&mut f);
        self.decision_aids(&mut f, plan, professional);
        (f, published)
    }

    /// The cancer of the title and a few topics, drugs and compounds, quoted for TOML.
    fn keywords(&mut self, plan: &Plan) -> Vec<String> {
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
        keywords.iter().map(|k| format!("\"{k}\"")).collect()
    }

    /// Three to eight `[[authors]]` tables.
    fn authors(&mut self, f: &mut String) {
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
    }

    /// None, one or two `[[decision_aids]]` tables supporting recommendations that exist.
    fn decision_aids(&mut self, f: &mut String, plan: &Plan, professional: Date) {
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
    }
}
