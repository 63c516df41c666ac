//! A theme restyles the markup inside a guideline's page: the strength labels and classes in
//! its `strings.toml`, the badges and the reference items in `templates/partials/`.

use crate::search::static_index;
use crate::support::{Site, build_and_read, site, stdout};

#[test]
fn a_theme_overrides_the_badge_partial_and_a_strength_label() {
    let strings = include_str!("../../themes/default/strings.toml")
        .replace("oxford-b = \"B\"", "oxford-b = \"Niveau B\"")
        .replace("oxford-a = \"strength-a\"", "oxford-a = \"tone-top\"");
    let site = site()
        .file(
            "themes/default/templates/partials/strength-badge.html",
            "<mark class=\"{{ class }}\" data-step=\"{{ key }}\">{{ label }}</mark>\n",
        )
        .file("themes/default/strings.toml", strings)
        .build();
    let page = build_and_read(&site, "public/dlg/dlbcl/index.html");
    // Recommendation 1 (B) and 2 (A-C): the range is written from its letters' labels.
    assert!(
        page.contains("<mark class=\"strength-b\" data-step=\"oxford-b\">Niveau B</mark>"),
        "{page}"
    );
    assert!(
        page.contains("<mark class=\"tone-top\" data-step=\"oxford-a\">A-C</mark> <span class=\"badge badge-changed\">Ændret</span>"),
        "{page}"
    );
    assert!(!page.contains("class=\"badge strength"));
    // The search page without JavaScript names the strength with the theme's label too.
    let all = build_and_read(&site, "public/soeg/alle/index.html");
    assert!(all.contains("(Niveau B)"), "{all}");
    // The page that explains the strengths shows the same labels and classes.
    let explained = build_and_read(&site, "public/styrke/index.html");
    assert!(
        explained.contains(
            "<dt id=\"oxford-b\"><span class=\"badge strength strength-b\">Niveau B</span>"
        ),
        "{explained}"
    );
    assert!(
        explained.contains("<span class=\"badge strength tone-top\">A</span>"),
        "{explained}"
    );
}

/// A site whose theme names a recommendation and a strength in its own words.
fn site_with_renamed_strength() -> Site {
    let strings = include_str!("../../themes/default/strings.toml")
        .replace(
            "recommendation = \"Anbefaling\"",
            "recommendation = \"Råd\"",
        )
        .replace("oxford-b = \"B\"", "oxford-b = \"Niveau B\"")
        .replace("oxford-b = \"strength-b\"", "oxford-b = \"tone-b\"");
    site().file("themes/default/strings.toml", strings).build()
}

#[test]
fn search_results_name_the_strength_as_the_theme_does() {
    let site = site_with_renamed_strength();
    build_and_read(&site, "public/index.html");
    // `retning search` (tantivy's stored fields).
    let output = site
        .retning()
        .args(["search", "--format", "json", "PET/CT-skanning"])
        .output()
        .expect("run retning search");
    assert!(output.status.success());
    let found: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let first = &found["hits"][0]["doc"];
    assert_eq!(first["title"], "Råd 1 · Udredning", "{found}");
    assert_eq!(first["strength"], "Niveau B", "{found}");
    assert_eq!(first["strength_class"], "tone-b", "{found}");
    // The static index the site's search page reads.
    let index = static_index(site.root());
    let docs: Vec<_> = (0..).map_while(|id| index.doc(id)).collect();
    let first = docs
        .iter()
        .find(|d| d.url.ends_with("#anbefaling-1"))
        .expect("recommendation 1");
    assert_eq!(first.title, "Råd 1 · Udredning");
    assert_eq!(first.strength.as_deref(), Some("Niveau B"));
    assert_eq!(first.strength_class.as_deref(), Some("tone-b"));
    // Recommendation 2's range is written from its letters' labels, as on its page.
    let second = docs
        .iter()
        .find(|d| d.url.ends_with("#anbefaling-2"))
        .expect("recommendation 2");
    assert_eq!(second.strength.as_deref(), Some("A-C"));
}

#[test]
fn a_reference_partial_that_branches_on_a_value_is_rendered_through_tera() {
    let site = site()
        .file(
            "themes/default/templates/partials/reference.html",
            "<li id=\"ref-{{ id }}\">{{ html | safe }}{% if levels == \"1b\" %} <b>stærk evidens</b>{% endif %}</li>\n",
        )
        .build();
    let page = build_and_read(&site, "public/dlg/dlbcl/index.html");
    assert!(
        page.contains("<li id=\"ref-cheson2014\"><p>Cheson BD"),
        "{page}"
    );
    assert_eq!(page.matches("<b>stærk evidens</b>").count(), 1, "{page}");
}

#[test]
fn a_theme_restyles_the_items_of_the_search_page_without_javascript() {
    let site = site()
        .file(
            "themes/default/templates/partials/search-item.html",
            "<li data-id=\"{{ id }}\"><a href=\"{{ href }}\">{{ text }}</a>{% if has_strength %} <i>{{ strength }}</i>{% endif %}</li>\n",
        )
        .build();
    let all = build_and_read(&site, "public/soeg/alle/index.html");
    assert!(
        all.contains("<li data-id=\"1\"><a href=\"/retningslinjer/dlg/dlbcl/#anbefaling-1\">"),
        "{all}"
    );
    assert!(all.contains("</a> <i>B</i></li>"), "{all}");
}
