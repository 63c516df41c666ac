//! Machine-readable files: `sitemap.xml`, the Atom feed of new and revised guidelines, and
//! the API's index (`api/guidelines.json`, made in [`super::api`]).

use crate::site::Site;
use crate::summary::GuidelineSummary;
use jiff::civil::Date;

use super::OutputTree;
use super::markdown::escape;

/// Text for an XML file: escaped, and without the characters XML forbids (controls other
/// than tab and line ends, U+FFFE, U+FFFF), which would make the whole feed unreadable.
pub(super) fn xml(text: &str) -> String {
    let forbidden = |c: char| {
        (c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.contains(forbidden) {
        escape(&text.replace(forbidden, "\u{fffd}"))
    } else {
        escape(text)
    }
}

/// The Atom feed lists this many of the most recently approved guidelines.
const FEED_ENTRIES: usize = 50;

pub(super) fn write(
    site: &Site,
    guidelines: &[GuidelineSummary],
    today: Date,
    out: &mut OutputTree,
) -> Result<(), serde_json::Error> {
    let base = site.config.base_url_trimmed();
    // Absolute URLs: the base URL's host plus the page's site path.
    let absolute = |path: &str| format!("{base}/{}", path.trim_start_matches('/'));

    let mut urls: Vec<String> = ["", "nyt/", "revision/", "styrke/", "forfattere/"]
        .into_iter()
        .map(str::to_owned)
        .chain(site.config.groups.keys().map(|g| format!("{g}/")))
        .map(|path| format!("  <url><loc>{}</loc></url>\n", xml(&absolute(&path))))
        .collect();
    for guideline in guidelines {
        urls.push(format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml(&absolute(&guideline.path())),
            guideline.last_changed()
        ));
    }
    for (path, sitemap) in sitemaps(&urls, SITEMAP_URLS, &absolute) {
        out.insert(path, sitemap);
    }

    out.insert("feed.xml", atom_feed(site, guidelines, &absolute));
    for (path, json) in super::api::index(site, guidelines, today)? {
        out.insert(path, json);
    }
    Ok(())
}

/// The most URLs one sitemap file may list, by the sitemap protocol.
const SITEMAP_URLS: usize = 50_000;

/// Where the sitemaps are when there is more than one: `sitemap.xml` is then their index.
pub(super) const SITEMAP_DIR: &str = "sitemaps";

/// `sitemap.xml` listing `urls` (each an `<url>` line), or, past `limit` URLs, a sitemap
/// index there and the URLs in [`SITEMAP_DIR`]`/<n>.xml` files of at most `limit` each.
fn sitemaps(
    urls: &[String],
    limit: usize,
    absolute: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    let urlset = |urls: &[String]| {
        let mut sitemap = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        sitemap.extend(urls.iter().map(String::as_str));
        sitemap.push_str("</urlset>\n");
        sitemap
    };
    if urls.len() <= limit {
        return vec![("sitemap.xml".to_owned(), urlset(urls))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (i, chunk) in urls.chunks(limit.max(1)).enumerate() {
        let path = format!("{SITEMAP_DIR}/{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml(&absolute(&path))
        ));
        files.push((path, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_owned(), index));
    files
}

fn atom_feed(
    site: &Site,
    guidelines: &[GuidelineSummary],
    absolute: &dyn Fn(&str) -> String,
) -> String {
    let mut entries: Vec<&GuidelineSummary> = guidelines
        .iter()
        .filter(|g| g.status() == crate::model::Status::Approved)
        .collect();
    entries.sort_by_key(|g| std::cmp::Reverse(g.last_changed()));
    entries.truncate(FEED_ENTRIES);
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |g| g.last_changed().to_string());
    let mut feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        xml(&site.config.language),
        xml(&site.config.title),
        xml(&absolute("feed.xml")),
        xml(&absolute("feed.xml")),
        xml(&absolute("")),
    );
    for guideline in entries {
        let url = absolute(&guideline.path());
        let changes: Vec<String> = guideline
            .recommendations
            .iter()
            .filter_map(|r| r.marker.map(|m| format!("{} {}", r.id, m.as_str())))
            .collect();
        let summary = if changes.is_empty() {
            format!("Version {}", guideline.version)
        } else {
            format!(
                "Version {}. Anbefalinger: {}",
                guideline.version,
                changes.join(", ")
            )
        };
        feed.push_str(&format!(
            "  <entry>\n    <title>{} (version {})</title>\n    <id>{}#version-{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            xml(guideline.title()),
            xml(&guideline.version),
            xml(&url),
            xml(&guideline.version),
            xml(&url),
            guideline.last_changed(),
            xml(site.group_name(&guideline.group)),
            xml(&summary),
        ));
    }
    feed.push_str("</feed>\n");
    feed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_has_no_character_xml_forbids() {
        assert_eq!(
            xml("a\u{1b}[31m<b>\u{ffff}\tc"),
            "a\u{fffd}[31m&lt;b&gt;\u{fffd}\tc"
        );
        assert_eq!(xml("Kræft & co"), "Kræft &amp; co");
    }

    #[test]
    fn sitemaps_split_past_the_limit_under_an_index() {
        let absolute = |path: &str| format!("https://x.dk/{path}");
        let urls: Vec<String> = (0..5)
            .map(|i| format!("  <url><loc>https://x.dk/{i}/</loc></url>\n"))
            .collect();
        let one = sitemaps(&urls, 5, &absolute);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "sitemap.xml");
        assert_eq!(one[0].1.matches("<url>").count(), 5);

        let split = sitemaps(&urls, 2, &absolute);
        let paths: Vec<&str> = split.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml",
                "sitemap.xml"
            ]
        );
        let counts: Vec<usize> = split[..3]
            .iter()
            .map(|(_, xml)| xml.matches("<url>").count())
            .collect();
        assert_eq!(counts, [2, 2, 1]);
        let index = &split[3].1;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(
            index.contains("<loc>https://x.dk/sitemaps/2.xml</loc>"),
            "{index}"
        );
        assert!(!index.contains("<url>"), "{index}");
    }
}
