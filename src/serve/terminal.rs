//! The lines `retning serve` prints on the terminal, in the author's language: where it
//! serves, and one line per rebuild with the errors the overlay shows.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Language, Message, message};

/// What started a rebuild, as the start of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// The first build, or a change to the whole site (config, theme).
    Everything,
    /// One guideline file, by its file name.
    File(String),
    /// Several guideline files.
    Files(usize),
    /// The site-wide checks and listing pages done after a save.
    SiteWide,
}

/// What a rebuild did, as counted for its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RebuildCounts {
    /// Whether every page was built (else only the changed files were updated).
    pub full: bool,
    pub rendered: usize,
    pub warnings: usize,
    pub errors: usize,
    pub millis: u128,
}

/// The line printed once the first build is ready: the URL, then whitespace (a test reads it).
pub(crate) fn serving(root: &Path, url: &str, language: Language) -> String {
    message!(
        "serve-serving",
        root = root.display().to_string(),
        url = url
    )
    .in_language(language)
}

/// One line per rebuild: what changed, what was built, how long it took, and the warnings and
/// errors (the errors follow, one line each, from [`problem`]).
pub(crate) fn rebuilt(trigger: &Trigger, counts: RebuildCounts, language: Language) -> String {
    let what = match trigger {
        Trigger::Everything => None,
        Trigger::File(name) => Some(message!("serve-changed-file", file = name.as_str())),
        Trigger::Files(count) => Some(message!("serve-changed-files", count = *count)),
        Trigger::SiteWide => Some(message!("serve-site-wide")),
    };
    let millis = i64::try_from(counts.millis).unwrap_or(i64::MAX);
    let done = if counts.full {
        message!("serve-built", pages = counts.rendered, millis = millis)
    } else {
        message!("serve-updated", files = counts.rendered, millis = millis)
    };
    let mut parts: Vec<Message> = vec![done];
    if counts.warnings > 0 {
        parts.push(message!("serve-warnings", warnings = counts.warnings));
    }
    if counts.errors > 0 {
        parts.push(message!("serve-errors", errors = counts.errors));
    }
    let said: Vec<String> = parts.iter().map(|m| m.in_language(language)).collect();
    let line = said.join("; ");
    match what {
        Some(what) => format!("{}: {line}", what.in_language(language)),
        None => line,
    }
}

/// An error under the rebuild line: its place, message and code.
pub(crate) fn problem(problem: &Diagnostic, language: Language) -> String {
    let place = match (&problem.file, problem.line(), problem.column()) {
        (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}: "),
        (Some(file), _, _) => format!("{file}: "),
        (None, _, _) => String::new(),
    };
    format!(
        "  {place}{} [{}]",
        problem.message_in(language),
        problem.code
    )
}

/// The watcher reported an error of its own (the OS's words follow ours).
pub(crate) fn watch_failed(error: &str, language: Language) -> String {
    message!("serve-watch-failed", error = error).in_language(language)
}

/// A folder could not be watched: its saves go unseen until serve is restarted.
pub(crate) fn cannot_watch(folder: &Path, error: &str, language: Language) -> String {
    let folder = folder.display().to_string();
    message!("serve-cannot-watch", folder = folder, error = error).in_language(language)
}

/// A background thread's job panicked; the thread goes on with the next change.
pub(crate) fn thread_failed(thread: &str, language: Language) -> String {
    message!("serve-thread-failed", thread = thread).in_language(language)
}

/// The preview's search index could not be built; the pages are served without it.
pub(crate) fn search_failed(error: &str, language: Language) -> String {
    message!("serve-search-failed", error = error).in_language(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(full: bool, rendered: usize, warnings: usize, errors: usize) -> RebuildCounts {
        RebuildCounts {
            full,
            rendered,
            warnings,
            errors,
            millis: 42,
        }
    }

    #[test]
    fn serve_lines_in_both_languages() {
        let root = Path::new("/sites/dmcg");
        let url = "http://127.0.0.1:8000/";
        let one = Trigger::File("dlbcl.md".to_owned());
        let mut lines = String::new();
        for language in Language::ALL {
            lines.push_str(&format!("{language:?}\n"));
            for line in [
                serving(root, url, language),
                rebuilt(&Trigger::Everything, counts(true, 120, 0, 0), language),
                rebuilt(&one, counts(false, 1, 1, 0), language),
                rebuilt(&Trigger::Files(3), counts(false, 3, 2, 1), language),
                rebuilt(&Trigger::SiteWide, counts(false, 1, 0, 2), language),
            ] {
                lines.push_str(&line);
                lines.push('\n');
            }
        }
        insta::assert_snapshot!(lines);
    }

    #[test]
    fn background_warnings_in_both_languages() {
        let folder = Path::new("/sites/dmcg/guidelines");
        assert_eq!(
            cannot_watch(folder, "Permission denied", Language::Da),
            "advarsel: /sites/dmcg/guidelines kan ikke overvåges: Permission denied"
        );
        assert_eq!(
            cannot_watch(folder, "Permission denied", Language::En),
            "warning: cannot watch /sites/dmcg/guidelines: Permission denied"
        );
        assert_eq!(
            thread_failed("retning-search", Language::Da),
            "advarsel: retning-search fejlede; næste ændring prøver igen"
        );
        assert_eq!(
            thread_failed("retning-search", Language::En),
            "warning: retning-search failed; the next change tries again"
        );
        assert!(watch_failed("queue overflow", Language::Da).starts_with("advarsel: "));
        assert!(watch_failed("queue overflow", Language::En).ends_with("files: queue overflow"));
        assert!(search_failed("io", Language::Da).contains("søgeindeks fejlede: io"));
        assert!(search_failed("io", Language::En).contains("search index failed: io"));
    }

    /// The test harness finds the port in the startup line: the URL stands on its own.
    #[test]
    fn the_url_is_followed_by_white_space() {
        for language in Language::ALL {
            let line = serving(Path::new("/s"), "http://127.0.0.1:1/", language);
            assert!(line.contains("http://127.0.0.1:1/ "), "{line}");
        }
    }
}
