//! A finding as the build's page record keeps it (`build_cache::Entry`), so that a later build
//! that reuses a guideline's pages under the same key can say its findings again without
//! parsing and checking it: the code, the severity, the message and help as catalogue ids
//! with their arguments, and the place as a span in the guideline's own text (whose hash the
//! key holds; the text is read again to show the lines).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalogue::interned;
use super::text::{Arg, Message, Text};
use super::{Code, Diagnostic, Severity};
use crate::source::SourceFile;

/// One finding about a guideline, kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FindingRecord {
    code: String,
    error: bool,
    message: TextRecord,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    help: Option<TextRecord>,
    /// Whether it names the guideline's file (every finding kept is about it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    in_file: bool,
    /// Its byte range in the guideline's text; `None` for one about no place in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum TextRecord {
    Message(MessageRecord),
    Plain(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct MessageRecord {
    id: String,
    args: Vec<(String, ArgRecord)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum ArgRecord {
    Text(String),
    Number(i64),
    Message(MessageRecord),
}

impl FindingRecord {
    /// `finding` as kept for the guideline whose file is shown as `file`; `None` when it
    /// cannot be said again from that file alone (it points into another file).
    pub(crate) fn of(finding: &Diagnostic, file: &str) -> Option<Self> {
        let in_file = match finding.file.as_deref() {
            None => false,
            Some(shown) if shown == file => true,
            Some(_) => return None,
        };
        let span = match &finding.position {
            Some(position) if position.source.display_path == file => {
                Some((position.span.start, position.span.end))
            }
            Some(_) => return None,
            None => None,
        };
        Some(Self {
            code: finding.code.as_str().to_owned(),
            error: finding.is_error(),
            message: TextRecord::of(&finding.message),
            help: finding.help.as_ref().map(TextRecord::of),
            in_file,
            span,
        })
    }

    /// The finding again, its place in `source` (the guideline's text, as when it was kept);
    /// `None` when the record names a code or message this program does not have.
    pub(crate) fn restore(&self, source: &Arc<SourceFile>) -> Option<Diagnostic> {
        let code = *Code::ALL.iter().find(|code| code.as_str() == self.code)?;
        let severity = if self.error {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut finding = Diagnostic::new(code, severity, self.message.restore()?);
        if let Some(help) = &self.help {
            finding = finding.with_help(help.restore()?);
        }
        if self.in_file {
            finding = finding.in_file(source.display_path.clone());
        }
        if let Some((start, end)) = self.span {
            if end > source.text.len() || start > end {
                return None;
            }
            finding = finding.at(source, start..end);
        }
        Some(finding)
    }
}

impl TextRecord {
    fn of(text: &Text) -> Self {
        match text {
            Text::Message(message) => Self::Message(MessageRecord::of(message)),
            Text::Plain(plain) => Self::Plain(plain.clone()),
        }
    }

    fn restore(&self) -> Option<Text> {
        Some(match self {
            Self::Message(message) => Text::Message(message.restore()?),
            Self::Plain(plain) => Text::Plain(plain.clone()),
        })
    }
}

impl MessageRecord {
    fn of(message: &Message) -> Self {
        let args = message.args.iter().map(|(name, value)| {
            let value = match value {
                Arg::Text(text) => ArgRecord::Text(text.clone()),
                Arg::Number(number) => ArgRecord::Number(*number),
                Arg::Message(clause) => ArgRecord::Message(Self::of(clause)),
            };
            ((*name).to_owned(), value)
        });
        Self {
            id: message.id.to_owned(),
            args: args.collect(),
        }
    }

    /// The message again: its id and its arguments' names are the catalogue's.
    fn restore(&self) -> Option<Message> {
        let mut message = Message::new(interned(&self.id)?);
        for (name, value) in &self.args {
            let value = match value {
                ArgRecord::Text(text) => Arg::Text(text.clone()),
                ArgRecord::Number(number) => Arg::Number(*number),
                ArgRecord::Message(clause) => Arg::from(clause.restore()?),
            };
            message = message.arg(interned(name)?, value);
        }
        Some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::diagnostics::{Language, codes, message, render_human};

    fn source() -> Arc<SourceFile> {
        let text = "+++\ntitle = \"X\"\n+++\n\n## Udredning\n\nSe http://example.org.\n";
        Arc::new(SourceFile::new(
            "/site/guidelines/dlg/x.md".into(),
            "guidelines/dlg/x.md".to_owned(),
            text.to_owned(),
        ))
    }

    /// Every kind of finding a check makes of one guideline: one at a place with a help
    /// and a clause as argument, one about the file, one with plain text and no file.
    fn findings(source: &Arc<SourceFile>) -> Vec<Diagnostic> {
        let at = source.text.find("http").unwrap();
        let clause = message!("history-turned-off");
        vec![
            Diagnostic::warning(
                codes::LINK_INSECURE,
                message!("link-insecure", url = "http://example.org"),
            )
            .at(source, at..at + 18)
            .with_help(message!("history-failed", error = Arg::from(clause))),
            Diagnostic::error(codes::SOURCE_UNREADABLE, message!("history-not-git"))
                .in_file("guidelines/dlg/x.md"),
            Diagnostic::warning(codes::LINK_INSECURE, "plain words"),
        ]
    }

    #[test]
    fn a_finding_kept_is_said_again_as_it_was() {
        let source = source();
        let found = findings(&source);
        let kept: Vec<FindingRecord> = found
            .iter()
            .map(|f| FindingRecord::of(f, "guidelines/dlg/x.md").unwrap())
            .collect();
        let json = serde_json::to_string(&kept).unwrap();
        let read: Vec<FindingRecord> = serde_json::from_str(&json).unwrap();
        let again: Vec<Diagnostic> = read.iter().map(|r| r.restore(&source).unwrap()).collect();
        assert_eq!(again, found);
        for language in [Language::Da, Language::En] {
            for colour in [false, true] {
                assert_eq!(
                    render_human(&again, colour, language),
                    render_human(&found, colour, language)
                );
            }
        }
    }

    #[test]
    fn a_finding_about_another_file_or_an_unknown_code_is_not_kept() {
        let source = source();
        let found = &findings(&source)[0];
        assert!(FindingRecord::of(found, "guidelines/dlg/y.md").is_none());
        let mut kept = FindingRecord::of(found, "guidelines/dlg/x.md").unwrap();
        kept.code = "no.such-code".to_owned();
        assert!(kept.restore(&source).is_none());
        let mut kept = FindingRecord::of(found, "guidelines/dlg/x.md").unwrap();
        kept.span = Some((0, source.text.len() + 1));
        assert!(kept.restore(&source).is_none());
        let mut kept = FindingRecord::of(found, "guidelines/dlg/x.md").unwrap();
        if let TextRecord::Message(message) = &mut kept.message {
            message.id = "no-such-message".to_owned();
        }
        assert!(kept.restore(&source).is_none());
    }
}
