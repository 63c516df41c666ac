//! clap's usage errors (an unknown option, a missing or refused value) in the reader's
//! language: clap parses, and its error's kind and context (the argument, the value, the valid
//! values, the suggestion) are worded from the catalogue. `--help` and `--version` stay clap's.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::Path;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::diagnostics::{Language, Message, message};

/// A value an option refuses, worded in the catalogue, so the usage error can say why in
/// the reader's language (clap keeps it as the error's source).
#[derive(Debug)]
pub(crate) struct BadValue(pub(crate) Message);

/// English, for whoever reads the error without a language (clap's own rendering).
impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.in_language(Language::En))
    }
}

impl std::error::Error for BadValue {}

/// Prints a failed parse of the command line and gives its exit code: help and the version
/// as clap prints them (exit 0), a usage error in `language` (exit 2).
pub(super) fn report(err: &clap::Error, language: Language) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
        }
        _ => {
            eprint!("{}", render(err, language));
            ExitCode::from(2)
        }
    }
}

/// The language of a command line clap refused: `--lang` when it names one, else
/// `RETNING_LANG`, else the site's (`--root`, or this folder) — the order the commands follow
/// once parsed.
pub(super) fn language_of(args: &[OsString]) -> Language {
    let chosen = |value: Option<&OsStr>| value?.to_str()?.parse::<Language>().ok();
    chosen(option_value(args, "--lang"))
        .or_else(|| chosen(std::env::var_os("RETNING_LANG").as_deref()))
        .unwrap_or_else(|| {
            let root = option_value(args, "--root").unwrap_or(OsStr::new("."));
            crate::config::diagnostics_language(Path::new(root))
        })
}

/// The value of a long option given as `--name value` or `--name=value`, before any `--`.
fn option_value<'a>(args: &'a [OsString], name: &str) -> Option<&'a OsStr> {
    let mut words = args.iter().skip(1).map(OsString::as_os_str);
    while let Some(word) = words.next() {
        let text = word.to_str().unwrap_or("");
        if text == "--" {
            break;
        }
        if text == name {
            return words.next();
        }
        if let Some(value) = text.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
            return Some(OsStr::new(value));
        }
    }
    None
}

/// The error as clap lays it out (what is wrong, a tip, the usage, where help is), in
/// `language`; clap's own English text for a kind retning's command line cannot raise.
fn render(err: &clap::Error, language: Language) -> String {
    let Some(what) = what_is_wrong(err) else {
        return err.render().to_string();
    };
    let say = |message: Message| message.in_language(language);
    let mut out = say(message!("error-line", error = what));
    out.push_str(&lists(err, language));
    out.push_str(&tips(err, language));
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_owned();
        out.push_str("\n\n");
        out.push_str(&say(message!("usage-usage", usage = usage)));
    }
    out.push_str("\n\n");
    out.push_str(&say(message!("usage-more", help = "--help")));
    out.push('\n');
    out
}

fn string(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(value) => Some(value.clone()),
        _ => None,
    }
}

fn strings(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::String(value)) => vec![value.clone()],
        Some(ContextValue::Strings(values)) => values.clone(),
        _ => Vec::new(),
    }
}

/// The sentence after `fejl:`/`error:`; `None` for a kind (or a context) it does not know.
fn what_is_wrong(err: &clap::Error) -> Option<Message> {
    let arg = || string(err, ContextKind::InvalidArg);
    let value = || string(err, ContextKind::InvalidValue);
    Some(match err.kind() {
        ErrorKind::UnknownArgument => message!("usage-unknown-argument", arg = arg()?),
        ErrorKind::InvalidSubcommand => message!(
            "usage-unknown-command",
            command = string(err, ContextKind::InvalidSubcommand)?
        ),
        ErrorKind::InvalidValue => match value()? {
            empty if empty.is_empty() => message!("usage-missing-value", arg = arg()?),
            value => message!("usage-invalid-value", arg = arg()?, value = value),
        },
        ErrorKind::ValueValidation => {
            let why = match std::error::Error::source(err) {
                Some(source) => match source.downcast_ref::<BadValue>() {
                    Some(BadValue(why)) => why.clone(),
                    None => message!("usage-reason", reason = source.to_string()),
                },
                None => return None,
            };
            message!("usage-bad-value", arg = arg()?, value = value()?, why = why)
        }
        ErrorKind::MissingRequiredArgument => message!("usage-missing-arguments"),
        ErrorKind::MissingSubcommand => message!(
            "usage-missing-command",
            command = string(err, ContextKind::InvalidSubcommand)?
        ),
        ErrorKind::ArgumentConflict => {
            let arg = arg()?;
            match string(err, ContextKind::PriorArg) {
                Some(prior) if prior == arg => message!("usage-repeated", arg = arg),
                Some(prior) => message!("usage-conflict", arg = arg, other = prior),
                None => message!("usage-conflict-other", arg = arg),
            }
        }
        ErrorKind::TooManyValues => {
            message!("usage-unexpected-value", arg = arg()?, value = value()?)
        }
        ErrorKind::NoEquals => message!("usage-needs-equals", arg = arg()?),
        _ => return None,
    })
}

/// What a list-bearing error lists: the missing arguments, or the values and commands there are.
fn lists(err: &clap::Error, language: Language) -> String {
    let mut out = String::new();
    if err.kind() == ErrorKind::MissingRequiredArgument {
        for missing in strings(err, ContextKind::InvalidArg) {
            out.push_str("\n  ");
            out.push_str(&missing);
        }
    }
    for (kind, id) in [
        (ContextKind::ValidValue, "usage-possible-values"),
        (ContextKind::ValidSubcommand, "usage-commands"),
    ] {
        let valid = strings(err, kind);
        if !valid.is_empty() {
            let list = Message::new(id).arg("values", valid.join(", "));
            out.push_str("\n  ");
            out.push_str(&list.in_language(language));
        }
    }
    out
}

/// clap's "did you mean": a similar argument, command or value, and its ready-made hints
/// (`-- --x` to pass a value), which stay in its English.
fn tips(err: &clap::Error, language: Language) -> String {
    let mut tips = Vec::new();
    for (kind, id) in [
        (ContextKind::SuggestedSubcommand, "usage-similar-command"),
        (ContextKind::SuggestedArg, "usage-similar-argument"),
        (ContextKind::SuggestedValue, "usage-similar-value"),
    ] {
        let similar = strings(err, kind);
        if !similar.is_empty() {
            let quoted: Vec<String> = similar.iter().map(|s| format!("'{s}'")).collect();
            let tip = Message::new(id)
                .arg("count", similar.len())
                .arg("similar", quoted.join(", "));
            tips.push(tip.in_language(language));
        }
    }
    if let Some(ContextValue::StyledStrs(hints)) = err.get(ContextKind::Suggested) {
        for hint in hints {
            tips.push(message!("usage-tip", tip = hint.to_string()).in_language(language));
        }
    }
    if tips.is_empty() {
        return String::new();
    }
    format!("\n\n  {}", tips.join("\n  "))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::Cli;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    fn refused(line: &str, language: Language) -> String {
        match Cli::try_parse_from(words(line)) {
            Ok(cli) => panic!("parsed: {cli:?}"),
            Err(err) => render(&err, language),
        }
    }

    #[test]
    fn an_unknown_option_is_named_with_the_similar_one_in_both_languages() {
        assert_eq!(
            refused("retning check --formt json", Language::Da),
            "fejl: ukendt argument '--formt'\n\n  \
             tip: et lignende argument findes: '--format'\n\n\
             Brug: retning check --format <FORMAT> [PATHS]...\n\n\
             Skriv '--help' for at få mere at vide.\n"
        );
        assert_eq!(
            refused("retning check --formt json", Language::En),
            "error: unexpected argument '--formt' found\n\n  \
             tip: a similar argument exists: '--format'\n\n\
             Usage: retning check --format <FORMAT> [PATHS]...\n\n\
             For more information, try '--help'.\n"
        );
    }

    #[test]
    fn a_bad_choice_lists_the_possible_values() {
        let danish = refused("retning check --format xml", Language::Da);
        assert!(
            danish.starts_with(
                "fejl: ugyldig værdi 'xml' for '--format <FORMAT>'\n  \
                 [mulige værdier: human, json, github, gitlab]\n"
            ),
            "{danish}"
        );
        let english = refused("retning check --format xml", Language::En);
        assert!(
            english.starts_with(
                "error: invalid value 'xml' for '--format <FORMAT>'\n  \
                 [possible values: human, json, github, gitlab]\n"
            ),
            "{english}"
        );
    }

    #[test]
    fn a_refused_value_says_why_in_the_readers_language() {
        assert!(
            refused("retning search --limit 0 x", Language::Da).starts_with(
                "fejl: ugyldig værdi '0' for '--limit <LIMIT>': grænsen skal være 1 eller mere\n"
            )
        );
        assert!(
            refused("retning search --limit 0 x", Language::En).starts_with(
                "error: invalid value '0' for '--limit <LIMIT>': the limit must be 1 or more\n"
            )
        );
        let date = refused("retning check --today 2026-13-01", Language::Da);
        assert!(
            date.starts_with(
                "fejl: ugyldig værdi '2026-13-01' for '--today <TODAY>': ikke en dato som 2026-11-24: "
            ),
            "{date}"
        );
    }

    #[test]
    fn a_missing_value_and_an_unknown_command_are_worded_too() {
        assert!(
            refused("retning check --format", Language::Da)
                .starts_with("fejl: '--format <FORMAT>' skal have en værdi\n")
        );
        let command = refused("retning chek", Language::Da);
        assert!(
            command.starts_with(
                "fejl: ukendt kommando 'chek'\n\n  tip: en lignende kommando findes: 'check'\n"
            ),
            "{command}"
        );
        assert!(
            refused("retning chek", Language::En)
                .starts_with("error: unrecognized subcommand 'chek'\n")
        );
    }

    #[test]
    fn the_language_is_lang_else_the_sites() {
        assert_eq!(
            language_of(&words("retning check --lang en --formt")),
            Language::En
        );
        assert_eq!(
            language_of(&words("retning --lang=en check --formt")),
            Language::En
        );
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("retning.toml"), "language = \"en\"\n").unwrap();
        let root = site.path().to_str().unwrap();
        if std::env::var_os("RETNING_LANG").is_none() {
            assert_eq!(
                language_of(&words(&format!("retning check --root {root} --formt"))),
                Language::En
            );
            assert_eq!(
                language_of(&words(&format!("retning check --root={root} --lang xx"))),
                Language::En
            );
        }
        assert_eq!(
            language_of(&words(&format!("retning --root {root} check --lang da"))),
            Language::Da
        );
        assert_eq!(
            option_value(&words("retning check -- --lang en"), "--lang"),
            None
        );
    }
}
