//! The pages and files about the whole site: home, groups, news, revision overview, strength
//! scales, authors' guide, 404, search, pathways, aliases' redirects, feeds and the API.

use std::fmt::Write as _;

use crate::model::Guideline;
use crate::site::Site;

use super::context::{render, render_error};
use super::summaries::{Summary, group_views, search_entries, summary};
use super::{Archive, OutputTree, RenderError, RenderOptions, Theme, feeds, news, pathway_view};

/// The pages and files about the whole site: home, groups, news, revision overview,
/// strength scales, 404, search, aliases' redirects, sitemap, feeds and API.
pub(super) fn site_wide_pages(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    guidelines: &[&Guideline],
    base: &tera::Context,
    archive: &Archive,
) -> Result<OutputTree, RenderError> {
    let root = &site.config.root_path();
    let mut out = OutputTree::default();
    let summaries: Vec<Summary> = guidelines
        .iter()
        .map(|g| summary(site, theme, g, options.today))
        .collect();
    let groups = group_views(site, &summaries, root);

    let mut context = base.clone();
    context.insert("groups", &groups);
    out.insert("index.html", render(theme, "home.html", &context)?);
    for group in &groups {
        let mut context = base.clone();
        context.insert("group", group);
        out.insert(
            format!("{}/index.html", group.code),
            render(theme, "group.html", &context)?,
        );
    }

    out.insert(
        "nyt/index.html",
        news_page(site, theme, guidelines, base, archive)?,
    );
    for code in site.config.groups.keys() {
        let (path, feed) = news::group_feed(site, theme, code, guidelines, archive);
        out.insert(path, feed);
    }
    for guideline in guidelines {
        let (path, feed) = news::guideline_feed(site, theme, guideline, archive);
        out.insert(path, feed);
    }

    let mut by_date: Vec<&Summary> = summaries.iter().collect();
    by_date.sort_by(|a, b| a.revision.planned_iso.cmp(&b.revision.planned_iso));
    let mut context = base.clone();
    context.insert("guidelines", &by_date);
    out.insert(
        "revision/index.html",
        render(theme, "revision.html", &context)?,
    );

    out.insert("styrke/index.html", render(theme, "strength.html", base)?);
    let mut context = base.clone();
    context.insert("format_html", &format_guide_html());
    out.insert(
        "forfattere/index.html",
        render(theme, "authors.html", &context)?,
    );
    out.insert("404.html", render(theme, "404.html", base)?);

    out.insert("soeg/index.html", render(theme, "search.html", base)?);
    let mut context = base.clone();
    let entries = search_entries(site, guidelines, root, theme.text("recommendation"));
    context.insert("entries", &entries);
    out.insert(
        "soeg/alle/index.html",
        render(theme, "search-all.html", &context)?,
    );

    for (path, html) in pathway_view::pages(site, theme, base, guidelines, root)? {
        out.insert(path, html);
    }

    for guideline in guidelines {
        // `check` refuses an alias that is not a safe folder; the preview renders despite
        // errors, so an unsafe one is skipped here rather than written.
        for alias in &guideline.meta.aliases {
            let Ok(path) = crate::site_path::alias_folder(alias.get_ref()) else {
                continue;
            };
            let mut context = base.clone();
            context.insert("target", &format!("{root}{}", guideline.path()));
            context.insert(
                "canonical",
                &format!("{}/{}", site.config.base_url_trimmed(), guideline.path()),
            );
            context.insert("title", guideline.title());
            out.insert(
                format!("{path}/index.html"),
                render(theme, "redirect.html", &context)?,
            );
        }
    }

    for guideline in guidelines {
        for (path, asset) in crate::assets::published(&site.assets, guideline) {
            out.insert(path, asset.bytes.to_vec());
        }
    }

    feeds::write(site, guidelines, options.today, &mut out)
        .map_err(|err| render_error("api/guidelines.json", &err))?;
    Ok(out)
}

/// The "Nyt" page: new and revised guidelines by month.
pub(super) fn news_page(
    site: &Site,
    theme: &Theme,
    guidelines: &[&Guideline],
    base: &tera::Context,
    archive: &Archive,
) -> Result<Vec<u8>, RenderError> {
    let mut context = base.clone();
    context.insert("months", &news::months(site, theme, guidelines, archive));
    render(theme, "news.html", &context)
}

/// The format guide for authors (`docs/format.md`, built into the binary) as HTML for the
/// authors' page. Its links to other files of the repository are not pages of the site, so
/// they become their text.
fn format_guide_html() -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let guide = include_str!("../../docs/format.md");
    let mut in_file_link = false;
    let events = pulldown_cmark::Parser::new_ext(guide, crate::parse::markdown_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { ref dest_url, .. }) if dest_url.ends_with(".md") => {
                in_file_link = true;
                None
            }
            Event::End(TagEnd::Link) if in_file_link => {
                in_file_link = false;
                None
            }
            // The guide's own headings sit below the page's title.
            Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
                level: lower(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
            event => Some(event),
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    // Wide tables scroll in their own box, as in a guideline, each with a name of its own.
    let mut out = String::with_capacity(html.len() + 512);
    for (i, part) in html.split("<table>").enumerate() {
        if i > 0 {
            let _ = write!(
                out,
                "<section class=\"table-wrap\" tabindex=\"0\" aria-label=\"Table {i}\"><table>"
            );
        }
        out.push_str(part);
    }
    out.replace("</table>", "</table></section>")
}

fn lower(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        _ => H5,
    }
}
