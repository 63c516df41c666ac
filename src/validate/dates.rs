//! Approvals and dates: professional ≤ administrative < planned revision; an approved
//! guideline has both approvals; a passed revision date is flagged.

use jiff::civil::Date;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Guideline, Status};
use crate::status::{self, RevisionStatus};

pub fn check(
    guideline: &Guideline,
    config: &SiteConfig,
    today: Date,
    findings: &mut Vec<Diagnostic>,
) {
    let source = &guideline.source;
    let meta = &guideline.meta;
    let approved = guideline.status() == Status::Approved;
    let status_span = guideline.fm_span(meta.status.span());

    let professional = meta
        .approval
        .professional
        .as_ref()
        .map(|a| &a.get_ref().date);
    let administrative = meta
        .approval
        .administrative
        .as_ref()
        .map(|a| &a.get_ref().date);
    if approved {
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
                    .at(source, status_span.clone())
                    .with_help(format!(
                        "add `{key}` under [approval], or set status = \"draft\""
                    )),
                );
            }
        }
    }

    let planned = &meta.revision.planned;
    let mut order = |span: std::ops::Range<usize>, message: String, help: &str| {
        findings.push(
            Diagnostic::error(codes::DATES_ORDER, message)
                .at(source, guideline.fm_span(span))
                .with_help(help.to_owned()),
        );
    };
    if let (Some(professional), Some(administrative)) = (professional, administrative)
        && administrative.get_ref() < professional.get_ref()
    {
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
    }
    if let Some(last_approval) = administrative.or(professional)
        && planned.get_ref() <= last_approval.get_ref()
    {
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
    }
    if let (Some(published), Some(administrative)) = (&meta.published, administrative)
        && published.get_ref() < administrative.get_ref()
    {
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
            .at(source, guideline.fm_span(planned.span()))
            .with_help("revise the guideline, or agree a new date with the guideline office"),
        );
    }
}
