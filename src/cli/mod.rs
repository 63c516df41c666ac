//! The command line: one `Args` per command; each command only orchestrates library stages.
//! Exit codes: 0 clean, 1 findings (errors, or warnings with --deny-warnings), 2 tool failure.

mod build;
mod check;
mod history;
mod import;
mod new;
mod report;
mod search;
mod serve;
mod usage_error;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jiff::civil::Date;

use crate::diagnostics::{Language, message};

pub(crate) use usage_error::BadValue;

#[derive(Debug, Parser)]
#[command(
    name = "retning",
    version,
    about = "Publish Danish national clinical cancer guidelines (DMCG template) as a static website",
    long_about = None
)]
/// The command line: the site's folder, the language of findings, and the command.
pub struct Cli {
    /// The site's folder (holding retning.toml and guidelines/).
    #[arg(long, global = true, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The language of findings and summaries: da or en (default: `language` in
    /// retning.toml, else da).
    #[arg(long, global = true, env = "RETNING_LANG", value_parser = parse_language)]
    pub(crate) lang: Option<Language>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Parse and validate every guideline; print every finding.
    Check(check::CheckArgs),
    /// Check, then render the site and its search index; refuses to publish on errors.
    Build(build::BuildArgs),
    /// Revision status, publication lag and decision-aid coverage for the guideline office.
    Report(report::ReportArgs),
    /// Search the index `retning build` wrote (recommendations and sections).
    Search(search::SearchArgs),
    /// A guideline's approved versions from the site's git history, or what changed
    /// between two of them (`--diff 1.0..2.0`).
    History(history::HistoryArgs),
    /// Write a new guideline with every template section in place.
    New(new::NewArgs),
    /// Import Word guidelines in the DMCG template as drafts (needs pandoc), with a report of
    /// what must still be fixed.
    Import(import::ImportArgs),
    /// Preview the site with drafts: rebuilt on every save, reloaded in the browser, errors
    /// shown on every page.
    Serve(serve::ServeArgs),
}

/// What a command reports back to `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Clean,
    Findings,
}

/// Runs the command the arguments name; the exit code is 0 when clean, 1 on findings, 2 when
/// the command could not run (the error is printed).
pub fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) => return usage_error::report(&err, usage_error::language_of(&args)),
    };
    let language = cli
        .lang
        .unwrap_or_else(|| crate::config::diagnostics_language(&cli.root));
    let result = match cli.command {
        Command::Check(args) => check::run(&cli.root, args, language),
        Command::Build(args) => build::run(&cli.root, args, language),
        Command::History(args) => history::run(&cli.root, args, language),
        Command::New(args) => new::run(&cli.root, args, language),
        Command::Import(args) => import::run(&cli.root, args, language),
        Command::Report(args) => report::run(&cli.root, args, language),
        Command::Search(args) => search::run(&cli.root, args, language),
        Command::Serve(args) => serve::run(&cli.root, args, language),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", error_line(&err, language));
            ExitCode::from(2)
        }
    }
}

/// The line a failed command ends with: our sentence, then the OS's or a crate's cause in its
/// own words (anyhow's chain, outermost first).
pub(crate) fn error_line(err: &anyhow::Error, language: Language) -> String {
    let error = crate::diagnostics::chain_in_language(err, language);
    message!("error-line", error = error).in_language(language)
}

/// `retning check | head` is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `--lang`: `da` or `en`.
fn parse_language(value: &str) -> Result<Language, BadValue> {
    value
        .parse()
        .map_err(|_| BadValue(message!("usage-not-a-language")))
}

/// `--today`: an ISO date, defaulting to the local date.
pub(crate) fn parse_today(value: &str) -> Result<Date, BadValue> {
    value
        .parse::<Date>()
        .map_err(|err| BadValue(message!("usage-not-a-date", error = err.to_string())))
}

pub(crate) fn today_or_local(today: Option<Date>) -> Date {
    today.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

/// Prints a rendered text to stdout, so a closed pipe surfaces as an error we can recognise.
pub(crate) fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_line_is_in_the_readers_language_and_keeps_the_cause() {
        let cause = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let err = anyhow::Error::new(cause).context("titlen er tom");
        assert_eq!(
            error_line(&err, Language::Da),
            "fejl: titlen er tom: No such file"
        );
        assert_eq!(
            error_line(&err, Language::En),
            "error: titlen er tom: No such file"
        );
    }
}
