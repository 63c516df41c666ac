//! SVG is active content: opened from the site on its own (a tap on a figure does that) it
//! runs its scripts in the site's origin. An SVG is published only when it holds none of
//! what can run or fetch something: scripts, event handlers, `javascript:` URLs,
//! `<foreignObject>` (HTML inside) and references to other files.

use std::ops::Range;

use crate::diagnostics::{Message, message};

/// Why an SVG cannot be published, and where in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) message: Message,
    pub(crate) span: Range<usize>,
}

/// What the page needs of a safe SVG: its size, when the file says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SvgInfo {
    pub(crate) size: Option<(u32, u32)>,
}

/// Checks an SVG's text; the first problem stops it (the author fixes and runs again).
pub(crate) fn check(text: &str) -> Result<SvgInfo, Problem> {
    // roxmltree refuses a DTD by default: entity definitions are a way to hide content.
    let document = roxmltree::Document::parse(text).map_err(|err| Problem {
        message: message!("asset-unsafe-svg-not-xml", error = err.to_string()),
        span: 0..0,
    })?;
    for node in document.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let at = node.range();
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("foreignObject") {
            return Err(Problem {
                message: message!("asset-unsafe-svg-element", element = name),
                span: at,
            });
        }
        if name.eq_ignore_ascii_case("style")
            && let Some(reference) = node.text().and_then(css_reference)
        {
            let message = match reference {
                CssReference::Import => message!("asset-unsafe-svg-style-import"),
                CssReference::Url => message!("asset-unsafe-svg-style-url"),
            };
            return Err(Problem { message, span: at });
        }
        for attribute in node.attributes() {
            let attr = attribute.name();
            let value = attribute.value();
            let message = if attr.len() > 2 && attr[..2].eq_ignore_ascii_case("on") {
                Some(message!(
                    "asset-unsafe-svg-event-handler",
                    element = name,
                    attribute = attr
                ))
            } else if compact(value).contains("javascript:") {
                Some(message!(
                    "asset-unsafe-svg-javascript",
                    element = name,
                    attribute = attr
                ))
            } else if attr == "href" && !is_local(value) {
                Some(message!(
                    "asset-unsafe-svg-href",
                    element = name,
                    target = value
                ))
            } else if attr == "style" {
                css_reference(value).map(|reference| match reference {
                    CssReference::Import => {
                        message!("asset-unsafe-svg-style-attribute-import", element = name)
                    }
                    CssReference::Url => {
                        message!("asset-unsafe-svg-style-attribute-url", element = name)
                    }
                })
            } else {
                None
            };
            if let Some(message) = message {
                return Err(Problem {
                    message,
                    span: attribute.range(),
                });
            }
        }
    }
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return Err(Problem {
            message: message!("asset-unsafe-svg-root"),
            span: root.range(),
        });
    }
    Ok(SvgInfo { size: size(&root) })
}

/// The value in lower case without white space or control characters, which browsers skip
/// inside a URL's scheme (`java\tscript:`).
fn compact(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A reference inside the SVG (`#id`) or an embedded raster image; anything else fetches.
fn is_local(value: &str) -> bool {
    let value = compact(value);
    value.starts_with('#')
        || ["png", "jpeg", "gif", "webp"]
            .iter()
            .any(|kind| value.starts_with(&format!("data:image/{kind}")))
}

/// How CSS inside an SVG would fetch another file.
enum CssReference {
    Import,
    Url,
}

/// CSS that fetches another file: `@import`, or `url(…)` to anything but `#id`.
fn css_reference(css: &str) -> Option<CssReference> {
    let css = compact(css);
    if css.contains("@import") {
        return Some(CssReference::Import);
    }
    css.match_indices("url(").find_map(|(i, _)| {
        let target = css[i + 4..].trim_start_matches(['"', '\'']);
        (!target.starts_with('#')).then_some(CssReference::Url)
    })
}

/// `width`/`height` in pixels (unitless or `px`), or else the `viewBox`'s.
fn size(root: &roxmltree::Node<'_, '_>) -> Option<(u32, u32)> {
    let pixels = |name: &str| -> Option<u32> {
        let value = root.attribute(name)?.trim();
        let number = value.strip_suffix("px").unwrap_or(value);
        number
            .parse::<f64>()
            .ok()
            .filter(|n| *n >= 1.0)
            .map(|n| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (pixels("width"), pixels("height")) {
        return Some((w, h));
    }
    let view_box: Vec<f64> = root
        .attribute("viewBox")?
        .split([' ', ',', '\t', '\n'])
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect();
    match view_box[..] {
        [_, _, w, h] if w >= 1.0 && h >= 1.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 300 120"><defs><marker id="m"/></defs><style>.a{fill:url(#g)}</style><rect class="a" width="10" height="10"/><use xlink:href="#m"/></svg>"##;

    #[test]
    fn a_drawing_without_active_content_passes_with_its_size() {
        assert_eq!(
            check(SAFE),
            Ok(SvgInfo {
                size: Some((300, 120))
            })
        );
        let sized = r#"<svg xmlns="http://www.w3.org/2000/svg" width="640px" height="480" viewBox="0 0 1 1"/>"#;
        assert_eq!(check(sized).map(|i| i.size), Ok(Some((640, 480))));
    }

    #[test]
    fn active_content_is_refused_where_it_stands() {
        let cases = [
            (
                r#"<svg><script>alert(1)</script></svg>"#,
                "<script>",
                "<script>alert(1)</script>",
            ),
            (
                r#"<svg><rect onclick="x()"/></svg>"#,
                "event handler",
                r#"onclick="x()""#,
            ),
            (
                r#"<svg><a href=" JaVa&#9;script:x()"><text>t</text></a></svg>"#,
                "javascript:",
                r#"href=" JaVa&#9;script:x()""#,
            ),
            (
                r#"<svg><foreignObject><div/></foreignObject></svg>"#,
                "foreignObject",
                "<foreignObject><div/></foreignObject>",
            ),
            (
                r#"<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://x.dk/a.png"/></svg>"#,
                "another file",
                r#"xlink:href="https://x.dk/a.png""#,
            ),
            (
                r#"<svg><style>@import url(x.css);</style></svg>"#,
                "imports",
                "<style>@import url(x.css);</style>",
            ),
            (
                r#"<svg><rect style="fill:url('https://x.dk/#a')"/></svg>"#,
                "url(",
                r#"style="fill:url('https://x.dk/#a')""#,
            ),
            (
                r#"<svg><set attributeName="href" to="javascript:alert(1)"/></svg>"#,
                "javascript:",
                r#"to="javascript:alert(1)""#,
            ),
        ];
        for (svg, says, at) in cases {
            let problem = check(svg).expect_err(svg);
            let english = problem
                .message
                .in_language(crate::diagnostics::Language::En);
            assert!(english.contains(says), "{svg}: {english}");
            assert_eq!(&svg[problem.span.clone()], at, "{svg}");
        }
        let dtd = r#"<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>"#;
        assert!(check(dtd).is_err());
    }
}
