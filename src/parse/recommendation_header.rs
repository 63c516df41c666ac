//! Reading the opening line of a recommendation:
//! `::: anbefaling N (STRENGTH) [ny|ændret] [{fase=… monitorering="…"}]`.

use std::ops::Range;

use crate::diagnostics::{Diagnostic, Message, codes, message};
use std::sync::Arc;

use super::recommendation_attributes::{self, Attributes};
use crate::model::{Grading, Marker, RecommendationHeader, Strength, StrengthError};
use crate::source::SourceFile;

/// What a container's opening line turned out to be: a recommendation's header (with findings
/// about its strength or marker), a container that is not a recommendation, or a header too
/// broken to use.
pub(super) enum ContainerHeader {
    Recommendation(RecommendationHeader, Vec<Diagnostic>),
    NotARecommendation(Diagnostic),
    Malformed(Diagnostic),
}

fn syntax_help() -> Message {
    message!("recommendation-bad-header-help")
}

/// `text` is the header (after `:::`), starting at file offset `start`. Without a grading
/// (the front matter did not parse) the strength is not checked.
pub(super) fn parse(
    source: &Arc<SourceFile>,
    text: &str,
    start: usize,
    grading: Option<Grading>,
) -> ContainerHeader {
    let mut cursor = Cursor {
        text,
        pos: 0,
        start,
    };
    let (keyword, keyword_span) = cursor.word();
    if !keyword.eq_ignore_ascii_case("anbefaling") {
        return ContainerHeader::NotARecommendation(
            Diagnostic::error(
                codes::CONTAINER_UNKNOWN,
                message!("container-unknown", name = keyword),
            )
            .with_help(message!("container-unknown-help"))
            .at(source, keyword_span),
        );
    }
    cursor.skip_space();
    let (id, id_span) = match id(source, &mut cursor) {
        Ok(id) => id,
        Err(finding) => return ContainerHeader::Malformed(*finding),
    };
    cursor.skip_space();
    let mut findings = Vec::new();
    // From here on the id is known: a broken strength is reported, and the recommendation
    // still exists, so links and decision aids that name it are not reported as well.
    let read = match strength(source, &mut cursor, id, grading) {
        Ok(read) => read,
        Err(finding) => {
            return ContainerHeader::Recommendation(
                RecommendationHeader {
                    id,
                    id_span,
                    strength: None,
                    marker: None,
                    phases: Vec::new(),
                    monitoring: None,
                },
                vec![*finding],
            );
        }
    };
    findings.extend(read.finding);
    cursor.skip_space();
    let (marker_text, marker_span) = cursor.until(|c| c == '{');
    let attributes = if cursor.rest().is_empty() {
        Attributes::default()
    } else {
        recommendation_attributes::parse(source, cursor.rest(), cursor.offset(), &mut findings)
    };
    let marker = marker(source, marker_text, marker_span, &mut findings);
    ContainerHeader::Recommendation(
        RecommendationHeader {
            id,
            id_span,
            strength: read.strength,
            marker,
            phases: attributes.phases,
            monitoring: attributes.monitoring,
        },
        findings,
    )
}

/// The recommendation's number, after `anbefaling`.
fn id(
    source: &Arc<SourceFile>,
    cursor: &mut Cursor<'_>,
) -> Result<(u32, Range<usize>), Box<Diagnostic>> {
    let (id_text, id_span) = cursor.until(|c| c.is_whitespace() || c == '(');
    if id_text.is_empty() {
        return Err(Box::new(
            Diagnostic::error(
                codes::RECOMMENDATION_BAD_HEADER,
                message!("recommendation-bad-header-no-id"),
            )
            .with_help(syntax_help())
            .at(source, id_span),
        ));
    }
    let id = match id_text.parse::<u32>() {
        Ok(id) if id > 0 => id,
        _ => {
            return Err(Box::new(
                Diagnostic::error(
                    codes::RECOMMENDATION_BAD_ID,
                    message!("recommendation-bad-id", text = id_text),
                )
                .with_help(message!("recommendation-bad-id-help"))
                .at(source, id_span),
            ));
        }
    };
    Ok((id, id_span))
}

/// What the parentheses hold: the strength (`None` when it did not parse or could not be
/// checked) and the finding about a value that is no strength.
struct StrengthRead {
    strength: Option<Strength>,
    finding: Option<Diagnostic>,
}

/// `(STRENGTH)`. Without a grading (the front matter did not parse) the value is not checked.
/// Missing or unclosed parentheses are the error.
fn strength(
    source: &Arc<SourceFile>,
    cursor: &mut Cursor<'_>,
    id: u32,
    grading: Option<Grading>,
) -> Result<StrengthRead, Box<Diagnostic>> {
    if !cursor.eat('(') {
        let here = cursor.offset()..cursor.offset() + cursor.rest().len();
        return Err(Box::new(
            Diagnostic::error(
                codes::RECOMMENDATION_BAD_HEADER,
                message!("recommendation-bad-header-no-strength", id = id),
            )
            .with_help(syntax_help())
            .at(source, here),
        ));
    }
    let (inner, inner_span) = cursor.until(|c| c == ')');
    if !cursor.eat(')') {
        return Err(Box::new(
            Diagnostic::error(
                codes::RECOMMENDATION_BAD_HEADER,
                message!("recommendation-bad-header-unclosed"),
            )
            .with_help(syntax_help())
            .at(source, inner_span),
        ));
    }
    let strength_span = trim_span(inner, inner_span);
    let parsed = grading.map(|grading| (grading, Strength::parse(inner, grading)));
    let (strength, finding) = match parsed {
        None => (None, None),
        Some((_, Ok(strength))) => (Some(strength), None),
        Some((grading, Err(err))) => (
            None,
            Some(bad_strength(err, grading).at(source, strength_span)),
        ),
    };
    Ok(StrengthRead { strength, finding })
}

/// The finding for a strength the guideline's grading does not know, with that grading's
/// help.
fn bad_strength(err: StrengthError, grading: Grading) -> Diagnostic {
    let message = match err {
        StrengthError::GradeInOxford(text) => {
            message!("recommendation-bad-strength-grade-in-oxford", text = text)
        }
        StrengthError::OxfordInGrade(text) => {
            message!("recommendation-bad-strength-oxford-in-grade", text = text)
        }
        StrengthError::ReversedRange { stronger, weaker } => message!(
            "recommendation-bad-strength-reversed",
            text = format!("{}-{}", weaker.letter(), stronger.letter()),
            stronger = stronger.letter().to_string(),
            weaker = weaker.letter().to_string(),
        ),
        StrengthError::UnknownCertainty(certainty) => {
            message!(
                "recommendation-bad-strength-certainty",
                certainty = certainty
            )
        }
        StrengthError::NotAStrength(text) => message!("recommendation-bad-strength", text = text),
    };
    let help = match grading {
        Grading::Grade => message!("recommendation-bad-strength-grade-help"),
        Grading::Oxford => message!("recommendation-bad-strength-oxford-help"),
    };
    Diagnostic::error(codes::RECOMMENDATION_BAD_STRENGTH, message).with_help(help)
}

/// `ny` or `ændret` after the strength, or nothing.
fn marker(
    source: &Arc<SourceFile>,
    text: &str,
    span: Range<usize>,
    findings: &mut Vec<Diagnostic>,
) -> Option<Marker> {
    let text_trimmed = text.trim();
    match text_trimmed.to_lowercase().as_str() {
        "" => None,
        "ny" => Some(Marker::New),
        "ændret" => Some(Marker::Changed),
        _ => {
            findings.push(
                Diagnostic::error(
                    codes::RECOMMENDATION_BAD_HEADER,
                    message!("recommendation-bad-header-marker", text = text_trimmed),
                )
                .with_help(syntax_help())
                .at(source, trim_span(text_trimmed, span)),
            );
            None
        }
    }
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    start: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }
    fn offset(&self) -> usize {
        self.start + self.pos
    }
    fn skip_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }
    fn word(&mut self) -> (&'a str, Range<usize>) {
        self.until(char::is_whitespace)
    }
    fn until(&mut self, stop: impl Fn(char) -> bool) -> (&'a str, Range<usize>) {
        let rest = self.rest();
        let len = rest.find(stop).unwrap_or(rest.len());
        let span = self.offset()..self.offset() + len;
        self.pos += len;
        (&rest[..len], span)
    }
    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }
}

/// The span of `text` without its surrounding white space.
fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let leading = text.len() - text.trim_start().len();
    let start = span.start + leading;
    start..start + text.trim().len()
}
