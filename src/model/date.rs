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

fn parse_value(value: &toml::Value) -> Result<Date, String> {
    parse_date_value(value).map_err(|message| format!("{message} {DATE_HINT}"))
}

fn parse_date_value(value: &toml::Value) -> Result<Date, String> {
    match value {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(date), None) => Date::new(date.year as i16, date.month as i8, date.day as i8)
                .map_err(|err| format!("`{datetime}` is not a calendar date: {err}")),
            _ => Err(format!(
                "`{datetime}` has a time of day; write only the date"
            )),
        },
        toml::Value::String(text) => Err(describe_bad_string(text)),
        other => Err(format!("expected a date, found {}", other.type_str())),
    }
}

fn describe_bad_string(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return "the date is blank".to_owned();
    }
    let parts: Vec<&str> = trimmed.split('-').collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if parts.len() == 2 && all_digits {
        return format!(
            "`{trimmed}` gives only a month; write the full date, such as {trimmed}-01"
        );
    }
    if parts.len() == 3 && all_digits {
        return format!("`{trimmed}` is a quoted string, not a date; remove the quotes");
    }
    format!("`{trimmed}` is not a date")
}
