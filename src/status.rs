//! Dates retning derives: revision status and publication lag. One implementation, read by
//! `check`, the site's banners and overview page, and `retning report`.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::model::{Guideline, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RevisionStatus {
    Current,
    /// Within `revision_warning_days` of the planned date (or on it).
    Due,
    /// Past the planned date.
    Overdue,
}

impl RevisionStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Due => "due",
            Self::Overdue => "overdue",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Revision {
    pub(crate) planned: Date,
    pub(crate) status: RevisionStatus,
    /// Days from today to the planned date; negative when overdue.
    pub(crate) days_left: i64,
}

pub(crate) fn revision(planned: Date, today: Date, warning_days: u32) -> Revision {
    let days_left = days_between(today, planned);
    let status = if days_left < 0 {
        RevisionStatus::Overdue
    } else if days_left <= i64::from(warning_days) {
        RevisionStatus::Due
    } else {
        RevisionStatus::Current
    };
    Revision {
        planned,
        status,
        days_left,
    }
}

pub(crate) fn guideline_revision(
    guideline: &Guideline,
    config: &SiteConfig,
    today: Date,
) -> Revision {
    revision(
        guideline.planned_revision(),
        today,
        config.revision_warning_days,
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Publication {
    pub(crate) approved: Date,
    /// The last day publication is on time.
    pub(crate) deadline: Date,
    pub(crate) published: Option<Date>,
    /// Days from administrative approval to publication (to today while unpublished).
    pub(crate) lag_days: i64,
    pub(crate) late: bool,
}

/// Late when the deadline (approval + `within_days`) has passed and the guideline is still
/// unpublished, or was published after it.
pub(crate) fn publication(
    approved: Date,
    published: Option<Date>,
    today: Date,
    within_days: u32,
) -> Publication {
    let deadline = approved
        .checked_add(i64::from(within_days).days())
        .unwrap_or(approved);
    let late = match published {
        Some(published) => published > deadline,
        None => today > deadline,
    };
    Publication {
        approved,
        deadline,
        published,
        lag_days: days_between(approved, published.unwrap_or(today)),
        late,
    }
}

/// Publication facts for an approved guideline with an administrative approval.
pub(crate) fn guideline_publication(
    guideline: &Guideline,
    config: &SiteConfig,
    today: Date,
) -> Option<Publication> {
    if guideline.status() != Status::Approved {
        return None;
    }
    let approved = guideline.administrative_approval()?.date.get_ref().0;
    Some(publication(
        approved,
        guideline.published(),
        today,
        config.publish_within_days,
    ))
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn revision_boundaries() {
        let planned = date(2026, 6, 1);
        let status = |today| revision(planned, today, 90).status;
        assert_eq!(status(date(2026, 6, 2)), RevisionStatus::Overdue);
        assert_eq!(status(date(2026, 6, 1)), RevisionStatus::Due);
        assert_eq!(status(date(2026, 5, 31)), RevisionStatus::Due);
        assert_eq!(status(date(2026, 3, 3)), RevisionStatus::Due); // exactly 90 days before
        assert_eq!(status(date(2026, 3, 2)), RevisionStatus::Current); // 91 days before
        assert_eq!(revision(planned, date(2026, 6, 3), 90).days_left, -2);
    }

    #[test]
    fn publication_boundaries() {
        let approved = date(2024, 3, 12);
        let on_day = |n: i64| approved.checked_add(n.days()).unwrap();
        assert!(!publication(approved, Some(on_day(7)), on_day(30), 7).late);
        assert!(publication(approved, Some(on_day(8)), on_day(30), 7).late);
        assert!(!publication(approved, None, on_day(7), 7).late);
        assert!(publication(approved, None, on_day(8), 7).late);
        assert_eq!(publication(approved, None, on_day(8), 7).lag_days, 8);
    }
}
