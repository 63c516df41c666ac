//! The guideline office's numbers: revision status, publication lag and decision-aid
//! coverage, plus what changed since a date. Computed from the same `status` functions as
//! the site's banners and revision overview.

mod format;
mod pathway;

pub use format::{render_changes, render_changes_csv, render_csv, render_table};
pub use pathway::{
    GroupMonitoring, MonitoredRecommendation, MonitoringReport, RecommendationRef, monitoring,
    pathway_coverage, render_coverage_csv, render_coverage_table, render_monitoring_csv,
    render_monitoring_table,
};

use jiff::civil::Date;
use serde::Serialize;

use crate::changes::ChangeKind;
use crate::history::SiteHistory;
use crate::model::{Guideline, Marker, Status};
use crate::site::Site;
use crate::status::{self, RevisionStatus};

/// The share of DMCG groups that should have a guideline linking to a decision aid.
pub const DECISION_AID_GOAL: f64 = 0.5;

#[derive(Debug, Serialize)]
pub struct Report {
    pub today: Date,
    pub revision: Vec<RevisionRow>,
    pub publication: Vec<PublicationRow>,
    pub decision_aids: Coverage,
}

#[derive(Debug, Serialize)]
pub struct RevisionRow {
    pub group: String,
    pub slug: String,
    pub title: String,
    pub version: String,
    pub planned: Date,
    pub days_left: i64,
    pub status: RevisionStatus,
}

#[derive(Debug, Serialize)]
pub struct PublicationRow {
    pub group: String,
    pub slug: String,
    pub title: String,
    pub administrative_approval: Date,
    pub published: Option<Date>,
    pub deadline: Date,
    pub lag_days: i64,
    pub late: bool,
}

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub groups: Vec<GroupCoverage>,
    pub groups_total: usize,
    pub groups_with_aid: usize,
    pub share: f64,
    pub goal: f64,
    pub goal_met: bool,
    /// Aids assessed or updated before the professional approval of the guideline citing them.
    pub stale_aids: Vec<StaleAid>,
}

#[derive(Debug, Serialize)]
pub struct GroupCoverage {
    pub group: String,
    pub name: String,
    pub guidelines: usize,
    pub guidelines_with_aid: usize,
    pub recommendations: usize,
    pub recommendations_with_aid: usize,
}

#[derive(Debug, Serialize)]
pub struct StaleAid {
    pub group: String,
    pub slug: String,
    pub aid: String,
    pub professional_approval: Date,
    pub ipdas_assessed: Option<Date>,
    pub last_updated: Option<Date>,
}

/// A new guideline, or a new version, approved on or after a date.
#[derive(Debug, Serialize)]
pub struct Change {
    pub group: String,
    pub slug: String,
    pub title: String,
    pub version: String,
    pub approved: Date,
    pub url: String,
    pub new_recommendations: Vec<u32>,
    pub changed_recommendations: Vec<u32>,
    /// Recommendations of the previous approved version that this one no longer has (known
    /// only from the git history).
    pub withdrawn_recommendations: Vec<u32>,
    /// The approved version before this one, from the git history.
    pub previous_version: Option<String>,
    /// `history` when the lists are the real changes since the previous approved version,
    /// `markers` when they are the `ny`/`ændret` badges (no git history).
    pub basis: ChangeBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeBasis {
    History,
    Markers,
}

/// The report over approved guidelines, optionally one group's.
pub fn build(site: &Site, today: Date, group: Option<&str>) -> Report {
    let approved: Vec<&Guideline> = site
        .guidelines
        .iter()
        .filter(|g| {
            g.status() == Status::Approved && group.is_none_or(|group| g.serves_group(group))
        })
        .collect();
    let revision = approved
        .iter()
        .map(|g| {
            let revision = status::guideline_revision(g, &site.config, today);
            RevisionRow {
                group: g.group.clone(),
                slug: g.slug.clone(),
                title: g.title().to_owned(),
                version: g.meta.version.get_ref().clone(),
                planned: revision.planned,
                days_left: revision.days_left,
                status: revision.status,
            }
        })
        .collect();
    let publication = approved
        .iter()
        .filter_map(|g| {
            let p = status::guideline_publication(g, &site.config, today)?;
            Some(PublicationRow {
                group: g.group.clone(),
                slug: g.slug.clone(),
                title: g.title().to_owned(),
                administrative_approval: p.approved,
                published: p.published,
                deadline: p.deadline,
                lag_days: p.lag_days,
                late: p.late,
            })
        })
        .collect();
    Report {
        today,
        revision,
        publication,
        decision_aids: coverage(site, &approved, group),
    }
}

fn coverage(site: &Site, approved: &[&Guideline], only: Option<&str>) -> Coverage {
    let groups: Vec<GroupCoverage> = site
        .config
        .groups
        .iter()
        .filter(|(code, _)| only.is_none_or(|only| only == code.as_str()))
        .map(|(code, name)| {
            let mine: Vec<&&Guideline> = approved.iter().filter(|g| g.serves_group(code)).collect();
            GroupCoverage {
                group: code.clone(),
                name: name.clone(),
                guidelines: mine.len(),
                guidelines_with_aid: mine
                    .iter()
                    .filter(|g| !g.meta.decision_aids.is_empty())
                    .count(),
                recommendations: mine.iter().map(|g| g.body.recommendations.len()).sum(),
                recommendations_with_aid: mine
                    .iter()
                    .map(|g| {
                        g.body
                            .recommendations
                            .iter()
                            .filter(|r| g.decision_aids_for(r.header.id).next().is_some())
                            .count()
                    })
                    .sum(),
            }
        })
        .collect();
    let groups_total = groups.len();
    let groups_with_aid = groups.iter().filter(|g| g.guidelines_with_aid > 0).count();
    let share = if groups_total == 0 {
        0.0
    } else {
        groups_with_aid as f64 / groups_total as f64
    };
    let stale_aids = approved
        .iter()
        .flat_map(|g| {
            let professional = g.professional_approval().map(|a| a.date.get_ref().0);
            g.meta.decision_aids.iter().filter_map(move |aid| {
                let professional = professional?;
                let assessed = aid.ipdas_assessed.as_ref().map(|d| d.get_ref().0);
                let updated = aid.last_updated.as_ref().map(|d| d.get_ref().0);
                let stale = assessed.is_some_and(|d| d < professional)
                    || updated.is_some_and(|d| d < professional);
                stale.then(|| StaleAid {
                    group: g.group.clone(),
                    slug: g.slug.clone(),
                    aid: aid.title.clone(),
                    professional_approval: professional,
                    ipdas_assessed: assessed,
                    last_updated: updated,
                })
            })
        })
        .collect();
    Coverage {
        groups,
        groups_total,
        groups_with_aid,
        share,
        goal: DECISION_AID_GOAL,
        goal_met: share >= DECISION_AID_GOAL,
        stale_aids,
    }
}

/// Guidelines whose current version was approved on or after `since` (administrative
/// approval, or professional where there is none yet). With the git history, the
/// recommendations listed are the real changes since the previous approved version; without
/// it, the `ny`/`ændret` badges.
pub fn changes_since(
    site: &Site,
    since: Date,
    group: Option<&str>,
    history: Option<&SiteHistory>,
) -> Vec<Change> {
    let root = format!("{}/", site.config.base_url_trimmed());
    let mut changes: Vec<Change> = site
        .guidelines
        .iter()
        .filter(|g| {
            g.status() == Status::Approved && group.is_none_or(|group| g.serves_group(group))
        })
        .filter_map(|g| {
            let approved = g
                .administrative_approval()
                .or(g.professional_approval())?
                .date
                .get_ref()
                .0;
            (approved >= since).then(|| {
                let mut change = Change {
                    group: g.group.clone(),
                    slug: g.slug.clone(),
                    title: g.title().to_owned(),
                    version: g.meta.version.get_ref().clone(),
                    approved,
                    url: format!("{root}{}", g.path()),
                    new_recommendations: Vec::new(),
                    changed_recommendations: Vec::new(),
                    withdrawn_recommendations: Vec::new(),
                    previous_version: None,
                    basis: ChangeBasis::Markers,
                };
                match history {
                    Some(history) => fill_from_history(&mut change, g, history),
                    None => fill_from_markers(&mut change, g),
                }
                change
            })
        })
        .collect();
    changes.sort_by(|a, b| {
        b.approved
            .cmp(&a.approved)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    changes
}

fn fill_from_markers(change: &mut Change, g: &Guideline) {
    let with_marker = |marker| {
        g.body
            .recommendations
            .iter()
            .filter(|r| r.header.marker == Some(marker))
            .map(|r| r.header.id)
            .collect::<Vec<_>>()
    };
    change.new_recommendations = with_marker(Marker::New);
    change.changed_recommendations = with_marker(Marker::Changed);
}

/// The real changes since the previous approved version; a first version is all new.
fn fill_from_history(change: &mut Change, g: &Guideline, history: &SiteHistory) {
    change.basis = ChangeBasis::History;
    let past = history.past_versions(g);
    let (Some(previous), Some(Ok(real))) =
        (past.versions.last(), history.changes_since_previous(g))
    else {
        change.new_recommendations = g.body.recommendations.iter().map(|r| r.header.id).collect();
        return;
    };
    let ids = |kind| {
        real.recommendations
            .iter()
            .filter(|c| c.change == kind)
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    change.new_recommendations = ids(ChangeKind::Added);
    change.changed_recommendations = ids(ChangeKind::Changed);
    change.withdrawn_recommendations = ids(ChangeKind::Withdrawn);
    change.previous_version = Some(previous.record.version.clone());
}
