//! The message catalogue: every catalogued diagnostic message, help text, summary and the
//! preview overlay's words and the command line's own words, in Danish and English, as Fluent
//! files built into the binary (`locales/<language>/diagnostics.ftl`, `command_line.ftl` and
//! `report.ftl`).
//!
//! Fluent (Project Fluent, `fluent-bundle`) rather than a hand-made table: it gives each
//! language its own plural rules ("1 advarsel", "2 advarsler") and word order, and translators
//! can read the files.

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::text::Arg;

/// The languages retning speaks to authors in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// Danish, the authors' language and the default.
    #[default]
    Da,
    /// English (`--lang en`, or an `en` site language).
    En,
}

impl Language {
    #[cfg(test)]
    pub(crate) const ALL: [Language; 2] = [Language::Da, Language::En];

    /// The language for a site's `language` in `retning.toml` (an IETF tag such as `da` or
    /// `en-GB`): English for `en…`, else Danish.
    pub(crate) fn for_site(tag: &str) -> Self {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Self::En
        } else {
            Self::Da
        }
    }

    /// The tag an HTML `lang` attribute takes.
    pub(crate) fn tag(self) -> &'static str {
        match self {
            Self::Da => "da",
            Self::En => "en",
        }
    }

    /// The Fluent sources of this language's catalogue: the findings' words, and the command
    /// line's own (usage errors, `retning history`'s listing) and `retning report`'s tables.
    pub(crate) fn sources(self) -> [&'static str; 3] {
        match self {
            Self::Da => [
                include_str!("../../locales/da/diagnostics.ftl"),
                include_str!("../../locales/da/command_line.ftl"),
                include_str!("../../locales/da/report.ftl"),
            ],
            Self::En => [
                include_str!("../../locales/en/diagnostics.ftl"),
                include_str!("../../locales/en/command_line.ftl"),
                include_str!("../../locales/en/report.ftl"),
            ],
        }
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "da" => Ok(Self::Da),
            "en" => Ok(Self::En),
            other => Err(format!(
                "`{other}` is not a language retning speaks: da or en"
            )),
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

static DANISH: LazyLock<Bundle> = LazyLock::new(|| bundle(Language::Da));
static ENGLISH: LazyLock<Bundle> = LazyLock::new(|| bundle(Language::En));

fn bundle(language: Language) -> Bundle {
    let tag = language.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Names, paths and keys go into terminals, JSON and CI logs, where Unicode isolation
    // marks around them would be noise.
    bundle.set_use_isolating(false);
    // The files are built in and tested (`tests` below): a syntax error cannot ship, so the
    // parts that parse are used rather than failing at run time.
    for source in language.sources() {
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _errors)| partial);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// Every message id and argument name the catalogue's sources write, as the sources hold
/// them: a finding read back from a record names its message with these.
static NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut names = HashSet::new();
    for source in [Language::Da, Language::En]
        .into_iter()
        .flat_map(Language::sources)
    {
        for line in source.lines() {
            // An entry's id starts a line: `link-broken = …`.
            if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let end = line.find(|c: char| !is_name(c)).unwrap_or(line.len());
                names.insert(&line[..end]);
            }
        }
        for (at, _) in source.match_indices('$') {
            let rest = &source[at + 1..];
            let end = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
            names.insert(&rest[..end]);
        }
    }
    names
});

/// `name` as the catalogue's sources write it (a message id or an argument name), if they do.
pub(crate) fn interned(name: &str) -> Option<&'static str> {
    NAMES.get(name).copied()
}

fn bundle_of(language: Language) -> &'static Bundle {
    match language {
        Language::Da => &DANISH,
        Language::En => &ENGLISH,
    }
}

/// Message `id` in `language` with `args`; the id itself when the catalogue lacks it (a test
/// keeps every id in both files).
pub(crate) fn format(language: Language, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle_of(language);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
            Arg::Number(number) => fluent_args.set(*name, FluentValue::from(*number)),
            Arg::Message(clause) => {
                fluent_args.set(*name, FluentValue::from(clause.in_language(language)));
            }
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// The message ids a language's Fluent sources define, in order.
#[cfg(test)]
pub(crate) fn ids(language: Language) -> Vec<String> {
    let mut ids = Vec::new();
    for source in language.sources() {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) | Err((resource, _)) => resource,
        };
        ids.extend(resource.entries().filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        }));
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_parse_and_hold_the_same_ids() {
        for language in Language::ALL {
            for source in language.sources() {
                if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
                    panic!("{language:?}: {errors:?}");
                }
            }
        }
        let danish = ids(Language::Da);
        let english = ids(Language::En);
        let mut sorted_da = danish.clone();
        let mut sorted_en = english.clone();
        sorted_da.sort();
        sorted_en.sort();
        assert_eq!(sorted_da, sorted_en);
        let mut unique = sorted_da.clone();
        unique.dedup();
        assert_eq!(unique, sorted_da, "an id defined twice");
        assert!(danish.len() > 10);
    }

    /// Every code of `check`, `serve` and `import` has its own messages (`citation.undefined`
    /// → `citation-undefined`, or `dates-order-…` for several) in both languages.
    #[test]
    fn every_code_has_a_message_in_both_languages() {
        use crate::diagnostics::codes::Code;
        let mut missing = Vec::new();
        for code in Code::ALL {
            let id = code.as_str().replace('.', "-");
            for language in Language::ALL {
                let ids = ids(language);
                let own = |other: &String| *other == id || other.starts_with(&format!("{id}-"));
                if !ids.iter().any(own) {
                    missing.push(format!("{language:?} {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn values_go_in_without_isolation_marks_and_plurals_follow_the_language() {
        let args = [("errors", Arg::Number(1)), ("warnings", Arg::Number(2))];
        assert_eq!(
            format(Language::En, "summary", &args),
            "1 error, 2 warnings"
        );
        assert_eq!(
            format(Language::Da, "summary", &args),
            "1 fejl, 2 advarsler"
        );
        assert_eq!(format(Language::Da, "no-such-id", &[]), "no-such-id");
        // Numbers are written as they are (no grouping), as the English output always had.
        let many = [("count", Arg::Number(12_345)), ("code", Arg::from("x"))];
        assert_eq!(
            format(Language::En, "more-on-line", &many),
            "and 12345 more `x` on this line"
        );
    }

    #[test]
    fn a_site_language_picks_the_diagnostics_language() {
        assert_eq!(Language::for_site("da"), Language::Da);
        assert_eq!(Language::for_site("en-GB"), Language::En);
        assert_eq!(Language::for_site("de"), Language::Da);
        assert_eq!("en".parse::<Language>(), Ok(Language::En));
        assert!("sv".parse::<Language>().is_err());
    }
}
