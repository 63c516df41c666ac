//! The attributes at the end of a recommendation's opening line:
//! `{fase=behandling monitorering="DLCR 3a"}`, in the `{key=value}` form Pandoc and many
//! Markdown dialects use for attributes. A value with spaces is quoted; `fase` may list
//! several phases separated by commas (`fase=udredning,behandling`).

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Message, codes, message};
use crate::model::{Monitoring, PhaseRef};
use crate::source::SourceFile;

/// What the braces say. Each problem is a finding; the attributes that read well are kept.
#[derive(Debug, Default)]
pub(super) struct Attributes {
    pub(crate) phases: Vec<PhaseRef>,
    pub(crate) monitoring: Option<Monitoring>,
}

/// `text` is everything from the `{` on, at file offset `start`.
pub(super) fn parse(
    source: &Arc<SourceFile>,
    text: &str,
    start: usize,
    findings: &mut Vec<Diagnostic>,
) -> Attributes {
    let mut attributes = Attributes::default();
    let bad = |message: Message, span: Range<usize>| {
        Diagnostic::error(codes::RECOMMENDATION_BAD_ATTRIBUTE, message)
            .with_help(message!("recommendation-bad-attribute-help"))
            .at(source, span)
    };
    let trimmed = text.trim_end();
    let Some(inner) = trimmed
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
    else {
        findings.push(bad(
            message!("recommendation-bad-attribute-unclosed"),
            start..start + trimmed.len(),
        ));
        return attributes;
    };
    let inner_start = start + 1;
    for (pair, span) in pairs(inner, inner_start) {
        let Some((key, value)) = pair.split_once('=') else {
            findings.push(bad(
                message!("recommendation-bad-attribute-not-a-pair", pair = pair),
                span,
            ));
            continue;
        };
        let value_start = span.start + key.len() + 1;
        let (value, value_span) = unquote(value, value_start);
        match key {
            "fase" => {
                let mut offset = value_span.start;
                for part in value.split(',') {
                    let slug = part.trim();
                    let lead = part.len() - part.trim_start().len();
                    let part_span = offset + lead..offset + lead + slug.len();
                    offset += part.len() + 1;
                    if slug.is_empty() {
                        findings.push(bad(
                            message!("recommendation-bad-attribute-empty-phase"),
                            part_span,
                        ));
                    } else {
                        attributes.phases.push(PhaseRef {
                            slug: slug.to_owned(),
                            span: part_span,
                        });
                    }
                }
            }
            "monitorering" => match value.split_once(char::is_whitespace) {
                Some((database, indicator)) if !indicator.trim().is_empty() => {
                    attributes.monitoring = Some(Monitoring {
                        database: database.to_owned(),
                        indicator: indicator.trim().to_owned(),
                    });
                }
                _ => findings.push(bad(
                    message!("recommendation-bad-attribute-no-indicator", value = value),
                    value_span,
                )),
            },
            _ => findings.push(bad(
                message!("recommendation-bad-attribute-unknown", key = key),
                span.start..span.start + key.len(),
            )),
        }
    }
    attributes
}

/// The `key=value` pairs separated by white space; a quoted value may hold spaces.
fn pairs(text: &str, start: usize) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut pair_start = None;
    let mut in_quotes = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                pair_start.get_or_insert(i);
            }
            c if c.is_whitespace() && !in_quotes => {
                if let Some(from) = pair_start.take() {
                    out.push((&text[from..i], start + from..start + i));
                }
            }
            _ => {
                pair_start.get_or_insert(i);
            }
        }
    }
    if let Some(from) = pair_start {
        out.push((&text[from..], start + from..start + text.len()));
    }
    out
}

/// A value without its quotes, and its span.
fn unquote(value: &str, start: usize) -> (&str, Range<usize>) {
    match value
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => (inner, start + 1..start + 1 + inner.len()),
        None => (value, start..start + value.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Attributes, Vec<Diagnostic>) {
        let source = Arc::new(SourceFile::new(
            std::path::PathBuf::from("x.md"),
            "x.md".to_owned(),
            text.to_owned(),
        ));
        let mut findings = Vec::new();
        let attributes = parse(&source, text, 0, &mut findings);
        (attributes, findings)
    }

    #[test]
    fn phases_and_monitoring_are_read_with_their_places() {
        let text = "{fase=udredning,behandling monitorering=\"DLCR 3a\"}";
        let (attributes, findings) = read(text);
        assert!(findings.is_empty(), "{findings:?}");
        let spans: Vec<&str> = attributes
            .phases
            .iter()
            .map(|p| &text[p.span.clone()])
            .collect();
        assert_eq!(spans, ["udredning", "behandling"]);
        assert_eq!(
            attributes.monitoring,
            Some(Monitoring {
                database: "DLCR".into(),
                indicator: "3a".into()
            })
        );
    }

    #[test]
    fn broken_attributes_are_findings_at_their_place() {
        for (text, at) in [
            ("{fase=udredning", "{fase=udredning"),
            ("{niveau=3}", "niveau"),
            ("{monitorering=DLCR}", "DLCR"),
            ("{fase}", "fase"),
        ] {
            let (_, findings) = read(text);
            assert_eq!(findings.len(), 1, "{text}: {findings:?}");
            assert_eq!(findings[0].code, codes::RECOMMENDATION_BAD_ATTRIBUTE);
            let span = findings[0].position.as_ref().unwrap().span.clone();
            assert_eq!(&text[span], at, "{text}");
        }
    }
}
