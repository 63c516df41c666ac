//! What the preview adds to every HTML page it serves (never to `retning build` output): the
//! live-reload script, and while the last check has errors, an overlay listing them. Every
//! author-written text in the overlay is HTML-escaped.

use crate::diagnostics::catalogue::{Language, format};
use crate::diagnostics::html::render_diagnostic;
use crate::diagnostics::{Arg, Diagnostic, Severity};
use crate::render::markdown::escape;

/// The server-sent events stream the script listens to.
pub(crate) const EVENTS_PATH: &str = "/__retning/events";

/// Problems the overlay lists at most: it goes on every page, and 2,000 findings on a long
/// line made each page 31 MB.
const LISTED: usize = 50;

/// The errors among `findings` (what the overlay shows), and the number of warnings.
pub(crate) fn problems_of(findings: &[Diagnostic]) -> (Vec<Diagnostic>, usize) {
    let problems = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect::<Vec<_>>();
    let warnings = findings.len() - problems.len();
    (problems, warnings)
}

/// The overlay for `problems` in `language`; `None` when there is none (the page is shown as
/// it is).
pub(crate) fn render_overlay(
    problems: &[Diagnostic],
    warnings: usize,
    language: Language,
) -> Option<String> {
    if problems.is_empty() {
        return None;
    }
    let text = |id: &str, args: &[(&str, Arg)]| escape(&format(language, id, args));
    let count = text("overlay-errors", &[("errors", Arg::from(problems.len()))]);
    let warnings = match warnings {
        0 => String::new(),
        n => format!(
            " ({})",
            text("overlay-warnings", &[("warnings", Arg::from(n))])
                .replace("retning check", "<code>retning check</code>")
        ),
    };
    let mut html = String::with_capacity(1024 + problems.len().min(LISTED) * 512);
    html.push_str(&format!(
        concat!(
            "<div id=\"retning-overlay\" lang=\"{lang}\" role=\"alert\" style=\"position:fixed;left:0;",
            "right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;",
            "padding:12px 16px;background:#fff4f4;color:#1b1b1b;border-top:4px solid #b3261e;",
            "box-shadow:0 -4px 16px rgba(0,0,0,.25);font:15px/1.45 system-ui,sans-serif;",
            "text-align:left\">"
        ),
        lang = language.tag()
    ));
    html.push_str(&format!(
        concat!(
            "<div style=\"display:flex;gap:12px;align-items:center;justify-content:space-between\">",
            "<p style=\"margin:0\"><strong style=\"color:#b3261e\">retning serve: {count}</strong>{warnings}. ",
            "{advice}</p>",
            "<button type=\"button\" style=\"flex:none;min-height:44px;min-width:44px;padding:0 12px;",
            "white-space:nowrap;font:inherit\" ",
            "onclick=\"this.closest('#retning-overlay').remove()\">{hide}</button></div>",
            "<ol style=\"margin:8px 0 0;padding-left:1.5em\">"
        ),
        count = count,
        warnings = warnings,
        advice = text("overlay-advice", &[]),
        hide = text("overlay-hide", &[]),
    ));
    for problem in problems.iter().take(LISTED) {
        html.push_str("<li style=\"margin:10px 0\">");
        html.push_str(&render_diagnostic(problem, language));
        html.push_str("</li>");
    }
    if problems.len() > LISTED {
        html.push_str(&format!(
            "<li style=\"margin:10px 0\">{}</li>",
            text(
                "overlay-more",
                &[("count", Arg::from(problems.len() - LISTED))]
            )
            .replace("retning check", "<code>retning check</code>")
        ));
    }
    html.push_str("</ol></div>");
    Some(html)
}

/// The live-reload script: listens to [`EVENTS_PATH`] and reloads when the site's
/// generation differs from the one the page was served from, keeping the scroll position.
pub(crate) fn reload_script(generation: &str) -> String {
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
pub(crate) fn inject(html: &[u8], extra: &str) -> Vec<u8> {
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
    use std::sync::Arc;

    use super::*;
    use crate::diagnostics::{Message, codes};
    use crate::source::SourceFile;

    fn problem() -> Diagnostic {
        let text = "::: anbefaling 1 (E) <i>\n";
        let source = Arc::new(SourceFile::new(
            "guidelines/dlg/<b>.md".into(),
            "guidelines/dlg/<b>.md".into(),
            text.to_owned(),
        ));
        Diagnostic::error(
            codes::RECOMMENDATION_BAD_STRENGTH,
            "`(E)` is not a strength: <script>alert(1)</script>",
        )
        .with_help("use A & B")
        .at(&source, 18..19)
    }

    #[test]
    fn no_problems_no_overlay() {
        assert_eq!(render_overlay(&[], 3, Language::En), None);
    }

    #[test]
    fn the_overlay_lists_each_finding_escaped_with_its_source_lines() {
        let html = render_overlay(&[problem()], 1, Language::En).unwrap();
        assert!(html.contains("guidelines/dlg/&lt;b&gt;.md:1:19"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>") && !html.contains("<i>") && !html.contains("<b>"));
        assert!(
            html.contains("1 │ ::: anbefaling 1 (E) &lt;i&gt;"),
            "{html}"
        );
        assert!(
            html.contains(&format!("\n  · {}┬", " ".repeat(18))),
            "{html}"
        );
        assert!(html.contains("help: use A &amp; B"), "{html}");
        assert!(html.contains("lang=\"en\""));
        assert!(
            html.contains("1 error</strong> (and 1 warning: see <code>retning check</code>)"),
            "{html}"
        );
    }

    /// The overlay of a catalogued finding in both languages (line breaks after each tag, so
    /// the snapshot reads).
    #[test]
    fn the_overlay_in_both_languages() {
        let text = "+++\n\nSe [^smith] her.\n";
        let source = Arc::new(SourceFile::new(
            "guidelines/dlg/a.md".into(),
            "guidelines/dlg/a.md".into(),
            text.to_owned(),
        ));
        let finding = Diagnostic::error(
            codes::CITATION_UNDEFINED,
            Message::new("citation-undefined").arg("key", "smith"),
        )
        .with_help(Message::new("citation-undefined-help").arg("key", "smith"))
        .at(&source, 8..16);
        for language in Language::ALL {
            let html = render_overlay(std::slice::from_ref(&finding), 2, language).unwrap();
            insta::assert_snapshot!(
                format!("overlay_{}", language.tag()),
                html.replace('>', ">\n")
            );
        }
    }

    #[test]
    fn a_long_list_is_cut_with_a_count_of_the_rest() {
        let problems = vec![problem(); LISTED + 1_950];
        let html = render_overlay(&problems, 0, Language::En).unwrap();
        assert_eq!(html.matches("<pre").count(), LISTED);
        assert!(html.contains("and 1950 more"), "{html}");
        assert!(html.contains("2000 errors"));
        assert!(html.len() < 100_000, "{} bytes", html.len());
    }

    #[test]
    fn a_failure_without_a_place_is_listed_too() {
        let failure = Diagnostic::error(
            codes::RENDER,
            Message::new("render").arg("error", "no guideline.html"),
        );
        let html = render_overlay(&[failure], 0, Language::En).unwrap();
        assert!(html.contains("[render]"), "{html}");
        assert!(html.contains("no guideline.html"), "{html}");
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
