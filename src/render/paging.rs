//! Long lists split into pages, so that no page grows with the number of guidelines: a list's
//! first page keeps its address (`<folder>/index.html`), page *n* is `<folder>/side-n.html`.
//! A name with a dot is never a guideline slug (`site_path::check_segment`), so a page of a
//! group's list cannot take a guideline's folder.

use serde::Serialize;

/// Guidelines on one page of a list (a group, the revision overview): about 100–150 KB of
/// HTML, well under the 300 KB a phone should have to load.
pub(super) const GUIDELINES_PER_PAGE: usize = 200;

/// The home page lists every guideline while there are at most this many; beyond, it lists
/// the groups with their counts, and each group's page lists its guidelines.
pub(super) const HOME_LIST_LIMIT: usize = 200;

/// The most HTML of entries (a guideline's recommendations) on one page of a list split by
/// size (the search page without JavaScript, a phase of the pathway): with the page around
/// them, well under 300 KB.
pub(super) const LIST_PAGE_BYTES: usize = 200 * 1024;

/// Where a page is in its list, for the navigation between the pages.
#[derive(Debug, Serialize, Clone, PartialEq, Eq)]
pub(super) struct Pager {
    /// 1-based.
    pub(super) number: usize,
    pub(super) count: usize,
    pub(super) previous: Option<String>,
    pub(super) next: Option<String>,
}

/// A group in a list of groups, which stands in for a list too long for one page: the group's
/// name, where its part of the list is and how long that part is.
#[derive(Debug, Serialize)]
pub(super) struct GroupCount<'g> {
    name: &'g str,
    url: String,
    count: usize,
}

impl<'g> GroupCount<'g> {
    pub(super) fn new(name: &'g str, url: String, count: usize) -> Self {
        Self { name, url, count }
    }
}

/// The file of page `number` (1-based) of the list in `folder` (`""` or ending in `/`).
pub(super) fn file(folder: &str, number: usize) -> String {
    if number <= 1 {
        format!("{folder}index.html")
    } else {
        format!("{folder}side-{number}.html")
    }
}

/// The URL of page `number` of the list in `folder`, under the site's `root`.
pub(super) fn url(root: &str, folder: &str, number: usize) -> String {
    if number <= 1 {
        format!("{root}{folder}")
    } else {
        format!("{root}{folder}side-{number}.html")
    }
}

impl Pager {
    /// Page `number` (1-based) of `count` in `folder`, linked to its neighbours.
    fn new(root: &str, folder: &str, number: usize, count: usize) -> Self {
        Self {
            number,
            count,
            previous: (number > 1).then(|| url(root, folder, number - 1)),
            next: (number < count).then(|| url(root, folder, number + 1)),
        }
    }
}

/// `items` in pages of at most `per_page` (at least one page, empty if `items` is), each with
/// its file and its [`Pager`].
pub(super) fn pages<'i, T>(
    items: &'i [T],
    per_page: usize,
    root: &str,
    folder: &str,
) -> Vec<(String, &'i [T], Pager)> {
    let chunks: Vec<&[T]> = if items.is_empty() {
        vec![items]
    } else {
        items.chunks(per_page.max(1)).collect()
    };
    numbered(chunks, root, folder)
}

/// `items` in pages of at most `budget` bytes by `size` ([`split_by_size`]), each with its
/// file and its [`Pager`].
pub(super) fn pages_by_size<'i, T>(
    items: &'i [T],
    budget: usize,
    size: impl Fn(&T) -> usize,
    root: &str,
    folder: &str,
) -> Vec<(String, &'i [T], Pager)> {
    let chunks = split_by_size(items, budget, size);
    numbered(chunks, root, folder)
}

/// Splits `items` where the running total of `size` would pass `budget`: each page holds at
/// least one item, so one item larger than the budget gets a page of its own.
pub(super) fn split_by_size<T>(
    items: &[T],
    budget: usize,
    size: impl Fn(&T) -> usize,
) -> Vec<&[T]> {
    let mut pages = Vec::new();
    let (mut start, mut total) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        let len = size(item);
        if i > start && total + len > budget {
            pages.push(&items[start..i]);
            (start, total) = (i, 0);
        }
        total += len;
    }
    if start < items.len() || pages.is_empty() {
        pages.push(&items[start..]);
    }
    pages
}

/// Each of `chunks` with its page's file and its [`Pager`].
fn numbered<'i, T>(
    chunks: Vec<&'i [T]>,
    root: &str,
    folder: &str,
) -> Vec<(String, &'i [T], Pager)> {
    let count = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            (
                file(folder, i + 1),
                chunk,
                Pager::new(root, folder, i + 1, count),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_keeps_the_lists_address() {
        assert_eq!(file("revision/", 1), "revision/index.html");
        assert_eq!(file("revision/", 3), "revision/side-3.html");
        assert_eq!(url("/r/", "dlg/", 1), "/r/dlg/");
        assert_eq!(url("/r/", "dlg/", 2), "/r/dlg/side-2.html");
        // No slug holds a dot, so no page of a group's list is a guideline's folder.
        assert!(crate::site_path::check_segment("side-2.html").is_err());
    }

    #[test]
    fn pages_link_to_their_neighbours() {
        let items: Vec<u32> = (0..5).collect();
        let pages = pages(&items, 2, "/", "x/");
        let shapes: Vec<(&str, &[u32])> = pages.iter().map(|(f, c, _)| (f.as_str(), *c)).collect();
        assert_eq!(
            shapes,
            [
                ("x/index.html", &[0, 1][..]),
                ("x/side-2.html", &[2, 3][..]),
                ("x/side-3.html", &[4][..])
            ]
        );
        assert_eq!(pages[0].2.previous, None);
        assert_eq!(pages[0].2.next.as_deref(), Some("/x/side-2.html"));
        assert_eq!(pages[1].2.previous.as_deref(), Some("/x/"));
        assert_eq!(pages[2].2.next, None);
        assert!(pages.iter().all(|(_, _, p)| p.count == 3));
        // An empty list still has its page.
        let none: [u32; 0] = [];
        assert_eq!(super::pages(&none, 2, "/", "x/").len(), 1);
    }

    #[test]
    fn a_size_budget_splits_before_the_item_that_would_pass_it() {
        let items = [3, 3, 3, 10, 1];
        let split = split_by_size(&items, 6, |&n| n);
        assert_eq!(split, [&[3, 3][..], &[3][..], &[10][..], &[1][..]]);
        let none: [usize; 0] = [];
        assert_eq!(split_by_size(&none, 6, |&n| n).len(), 1);
        let paged = pages_by_size(&items, 6, |&n| n, "/", "f/");
        let files: Vec<&str> = paged.iter().map(|(f, _, _)| f.as_str()).collect();
        assert_eq!(
            files,
            [
                "f/index.html",
                "f/side-2.html",
                "f/side-3.html",
                "f/side-4.html"
            ]
        );
        assert_eq!(paged[3].1, &[1]);
        assert_eq!(paged[3].2.previous.as_deref(), Some("/f/side-3.html"));
        assert!(paged.iter().all(|(_, _, p)| p.count == 4));
    }
}
