//! Approvals and dates: professional ≤ administrative < planned revision; an approved
//! guideline has both approvals; a passed revision date is flagged.

use jiff::civil::Date;
use toml::Spanned;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Message, codes, message};
use crate::model::{Guideline, IsoDate, Status};
use crate::status::{self, RevisionStatus};

pub(super) fn check(
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
                message!(
                    "revision-overdue",
                    planned = revision.planned.to_string(),
                    days = -revision.days_left,
                ),
            )
            .at(
                &guideline.source,
                guideline.fm_span(guideline.meta.revision.planned.span()),
            )
            .with_help(message!("revision-overdue-help")),
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
    for (entry, name) in [
        (professional, "professional"),
        (administrative, "administrative"),
    ] {
        if entry.is_none() {
            findings.push(
                Diagnostic::error(
                    codes::APPROVAL_MISSING,
                    message!("approval-missing", kind = name),
                )
                .at(&guideline.source, status_span.clone())
                .with_help(message!("approval-missing-help", kind = name)),
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
    let mut order = |span: std::ops::Range<usize>, message: Message, help: Message| {
        findings.push(
            Diagnostic::error(codes::DATES_ORDER, message)
                .at(&guideline.source, guideline.fm_span(span))
                .with_help(help),
        );
    };
    if let (Some(professional), Some(administrative)) = (professional, administrative)
        && administrative.get_ref() < professional.get_ref()
    {
        order(
            administrative.span(),
            message!(
                "dates-order-administrative",
                administrative = administrative.get_ref().to_string(),
                professional = professional.get_ref().to_string(),
            ),
            message!("dates-order-administrative-help"),
        );
    }
    if let Some(last_approval) = administrative.or(professional)
        && planned.get_ref() <= last_approval.get_ref()
    {
        order(
            planned.span(),
            message!(
                "dates-order-revision",
                planned = planned.get_ref().to_string(),
                approval = last_approval.get_ref().to_string(),
            ),
            message!("dates-order-revision-help"),
        );
    }
    if let (Some(published), Some(administrative)) = (&meta.published, administrative)
        && published.get_ref() < administrative.get_ref()
    {
        order(
            published.span(),
            message!(
                "dates-order-published",
                published = published.get_ref().to_string(),
                administrative = administrative.get_ref().to_string(),
            ),
            message!("dates-order-published-help"),
        );
    }
}
