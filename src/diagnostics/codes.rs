//! Every finding's stable code, in one reviewable place. Scripts and CI match on these, so a
//! code is never renamed; retire it instead.

// Reading files and where they live.
/// The file cannot be read (I/O error, a directory, not UTF-8).
pub const SOURCE_UNREADABLE: &str = "source.unreadable";
/// The file is not at `guidelines/<group>/<slug>.md`, or the slug has invalid characters.
pub const SOURCE_BAD_PATH: &str = "source.bad-path";
/// A symbolic link under `guidelines/` that leads outside the site: it is not read.
pub const SOURCE_OUTSIDE_SITE: &str = "source.outside-site";
/// The group folder is not listed under `[groups]` in `retning.toml`.
pub const SOURCE_UNKNOWN_GROUP: &str = "source.unknown-group";
/// `retning.toml` is missing or invalid.
pub const CONFIG_INVALID: &str = "config.invalid";
/// `synonyms.toml` is not valid TOML, or a word in it is not one searchable word, or is in
/// two groups.
pub const SYNONYMS_INVALID: &str = "synonyms.invalid";

// Front matter.
/// The file does not start with a `+++` line.
pub const FRONTMATTER_MISSING: &str = "frontmatter.missing";
/// The opening `+++` has no closing `+++`.
pub const FRONTMATTER_UNTERMINATED: &str = "frontmatter.unterminated";
/// The front matter is not valid TOML.
pub const FRONTMATTER_SYNTAX: &str = "frontmatter.syntax";
/// A key the format does not know (typos must not pass silently).
pub const FRONTMATTER_UNKNOWN_KEY: &str = "frontmatter.unknown-key";
/// A required key is missing.
pub const FRONTMATTER_MISSING_KEY: &str = "frontmatter.missing-key";
/// A value of the wrong type or outside its allowed values.
pub const FRONTMATTER_INVALID: &str = "frontmatter.invalid";
/// A date that is blank, month-only or not an ISO date.
pub const FRONTMATTER_BAD_DATE: &str = "frontmatter.bad-date";
/// A control character (other than tab and line ends) in a front-matter value, written as
/// an escape such as `\u001b`.
pub const FRONTMATTER_CONTROL_CHARACTER: &str = "frontmatter.control-character";
/// Dates out of order: professional ≤ administrative < planned revision.
pub const DATES_ORDER: &str = "dates.order";
/// An approved guideline lacks a professional or administrative approval.
pub const APPROVAL_MISSING: &str = "approval.missing";
/// An alias that is not an absolute site path, or that two guidelines claim.
pub const ALIAS_INVALID: &str = "alias.invalid";

// The template's sections.
/// One of the nine template sections is missing.
pub const TEMPLATE_MISSING_SECTION: &str = "template.missing-section";
/// A `#` heading that is not a template section title.
pub const TEMPLATE_UNKNOWN_SECTION: &str = "template.unknown-section";
/// A template section appears twice.
pub const TEMPLATE_DUPLICATE_SECTION: &str = "template.duplicate-section";
/// Template sections out of the template's order.
pub const TEMPLATE_SECTION_ORDER: &str = "template.section-order";
/// Text before the first section heading.
pub const TEMPLATE_CONTENT_OUTSIDE_SECTION: &str = "template.content-outside-section";
/// Text typed in the Quick guide, which retning generates.
pub const TEMPLATE_QUICK_GUIDE_NOT_EMPTY: &str = "template.quick-guide-not-empty";
/// A required section with no content (warning).
pub const TEMPLATE_EMPTY_SECTION: &str = "template.empty-section";
/// A topic with recommendations lacks one of the four evidence sub-sections.
pub const TEMPLATE_MISSING_SUBSECTION: &str = "template.missing-subsection";
/// An evidence sub-section is present but empty (warning).
pub const TEMPLATE_EMPTY_SUBSECTION: &str = "template.empty-subsection";

/// Two headings (or a heading and a part of the page) would get the same id.
pub const HEADING_DUPLICATE_ID: &str = "heading.duplicate-id";

// Recommendations and `:::` containers.
/// A `:::` container that is not `::: anbefaling`.
pub const CONTAINER_UNKNOWN: &str = "container.unknown";
/// A `:::` container that is never closed.
pub const CONTAINER_UNTERMINATED: &str = "container.unterminated";
/// A closing `:::` with no open container.
pub const CONTAINER_STRAY_CLOSE: &str = "container.stray-close";
/// A container opened inside another.
pub const CONTAINER_NESTED: &str = "container.nested";
/// The `::: anbefaling` line does not read `anbefaling N (STRENGTH) [ny|ændret]`.
pub const RECOMMENDATION_BAD_HEADER: &str = "recommendation.bad-header";
/// The id is not a positive integer.
pub const RECOMMENDATION_BAD_ID: &str = "recommendation.bad-id";
/// Two recommendations share an id.
pub const RECOMMENDATION_DUPLICATE_ID: &str = "recommendation.duplicate-id";
/// A strength that is not valid in the guideline's grading scheme.
pub const RECOMMENDATION_BAD_STRENGTH: &str = "recommendation.bad-strength";
/// A recommendation outside a `##` topic of *3. Grundlag*, or below its evidence sub-sections.
pub const RECOMMENDATION_MISPLACED: &str = "recommendation.misplaced";
/// A recommendation container with no text.
pub const RECOMMENDATION_EMPTY: &str = "recommendation.empty";
/// A recommendation that is new since the previous approved version (git history) but not
/// marked `ny` (warning).
pub const RECOMMENDATION_UNMARKED_NEW: &str = "recommendation.unmarked-new";
/// A recommendation whose text or strength changed since the previous approved version but
/// that is not marked `ændret` (warning).
pub const RECOMMENDATION_UNMARKED_CHANGE: &str = "recommendation.unmarked-change";
/// A recommendation marked `ny` or `ændret` that did not change since the previous approved
/// version (warning).
pub const RECOMMENDATION_STALE_MARKER: &str = "recommendation.stale-marker";

// References.
/// A citation `[^key]` with no definition.
pub const CITATION_UNDEFINED: &str = "citation.undefined";
/// A definition that is never cited (warning).
pub const CITATION_UNUSED: &str = "citation.unused";
/// A definition outside *4. Referencer*.
pub const CITATION_MISPLACED_DEFINITION: &str = "citation.misplaced-definition";
/// The same key defined twice.
pub const CITATION_DUPLICATE_DEFINITION: &str = "citation.duplicate-definition";
/// A bracketed level after a citation that is not an Oxford level (warning).
pub const CITATION_BAD_EVIDENCE_LEVEL: &str = "citation.bad-evidence-level";

// Links.
/// A `@/group/slug.md` link to a guideline that does not exist.
pub const LINK_BROKEN: &str = "link.broken";
/// A `@/…#anchor` link whose anchor does not exist in the target.
pub const LINK_BROKEN_ANCHOR: &str = "link.broken-anchor";
/// An approved guideline links to a draft, which the published site leaves out (warning).
pub const LINK_TO_DRAFT: &str = "link.to-draft";
/// A link, image or decision-aid URL whose scheme is not https, http, mailto or tel
/// (`javascript:`, `data:`, …): it could run script, so it never reaches a page.
pub const LINK_UNSAFE_SCHEME: &str = "link.unsafe-scheme";
/// An `http://` link (warning: prefer https).
pub const LINK_INSECURE: &str = "link.insecure";

// Figures, attachments and the HTML allowed in tables.
/// A file beside a guideline that is not an image or attachment the site publishes.
pub const ASSET_UNSUPPORTED_TYPE: &str = "asset.unsupported-type";
/// A folder in a group folder with no guideline of its name, or a folder inside one.
pub const ASSET_BAD_PLACE: &str = "asset.bad-place";
/// An image whose size cannot be read (a broken file, an SVG with no size).
pub const ASSET_UNREADABLE: &str = "asset.unreadable";
/// An SVG with scripts, event handlers, javascript: URLs, `<foreignObject>` or external files.
pub const ASSET_UNSAFE_SVG: &str = "asset.unsafe-svg";
/// A link or image naming a file the guideline's folder does not hold.
pub const ASSET_MISSING: &str = "asset.missing";
/// A relative link or image that leaves the guideline's folder (`../`, `/…`).
pub const ASSET_OUTSIDE_FOLDER: &str = "asset.outside-folder";
/// A file name that is not URL-safe (lower-case a–z, digits, `-`, `_`, `.`).
pub const ASSET_BAD_NAME: &str = "asset.bad-name";
/// A file in a guideline's folder that the guideline never uses (warning; not published).
pub const ASSET_UNUSED: &str = "asset.unused";
/// An image over 1 MB (warning: slow on a phone).
pub const ASSET_LARGE_IMAGE: &str = "asset.large-image";
/// An image without alt text (WCAG 1.1.1).
pub const IMAGE_MISSING_ALT: &str = "image.missing-alt";
/// Raw HTML outside the table subset, or parts of a table the subset drops (warning).
pub const HTML_DROPPED: &str = "html.dropped";
/// Two tables of a guideline whose captions give them the same number (`Tabel 2: …`).
pub const TABLE_DUPLICATE_NUMBER: &str = "table.duplicate-number";

// Decision aids.
/// An assessed aid without `ipdas_assessed`.
pub const DECISION_AID_MISSING_ASSESSMENT_DATE: &str = "decision-aid.missing-assessment-date";
/// An aid that names a recommendation id the guideline does not have.
pub const DECISION_AID_UNKNOWN_RECOMMENDATION: &str = "decision-aid.unknown-recommendation";

// Revision.
/// The planned revision date has passed (warning).
pub const REVISION_OVERDUE: &str = "revision.overdue";

/// The codes of `retning import`'s report: what the importer could not do with certainty.
/// They never come from `check`; `tests/suite/import.rs` covers them.
pub mod import {
    /// A date read from an irregular form (`11. juli. 2018`, `1. August 2018`): check it.
    pub const DATE_IRREGULAR: &str = "import.date-irregular";
    /// A month-only, missing or unreadable date: no day was made up.
    pub const DATE_INCOMPLETE: &str = "import.date-incomplete";
    /// A front matter value the front page does not give.
    pub const MISSING_FIELD: &str = "import.missing-field";
    /// No paragraph is marked as the title; the first one was taken.
    pub const TITLE_GUESSED: &str = "import.title-guessed";
    /// Front page text that is none of the front matter fields.
    pub const FRONT_PAGE_TEXT: &str = "import.front-page-text";
    /// The professional approval names another group than `--group`.
    pub const GROUP_MISMATCH: &str = "import.group-mismatch";
    /// A level-1 heading that is no template section, kept as a sub-heading.
    pub const UNKNOWN_HEADING: &str = "import.unknown-heading";
    /// A section under an older template title, written under the current one.
    pub const RENAMED_HEADING: &str = "import.renamed-heading";
    /// A template section that appears twice in the Word file.
    pub const DUPLICATE_SECTION: &str = "import.duplicate-section";
    /// The sections are in an older template's order; they were reordered.
    pub const TEMPLATE_ORDER: &str = "import.template-order";
    /// A template section the Word file does not have (written empty).
    pub const MISSING_SECTION: &str = "import.missing-section";
    /// The table of contents, left out.
    pub const CONTENTS_DROPPED: &str = "import.contents-dropped";
    /// A recommendation whose text or strength differs between the Quick guide and Grundlag.
    pub const QUICK_GUIDE_DRIFT: &str = "import.quick-guide-drift";
    /// A recommendation only in the Quick guide (not imported).
    pub const QUICK_GUIDE_ONLY: &str = "import.quick-guide-only";
    /// Text in the Quick guide that is not a recommendation (not imported).
    pub const QUICK_GUIDE_TEXT: &str = "import.quick-guide-text";
    /// A numbered, bold paragraph ending in parentheses that hold no known strength.
    pub const UNREADABLE_STRENGTH: &str = "import.unreadable-strength";
    /// Recommendations of both Oxford and GRADE in one file.
    pub const MIXED_GRADING: &str = "import.mixed-grading";
    /// *Nyt siden sidst* could not be read for `ny` / `ændret`, or names an unknown number.
    pub const CHANGELOG_UNREAD: &str = "import.changelog-unread";
    /// Text under *Referencer* that is not a numbered reference.
    pub const REFERENCE_UNNUMBERED: &str = "import.reference-unnumbered";
    /// `(1,5)`: citations or a decimal number; kept as text.
    pub const AMBIGUOUS_CITATION: &str = "import.ambiguous-citation";
    /// An image without alt text in Word.
    pub const IMAGE_WITHOUT_ALT: &str = "import.image-without-alt";
    /// An image linked from outside the Word file (not imported).
    pub const IMAGE_NOT_EMBEDDED: &str = "import.image-not-embedded";
    /// A Word footnote, written into the text in parentheses.
    pub const WORD_FOOTNOTE: &str = "import.word-footnote";
    /// Content Markdown cannot hold (equations, raw Word XML, links in merged-cell tables).
    pub const UNSUPPORTED_CONTENT: &str = "import.unsupported-content";
    /// A link to the old site (a host of `--url-map`) whose address the map lacks.
    pub const UNMAPPED_LINK: &str = "import.unmapped-link";
    /// An old address of the imported guideline that cannot be an alias (left out).
    pub const BAD_ALIAS: &str = "import.bad-alias";
    /// No table of authors under *Forfattere og habilitet*.
    pub const AUTHORS_UNREAD: &str = "import.authors-unread";
}
