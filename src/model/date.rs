//! Calendar dates as authors write them in front matter: TOML dates (`2024-02-01`).
//! Blank, month-only or otherwise malformed values get a message that says what to write.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

/// A calendar date from the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct IsoDate(pub Date);

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = toml::Value::deserialize(deserializer)?;
        parse_value(&value).map(IsoDate).map_err(D::Error::custom)
    }
}

/// Ends every date message, so parsing can tell a bad date from other front matter errors.
pub(crate) const DATE_HINT: &str = "(dates are written like 2024-02-01, without quotes)";

/// Why a front-matter value is not a date. serde carries only text, so the deserializer
/// writes this in English ([`fmt::Display`]) and the parser, which shows it in the reader's
/// language, reads the value again with [`date_problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateProblem {
    /// A TOML date that is no day of the calendar; `detail` is the date library's reason.
    NotInCalendar {
        value: String,
        detail: String,
    },
    /// A TOML date-time or time.
    TimeOfDay {
        value: String,
    },
    Blank,
    /// `"2024-02"`.
    MonthOnly {
        value: String,
    },
    /// `"2024-02-01"`: digits in quotes.
    Quoted {
        value: String,
    },
    NotADate {
        value: String,
    },
    /// Not a date or a string at all; `found` is the TOML type (`integer`, `array`, …).
    WrongType {
        found: &'static str,
    },
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotInCalendar { value, detail } => {
                write!(f, "`{value}` is not a calendar date: {detail}")
            }
            Self::TimeOfDay { value } => {
                write!(f, "`{value}` has a time of day; write only the date")
            }
            Self::Blank => f.write_str("the date is blank"),
            Self::MonthOnly { value } => write!(
                f,
                "`{value}` gives only a month; write the full date, such as {value}-01"
            ),
            Self::Quoted { value } => {
                write!(
                    f,
                    "`{value}` is a quoted string, not a date; remove the quotes"
                )
            }
            Self::NotADate { value } => write!(f, "`{value}` is not a date"),
            Self::WrongType { found } => write!(f, "expected a date, found {found}"),
        }
    }
}

fn parse_value(value: &toml::Value) -> Result<Date, String> {
    date_problem(value).map_err(|problem| format!("{problem} {DATE_HINT}"))
}

/// The date a front-matter value holds, or why it holds none.
pub(crate) fn date_problem(value: &toml::Value) -> Result<Date, DateProblem> {
    match value {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(date), None) => Date::new(date.year as i16, date.month as i8, date.day as i8)
                .map_err(|err| DateProblem::NotInCalendar {
                    value: datetime.to_string(),
                    detail: err.to_string(),
                }),
            _ => Err(DateProblem::TimeOfDay {
                value: datetime.to_string(),
            }),
        },
        toml::Value::String(text) => Err(describe_bad_string(text)),
        other => Err(DateProblem::WrongType {
            found: other.type_str(),
        }),
    }
}

fn describe_bad_string(text: &str) -> DateProblem {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return DateProblem::Blank;
    }
    let parts: Vec<&str> = trimmed.split('-').collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let value = trimmed.to_owned();
    if parts.len() == 2 && all_digits {
        return DateProblem::MonthOnly { value };
    }
    if parts.len() == 3 && all_digits {
        return DateProblem::Quoted { value };
    }
    DateProblem::NotADate { value }
}
