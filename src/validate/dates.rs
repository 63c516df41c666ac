//! Approvals and dates: professional ≤ administrative < planned revision; an approved
//! guideline has both approvals; a passed revision date is flagged.

use jiff::civil::Date;
use toml::Spanned;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Guideline, IsoDate, Status};
use crate::status::{self, RevisionStatus};

pub fn check(
    guideline: &Guideline,
    config: &SiteConfig,
    today: Date,
    findings: &mut Vec<Diagnostic>,
) {
    let approved = guideline.status() == Status::Approved;
    if approved {
        missing_approvals(guideline, findings);
    }
    dates_out_of_order(guideline, findings);
    let revision = status::guideline_revision(guideline, config, today);
    if approved && revision.status == RevisionStatus::Overdue {
        findings.push(
            Diagnostic::warning(
                codes::REVISION_OVERDUE,
                format!(
                    "the planned revision ({}) passed {} days ago",
                    revision.planned, -revision.days_left
                ),
            )
            .at(
                &guideline.source,
                guideline.fm_span(guideline.meta.revision.planned.span()),
            )
            .with_help("revise the guideline, or agree a new date with the guideline office"),
        );
    }
}

/// The dates of the two approvals, where the front matter gives them.
fn approval_dates(guideline: &Guideline) -> [Option<&Spanned<IsoDate>>; 2] {
    let approval = &guideline.meta.approval;
    [
        approval.professional.as_ref().map(|a| &a.get_ref().date),
        approval.administrative.as_ref().map(|a| &a.get_ref().date),
    ]
}

/// An approved guideline names both its approvals.
fn missing_approvals(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let status_span = guideline.fm_span(guideline.meta.status.span());
    let [professional, administrative] = approval_dates(guideline);
    for (entry, name, key) in [
        (
            professional,
            "professional",
            "professional = { date = …, by = \"…\" }",
        ),
        (
            administrative,
            "administrative",
            "administrative = { date = …, by = \"…\" }",
        ),
    ] {
        if entry.is_none() {
            findings.push(
                Diagnostic::error(
                    codes::APPROVAL_MISSING,
                    format!("an approved guideline needs its {name} approval"),
                )
                .at(&guideline.source, status_span.clone())
                .with_help(format!(
                    "add `{key}` under [approval], or set status = \"draft\""
                )),
            );
        }
    }
}

/// Professional approval ≤ administrative approval < planned revision, and published after
/// the administrative approval.
fn dates_out_of_order(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let meta = &guideline.meta;
    let [professional, administrative] = approval_dates(guideline);
    let planned = &meta.revision.planned;
    let mut order = |span: std::ops::Range<usize>, message: String, help: &str| {
        findings.push(
            Diagnostic::error(codes::DATES_ORDER, message)
                .at(&guideline.source, guideline.fm_span(span))
                .with_help(help.to_owned()),
        );
    };
    if let (Some(professional), Some(administrative)) = (professional, administrative)
        && administrative.get_ref() < professional.get_ref()
    {
        order(
            administrative.span(),
            format!(
                "the administrative approval ({}) is before the professional approval ({})",
                administrative.get_ref(),
                professional.get_ref()
            ),
            "the secretariat approves after the DMCG: professional ≤ administrative",
        );
    }
    if let Some(last_approval) = administrative.or(professional)
        && planned.get_ref() <= last_approval.get_ref()
    {
        order(
            planned.span(),
            format!(
                "the planned revision ({}) must be after the approval ({})",
                planned.get_ref(),
                last_approval.get_ref()
            ),
            "check the year of [revision] planned",
        );
    }
    if let (Some(published), Some(administrative)) = (&meta.published, administrative)
        && published.get_ref() < administrative.get_ref()
    {
        order(
            published.span(),
            format!(
                "published ({}) is before the administrative approval ({})",
                published.get_ref(),
                administrative.get_ref()
            ),
            "a guideline is published after it is approved",
        );
    }
}
