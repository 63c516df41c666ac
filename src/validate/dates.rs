//! Approvals and dates: professional ≤ administrative < planned revision; an approved
//! guideline has both approvals; a passed revision date is flagged.

use jiff::civil::Date;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Message, codes, message};
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
                    .at(source, status_span.clone())
                    .with_help(message!("approval-missing-help", kind = name)),
                );
            }
        }
    }

    let planned = &meta.revision.planned;
    let mut order = |span: std::ops::Range<usize>, message: Message, help: Message| {
        findings.push(
            Diagnostic::error(codes::DATES_ORDER, message)
                .at(source, guideline.fm_span(span))
                .with_help(help),
        );
    };
    if let (Some(professional), Some(administrative)) = (professional, administrative)
        && administrative.get_ref() < professional.get_ref()
    {
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
    }
    if let Some(last_approval) = administrative.or(professional)
        && planned.get_ref() <= last_approval.get_ref()
    {
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
    }
    if let (Some(published), Some(administrative)) = (&meta.published, administrative)
        && published.get_ref() < administrative.get_ref()
    {
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
            .at(source, guideline.fm_span(planned.span()))
            .with_help(message!("revision-overdue-help")),
        );
    }
}
