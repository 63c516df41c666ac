//! Containers in the body walk: each `::: anbefaling` fence opens a recommendation under the
//! current topic of *Grundlag*, and its content goes there until the fence closes.

use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::{Fragment, LeadBlock, Recommendation, SectionKind};

use super::super::containers::RawContainer;
use super::super::recommendation_header::{self, ContainerHeader};
use super::{Target, Walker};

impl Walker<'_> {
    /// Opens every container whose fence stands before `offset`, and closes the current one
    /// once `offset` is past its content.
    pub(super) fn open_containers_before(&mut self, offset: usize) {
        if let Some((end, _)) = self.current
            && offset >= end
        {
            self.current = None;
        }
        while let Some(container) = self.containers.get(self.next_container) {
            if container.open_line.start > offset {
                break;
            }
            let container = container.clone();
            self.next_container += 1;
            let target = self.open_container(&container);
            self.current = target.map(|t| (container.content.end, t));
            if offset >= container.content.end {
                self.current = None;
            }
        }
    }

    fn open_container(&mut self, container: &RawContainer) -> Option<Target> {
        let header = &self.source.text[container.header.clone()];
        match recommendation_header::parse(
            self.source,
            header,
            container.header.start,
            self.grading,
        ) {
            ContainerHeader::NotARecommendation(finding) => {
                self.findings.push(finding);
                None
            }
            ContainerHeader::Malformed(finding) => {
                self.findings.push(finding);
                Some(Target::Detached)
            }
            ContainerHeader::Recommendation(header, findings) => {
                self.findings.extend(findings);
                let place = self
                    .body
                    .sections
                    .last_mut()
                    .filter(|s| s.kind == Some(SectionKind::Grundlag))
                    .and_then(|s| {
                        let topic_index = s.topics.len().checked_sub(1)?;
                        let topic = s.topics.last_mut().filter(|t| t.subsections.is_empty())?;
                        Some((topic_index, topic))
                    });
                let Some((topic_index, topic)) = place else {
                    self.findings.push(
                        Diagnostic::error(
                            codes::RECOMMENDATION_MISPLACED,
                            message!("recommendation-misplaced", id = header.id),
                        )
                        .at(self.source, container.open_line.clone())
                        .with_help(message!("recommendation-misplaced-help")),
                    );
                    return Some(Target::Detached);
                };
                let index = self.body.recommendations.len();
                topic.lead.push(LeadBlock::Recommendation(index));
                self.body.recommendations.push(Recommendation {
                    header,
                    header_span: container.open_line.clone(),
                    content: Fragment {
                        events: Vec::new(),
                        span: container.content.clone(),
                    },
                    topic: topic_index,
                });
                Some(Target::Recommendation(index))
            }
        }
    }
}
