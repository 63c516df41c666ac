//! The one list of the site-wide pages: which file each is, which template renders it and
//! what its context holds. A full render and the preview's fast path both render from it, so
//! a page added here is a page of both.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::Guideline;
use crate::site::Site;

use super::context::{render, render_error};
use super::inputs::RenderInputs;
use super::site_pages::{format_guide_html, news_page};
use super::summaries::{GroupView, SearchEntry, Summary, group_views, search_entries, summary};
use super::{OutputTree, RenderError, RenderedFile, Theme, api, feeds, news, paging, pathway_view};

/// The most HTML of recommendations on one page of the search page without JavaScript: with
/// the page around them, well under 300 KB.
const SEARCH_PAGE_BYTES: usize = 200 * 1024;

/// A group's page, or one page of it: [`GroupView`]'s fields, with a part of its list.
#[derive(Serialize)]
struct GroupPage<'g> {
    code: &'g str,
    name: &'g str,
    url: &'g str,
    guidelines: &'g [Summary],
    shared: &'g [Summary],
}

/// A group in a list of groups: its name, where its list is and how long it is.
#[derive(Serialize)]
struct GroupCount<'g> {
    name: &'g str,
    url: String,
    count: usize,
}

impl<'g> GroupCount<'g> {
    fn new(group: &'g GroupView, url: String, count: usize) -> Self {
        Self {
            name: &group.name,
            url,
            count,
        }
    }
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
            .guidelines
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
            (self.inputs.site, self.inputs.theme, self.inputs.guidelines);
        let root = self.root.as_str();
        let wanted = |code: &str| groups.is_none_or(|groups| groups.contains(code));
        let mut jobs = vec![self.page("index.html".to_owned(), "home.html", |context| {
            if self.summaries.len() > paging::HOME_LIST_LIMIT {
                let index: Vec<GroupCount> = self
                    .groups
                    .iter()
                    .filter(|g| !g.guidelines.is_empty())
                    .map(|g| GroupCount::new(g, g.url.clone(), g.guidelines.len()))
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

    /// A group's page, or its pages when its list is long: the guidelines of other groups
    /// that serve it are on the first.
    fn group_pages<'j>(&'j self, group: &'j GroupView) -> Vec<Job<'j>> {
        let folder = format!("{}/", group.code);
        let pages = paging::pages(
            &group.guidelines,
            paging::GUIDELINES_PER_PAGE,
            &self.root,
            &folder,
        );
        let paged = pages.len() > 1;
        pages
            .into_iter()
            .map(|(path, chunk, pager)| {
                let page = GroupPage {
                    code: &group.code,
                    name: &group.name,
                    url: &group.url,
                    guidelines: chunk,
                    shared: if pager.number == 1 {
                        &group.shared
                    } else {
                        &[]
                    },
                };
                self.page(path, "group.html", move |context| {
                    context.insert("group", &page);
                    if paged {
                        context.insert("pager", &pager);
                        context.insert("total", &group.guidelines.len());
                    }
                })
            })
            .collect()
    }

    /// The search page without JavaScript: every recommendation on one page while they fit
    /// one; beyond, a list of the groups, and each group's recommendations on pages of at
    /// most [`SEARCH_PAGE_BYTES`].
    fn search_all(&self) -> Result<Vec<RenderedFile>, RenderError> {
        let (site, theme, root) = (self.inputs.site, self.inputs.theme, self.root.as_str());
        let entries = search_entries(site, theme, self.inputs.guidelines, root);
        let size = |e: &SearchEntry| e.recommendations_html.len() + 256;
        let render_page = |path: String, fill: &dyn Fn(&mut tera::Context)| {
            let mut context = self.inputs.base.clone();
            fill(&mut context);
            render(theme, "search-all.html", &context).map(|html| (path, html))
        };
        if entries.iter().map(size).sum::<usize>() <= SEARCH_PAGE_BYTES {
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
            index.push(GroupCount::new(group, format!("{root}{folder}"), own.len()));
            let chunks = paging::split_by_size(&own, SEARCH_PAGE_BYTES, |e| size(e));
            let count = chunks.len();
            for (i, chunk) in chunks.into_iter().enumerate() {
                let number = i + 1;
                let pager = paging::Pager {
                    number,
                    count,
                    previous: (number > 1).then(|| paging::url(root, &folder, number - 1)),
                    next: (number < count).then(|| paging::url(root, &folder, number + 1)),
                };
                files.push(render_page(paging::file(&folder, number), &|context| {
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
) -> Result<Vec<RenderedFile>, RenderError> {
    let (site, theme) = (inputs.site, inputs.theme);
    let (feed_path, feed) = news::guideline_feed(site, theme, guideline, inputs.archive);
    let api = api::guideline_file(site, guideline, inputs.options.today)
        .map_err(|err| render_error(&api::guideline_path(guideline), &err))?;
    let mut files = vec![(feed_path, feed.into_bytes()), api];
    for (path, asset) in crate::assets::published(&site.assets, guideline) {
        files.push((path, asset.bytes.to_vec()));
    }
    files.extend(alias_redirects(site, theme, inputs.base, guideline)?);
    Ok(files)
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
    /// groups, five short recommendations each: many guidelines, few words.
    fn generated(n: usize) -> (Site, Theme) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let example = Site::load(root)
            .unwrap_or_else(|finding| panic!("the example site loads: {finding:?}"))
            .site;
        let theme = Theme::load(root).unwrap();
        let scaffold = include_str!("../../themes/default/scaffold/guideline.md");
        let groups: Vec<&String> = example.config.groups.keys().collect();
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

    /// The largest HTML file of the site-wide pages of a generated site of `n` guidelines,
    /// with its path, and the number of HTML files.
    fn largest_listing_page(n: usize) -> (usize, String, usize) {
        let (site, theme) = generated(n);
        assert_eq!(site.guidelines.len(), n);
        let options = RenderOptions {
            drafts: true,
            today: jiff::civil::date(2026, 11, 24),
        };
        let groups: BTreeSet<String> = site.config.groups.keys().cloned().collect();
        let files = PageRenderer::new(&site, &theme, options, None)
            .unwrap()
            .listings(&groups)
            .unwrap();
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
