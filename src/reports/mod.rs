//! The guideline office's numbers: revision status, publication lag and decision-aid
//! coverage, plus what changed since a date. Computed from the same `status` functions as
//! the site's banners and revision overview.

mod format;
mod pathway;

pub(crate) use format::{render_changes, render_changes_csv, render_csv, render_table};
pub(crate) use pathway::{
    monitoring, pathway_coverage, render_coverage_csv, render_coverage_table,
    render_monitoring_csv, render_monitoring_table,
};

use jiff::civil::Date;
use serde::Serialize;

use crate::changes::ChangeKind;
use crate::history::SiteHistory;
use crate::model::{Guideline, Marker, Status};
use crate::site::Site;
use crate::status::{self, RevisionStatus};

/// The share of DMCG groups that should have a guideline linking to a decision aid.
pub(crate) const DECISION_AID_GOAL: f64 = 0.5;

#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub(crate) today: Date,
    pub(crate) revision: Vec<RevisionRow>,
    pub(crate) publication: Vec<PublicationRow>,
    pub(crate) decision_aids: Coverage,
}

#[derive(Debug, Serialize)]
pub(crate) struct RevisionRow {
    pub(crate) group: String,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) version: String,
    pub(crate) planned: Date,
    pub(crate) days_left: i64,
    pub(crate) status: RevisionStatus,
}

#[derive(Debug, Serialize)]
pub(crate) struct PublicationRow {
    pub(crate) group: String,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) administrative_approval: Date,
    pub(crate) published: Option<Date>,
    pub(crate) deadline: Date,
    pub(crate) lag_days: i64,
    pub(crate) late: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct Coverage {
    pub(crate) groups: Vec<GroupCoverage>,
    pub(crate) groups_total: usize,
    pub(crate) groups_with_aid: usize,
    pub(crate) share: f64,
    pub(crate) goal: f64,
    pub(crate) goal_met: bool,
    /// Aids assessed or updated before the professional approval of the guideline citing them.
    pub(crate) stale_aids: Vec<StaleAid>,
}

#[derive(Debug, Serialize)]
pub(crate) struct GroupCoverage {
    pub(crate) group: String,
    pub(crate) name: String,
    pub(crate) guidelines: usize,
    pub(crate) guidelines_with_aid: usize,
    pub(crate) recommendations: usize,
    pub(crate) recommendations_with_aid: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct StaleAid {
    pub(crate) group: String,
    pub(crate) slug: String,
    pub(crate) aid: String,
    pub(crate) professional_approval: Date,
    pub(crate) ipdas_assessed: Option<Date>,
    pub(crate) last_updated: Option<Date>,
}

/// A new guideline, or a new version, approved on or after a date.
#[derive(Debug, Serialize)]
pub(crate) struct Change {
    pub(crate) group: String,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) version: String,
    pub(crate) approved: Date,
    pub(crate) url: String,
    pub(crate) new_recommendations: Vec<u32>,
    pub(crate) changed_recommendations: Vec<u32>,
    /// Recommendations of the previous approved version that this one no longer has (known
    /// only from the git history).
    pub(crate) withdrawn_recommendations: Vec<u32>,
    /// The approved version before this one, from the git history.
    pub(crate) previous_version: Option<String>,
    /// `history` when the lists are the real changes since the previous approved version,
    /// `markers` when they are the `ny`/`ændret` badges (no git history).
    pub(crate) basis: ChangeBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ChangeBasis {
    History,
    Markers,
}

/// The report over approved guidelines, optionally one group's.
pub(crate) fn build(site: &Site, today: Date, group: Option<&str>) -> Report {
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
pub(crate) fn changes_since(
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
