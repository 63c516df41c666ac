//! The theme's small templates for the markup inside a page's text: the badges of a
//! recommendation and the items of the reference list (`templates/partials/`). Each is made
//! into a stencil (`stencil.rs`) once, when the theme loads, for every combination of its
//! flags; a partial that cannot be one (it branches on a value) renders through tera for
//! each use.

use tera::Tera;
use tera::ast::{Expr, ExprVal, Node};

use super::markdown::escape;
use super::stencil::Stencil;

/// A partial: its template and the names of its values and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Partial {
    /// A recommendation's strength, linked to its explanation. Values: `class`, `root`,
    /// `key` (the strength's stable key, its anchor on the strength page), `label`.
    StrengthBadge,
    /// "Ny" or "Ændret" beside it. Values: `kind` (`new`, `changed`), `text`.
    MarkerBadge,
    /// An item of the reference list. Values: `id`, `html` (the reference, HTML),
    /// `levels` (its evidence levels: "1b, 2a"), `backlinks` (HTML). Flags: `cited`,
    /// `has_levels`.
    Reference,
    /// A link back to one citation of a reference. Values: `id`, `n`.
    Backlink,
    /// A recommendation in a phase's list (`forloeb/<phase>/`). Values: `href`, `label`
    /// (the word "Anbefaling"), `id`, `class`, `strength` (its label), `text` (plain).
    /// Flag: `has_strength`.
    PhaseItem,
    /// A recommendation on the search page without JavaScript (`soeg/alle/`). Values:
    /// `href`, `label` (the word "Anbefaling"), `id`, `strength` (its label), `text` (plain).
    /// Flag: `has_strength`.
    SearchItem,
    /// A recommendation in *Grundlag*, with its decision aids. Values: `anchor`, `id`,
    /// `badges` (HTML), `html` (its text, HTML), `database`, `indicator` (its monitoring),
    /// `decision_aids` (HTML, each a [`Partial::DecisionAid`]). Flags: `archived` (an
    /// earlier version's page: no share link), `has_monitoring`.
    Recommendation,
    /// A decision aid beside its recommendation. Values: `ipdas` (its key), `id` (the
    /// recommendation's), `title`, `url`, `decision`, `publisher`, `ipdas_text`, `assessed`,
    /// `last_updated`, `format`. Flags: `has_url`, `has_assessed`, `has_last_updated`.
    DecisionAid,
    /// A recommendation in the Quick guide. Values: `anchor`, `id`, `badges` (HTML), `html`.
    QuickGuideItem,
    /// A recommendation in the MDT view. Values: `url` (the guideline page's), `anchor`,
    /// `id`, `badges` (HTML), `phases` (HTML, each a [`Partial::PhaseTag`]), `html`,
    /// `database`, `indicator`, `decision_aids` (HTML, each a [`Partial::MdtAid`]). Flags:
    /// `has_phases`, `has_monitoring`.
    MdtItem,
    /// A phase of a recommendation in the MDT view. Value: `name`.
    PhaseTag,
    /// A decision aid in the MDT view. Values: `url`, `title`, `decision`. Flag: `has_url`.
    MdtAid,
    /// A topic of *Grundlag*. Values: `anchor`, `title`, `lead` (HTML: its text and
    /// [`Partial::Recommendation`]s), `evidence` (HTML, each a [`Partial::Evidence`]).
    Topic,
    /// An evidence sub-section of a topic. Values: `anchor`, `title`, `html`.
    Evidence,
}

impl Partial {
    const ALL: [Self; 14] = [
        Self::StrengthBadge,
        Self::MarkerBadge,
        Self::Reference,
        Self::Backlink,
        Self::PhaseItem,
        Self::SearchItem,
        Self::Recommendation,
        Self::DecisionAid,
        Self::QuickGuideItem,
        Self::MdtItem,
        Self::PhaseTag,
        Self::MdtAid,
        Self::Topic,
        Self::Evidence,
    ];

    /// Its template's name.
    pub(crate) const fn template(self) -> &'static str {
        match self {
            Self::StrengthBadge => "partials/strength-badge.html",
            Self::MarkerBadge => "partials/marker-badge.html",
            Self::Reference => "partials/reference.html",
            Self::Backlink => "partials/backlink.html",
            Self::PhaseItem => "partials/phase-item.html",
            Self::SearchItem => "partials/search-item.html",
            Self::Recommendation => "partials/recommendation.html",
            Self::DecisionAid => "partials/decision-aid.html",
            Self::QuickGuideItem => "partials/quick-guide-item.html",
            Self::MdtItem => "partials/mdt-item.html",
            Self::PhaseTag => "partials/phase-tag.html",
            Self::MdtAid => "partials/mdt-aid.html",
            Self::Topic => "partials/topic.html",
            Self::Evidence => "partials/evidence.html",
        }
    }

    const fn values(self) -> &'static [&'static str] {
        match self {
            Self::StrengthBadge => &["class", "root", "key", "label"],
            Self::MarkerBadge => &["kind", "text"],
            Self::Reference => &["id", "html", "levels", "backlinks"],
            Self::Backlink => &["id", "n"],
            Self::PhaseItem => &["href", "label", "id", "class", "strength", "text"],
            Self::SearchItem => &["href", "label", "id", "strength", "text"],
            Self::Recommendation => &[
                "anchor",
                "id",
                "badges",
                "html",
                "database",
                "indicator",
                "decision_aids",
            ],
            Self::DecisionAid => &[
                "ipdas",
                "id",
                "title",
                "url",
                "decision",
                "publisher",
                "ipdas_text",
                "assessed",
                "last_updated",
                "format",
            ],
            Self::QuickGuideItem => &["anchor", "id", "badges", "html"],
            Self::MdtItem => &[
                "url",
                "anchor",
                "id",
                "badges",
                "phases",
                "html",
                "database",
                "indicator",
                "decision_aids",
            ],
            Self::PhaseTag => &["name"],
            Self::MdtAid => &["url", "title", "decision"],
            Self::Topic => &["anchor", "title", "lead", "evidence"],
            Self::Evidence => &["anchor", "title", "html"],
        }
    }

    const fn flags(self) -> &'static [&'static str] {
        match self {
            Self::Reference => &["cited", "has_levels"],
            Self::PhaseItem | Self::SearchItem => &["has_strength"],
            Self::Recommendation => &["archived", "has_monitoring"],
            Self::DecisionAid => &["has_url", "has_assessed", "has_last_updated"],
            Self::MdtItem => &["has_phases", "has_monitoring"],
            Self::MdtAid => &["has_url"],
            _ => &[],
        }
    }
}

/// How one combination of a partial's flags is written.
enum Form {
    Stencil(Stencil),
    /// Through tera, every time.
    Tera,
}

/// Every partial of a theme, ready to write.
pub(crate) struct Partials {
    /// By partial, then by its flags as bits (the first flag the lowest).
    forms: Vec<Vec<Form>>,
    /// The theme's strings, as the templates see them (`t`), for the partials rendered
    /// through tera.
    strings: serde_json::Value,
}

impl Partials {
    /// Makes the stencils; an error is a partial tera cannot render.
    pub(crate) fn load(tera: &Tera, strings: &serde_json::Value) -> Result<Self, tera::Error> {
        let mut partials = Self {
            forms: Vec::new(),
            strings: strings.clone(),
        };
        for partial in Partial::ALL {
            let variants = 1usize << partial.flags().len();
            let ast = &tera.get_template(partial.template())?.ast;
            if !only_prints(ast, partial.values()) {
                partials
                    .forms
                    .push((0..variants).map(|_| Form::Tera).collect());
                continue;
            }
            let forms = (0..variants)
                .map(|bits| {
                    let stencil = Stencil::probe(partial.values().len(), |values| {
                        let values: Vec<&str> = values.iter().map(String::as_str).collect();
                        partials.render(tera, partial, bits, &values)
                    })?;
                    Ok(stencil.map_or(Form::Tera, Form::Stencil))
                })
                .collect::<Result<_, tera::Error>>()?;
            partials.forms.push(forms);
        }
        Ok(partials)
    }

    /// Whether `partial` is written from stencils alone (for every combination of flags).
    #[cfg(test)]
    pub(crate) fn is_stencilled(&self, partial: Partial) -> bool {
        self.forms[partial as usize]
            .iter()
            .all(|form| matches!(form, Form::Stencil(_)))
    }

    /// Appends `partial` with `values` (in the order [`Partial`] names them) and `flags`.
    pub(crate) fn write(
        &self,
        tera: &Tera,
        partial: Partial,
        flags: &[bool],
        values: &[&str],
        out: &mut String,
    ) {
        let bits = flags
            .iter()
            .enumerate()
            .fold(0, |bits, (i, on)| bits | (usize::from(*on) << i));
        match self.forms[partial as usize].get(bits) {
            Some(Form::Stencil(stencil)) => stencil.fill(values, out),
            _ => match self.render(tera, partial, bits, values) {
                Ok(html) => out.push_str(&html),
                // It rendered when the theme loaded, with other values: say where it failed,
                // in the page's source, rather than lose the page.
                Err(err) => {
                    out.push_str("<!-- ");
                    out.push_str(&escape(&super::theme::error_chain(&err)).replace("--", "- -"));
                    out.push_str(" -->");
                }
            },
        }
    }

    /// `partial` through tera, without the one line break its file may end with.
    fn render(
        &self,
        tera: &Tera,
        partial: Partial,
        bits: usize,
        values: &[&str],
    ) -> Result<String, tera::Error> {
        let mut context = tera::Context::new();
        context.insert("t", &self.strings);
        for (name, value) in partial.values().iter().zip(values) {
            context.insert(*name, value);
        }
        for (i, name) in partial.flags().iter().enumerate() {
            context.insert(*name, &(bits & (1 << i) != 0));
        }
        let mut html = tera.render(partial.template(), &context)?;
        if html.ends_with('\n') {
            html.pop();
        }
        Ok(html)
    }
}

/// Whether `nodes` use the values only to print them, as `{{ value }}` or
/// `{{ value | safe }}`: conditions may test the flags and the strings, never a value, and
/// nothing else (loops, includes, macros, `set`) may appear. tera's syntax tree is public but
/// unstable (`tera::ast`): a change in it fails to compile or fails the tests below.
fn only_prints(nodes: &[Node], values: &[&str]) -> bool {
    nodes.iter().all(|node| match node {
        Node::Text(_) | Node::Comment(..) | Node::Raw(..) => true,
        Node::VariableBlock(_, expr) => prints_a_value(expr, values) || !reads(expr, values),
        Node::If(branches, _) => {
            branches
                .conditions
                .iter()
                .all(|(_, condition, body)| !reads(condition, values) && only_prints(body, values))
                && branches
                    .otherwise
                    .as_ref()
                    .is_none_or(|(_, body)| only_prints(body, values))
        }
        _ => false,
    })
}

/// `{{ value }}` or `{{ value | safe }}`.
fn prints_a_value(expr: &Expr, values: &[&str]) -> bool {
    matches!(&expr.val, ExprVal::Ident(name) if values.contains(&name.as_str()))
        && !expr.negated
        && expr.filters.iter().all(|filter| filter.name == "safe")
}

/// Whether `expr` reads a value anywhere (its filters' arguments too). Read from the
/// expression's debug form, which names every variable as `Ident("name…")`: a walk of every
/// kind of expression would be longer and no surer (a test holds the form).
fn reads(expr: &Expr, values: &[&str]) -> bool {
    let text = format!("{expr:?}");
    values.iter().any(|value| {
        ["\"", ".", "["]
            .iter()
            .any(|end| text.contains(&format!("Ident(\"{value}{end}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera_with(template: &str) -> Tera {
        let mut tera = Tera::default();
        for partial in Partial::ALL {
            tera.add_raw_template(partial.template(), "").unwrap();
        }
        tera.add_raw_template(Partial::Reference.template(), template)
            .unwrap();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::render::markdown::escape);
        tera
    }

    #[test]
    fn the_default_theme_writes_every_partial_from_stencils() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = crate::render::Theme::load(root).unwrap();
        for partial in Partial::ALL {
            assert!(theme.partials.is_stencilled(partial), "{partial:?}");
        }
    }

    /// A partial that branches on a value is rendered through tera for each use, and still
    /// writes what tera writes.
    #[test]
    fn a_partial_that_branches_on_a_value_renders_through_tera() {
        let strings = serde_json::json!({ "evidence_level": "Niveau" });
        let branching = [
            "{% if levels == \"1a\" %}<b>{{ levels }}</b>{% else %}{{ levels }}{% endif %}",
            "{% if levels %}[{{ levels }}]{% endif %}",
            "{{ levels | upper }}",
            "{% for c in [1, 2] %}{{ levels }}{% endfor %}",
            "{{ t.evidence_level | default(value=levels) }}",
        ];
        for template in branching {
            let tera = tera_with(template);
            let partials = Partials::load(&tera, &strings).unwrap();
            assert!(!partials.is_stencilled(Partial::Reference), "{template}");
            let mut out = String::new();
            partials.write(
                &tera,
                Partial::Reference,
                &[true, true],
                &["r", "", "1a", ""],
                &mut out,
            );
            let mut context = tera::Context::new();
            context.insert("levels", "1a");
            context.insert("t", &strings);
            assert_eq!(
                out,
                tera.render(Partial::Reference.template(), &context)
                    .unwrap()
            );
        }
        // Flags and the strings may steer it: each combination of flags is a stencil.
        let tera = tera_with(
            "{% if cited and t.evidence_level %}{{ t.evidence_level }}: {% endif %}{{ levels }}\n",
        );
        let partials = Partials::load(&tera, &strings).unwrap();
        assert!(partials.is_stencilled(Partial::Reference));
        let write = |cited| {
            let mut out = String::new();
            partials.write(
                &tera,
                Partial::Reference,
                &[cited, true],
                &["r", "", "<1a>", ""],
                &mut out,
            );
            out
        };
        assert_eq!(write(true), "Niveau: &lt;1a&gt;");
        assert_eq!(write(false), "&lt;1a&gt;");
    }
}
