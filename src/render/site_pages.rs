//! The pages and files about the whole site, rendered from the [`PagePlan`], and the pieces of
//! the pages that need more than a template: the news page and the authors' format guide.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::context::render;
use super::inputs::RenderInputs;
use super::page_plan::{PagePlan, fitted, guideline_files};
use super::{OutputTree, RenderError, RenderedFile, news};

/// The pages and files about the whole site, as [`PagePlan`] lists them, and each
/// guideline's feed, files and alias redirects. The pages render on every core.
pub(super) fn site_wide_pages(inputs: &RenderInputs) -> Result<OutputTree, RenderError> {
    let plan = PagePlan::new(*inputs);
    let mut jobs = plan.listings(None);
    jobs.extend(plan.fixed());
    let pages: Vec<Vec<RenderedFile>> = jobs
        .par_iter()
        .map(|job| job().map(fitted))
        .collect::<Result<_, _>>()?;
    let mut out = OutputTree::default();
    out.files.extend(pages.into_iter().flatten());
    for (guideline, summary) in inputs.guidelines.iter().zip(inputs.summaries) {
        out.files
            .extend(guideline_files(inputs, guideline, summary)?);
    }
    Ok(out)
}

/// The "Nyt" page: new and revised guidelines by month.
pub(super) fn news_page(inputs: &RenderInputs) -> Result<Vec<u8>, RenderError> {
    let mut context = inputs.base.clone();
    let months = news::months(inputs.site, inputs.theme, inputs.summaries, inputs.archive);
    context.insert("months", &months);
    render(inputs.theme, "news.html", &context)
}

/// The format guide for authors (`docs/format.md`, built into the binary) as HTML for the
/// authors' page. Its links to other files of the repository are not pages of the site, so
/// they become their text.
pub(super) fn format_guide_html() -> String {
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
