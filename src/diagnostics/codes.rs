//! Every finding's stable code, in one reviewable place. Scripts and CI match on these, so a
//! code is never renamed; retire it instead.
//!
//! [`Code`] is one enum over the codes of `check`, of the preview server and of `retning
//! import`'s report; it is written (JSON, GitHub, GitLab, the terminal) as its dotted string.
//! The constants keep the construction sites short (`codes::LINK_BROKEN`).

use std::fmt;

/// Which command raises a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `retning check` (and `build`, which checks first).
    Check,
    /// `retning serve`: failures that are about no guideline (a theme, a page that does not
    /// render).
    Serve,
    /// `retning import`'s report.
    Import,
}

/// Defines [`Code`], its strings and origins, and one constant per code.
macro_rules! codes {
    (
        check { $( $(#[$check_doc:meta])* $check_const:ident = $check_variant:ident $check_text:literal, )* }
        serve { $( $(#[$serve_doc:meta])* $serve_const:ident = $serve_variant:ident $serve_text:literal, )* }
        import { $( $(#[$import_doc:meta])* $import_const:ident = $import_variant:ident $import_text:literal, )* }
    ) => {
        /// A finding's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $( $(#[$check_doc])* $check_variant, )*
            $( $(#[$serve_doc])* $serve_variant, )*
            $( $(#[$import_doc])* $import_variant, )*
        }

        impl Code {
            /// Every code, in the order of this file.
            pub const ALL: &[Code] = &[
                $( Code::$check_variant, )*
                $( Code::$serve_variant, )*
                $( Code::$import_variant, )*
            ];

            /// The code as scripts and the docs write it (`citation.undefined`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$check_variant => $check_text, )*
                    $( Code::$serve_variant => $serve_text, )*
                    $( Code::$import_variant => $import_text, )*
                }
            }

            /// Which command raises the code.
            pub fn origin(self) -> Origin {
                match self {
                    $( Code::$check_variant => Origin::Check, )*
                    $( Code::$serve_variant => Origin::Serve, )*
                    $( Code::$import_variant => Origin::Import, )*
                }
            }
        }

        $( $(#[$check_doc])* pub const $check_const: Code = Code::$check_variant; )*
        $( $(#[$serve_doc])* pub const $serve_const: Code = Code::$serve_variant; )*

        /// The codes of `retning import`'s report: what the importer could not do with
        /// certainty. They never come from `check`; `tests/suite/import/` covers them.
        pub mod import {
            use super::Code;
            $( $(#[$import_doc])* pub const $import_const: Code = Code::$import_variant; )*
        }
    };
}

codes! {
    check {
        // Reading files and where they live.
        /// The file cannot be read (I/O error, a directory, not UTF-8).
        SOURCE_UNREADABLE = SourceUnreadable "source.unreadable",
        /// The file is not at `guidelines/<group>/<slug>.md`, or the slug has invalid characters.
        SOURCE_BAD_PATH = SourceBadPath "source.bad-path",
        /// A symbolic link under `guidelines/` that leads outside the site: it is not read.
        SOURCE_OUTSIDE_SITE = SourceOutsideSite "source.outside-site",
        /// The group folder is not listed under `[groups]` in `retning.toml`.
        SOURCE_UNKNOWN_GROUP = SourceUnknownGroup "source.unknown-group",
        /// `retning.toml` is missing or invalid.
        CONFIG_INVALID = ConfigInvalid "config.invalid",
        /// `synonyms.toml` is not valid TOML, or a word in it is not one searchable word, or is in
        /// two groups.
        SYNONYMS_INVALID = SynonymsInvalid "synonyms.invalid",
        // Front matter.
        /// The file does not start with a `+++` line.
        FRONTMATTER_MISSING = FrontmatterMissing "frontmatter.missing",
        /// The opening `+++` has no closing `+++`.
        FRONTMATTER_UNTERMINATED = FrontmatterUnterminated "frontmatter.unterminated",
        /// The front matter is not valid TOML.
        FRONTMATTER_SYNTAX = FrontmatterSyntax "frontmatter.syntax",
        /// A key the format does not know (typos must not pass silently).
        FRONTMATTER_UNKNOWN_KEY = FrontmatterUnknownKey "frontmatter.unknown-key",
        /// A required key is missing.
        FRONTMATTER_MISSING_KEY = FrontmatterMissingKey "frontmatter.missing-key",
        /// A value of the wrong type or outside its allowed values.
        FRONTMATTER_INVALID = FrontmatterInvalid "frontmatter.invalid",
        /// A date that is blank, month-only or not an ISO date.
        FRONTMATTER_BAD_DATE = FrontmatterBadDate "frontmatter.bad-date",
        /// A control character (other than tab and line ends) in a front-matter value, written as
        /// an escape such as `\u001b`.
        FRONTMATTER_CONTROL_CHARACTER = FrontmatterControlCharacter "frontmatter.control-character",
        /// Dates out of order: professional ≤ administrative < planned revision.
        DATES_ORDER = DatesOrder "dates.order",
        /// An approved guideline lacks a professional or administrative approval.
        APPROVAL_MISSING = ApprovalMissing "approval.missing",
        /// An alias that is not an absolute site path, or that two guidelines claim.
        ALIAS_INVALID = AliasInvalid "alias.invalid",
        // The template's sections.
        /// One of the nine template sections is missing.
        TEMPLATE_MISSING_SECTION = TemplateMissingSection "template.missing-section",
        /// A `#` heading that is not a template section title.
        TEMPLATE_UNKNOWN_SECTION = TemplateUnknownSection "template.unknown-section",
        /// A template section appears twice.
        TEMPLATE_DUPLICATE_SECTION = TemplateDuplicateSection "template.duplicate-section",
        /// Template sections out of the template's order.
        TEMPLATE_SECTION_ORDER = TemplateSectionOrder "template.section-order",
        /// Text before the first section heading.
        TEMPLATE_CONTENT_OUTSIDE_SECTION = TemplateContentOutsideSection "template.content-outside-section",
        /// Text typed in the Quick guide, which retning generates.
        TEMPLATE_QUICK_GUIDE_NOT_EMPTY = TemplateQuickGuideNotEmpty "template.quick-guide-not-empty",
        /// A required section with no content (warning).
        TEMPLATE_EMPTY_SECTION = TemplateEmptySection "template.empty-section",
        /// A topic with recommendations lacks one of the four evidence sub-sections.
        TEMPLATE_MISSING_SUBSECTION = TemplateMissingSubsection "template.missing-subsection",
        /// An evidence sub-section is present but empty (warning).
        TEMPLATE_EMPTY_SUBSECTION = TemplateEmptySubsection "template.empty-subsection",
        /// Two headings (or a heading and a part of the page) would get the same id.
        HEADING_DUPLICATE_ID = HeadingDuplicateId "heading.duplicate-id",
        // Recommendations and `:::` containers.
        /// A `:::` container that is not `::: anbefaling`.
        CONTAINER_UNKNOWN = ContainerUnknown "container.unknown",
        /// A `:::` container that is never closed.
        CONTAINER_UNTERMINATED = ContainerUnterminated "container.unterminated",
        /// A closing `:::` with no open container.
        CONTAINER_STRAY_CLOSE = ContainerStrayClose "container.stray-close",
        /// A container opened inside another.
        CONTAINER_NESTED = ContainerNested "container.nested",
        /// The `::: anbefaling` line does not read `anbefaling N (STRENGTH) [ny|ændret]`.
        RECOMMENDATION_BAD_HEADER = RecommendationBadHeader "recommendation.bad-header",
        /// The id is not a positive integer.
        RECOMMENDATION_BAD_ID = RecommendationBadId "recommendation.bad-id",
        /// Two recommendations share an id.
        RECOMMENDATION_DUPLICATE_ID = RecommendationDuplicateId "recommendation.duplicate-id",
        /// A strength that is not valid in the guideline's grading scheme.
        RECOMMENDATION_BAD_STRENGTH = RecommendationBadStrength "recommendation.bad-strength",
        /// A recommendation outside a `##` topic of *3. Grundlag*, or below its evidence sub-sections.
        RECOMMENDATION_MISPLACED = RecommendationMisplaced "recommendation.misplaced",
        /// Attributes after the header (`{fase=… monitorering="DB indikator"}`) that cannot be read:
        /// an unknown key, no closing `}`, a monitoring without an indicator.
        RECOMMENDATION_BAD_ATTRIBUTE = RecommendationBadAttribute "recommendation.bad-attribute",
        // The patient pathway and cross-group guidelines.
        /// A phase (in `phases` or a recommendation's `fase=`) that `[pathway]` in `retning.toml`
        /// does not list.
        PHASE_UNKNOWN = PhaseUnknown "phase.unknown",
        /// A recommendation's phase that its guideline's `phases` do not list.
        PHASE_NOT_IN_GUIDELINE = PhaseNotInGuideline "phase.not-in-guideline",
        /// A group in `groups` that `[groups]` in `retning.toml` does not list.
        GROUP_UNKNOWN = GroupUnknown "group.unknown",
        /// A recommendation container with no text.
        RECOMMENDATION_EMPTY = RecommendationEmpty "recommendation.empty",
        /// A recommendation that is new since the previous approved version (git history) but not
        /// marked `ny` (warning).
        RECOMMENDATION_UNMARKED_NEW = RecommendationUnmarkedNew "recommendation.unmarked-new",
        /// A recommendation whose text or strength changed since the previous approved version but
        /// that is not marked `ændret` (warning).
        RECOMMENDATION_UNMARKED_CHANGE = RecommendationUnmarkedChange "recommendation.unmarked-change",
        /// A recommendation marked `ny` or `ændret` that did not change since the previous approved
        /// version (warning).
        RECOMMENDATION_STALE_MARKER = RecommendationStaleMarker "recommendation.stale-marker",
        // References.
        /// A citation `[^key]` with no definition.
        CITATION_UNDEFINED = CitationUndefined "citation.undefined",
        /// A definition that is never cited (warning).
        CITATION_UNUSED = CitationUnused "citation.unused",
        /// A definition outside *4. Referencer*.
        CITATION_MISPLACED_DEFINITION = CitationMisplacedDefinition "citation.misplaced-definition",
        /// The same key defined twice.
        CITATION_DUPLICATE_DEFINITION = CitationDuplicateDefinition "citation.duplicate-definition",
        /// A bracketed level after a citation that is not an Oxford level (warning).
        CITATION_BAD_EVIDENCE_LEVEL = CitationBadEvidenceLevel "citation.bad-evidence-level",
        // Links.
        /// A `@/group/slug.md` link to a guideline that does not exist.
        LINK_BROKEN = LinkBroken "link.broken",
        /// A `@/…#anchor` link whose anchor does not exist in the target.
        LINK_BROKEN_ANCHOR = LinkBrokenAnchor "link.broken-anchor",
        /// An approved guideline links to a draft, which the published site leaves out (warning).
        LINK_TO_DRAFT = LinkToDraft "link.to-draft",
        /// A link, image or decision-aid URL whose scheme is not https, http, mailto or tel
        /// (`javascript:`, `data:`, …): it could run script, so it never reaches a page.
        LINK_UNSAFE_SCHEME = LinkUnsafeScheme "link.unsafe-scheme",
        /// An `http://` link (warning: prefer https).
        LINK_INSECURE = LinkInsecure "link.insecure",
        // Figures, attachments and the HTML allowed in tables.
        /// A file beside a guideline that is not an image or attachment the site publishes.
        ASSET_UNSUPPORTED_TYPE = AssetUnsupportedType "asset.unsupported-type",
        /// A folder in a group folder with no guideline of its name, or a folder inside one.
        ASSET_BAD_PLACE = AssetBadPlace "asset.bad-place",
        /// An image whose size cannot be read (a broken file, an SVG with no size).
        ASSET_UNREADABLE = AssetUnreadable "asset.unreadable",
        /// An SVG with scripts, event handlers, javascript: URLs, `<foreignObject>` or external files.
        ASSET_UNSAFE_SVG = AssetUnsafeSvg "asset.unsafe-svg",
        /// A link or image naming a file the guideline's folder does not hold.
        ASSET_MISSING = AssetMissing "asset.missing",
        /// A relative link or image that leaves the guideline's folder (`../`, `/…`).
        ASSET_OUTSIDE_FOLDER = AssetOutsideFolder "asset.outside-folder",
        /// A file name that is not URL-safe (lower-case a–z, digits, `-`, `_`, `.`).
        ASSET_BAD_NAME = AssetBadName "asset.bad-name",
        /// A file in a guideline's folder that the guideline never uses (warning; not published).
        ASSET_UNUSED = AssetUnused "asset.unused",
        /// An image over 1 MB (warning: slow on a phone).
        ASSET_LARGE_IMAGE = AssetLargeImage "asset.large-image",
        /// An image without alt text (WCAG 1.1.1).
        IMAGE_MISSING_ALT = ImageMissingAlt "image.missing-alt",
        /// Raw HTML outside the table subset, or parts of a table the subset drops (warning).
        HTML_DROPPED = HtmlDropped "html.dropped",
        /// Two tables of a guideline whose captions give them the same number (`Tabel 2: …`).
        TABLE_DUPLICATE_NUMBER = TableDuplicateNumber "table.duplicate-number",
        // Decision aids.
        /// An assessed aid without `ipdas_assessed`.
        DECISION_AID_MISSING_ASSESSMENT_DATE = DecisionAidMissingAssessmentDate "decision-aid.missing-assessment-date",
        /// An aid that names a recommendation id the guideline does not have.
        DECISION_AID_UNKNOWN_RECOMMENDATION = DecisionAidUnknownRecommendation "decision-aid.unknown-recommendation",
        // Revision.
        /// The planned revision date has passed (warning).
        REVISION_OVERDUE = RevisionOverdue "revision.overdue",
    }
    serve {
        /// The theme (templates, `strings.toml`, assets) does not load.
        THEME = Theme "theme",
        /// A page does not render (a template error).
        RENDER = Render "render",
        /// retning itself failed while rebuilding (a bug: please report it).
        INTERNAL = Internal "internal",
    }
    import {
        /// A date read from an irregular form (`11. juli. 2018`, `1. August 2018`): check it.
        DATE_IRREGULAR = ImportDateIrregular "import.date-irregular",
        /// A month-only, missing or unreadable date: no day was made up.
        DATE_INCOMPLETE = ImportDateIncomplete "import.date-incomplete",
        /// A front matter value the front page does not give.
        MISSING_FIELD = ImportMissingField "import.missing-field",
        /// No paragraph is marked as the title; the first one was taken.
        TITLE_GUESSED = ImportTitleGuessed "import.title-guessed",
        /// Front page text that is none of the front matter fields.
        FRONT_PAGE_TEXT = ImportFrontPageText "import.front-page-text",
        /// The professional approval names another group than `--group`.
        GROUP_MISMATCH = ImportGroupMismatch "import.group-mismatch",
        /// A level-1 heading that is no template section, kept as a sub-heading.
        UNKNOWN_HEADING = ImportUnknownHeading "import.unknown-heading",
        /// A section under an older template title, written under the current one.
        RENAMED_HEADING = ImportRenamedHeading "import.renamed-heading",
        /// A template section that appears twice in the Word file.
        DUPLICATE_SECTION = ImportDuplicateSection "import.duplicate-section",
        /// The sections are in an older template's order; they were reordered.
        TEMPLATE_ORDER = ImportTemplateOrder "import.template-order",
        /// A template section the Word file does not have (written empty).
        MISSING_SECTION = ImportMissingSection "import.missing-section",
        /// The table of contents, left out.
        CONTENTS_DROPPED = ImportContentsDropped "import.contents-dropped",
        /// A recommendation whose text or strength differs between the Quick guide and Grundlag.
        QUICK_GUIDE_DRIFT = ImportQuickGuideDrift "import.quick-guide-drift",
        /// A recommendation only in the Quick guide (not imported).
        QUICK_GUIDE_ONLY = ImportQuickGuideOnly "import.quick-guide-only",
        /// Text in the Quick guide that is not a recommendation (not imported).
        QUICK_GUIDE_TEXT = ImportQuickGuideText "import.quick-guide-text",
        /// A numbered, bold paragraph ending in parentheses that hold no known strength.
        UNREADABLE_STRENGTH = ImportUnreadableStrength "import.unreadable-strength",
        /// Recommendations of both Oxford and GRADE in one file.
        MIXED_GRADING = ImportMixedGrading "import.mixed-grading",
        /// *Nyt siden sidst* could not be read for `ny` / `ændret`, or names an unknown number.
        CHANGELOG_UNREAD = ImportChangelogUnread "import.changelog-unread",
        /// Text under *Referencer* that is not a numbered reference.
        REFERENCE_UNNUMBERED = ImportReferenceUnnumbered "import.reference-unnumbered",
        /// `(1,5)`: citations or a decimal number; kept as text.
        AMBIGUOUS_CITATION = ImportAmbiguousCitation "import.ambiguous-citation",
        /// An image without alt text in Word.
        IMAGE_WITHOUT_ALT = ImportImageWithoutAlt "import.image-without-alt",
        /// An image linked from outside the Word file (not imported).
        IMAGE_NOT_EMBEDDED = ImportImageNotEmbedded "import.image-not-embedded",
        /// A Word footnote, written into the text in parentheses.
        WORD_FOOTNOTE = ImportWordFootnote "import.word-footnote",
        /// Content Markdown cannot hold (equations, raw Word XML, links in merged-cell tables).
        UNSUPPORTED_CONTENT = ImportUnsupportedContent "import.unsupported-content",
        /// A link to the old site (a host of `--url-map`) whose address the map lacks.
        UNMAPPED_LINK = ImportUnmappedLink "import.unmapped-link",
        /// An old address of the imported guideline that cannot be an alias (left out).
        BAD_ALIAS = ImportBadAlias "import.bad-alias",
        /// No table of authors under *Forfattere og habilitet*.
        AUTHORS_UNREAD = ImportAuthorsUnread "import.authors-unread",
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Codes sort as their strings, so findings on one column keep the order they always had.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_dotted_or_a_serve_word() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            let dotted = code.as_str().contains('.');
            assert_eq!(dotted, code.origin() != Origin::Serve, "{code}");
        }
        assert_eq!(
            serde_json::to_string(&LINK_BROKEN).unwrap(),
            "\"link.broken\""
        );
        assert!(import::DATE_IRREGULAR.as_str().starts_with("import."));
    }
}
