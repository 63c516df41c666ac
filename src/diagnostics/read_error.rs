//! Why a file could not be read ([`ReadError`]), in the reader's language: the words of
//! `source.unreadable` and the clause `config.invalid` and `synonyms.invalid` put after the
//! file's name.

use super::text::{Message, message};
use crate::source::ReadError;

/// What went wrong reading a file; the operating system's reason stays in its own words.
pub(crate) fn unreadable(err: &ReadError) -> Message {
    match err {
        ReadError::Io(io) => message!("source-unreadable", error = io.to_string()),
        ReadError::IsDirectory => message!("source-unreadable-directory"),
        ReadError::NotUtf8 { line, column } => {
            message!("source-unreadable-not-utf8", line = *line, column = *column)
        }
    }
}
