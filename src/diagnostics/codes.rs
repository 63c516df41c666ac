//! Every finding's stable code, in one reviewable place. Scripts and CI match on these, so a
//! code is never renamed; retire it instead.

// Reading files and where they live.
/// The file cannot be read (I/O error, a directory, not UTF-8).
pub const SOURCE_UNREADABLE: &str = "source.unreadable";
/// The file is not at `guidelines/<group>/<slug>.md`, or the slug has invalid characters.
pub const SOURCE_BAD_PATH: &str = "source.bad-path";
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
/// An `http://` link (warning: prefer https).
pub const LINK_INSECURE: &str = "link.insecure";

// Decision aids.
/// An assessed aid without `ipdas_assessed`.
pub const DECISION_AID_MISSING_ASSESSMENT_DATE: &str = "decision-aid.missing-assessment-date";
/// An aid that names a recommendation id the guideline does not have.
pub const DECISION_AID_UNKNOWN_RECOMMENDATION: &str = "decision-aid.unknown-recommendation";

// Revision.
/// The planned revision date has passed (warning).
pub const REVISION_OVERDUE: &str = "revision.overdue";
