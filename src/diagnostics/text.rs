//! A finding's words: a message id of the catalogue with its values, turned into text only when
//! a finding is shown, in the reader's language ([`super::catalogue`]).
//!
//! Sites that are not converted yet give plain text, shown as it is in every language.

use std::borrow::Cow;
use std::fmt;

use super::catalogue::{Language, format};

/// A value a message names: a file, a key, a count, or a clause that is itself a message
/// (why a name cannot be a path), shown in the same language as the sentence around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Arg {
    Text(String),
    Number(i64),
    Message(Box<Message>),
}

impl From<Message> for Arg {
    fn from(value: Message) -> Self {
        Self::Message(Box::new(value))
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Self::Text(value.clone())
    }
}

impl From<usize> for Arg {
    fn from(value: usize) -> Self {
        Self::Number(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Self {
        Self::Number(i64::from(value))
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Self::Number(value)
    }
}

/// A catalogue message: its id and the values it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub(crate) id: &'static str,
    pub(crate) args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub(crate) fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// Names `value` as `$name` in the message.
    pub(crate) fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub(crate) fn in_language(&self, language: Language) -> String {
        format(language, self.id, &self.args)
    }
}

/// What a finding says: a catalogue message, or text not yet in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A message from the Fluent catalogue, worded in each language.
    Message(Message),
    /// Text the same in every language (from a library, or not yet catalogued).
    Plain(String),
}

impl Text {
    pub(crate) fn in_language(&self, language: Language) -> Cow<'_, str> {
        match self {
            Self::Message(message) => Cow::Owned(message.in_language(language)),
            Self::Plain(text) => Cow::Borrowed(text),
        }
    }

    /// The English text, for logs and tests.
    pub(crate) fn english(&self) -> Cow<'_, str> {
        self.in_language(Language::En)
    }
}

/// English, for error chains (`anyhow`) and test failure messages.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl From<Message> for Text {
    fn from(message: Message) -> Self {
        Self::Message(message)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self::Plain(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::Plain(text.to_owned())
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Self::Plain(text.clone())
    }
}

/// `message!("citation-undefined", key = citation.key.as_str())`: a catalogue [`Message`]
/// with its values named as in the Fluent files.
macro_rules! message {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::diagnostics::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}
pub(crate) use message;
