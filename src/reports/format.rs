//! The report as an aligned terminal table or as CSV. The JSON form is the `Report` itself,
//! serialised; all three shapes are documented in the README. The tables speak the reader's
//! language (`locales/<language>/report.ftl`); CSV and JSON keep their English keys and values.

use super::{Change, Coverage, PublicationRow, Report, RevisionRow};
use crate::diagnostics::catalogue::format;
use crate::diagnostics::{Arg, Language};
use crate::status::RevisionStatus;

/// The tables' words in one language, from the catalogue's `report-…` messages.
pub(super) struct Words(pub(super) Language);

impl Words {
    pub(super) fn say(&self, id: &str, args: &[(&str, Arg)]) -> String {
        format(self.0, &format!("report-{id}"), args)
    }

    /// Column headers: `group` is `report-column-group`.
    pub(super) fn columns(&self, ids: &[&str]) -> Vec<String> {
        ids.iter()
            .map(|id| self.say(&format!("column-{id}"), &[]))
            .collect()
    }

    /// A part's title line.
    pub(super) fn title(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.say(&format!("{id}-title"), args) + "\n"
    }
}

/// Terminal colours for the status column, used only on a TTY.
struct Paint<'a> {
    color: bool,
    words: &'a Words,
}

impl Paint<'_> {
    fn status(&self, status: RevisionStatus) -> String {
        self.colour(
            &self
                .words
                .say("status", &[("status", Arg::from(status.as_str()))]),
            match status {
                RevisionStatus::Current => "32",
                RevisionStatus::Due => "33",
                RevisionStatus::Overdue => "31",
            },
        )
    }
    fn flag(&self, late: bool) -> String {
        if late {
            self.colour(&self.words.say("late", &[]), "31")
        } else {
            self.words.say("on-time", &[])
        }
    }
    fn colour(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
}

pub(crate) fn render_table(report: &Report, color: bool, language: Language) -> String {
    let words = Words(language);
    let paint = Paint {
        color,
        words: &words,
    };
    let today = [("today", Arg::from(report.today.to_string()))];
    let mut out = words.title("revision", &today);
    out.push_str(&revision_table(&report.revision, &paint));
    out.push('\n');
    out.push_str(&words.title("publication", &[]));
    out.push_str(&publication_table(&report.publication, &paint));
    out.push('\n');
    out.push_str(&words.title("decision-aids", &[]));
    out.push_str(&decision_aid_table(&report.decision_aids, &words));
    out
}

fn revision_table(rows: &[RevisionRow], paint: &Paint) -> String {
    table(
        &paint
            .words
            .columns(&["group", "guideline", "version", "planned", "days", "status"]),
        rows.iter()
            .map(|r| {
                vec![
                    r.group.clone(),
                    r.slug.clone(),
                    r.version.clone(),
                    r.planned.to_string(),
                    r.days_left.to_string(),
                    paint.status(r.status),
                ]
            })
            .collect(),
        paint.words,
    )
}

fn publication_table(rows: &[PublicationRow], paint: &Paint) -> String {
    table(
        &paint.words.columns(&[
            "group",
            "guideline",
            "approved",
            "published",
            "deadline",
            "lag",
            "status",
        ]),
        rows.iter()
            .map(|p| {
                vec![
                    p.group.clone(),
                    p.slug.clone(),
                    p.administrative_approval.to_string(),
                    p.published
                        .map_or_else(|| "-".to_owned(), |d| d.to_string()),
                    p.deadline.to_string(),
                    p.lag_days.to_string(),
                    paint.flag(p.late),
                ]
            })
            .collect(),
        paint.words,
    )
}

/// The coverage per group, then the goal and the aids older than their guideline.
fn decision_aid_table(coverage: &Coverage, words: &Words) -> String {
    let mut out = table(
        &words.columns(&[
            "group",
            "guidelines",
            "with-aid",
            "recommendations",
            "with-aid",
        ]),
        coverage
            .groups
            .iter()
            .map(|g| {
                vec![
                    g.group.clone(),
                    g.guidelines.to_string(),
                    g.guidelines_with_aid.to_string(),
                    g.recommendations.to_string(),
                    g.recommendations_with_aid.to_string(),
                ]
            })
            .collect(),
        words,
    );
    let percent = |share: f64| format!("{:.0}", share * 100.0);
    out.push_str(&words.say(
        "aid-coverage",
        &[
            ("with", Arg::from(coverage.groups_with_aid)),
            ("total", Arg::from(coverage.groups_total)),
            ("share", Arg::from(percent(coverage.share))),
            ("goal", Arg::from(percent(coverage.goal))),
            (
                "met",
                Arg::from(if coverage.goal_met { "yes" } else { "no" }),
            ),
        ],
    ));
    out.push('\n');
    for aid in &coverage.stale_aids {
        out.push_str(&words.say(
            "stale-aid",
            &[
                ("approval", Arg::from(aid.professional_approval.to_string())),
                ("aid", Arg::from(&aid.aid)),
                (
                    "guideline",
                    Arg::from(format!("{}/{}", aid.group, aid.slug)),
                ),
            ],
        ));
        out.push('\n');
    }
    out
}

/// The three parts as CSV tables separated by a blank line, each with a header row.
pub(crate) fn render_csv(report: &Report) -> String {
    let mut out = String::from("part,group,guideline,version,planned,days_left,status\n");
    for r in &report.revision {
        out.push_str(&csv_row(&[
            "revision",
            &r.group,
            &r.slug,
            &r.version,
            &r.planned.to_string(),
            &r.days_left.to_string(),
            r.status.as_str(),
        ]));
    }
    out.push_str(
        "\npart,group,guideline,administrative_approval,published,deadline,lag_days,late\n",
    );
    for p in &report.publication {
        let published = p.published.map(|d| d.to_string()).unwrap_or_default();
        out.push_str(&csv_row(&[
            "publication",
            &p.group,
            &p.slug,
            &p.administrative_approval.to_string(),
            &published,
            &p.deadline.to_string(),
            &p.lag_days.to_string(),
            if p.late { "true" } else { "false" },
        ]));
    }
    out.push_str(
        "\npart,group,guidelines,guidelines_with_aid,recommendations,recommendations_with_aid\n",
    );
    for g in &report.decision_aids.groups {
        out.push_str(&csv_row(&[
            "decision_aids",
            &g.group,
            &g.guidelines.to_string(),
            &g.guidelines_with_aid.to_string(),
            &g.recommendations.to_string(),
            &g.recommendations_with_aid.to_string(),
        ]));
    }
    out
}

/// What changed since a date, as the text the office sends to the steering groups.
pub(crate) fn render_changes(
    changes: &[Change],
    since: jiff::civil::Date,
    language: Language,
) -> String {
    let words = Words(language);
    let since = [("since", Arg::from(since.to_string()))];
    if changes.is_empty() {
        return words.say("since-none", &since) + "\n";
    }
    let mut out = words.say("since-title", &since) + "\n\n";
    for c in changes {
        out.push_str(&words.say(
            "since-guideline",
            &[
                ("title", Arg::from(&c.title)),
                ("group", Arg::from(&c.group)),
                ("version", Arg::from(&c.version)),
                ("approved", Arg::from(c.approved.to_string())),
            ],
        ));
        out.push_str(&format!("\n  {}\n", c.url));
        for (id, ids) in [
            ("since-new", &c.new_recommendations),
            ("since-changed", &c.changed_recommendations),
            ("since-withdrawn", &c.withdrawn_recommendations),
        ] {
            if !ids.is_empty() {
                let line = words.say(id, &[("ids", Arg::from(join(ids)))]);
                out.push_str(&format!("  {line}\n"));
            }
        }
        if let Some(previous) = &c.previous_version {
            let line = words.say("since-compared", &[("previous", Arg::from(previous))]);
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// What changed since a date as one CSV table; recommendation ids separated by spaces.
pub(crate) fn render_changes_csv(changes: &[Change]) -> String {
    let mut out = String::from(
        "group,guideline,title,version,approved,url,new_recommendations,changed_recommendations\n",
    );
    let ids = |ids: &[u32]| ids.iter().map(u32::to_string).collect::<Vec<_>>().join(" ");
    for c in changes {
        out.push_str(&csv_row(&[
            &c.group,
            &c.slug,
            &c.title,
            &c.version,
            &c.approved.to_string(),
            &c.url,
            &ids(&c.new_recommendations),
            &ids(&c.changed_recommendations),
        ]));
    }
    out
}

fn join(ids: &[u32]) -> String {
    ids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn csv_row(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                (*f).to_owned()
            }
        })
        .collect();
    quoted.join(",") + "\n"
}

/// Left-aligned columns; widths count characters (escape codes excluded).
pub(super) fn table(headers: &[String], rows: Vec<Vec<String>>, words: &Words) -> String {
    let visible = |s: &str| strip_ansi(s).chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(visible(cell));
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - visible(cell))))
            .collect();
        padded.join("  ").trim_end().to_owned() + "\n"
    };
    let mut out = line(headers.to_vec());
    if rows.is_empty() {
        out.push_str(&words.say("none", &[]));
        out.push('\n');
    }
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_escape = false;
    for c in text.chars() {
        match (in_escape, c) {
            (false, '\u{1b}') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => out.push(c),
        }
    }
    out
}
