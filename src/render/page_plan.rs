//! The one list of the site-wide pages: which file each is, which template renders it and
//! what its context holds. A full render and the preview's fast path both render from it, so
//! a page added here is a page of both.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::Guideline;
use crate::site::Site;
use crate::summary::GuidelineSummary;

use super::context::{render, render_error};
use super::inputs::RenderInputs;
use super::paging::GroupCount;
use super::site_pages::{format_guide_html, news_page};
use super::summaries::{GroupView, SearchEntry, Summary, group_views, search_entries, summary};
use super::{OutputTree, RenderError, RenderedFile, Theme, api, feeds, news, paging, pathway_view};

/// A group's page, or one page of it: [`GroupView`]'s fields, with a part of its list.
#[derive(Serialize)]
struct GroupPage<'g> {
    code: &'g str,
    name: &'g str,
    url: &'g str,
    guidelines: Vec<&'g Summary>,
    shared: Vec<&'g Summary>,
}

/// One page (or a few files) of the plan, rendered on any thread.
pub(super) type Job<'j> =
    Box<dyn Fn() -> Result<Vec<RenderedFile>, RenderError> + Send + Sync + 'j>;

/// What the site-wide pages are made from: the published guidelines, their summaries and the
/// groups with their summaries, made once for every page.
pub(super) struct PagePlan<'a> {
    inputs: RenderInputs<'a>,
    root: String,
    summaries: Vec<Summary>,
    groups: Vec<GroupView>,
}

impl<'a> PagePlan<'a> {
    pub(super) fn new(inputs: RenderInputs<'a>) -> Self {
        let (site, today) = (inputs.site, inputs.options.today);
        let root = site.config.root_path();
        let summaries: Vec<Summary> = inputs
            .summaries
            .iter()
            .map(|g| summary(site, inputs.theme, g, today))
            .collect();
        let groups = group_views(site, &summaries, &root);
        Self {
            inputs,
            root,
            summaries,
            groups,
        }
    }

    /// A job rendering `template` to `path` with the base context and what `fill` adds.
    fn page<'j>(
        &'j self,
        path: String,
        template: &'static str,
        fill: impl Fn(&mut tera::Context) + Send + Sync + 'j,
    ) -> Job<'j> {
        Box::new(move || {
            let mut context = self.inputs.base.clone();
            fill(&mut context);
            Ok(vec![(
                path.clone(),
                render(self.inputs.theme, template, &context)?,
            )])
        })
    }

    /// Every page that lists guidelines: home, the revision overview, the search page without
    /// JavaScript, the pathway pages, `/nyt/`, the sitemap, the feeds, the API, and the page and
    /// feed of each group in `groups` (every configured group when `None`; codes not in the
    /// configuration are skipped).
    pub(super) fn listings(&self, groups: Option<&BTreeSet<String>>) -> Vec<Job<'_>> {
        let (site, theme, guidelines) =
            (self.inputs.site, self.inputs.theme, self.inputs.summaries);
        let root = self.root.as_str();
        let wanted = |code: &str| groups.is_none_or(|groups| groups.contains(code));
        let mut jobs = vec![self.page("index.html".to_owned(), "home.html", |context| {
            if self.summaries.len() > paging::HOME_LIST_LIMIT {
                let index: Vec<GroupCount> = self
                    .groups
                    .iter()
                    .filter(|g| !g.guidelines.is_empty())
                    .map(|g| GroupCount::new(&g.name, g.url.clone(), g.guidelines.len()))
                    .collect();
                context.insert("group_index", &index);
            } else {
                context.insert("groups", &self.groups);
            }
        })];
        for group in self.groups.iter().filter(|g| wanted(&g.code)) {
            jobs.extend(self.group_pages(group));
        }
        jobs.push(Box::new(move || {
            let html = news_page(&self.inputs)?;
            Ok(vec![("nyt/index.html".to_owned(), html)])
        }));
        for code in site.config.groups.keys().filter(|code| wanted(code)) {
            jobs.push(Box::new(move || {
                let (path, feed) =
                    news::group_feed(site, theme, code, guidelines, self.inputs.archive);
                Ok(vec![(path, feed.into_bytes())])
            }));
        }
        let mut by_date: Vec<&Summary> = self.summaries.iter().collect();
        by_date.sort_by(|a, b| a.revision.planned_iso.cmp(&b.revision.planned_iso));
        let revision = paging::pages(&by_date, paging::GUIDELINES_PER_PAGE, root, "revision/");
        for (path, chunk, pager) in revision {
            let chunk = chunk.to_vec();
            jobs.push(self.page(path, "revision.html", move |context| {
                context.insert("guidelines", &chunk);
                context.insert("pager", &pager);
            }));
        }
        jobs.push(Box::new(move || self.search_all()));
        jobs.push(Box::new(move || {
            pathway_view::pages(site, theme, self.inputs.base, guidelines, root)
        }));
        jobs.push(Box::new(move || {
            let mut machine = OutputTree::default();
            feeds::write(site, guidelines, self.inputs.options.today, &mut machine)
                .map_err(|err| render_error("api/guidelines.json", &err))?;
            Ok(machine.files.into_iter().collect())
        }));
        jobs
    }

    /// A group's page, or its pages when its list is long: its own guidelines, then those of
    /// other groups that serve it, [`paging::GUIDELINES_PER_PAGE`] a page all told.
    fn group_pages<'j>(&'j self, group: &'j GroupView) -> Vec<Job<'j>> {
        let folder = format!("{}/", group.code);
        let own = group.guidelines.len();
        let listed: Vec<&Summary> = group.guidelines.iter().chain(&group.shared).collect();
        let pages = paging::pages(&listed, paging::GUIDELINES_PER_PAGE, &self.root, &folder);
        let paged = pages.len() > 1;
        let mut start = 0;
        let mut jobs = Vec::new();
        for (path, chunk, pager) in pages {
            // The first `own` of the list are the group's own; the rest are shared with it.
            let (mine, shared) = chunk.split_at(own.saturating_sub(start).min(chunk.len()));
            start += chunk.len();
            let page = GroupPage {
                code: &group.code,
                name: &group.name,
                url: &group.url,
                guidelines: mine.to_vec(),
                shared: shared.to_vec(),
            };
            jobs.push(self.page(path, "group.html", move |context| {
                context.insert("group", &page);
                if paged {
                    context.insert("pager", &pager);
                    context.insert("total", &own);
                }
            }));
        }
        jobs
    }

    /// The search page without JavaScript: every recommendation on one page while they fit
    /// one; beyond, a list of the groups, and each group's recommendations on pages of at
    /// most [`paging::LIST_PAGE_BYTES`].
    fn search_all(&self) -> Result<Vec<RenderedFile>, RenderError> {
        let (site, theme, root) = (self.inputs.site, self.inputs.theme, self.root.as_str());
        let entries = search_entries(site, theme, self.inputs.summaries, root);
        let size = |e: &SearchEntry| e.recommendations_html.len() + 256;
        let render_page = |path: String, fill: &dyn Fn(&mut tera::Context)| {
            let mut context = self.inputs.base.clone();
            fill(&mut context);
            render(theme, "search-all.html", &context).map(|html| (path, html))
        };
        if entries.iter().map(size).sum::<usize>() <= paging::LIST_PAGE_BYTES {
            let page = render_page("soeg/alle/index.html".to_owned(), &|context| {
                context.insert("entries", &entries);
            })?;
            return Ok(vec![page]);
        }
        let mut files = Vec::new();
        let mut index = Vec::new();
        for group in &self.groups {
            let own: Vec<&SearchEntry> = entries.iter().filter(|e| e.group == group.code).collect();
            if own.is_empty() {
                continue;
            }
            let folder = format!("soeg/alle/{}/", group.code);
            index.push(GroupCount::new(
                &group.name,
                format!("{root}{folder}"),
                own.len(),
            ));
            let pages =
                paging::pages_by_size(&own, paging::LIST_PAGE_BYTES, |e| size(e), root, &folder);
            for (path, chunk, pager) in pages {
                files.push(render_page(path, &|context| {
                    context.insert("entries", chunk);
                    context.insert("group_name", &group.name);
                    context.insert("pager", &pager);
                })?);
            }
        }
        files.push(render_page(
            "soeg/alle/index.html".to_owned(),
            &|context| {
                context.insert("group_index", &index);
            },
        )?);
        Ok(files)
    }

    /// The site-wide pages that show no guideline: the strength scales, the authors' guide,
    /// the 404 page and the search page.
    pub(super) fn fixed(&self) -> Vec<Job<'_>> {
        vec![
            self.page("styrke/index.html".to_owned(), "strength.html", |_| {}),
            self.page(
                "forfattere/index.html".to_owned(),
                "authors.html",
                |context| {
                    context.insert("format_html", &format_guide_html());
                },
            ),
            self.page("404.html".to_owned(), "404.html", |_| {}),
            self.page("soeg/index.html".to_owned(), "search.html", |_| {}),
        ]
    }
}

/// The site-wide files that belong to one guideline: its feed, its API file, the files of its
/// folder it uses, and the redirect pages of its aliases.
pub(super) fn guideline_files(
    inputs: &RenderInputs,
    guideline: &Guideline,
    summary: &GuidelineSummary,
) -> Result<Vec<RenderedFile>, RenderError> {
    let (site, theme) = (inputs.site, inputs.theme);
    let (feed_path, feed) = news::guideline_feed(site, theme, summary, inputs.archive);
    let api = api::guideline_file(site, guideline, inputs.options.today)
        .map_err(|err| render_error(&api::guideline_path(guideline), &err))?;
    let mut files = vec![(feed_path, feed.into_bytes()), api];
    for (path, asset) in crate::assets::published(&site.assets, guideline) {
        files.push((path, asset.bytes.to_vec()));
    }
    files.extend(alias_redirects(site, theme, inputs.base, guideline)?);
    Ok(fitted(files))
}

/// `files` with each one's bytes in an allocation of their own size. The site-wide files are
/// held until the render ends (at 10,000 guidelines, its peak memory), and a file rendered by
/// appending to a buffer has up to as much room again (docs/performance.md, "Peak memory,
/// round eight").
pub(super) fn fitted(mut files: Vec<RenderedFile>) -> Vec<RenderedFile> {
    for (_, bytes) in &mut files {
        bytes.shrink_to_fit();
    }
    files
}

/// The redirect page of each of `guideline`'s aliases.
fn alias_redirects(
    site: &Site,
    theme: &Theme,
    base: &tera::Context,
    guideline: &Guideline,
) -> Result<Vec<RenderedFile>, RenderError> {
    let root = site.config.root_path();
    let mut files = Vec::new();
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
        files.push((
            format!("{path}/index.html"),
            render(theme, "redirect.html", &context)?,
        ));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use crate::render::{PageRenderer, RenderOptions, Theme};
    use crate::site::Site;

    /// The example site's configuration with `n` small generated guidelines spread over its
    /// groups, five short recommendations each: many guidelines, few words. Each is in two
    /// phases of the pathway and also serves the first group, so the phase pages and that
    /// group's list of guidelines shared with it grow with `n` too.
    fn generated(n: usize) -> (Site, Theme) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let example = Site::load(root)
            .unwrap_or_else(|finding| panic!("the example site loads: {finding:?}"))
            .site;
        let theme = Theme::load(root).unwrap();
        let scaffold = include_str!("../../themes/default/scaffold/guideline.md");
        let groups: Vec<&String> = example.config.groups.keys().collect();
        let front_matter = format!(
            "keywords = []\nphases = [\"udredning\", \"behandling\"]\ngroups = [\"{}\"]",
            groups[0]
        );
        let guidelines = (0..n)
            .map(|i| {
                let group = groups[i % groups.len()];
                let slug = format!("retningslinje-{i}");
                let recommendations = (1..=5)
                    .map(|r| {
                        format!(
                            "::: anbefaling {r} (B)\nPatienter i målgruppe {i} bør tilbydes \
                             behandling {r} efter multidisciplinær konference, når \
                             performancestatus tillader det.\n:::\n\n"
                        )
                    })
                    .collect::<String>();
                let text = scaffold
                    .replace("{{title}}", &format!("\"Retningslinje nummer {i}\""))
                    .replace("{{planned}}", &format!("2027-{:02}-01", 1 + i % 12))
                    .replace("{{today}}", "2026-01-01")
                    .replace("{{group_name}}", "\"Gruppen\"")
                    .replacen("keywords = []", &front_matter, 1)
                    .replace(
                        "::: anbefaling 1 (D)\nSkriv anbefalingen her.\n:::\n",
                        &recommendations,
                    );
                let source = crate::source::SourceFile::new(
                    root.join(format!("guidelines/{group}/{slug}.md")),
                    format!("guidelines/{group}/{slug}.md"),
                    text,
                );
                crate::parse::parse_guideline(Arc::new(source), group, &slug)
                    .guideline
                    .expect("the generated guideline parses")
            })
            .collect();
        let site = Site::new(example.root.clone(), example.config.clone(), guidelines);
        (site, theme)
    }

    /// The site-wide pages of a generated site of `n` guidelines.
    fn listing_files(n: usize) -> Vec<(String, Vec<u8>)> {
        let (site, theme) = generated(n);
        assert_eq!(site.guidelines.len(), n);
        let options = RenderOptions {
            drafts: true,
            today: jiff::civil::date(2026, 11, 24),
        };
        let groups: BTreeSet<String> = site.config.groups.keys().cloned().collect();
        PageRenderer::new(&site, &theme, options, None)
            .unwrap()
            .listings(&groups)
            .unwrap()
    }

    /// The largest HTML file of the site-wide pages of a generated site of `n` guidelines,
    /// with its path, and the number of HTML files.
    fn largest_listing_page(n: usize) -> (usize, String, usize) {
        let files = listing_files(n);
        let html: Vec<&(String, Vec<u8>)> = files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .collect();
        let (path, bytes) = html
            .iter()
            .max_by_key(|(_, bytes)| bytes.len())
            .expect("listing pages");
        (bytes.len(), path.clone(), html.len())
    }

    /// A phase too long for one page lists the groups and splits each group's part by size; a
    /// group's own guidelines and those shared with it share its pages, 200 a page.
    #[test]
    fn phase_pages_and_shared_lists_go_on_over_pages() {
        let files = listing_files(1_000);
        let page = |path: &str| {
            let (_, bytes) = files
                .iter()
                .find(|(p, _)| p == path)
                .unwrap_or_else(|| panic!("no {path}"));
            String::from_utf8(bytes.clone()).unwrap()
        };
        // The phase's first page is the list of its groups, 200 guidelines each.
        let phase = page("forloeb/behandling/index.html");
        assert!(phase.contains(r#"<ul class="group-index">"#), "{phase}");
        assert!(phase.contains(r#"href="/retningslinjer/forloeb/behandling/dlg/""#));
        assert!(!phase.contains("phase-guideline"));
        let dlg = page("forloeb/behandling/dlg/index.html");
        assert!(dlg.contains(r#"rel="next" "#) || dlg.contains(r#"rel="next">"#));
        assert!(dlg.contains("Dansk Lymfomgruppe (DLG)"));
        let dlg_pages = files
            .iter()
            .filter(|(p, _)| p.starts_with("forloeb/behandling/dlg/"))
            .count();
        let items: usize = files
            .iter()
            .filter(|(p, _)| p.starts_with("forloeb/behandling/dlg/"))
            .map(|(_, bytes)| {
                String::from_utf8_lossy(bytes)
                    .matches("<section class=\"phase-guideline\"")
                    .count()
            })
            .sum();
        assert!(dlg_pages >= 2, "{dlg_pages}");
        assert_eq!(items, 200);
        // dahanca: 200 of its own and 800 shared with it, on five pages.
        let first = page("dahanca/index.html");
        assert_eq!(first.matches("guideline-item").count(), 200);
        assert!(!first.contains("Fælles retningslinjer med andre grupper"));
        let second = page("dahanca/side-2.html");
        assert!(second.contains("Fælles retningslinjer med andre grupper"));
        assert!(
            second.contains("200 retningslinjer"),
            "the count is of its own"
        );
        assert_eq!(second.matches("guideline-item").count(), 200);
        assert!(files.iter().any(|(p, _)| p == "dahanca/side-5.html"));
        assert!(!files.iter().any(|(p, _)| p == "dahanca/side-6.html"));
    }

    /// No page that lists guidelines grows with their number: each list is split into pages
    /// of a bounded size. Doubling the guidelines adds pages, not bytes to the largest page.
    #[test]
    fn listing_pages_stay_small_however_many_guidelines() {
        let (small, small_path, small_pages) = largest_listing_page(1_000);
        let (large, large_path, large_pages) = largest_listing_page(2_000);
        assert!(large_pages > small_pages, "{large_pages} ≤ {small_pages}");
        assert!(
            large <= small + small / 20,
            "the largest page grew from {small} bytes ({small_path}) to {large} ({large_path})"
        );
        assert!(large <= 300 * 1024, "{large_path} is {large} bytes");
    }
}
