//! What the preview adds to every HTML page it serves (never to `retning build` output): the
//! live-reload script, and while the last check has errors, an overlay listing them. Every
//! author-written text in the overlay is HTML-escaped.

use crate::diagnostics::snippet::snippet;
use crate::diagnostics::{Diagnostic, Severity};
use crate::render::markdown::escape;

/// The server-sent events stream the script listens to.
pub const EVENTS_PATH: &str = "/__retning/events";

/// One problem the overlay shows: a finding, or a failure that is not about one guideline
/// (a theme that does not load, a page that does not render).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
    /// The line the finding points at: a window of it around the column, control
    /// characters escaped (`diagnostics::snippet`), so a long line stays small.
    pub source_line: Option<String>,
    /// The 1-based column in `source_line` that the caret goes under.
    pub caret: Option<usize>,
}

impl Problem {
    pub fn from_diagnostic(diagnostic: &Diagnostic) -> Self {
        let shown = diagnostic
            .position
            .as_ref()
            .map(|position| snippet(&position.source, &position.span, 0));
        let caret = shown
            .as_ref()
            .map(|shown| shown.text[..shown.span.start].chars().count() + 1);
        let source_line = shown.map(|shown| shown.text.trim_end_matches('\n').to_owned());
        Self {
            code: diagnostic.code.to_owned(),
            file: diagnostic.file.clone(),
            line: diagnostic.line(),
            column: diagnostic.column(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            source_line,
            caret,
        }
    }

    /// A failure with no place in a guideline.
    pub fn failure(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            file: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
            source_line: None,
            caret: None,
        }
    }
}

/// Problems the overlay lists at most: it goes on every page, and 2,000 findings on a long
/// line made each page 31 MB.
const LISTED: usize = 50;

/// The errors among `findings`, as overlay problems, and the number of warnings.
pub fn problems_of(findings: &[Diagnostic]) -> (Vec<Problem>, usize) {
    let problems = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(Problem::from_diagnostic)
        .collect::<Vec<_>>();
    let warnings = findings.len() - problems.len();
    (problems, warnings)
}

/// The overlay for `problems`; `None` when there is none (the page is shown as it is).
pub fn render_overlay(problems: &[Problem], warnings: usize) -> Option<String> {
    if problems.is_empty() {
        return None;
    }
    let count = match problems.len() {
        1 => "1 error".to_owned(),
        n => format!("{n} errors"),
    };
    let warnings = match warnings {
        0 => String::new(),
        1 => " (and 1 warning: see <code>retning check</code>)".to_owned(),
        n => format!(" (and {n} warnings: see <code>retning check</code>)"),
    };
    let mut html = String::with_capacity(1024 + problems.len() * 512);
    html.push_str(concat!(
        "<div id=\"retning-overlay\" lang=\"en\" role=\"alert\" style=\"position:fixed;left:0;",
        "right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;",
        "padding:12px 16px;background:#fff4f4;color:#1b1b1b;border-top:4px solid #b3261e;",
        "box-shadow:0 -4px 16px rgba(0,0,0,.25);font:15px/1.45 system-ui,sans-serif;",
        "text-align:left\">"
    ));
    html.push_str(&format!(
        concat!(
            "<div style=\"display:flex;gap:12px;align-items:center;justify-content:space-between\">",
            "<p style=\"margin:0\"><strong style=\"color:#b3261e\">retning serve: {count}</strong>{warnings}. ",
            "Fix and save; until then the last good version of each page is shown.</p>",
            "<button type=\"button\" style=\"flex:none;min-height:44px;min-width:44px;padding:0 12px;",
            "white-space:nowrap;font:inherit\" ",
            "onclick=\"this.closest('#retning-overlay').remove()\">Hide</button></div>",
            "<ol style=\"margin:8px 0 0;padding-left:1.5em\">"
        ),
        count = count,
        warnings = warnings,
    ));
    for problem in problems.iter().take(LISTED) {
        html.push_str("<li style=\"margin:10px 0\">");
        let place = match (&problem.file, problem.line, problem.column) {
            (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            (Some(file), _, _) => file.clone(),
            (None, _, _) => String::new(),
        };
        if !place.is_empty() {
            html.push_str(&format!(
                "<code style=\"font-weight:bold\">{}</code> ",
                escape(&place)
            ));
        }
        html.push_str(&format!(
            "<code style=\"color:#555\">[{}]</code><div>{}</div>",
            escape(&problem.code),
            escape(&problem.message)
        ));
        if let (Some(source), Some(line)) = (&problem.source_line, problem.line) {
            let gutter = line.to_string();
            let mut snippet = format!("{gutter} | {source}");
            if let Some(column) = problem.caret {
                let pad = " ".repeat(gutter.len());
                let indent: String = source
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                snippet.push_str(&format!("\n{pad} | {indent}^"));
            }
            html.push_str(&format!(
                concat!(
                    "<pre style=\"margin:4px 0;padding:6px 8px;background:#fff;border:1px solid #e0c0c0;",
                    "overflow-x:auto;font:13px/1.4 ui-monospace,monospace;white-space:pre\">{}</pre>"
                ),
                escape(&snippet)
            ));
        }
        if let Some(help) = &problem.help {
            html.push_str(&format!(
                "<div style=\"color:#333\">help: {}</div>",
                escape(help)
            ));
        }
        html.push_str("</li>");
    }
    if problems.len() > LISTED {
        html.push_str(&format!(
            "<li style=\"margin:10px 0\">and {} more: see <code>retning check</code></li>",
            problems.len() - LISTED
        ));
    }
    html.push_str("</ol></div>");
    Some(html)
}

/// The live-reload script: listens to [`EVENTS_PATH`] and reloads when the site's
/// generation differs from the one the page was served from, keeping the scroll position.
pub fn reload_script(generation: &str) -> String {
    format!(
        "<script id=\"retning-live\" data-generation=\"{}\">{}</script>",
        escape(generation),
        RELOAD_JS.replace("__EVENTS__", EVENTS_PATH)
    )
}

const RELOAD_JS: &str = r#"(function () {
  var generation = document.currentScript && document.currentScript.getAttribute('data-generation');
  var key = 'retning-serve-scroll:' + location.pathname;
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved !== null) {
    var y = parseInt(saved, 10) || 0;
    var restore = function () { window.scrollTo(0, y); };
    restore();
    window.addEventListener('load', restore);
  }
  if (!window.EventSource) return;
  var source = new EventSource('__EVENTS__');
  var reload = function (event) {
    if (event.data === generation) return;
    try { sessionStorage.setItem(key, String(Math.round(window.scrollY))); } catch (e) {}
    source.close();
    location.reload();
  };
  source.addEventListener('hello', reload);
  source.addEventListener('reload', reload);
})();"#;

/// `html` with `extra` inserted before its last `</body>` (or appended when it has none).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> Problem {
        Problem {
            code: "recommendation.bad-strength".to_owned(),
            file: Some("guidelines/dlg/<b>.md".to_owned()),
            line: Some(50),
            column: Some(19),
            message: "`(E)` is not a strength: <script>alert(1)</script>".to_owned(),
            help: Some("use A & B".to_owned()),
            source_line: Some("::: anbefaling 1 (E) <i>".to_owned()),
            caret: Some(19),
        }
    }

    #[test]
    fn no_problems_no_overlay() {
        assert_eq!(render_overlay(&[], 3), None);
    }

    #[test]
    fn the_overlay_lists_place_message_and_source_line_escaped() {
        let html = render_overlay(&[problem()], 1).unwrap();
        assert!(html.contains("guidelines/dlg/&lt;b&gt;.md:50:19"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<i>") && !html.contains("<b>"), "{html}");
        assert!(
            html.contains("50 | ::: anbefaling 1 (E) &lt;i&gt;"),
            "{html}"
        );
        // The caret sits under column 19.
        assert!(
            html.contains(&format!("\n   | {}^", " ".repeat(18))),
            "{html}"
        );
        assert!(html.contains("use A &amp; B"), "{html}");
        assert!(
            html.contains("1 error") && html.contains("1 warning"),
            "{html}"
        );
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_with_the_caret_under_the_finding() {
        let text = format!("{}[^x]{}", "a".repeat(10_000), "b".repeat(10_000));
        let source = std::sync::Arc::new(crate::source::SourceFile::new(
            "x.md".into(),
            "x.md".into(),
            text,
        ));
        let finding =
            Diagnostic::error("citation.undefined", "no [^x]").at(&source, 10_000..10_004);
        let problem = Problem::from_diagnostic(&finding);
        let line = problem.source_line.unwrap();
        assert!(line.chars().count() < 130, "{line}");
        let caret = problem.caret.unwrap();
        let at: String = line.chars().skip(caret - 1).take(4).collect();
        assert_eq!(at, "[^x]");
        assert_eq!(problem.column, Some(10_001));
    }

    #[test]
    fn a_long_list_is_cut_with_a_count_of_the_rest() {
        let problems = vec![problem(); LISTED + 1_950];
        let html = render_overlay(&problems, 0).unwrap();
        assert_eq!(html.matches("<pre").count(), LISTED);
        assert!(html.contains("and 1950 more"), "{html}");
        assert!(html.contains("2000 errors"));
        assert!(html.len() < 100_000, "{} bytes", html.len());
    }

    #[test]
    fn a_failure_without_a_place_is_listed_too() {
        let html = render_overlay(
            &[Problem::failure("render", "cannot render guideline.html")],
            0,
        )
        .unwrap();
        assert!(html.contains("cannot render guideline.html"));
        assert!(!html.contains("<pre"));
    }

    #[test]
    fn injects_before_the_last_closing_body() {
        assert_eq!(
            inject(b"<body>a</body></html>", "X"),
            b"<body>aX</body></html>".to_vec()
        );
        assert_eq!(
            inject(b"<p>`</body>`</p></BODY>", "X"),
            b"<p>`</body>`</p>X</BODY>".to_vec()
        );
        assert_eq!(inject(b"no body", "X"), b"no bodyX".to_vec());
    }

    #[test]
    fn the_script_carries_the_generation() {
        let script = reload_script("7-\"3");
        assert!(script.contains("data-generation=\"7-&quot;3\""));
        assert!(script.contains("new EventSource('/__retning/events')"));
        assert!(script.contains("sessionStorage"));
    }
}
