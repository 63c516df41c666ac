//! What a link or image destination written in a guideline points at, read the way the
//! validator and the renderer both need: a file beside the guideline, or something else.

/// A destination, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reference<'a> {
    /// Not a file of the guideline's folder: `https://…`, `mailto:`, `@/…`, `#…`.
    Elsewhere,
    /// `slug/name` (`./slug/name`), with what follows `#` or `?` cut off.
    Asset(&'a str),
    /// A relative path that leaves the guideline's folder (`../`, another folder, a
    /// sub-folder), or an absolute path (`/…`).
    Outside,
}

/// Classifies `destination`, written in the guideline whose file is `<slug>.md`.
pub(crate) fn classify<'a>(destination: &'a str, slug: &str) -> Reference<'a> {
    let has_scheme = destination
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']));
    if has_scheme
        || destination.is_empty()
        || destination.starts_with("@/")
        || destination.starts_with('#')
        || destination.starts_with("//")
    {
        return Reference::Elsewhere;
    }
    let path = destination.split(['#', '?']).next().unwrap_or(destination);
    let path = path.strip_prefix("./").unwrap_or(path);
    match path
        .strip_prefix(slug)
        .and_then(|rest| rest.strip_prefix('/'))
    {
        Some(name) if !name.is_empty() && !name.contains('/') && name != ".." && name != "." => {
            Reference::Asset(name)
        }
        _ => Reference::Outside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_files_beside_the_guideline_or_elsewhere() {
        let slug = "dlbcl";
        assert_eq!(
            classify("dlbcl/flow.svg", slug),
            Reference::Asset("flow.svg")
        );
        assert_eq!(
            classify("./dlbcl/a.pdf#page=2", slug),
            Reference::Asset("a.pdf")
        );
        for elsewhere in [
            "https://x.dk/a.png",
            "mailto:a@b.dk",
            "@/dlg/x.md",
            "#bilag",
            "//cdn/x",
        ] {
            assert_eq!(
                classify(elsewhere, slug),
                Reference::Elsewhere,
                "{elsewhere}"
            );
        }
        for outside in [
            "../x.png",
            "dlbcl/../x.png",
            "/x.png",
            "x.png",
            "dlbcl/sub/x.png",
            "andet/x.png",
            "dlbcl/",
        ] {
            assert_eq!(classify(outside, slug), Reference::Outside, "{outside}");
        }
    }
}
