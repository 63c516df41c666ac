//! Danish dates as the front pages write them: `3. marts 2025`, and the irregular forms
//! real files have (`11. juli. 2018`, `1. August 2018`, `01.08.2018`). A month-only or
//! missing date is never completed with a made-up day.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DateRead {
    /// Written in the regular form.
    Exact(Date),
    /// Read with certainty from an irregular form, which the report names.
    Irregular(Date),
    /// Only a month (or a year): no day may be invented.
    MonthOnly {
        year: i16,
        month: Option<i8>,
    },
    Missing,
    Unreadable,
}

#[allow(clippy::expect_used)]
fn compiled(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the date patterns are tested")
}

static DAY_MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"(?i)\b(\d{1,2})\s*\.?\s*([a-zæøå]+)\s*\.?\s*(\d{4})\b"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b"));
static ISO: LazyLock<Regex> = LazyLock::new(|| compiled(r"\b(\d{4})-(\d{2})-(\d{2})\b"));
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"(?i)\b([a-zæøå]+)\s*\.?\s*(\d{4})\b"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| compiled(r"\b(\d{4})\b"));

/// The month a word names: the full Danish name or its usual abbreviation, any case.
fn month(word: &str) -> Option<i8> {
    let word = word.to_lowercase();
    let word = word.as_str();
    let index = MONTHS.iter().position(|name| {
        *name == word || (word.len() >= 3 && name.starts_with(word) && word != "ma")
    })?;
    i8::try_from(index + 1).ok()
}

fn date(year: &str, month: i8, day: &str) -> Option<Date> {
    Date::new(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// Reads the first date in `text` (which may hold more, like `(DLG)` after it).
pub(super) fn read(text: &str) -> DateRead {
    let text = text.trim();
    if text.is_empty() {
        return DateRead::Missing;
    }
    if let Some(c) = ISO.captures(text) {
        let parsed = c[2].parse().ok().and_then(|m| date(&c[1], m, &c[3]));
        return parsed.map_or(DateRead::Unreadable, DateRead::Exact);
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text)
        && let Some(m) = month(&c[2])
    {
        let Some(parsed) = date(&c[3], m, &c[1]) else {
            return DateRead::Unreadable;
        };
        let regular = format!("{}. {} {}", &c[1], MONTHS[(m - 1) as usize], &c[3]);
        return if c[0] == regular && !c[1].starts_with('0') {
            DateRead::Exact(parsed)
        } else {
            DateRead::Irregular(parsed)
        };
    }
    if let Some(c) = NUMERIC.captures(text) {
        let parsed = c[2].parse().ok().and_then(|m| date(&c[3], m, &c[1]));
        return parsed.map_or(DateRead::Unreadable, DateRead::Irregular);
    }
    if let Some(c) = MONTH_YEAR.captures(text)
        && let Some(m) = month(&c[1])
        && let Ok(year) = c[2].parse()
    {
        return DateRead::MonthOnly {
            year,
            month: Some(m),
        };
    }
    if let Some(c) = YEAR.captures(text)
        && let Ok(year) = c[1].parse()
    {
        return DateRead::MonthOnly { year, month: None };
    }
    DateRead::Unreadable
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn regular_and_irregular_forms() {
        assert_eq!(read("3. marts 2025"), DateRead::Exact(d(2025, 3, 3)));
        assert_eq!(read("3. marts 2025 (DLG)"), DateRead::Exact(d(2025, 3, 3)));
        assert_eq!(read("11. juli. 2018"), DateRead::Irregular(d(2018, 7, 11)));
        assert_eq!(read("1. August 2018"), DateRead::Irregular(d(2018, 8, 1)));
        assert_eq!(read("1 aug 2018"), DateRead::Irregular(d(2018, 8, 1)));
        assert_eq!(read("01.08.2018"), DateRead::Irregular(d(2018, 8, 1)));
        assert_eq!(read("2018-08-01"), DateRead::Exact(d(2018, 8, 1)));
    }

    #[test]
    fn no_day_is_invented() {
        assert_eq!(
            read("Marts 2025"),
            DateRead::MonthOnly {
                year: 2025,
                month: Some(3)
            }
        );
        assert_eq!(
            read("2026"),
            DateRead::MonthOnly {
                year: 2026,
                month: None
            }
        );
        assert_eq!(read(""), DateRead::Missing);
        assert_eq!(read("efter behov"), DateRead::Unreadable);
        assert_eq!(read("31. februar 2025"), DateRead::Unreadable);
    }
}
