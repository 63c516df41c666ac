//! The report as an aligned terminal table or as CSV. The JSON form is the `Report` itself,
//! serialised; all three shapes are documented in the README.

use super::{Change, Coverage, PublicationRow, Report, RevisionRow};
use crate::status::RevisionStatus;

/// Terminal colours for the status column, used only on a TTY.
struct Paint(bool);

impl Paint {
    fn status(&self, status: RevisionStatus) -> String {
        self.colour(
            status.as_str(),
            match status {
                RevisionStatus::Current => "32",
                RevisionStatus::Due => "33",
                RevisionStatus::Overdue => "31",
            },
        )
    }
    fn flag(&self, late: bool) -> String {
        if late {
            self.colour("late", "31")
        } else {
            "on time".to_owned()
        }
    }
    fn colour(&self, text: &str, code: &str) -> String {
        if self.0 {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
}

pub(crate) fn render_table(report: &Report, color: bool) -> String {
    let paint = Paint(color);
    let mut out = format!("Revision (today {})\n", report.today);
    out.push_str(&revision_table(&report.revision, &paint));
    out.push_str("\nPublication\n");
    out.push_str(&publication_table(&report.publication, &paint));
    out.push_str("\nDecision aids\n");
    out.push_str(&decision_aid_table(&report.decision_aids));
    out
}

fn revision_table(rows: &[RevisionRow], paint: &Paint) -> String {
    table(
        &["group", "guideline", "version", "planned", "days", "status"],
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
    )
}

fn publication_table(rows: &[PublicationRow], paint: &Paint) -> String {
    table(
        &[
            "group",
            "guideline",
            "approved",
            "published",
            "deadline",
            "lag",
            "status",
        ],
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
    )
}

/// The coverage per group, then the goal and the aids older than their guideline.
fn decision_aid_table(coverage: &Coverage) -> String {
    let mut out = table(
        &[
            "group",
            "guidelines",
            "with aid",
            "recommendations",
            "with aid",
        ],
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
    );
    out.push_str(&format!(
        "Groups with a guideline linking a decision aid: {} of {} ({:.0}%; goal {:.0}%: {})\n",
        coverage.groups_with_aid,
        coverage.groups_total,
        coverage.share * 100.0,
        coverage.goal * 100.0,
        if coverage.goal_met { "met" } else { "not met" }
    ));
    for aid in &coverage.stale_aids {
        out.push_str(&format!(
            "Older than the guideline's professional approval ({}): {} in {}/{}\n",
            aid.professional_approval, aid.aid, aid.group, aid.slug
        ));
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
pub(crate) fn render_changes(changes: &[Change], since: jiff::civil::Date) -> String {
    if changes.is_empty() {
        return format!("No guideline has been approved since {since}.\n");
    }
    let mut out = format!("New and revised guidelines approved since {since}:\n\n");
    for c in changes {
        out.push_str(&format!(
            "- {} ({}), version {}, approved {}\n  {}\n",
            c.title, c.group, c.version, c.approved, c.url
        ));
        if !c.new_recommendations.is_empty() {
            out.push_str(&format!(
                "  New recommendations: {}\n",
                join(&c.new_recommendations)
            ));
        }
        if !c.changed_recommendations.is_empty() {
            out.push_str(&format!(
                "  Changed recommendations: {}\n",
                join(&c.changed_recommendations)
            ));
        }
        if !c.withdrawn_recommendations.is_empty() {
            out.push_str(&format!(
                "  Withdrawn recommendations: {}\n",
                join(&c.withdrawn_recommendations)
            ));
        }
        if let Some(previous) = &c.previous_version {
            out.push_str(&format!("  (compared with version {previous})\n"));
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
pub(super) fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
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
    let mut out = line(headers.iter().map(|h| (*h).to_owned()).collect());
    if rows.is_empty() {
        out.push_str("(none)\n");
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
