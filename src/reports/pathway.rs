//! The pathway reports: which recommendations a clinical quality database monitors, per
//! group (`--monitoring`), and the groups × phases matrix (`--coverage`), each as a table,
//! JSON or CSV.

use serde::Serialize;

use super::format::{Words, csv_row, table};
use crate::diagnostics::{Arg, Language};
use crate::model::{Guideline, Status};
use crate::pathway::{self, Matrix};
use crate::site::Site;
use crate::summary::GuidelineSummary;

#[derive(Debug, Serialize)]
pub(crate) struct MonitoringReport {
    pub(crate) groups: Vec<GroupMonitoring>,
}

#[derive(Debug, Serialize)]
pub(crate) struct GroupMonitoring {
    pub(crate) group: String,
    pub(crate) name: String,
    pub(crate) recommendations: usize,
    pub(crate) monitored: Vec<MonitoredRecommendation>,
    pub(crate) not_monitored: Vec<RecommendationRef>,
}

#[derive(Debug, Serialize)]
pub(crate) struct MonitoredRecommendation {
    pub(crate) guideline: String,
    pub(crate) recommendation: u32,
    pub(crate) database: String,
    pub(crate) indicator: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct RecommendationRef {
    pub(crate) guideline: String,
    pub(crate) recommendation: u32,
}

fn approved<'a>(site: &'a Site, group: Option<&'a str>) -> impl Iterator<Item = &'a Guideline> {
    site.guidelines
        .iter()
        .filter(move |g| g.status() == Status::Approved && group.is_none_or(|c| g.serves_group(c)))
}

/// Per group, its approved guidelines' recommendations, monitored or not. A cross-group
/// guideline is listed under each of its groups.
pub(crate) fn monitoring(site: &Site, group: Option<&str>) -> MonitoringReport {
    let groups = site
        .config
        .groups
        .iter()
        .filter(|(code, _)| group.is_none_or(|only| only == code.as_str()))
        .map(|(code, name)| {
            let mut row = GroupMonitoring {
                group: code.clone(),
                name: name.clone(),
                recommendations: 0,
                monitored: Vec::new(),
                not_monitored: Vec::new(),
            };
            for g in approved(site, Some(code)) {
                for r in &g.body.recommendations {
                    row.recommendations += 1;
                    let guideline = format!("{}/{}", g.group, g.slug);
                    match &r.header.monitoring {
                        Some(m) => row.monitored.push(MonitoredRecommendation {
                            guideline,
                            recommendation: r.header.id,
                            database: m.database.clone(),
                            indicator: m.indicator.clone(),
                        }),
                        None => row.not_monitored.push(RecommendationRef {
                            guideline,
                            recommendation: r.header.id,
                        }),
                    }
                }
            }
            row
        })
        .collect();
    MonitoringReport { groups }
}

/// The groups × phases matrix over the approved guidelines.
pub(crate) fn pathway_coverage(site: &Site, group: Option<&str>) -> Matrix {
    let summaries: Vec<GuidelineSummary> = approved(site, None).map(GuidelineSummary::of).collect();
    pathway::matrix(&site.config, &summaries, group)
}

pub(crate) fn render_monitoring_table(report: &MonitoringReport, language: Language) -> String {
    let words = Words(language);
    let mut out = words.title("monitoring", &[]);
    out.push_str(&table(
        &words.columns(&["group", "recommendations", "monitored", "not-monitored"]),
        report
            .groups
            .iter()
            .map(|g| {
                vec![
                    g.group.clone(),
                    g.recommendations.to_string(),
                    g.monitored.len().to_string(),
                    g.not_monitored.len().to_string(),
                ]
            })
            .collect(),
        &words,
    ));
    out.push('\n');
    out.push_str(&words.title("monitored", &[]));
    out.push_str(&table(
        &words.columns(&[
            "group",
            "guideline",
            "recommendation",
            "database",
            "indicator",
        ]),
        report
            .groups
            .iter()
            .flat_map(|g| {
                g.monitored.iter().map(|m| {
                    vec![
                        g.group.clone(),
                        m.guideline.clone(),
                        m.recommendation.to_string(),
                        m.database.clone(),
                        m.indicator.clone(),
                    ]
                })
            })
            .collect(),
        &words,
    ));
    out.push('\n');
    out.push_str(&words.title("not-monitored", &[]));
    out.push_str(&table(
        &words.columns(&["group", "guideline", "recommendations"]),
        report
            .groups
            .iter()
            .flat_map(|g| {
                by_guideline(&g.not_monitored)
                    .into_iter()
                    .map(|(guideline, ids)| vec![g.group.clone(), guideline, ids])
            })
            .collect(),
        &words,
    ));
    out
}

/// The recommendations of each guideline in a row: `guideline → "1, 2, 5"`.
fn by_guideline(refs: &[RecommendationRef]) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    for r in refs {
        match rows.last_mut() {
            Some((guideline, ids)) if *guideline == r.guideline => {
                ids.push_str(&format!(", {}", r.recommendation));
            }
            _ => rows.push((r.guideline.clone(), r.recommendation.to_string())),
        }
    }
    rows
}

/// One CSV table: a row per recommendation, `monitored` true or false.
pub(crate) fn render_monitoring_csv(report: &MonitoringReport) -> String {
    let mut out = String::from("group,guideline,recommendation,monitored,database,indicator\n");
    for g in &report.groups {
        for m in &g.monitored {
            out.push_str(&csv_row(&[
                &g.group,
                &m.guideline,
                &m.recommendation.to_string(),
                "true",
                &m.database,
                &m.indicator,
            ]));
        }
        for r in &g.not_monitored {
            out.push_str(&csv_row(&[
                &g.group,
                &r.guideline,
                &r.recommendation.to_string(),
                "false",
                "",
                "",
            ]));
        }
    }
    out
}

/// A row per group, a column per phase: `guidelines/recommendations`, `-` for a gap.
pub(crate) fn render_coverage_table(matrix: &Matrix, language: Language) -> String {
    let words = Words(language);
    let mut headers = words.columns(&["group"]);
    headers.extend(matrix.phases.iter().map(|p| p.slug.clone()));
    let mut out = words.title("coverage", &[]);
    out.push_str(&table(
        &headers,
        matrix
            .groups
            .iter()
            .map(|g| {
                std::iter::once(g.group.clone())
                    .chain(g.cells.iter().map(|c| {
                        if c.guidelines == 0 {
                            "-".to_owned()
                        } else {
                            format!("{}/{}", c.guidelines, c.recommendations)
                        }
                    }))
                    .collect()
            })
            .collect(),
        &words,
    ));
    for g in &matrix.groups {
        let gaps: Vec<&str> = g.gaps().map(|c| c.phase.as_str()).collect();
        if !gaps.is_empty() {
            out.push_str(&words.say(
                "coverage-gaps",
                &[
                    ("group", Arg::from(&g.group)),
                    ("phases", Arg::from(gaps.join(", "))),
                ],
            ));
            out.push('\n');
        }
    }
    out
}

/// One CSV row per group and phase.
pub(crate) fn render_coverage_csv(matrix: &Matrix) -> String {
    let mut out = String::from("group,phase,guidelines,recommendations\n");
    for g in &matrix.groups {
        for c in &g.cells {
            out.push_str(&csv_row(&[
                &g.group,
                &c.phase,
                &c.guidelines.to_string(),
                &c.recommendations.to_string(),
            ]));
        }
    }
    out
}
