//! Figures, attachments and tables.

use crate::support::Severity::{Error, Warning};
use crate::support::{Place, Severity, SiteBuilder, at, site};

/// The header of a PNG of `width` × `height` (all an image-header reader needs), padded to
/// `bytes` bytes.
fn png(width: u32, height: u32, bytes: usize) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png.resize(bytes.max(png.len()), 0);
    png
}

/// The valid guideline showing `markdown` at line 81, column 35 (in *5. Metode*).
fn with_image(markdown: &str) -> SiteBuilder {
    site().replace(
        "Litteraturen er søgt systematisk.",
        &format!("Litteraturen er søgt systematisk. {markdown}"),
    )
}

const FIGURE: &str = "guidelines/dlg/dlbcl/figur.png";

rule! {
    asset_missing: with_image("![Figur](dlbcl/findes-ikke.png)")
        => "asset.missing", Error, at(81, 35);
    asset_outside_the_folder: with_image("![Figur](../dlbcl/figur.png)")
        => "asset.outside-folder", Error, at(81, 35);
    asset_absolute_path: with_image("[Bilag](/bilag.pdf)")
        => "asset.outside-folder", Error, at(81, 35);
    asset_name_not_url_safe: with_image("![Figur](dlbcl/Figur.PNG)").file("guidelines/dlg/dlbcl/Figur.PNG", png(4, 3, 64))
        => "asset.bad-name", Error, at(81, 35);
    image_without_alt_text: with_image("![](dlbcl/figur.png)").file(FIGURE, png(4, 3, 64))
        => "image.missing-alt", Error, at(81, 35);
    image_over_one_megabyte: with_image("![Figur](dlbcl/figur.png)").file(FIGURE, png(4, 3, 1_200_000))
        => "asset.large-image", Warning, at(81, 35);
    raw_html_outside_a_table: site().replace("Litteraturen er søgt systematisk.", "<div>Litteraturen.</div>")
        => "html.dropped", Warning, at(81, 1);
    table_attribute_outside_the_subset: site().replace(
        "Litteraturen er søgt systematisk.",
        "<table>\n<tr><td style=\"color:red\">1</td></tr>\n</table>",
    ) => "html.dropped", Warning, at(82, 9);
    duplicate_table_number: site().replace(
        "Litteraturen er søgt systematisk.",
        "Tabel 1: A\n\n| A |\n|---|\n| 1 |\n\nTabel 1: B\n<table><tr><td>x</td></tr></table>",
    ) => "table.duplicate-number", Warning, at(88, 1);
}

/// A finding about a file of the guideline's folder: the whole file, or a place in it.
#[track_caller]
fn expect_in(site: SiteBuilder, file: &str, code: &str, severity: Severity, place: Place) {
    site.check_json()
        .single()
        .expect(code, severity, place)
        .in_file(file);
}

#[test]
fn a_file_nobody_uses_is_a_warning_on_the_file() {
    expect_in(
        site().file(FIGURE, png(4, 3, 64)),
        FIGURE,
        "asset.unused",
        Warning,
        Place::WholeFile,
    );
}

#[test]
fn a_kind_of_file_the_site_does_not_publish_is_an_error() {
    let notes = "guidelines/dlg/dlbcl/noter.txt";
    expect_in(
        site().file(notes, "x"),
        notes,
        "asset.unsupported-type",
        Error,
        Place::WholeFile,
    );
}

#[test]
fn a_folder_without_its_guideline_is_an_error() {
    let file = "guidelines/dlg/andet/figur.png";
    expect_in(
        site().file(file, png(4, 3, 64)),
        "guidelines/dlg/andet",
        "asset.bad-place",
        Error,
        Place::WholeFile,
    );
}

#[test]
fn an_image_whose_size_cannot_be_read_is_an_error() {
    expect_in(
        site().file(FIGURE, "not a png"),
        FIGURE,
        "asset.unreadable",
        Error,
        Place::WholeFile,
    );
}

#[test]
fn an_svg_with_script_is_an_error_at_the_script() {
    let svg = "guidelines/dlg/dlbcl/flow.svg";
    let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <rect width=\"1\" height=\"1\"/>\n  <script>alert(1)</script>\n</svg>\n";
    expect_in(
        with_image("![Flow](dlbcl/flow.svg)").file(svg, text),
        svg,
        "asset.unsafe-svg",
        Error,
        at(3, 3),
    );
    // That one finding: the SVG is not reported missing where it is used as well.
}

#[test]
fn figures_attachments_and_tables_without_defects_have_no_findings() {
    with_image("![Figur](dlbcl/figur.png \"Figur 1: En figur\") [Bilag (PDF)](dlbcl/bilag.pdf) [Ekstern](https://example.org/x.png)")
        .file(FIGURE, png(4, 3, 64))
        .file("guidelines/dlg/dlbcl/bilag.pdf", "%PDF-1.4")
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\nTabel 1: Fusioner\n<table>\n<tr><th scope=\"col\" colspan=\"2\">A</th></tr>\n<tr><td rowspan=\"2\">1<br><sup>2</sup></td><td><em>x</em></td></tr>\n</table>\n",
        )
        .check_json()
        .expect_clean();
}
