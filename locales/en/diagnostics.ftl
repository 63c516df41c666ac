# retning's messages to authors, in English. Every id here is in ../da/diagnostics.ftl too
# (a test checks). Values in { $braces } are names, paths, keys and counts.

## Output around the findings

summary = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
label-here = here
label-help = help
more-on-line = and { $count } more `{ $code }` on this line

## The preview's overlay (retning serve)

overlay-errors = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}
overlay-warnings = { $warnings ->
    [one] and 1 warning: see retning check
   *[other] and { $warnings } warnings: see retning check
}
overlay-advice = Fix and save; until then the last good version of each page is shown.
overlay-hide = Hide
overlay-more = and { $count } more: see retning check
theme = the theme does not load: { $error }
render = { $error }
render-failed = { $failed }: { $cause }
render-part-app-icons = the app icons
render-part-offline-lists = the offline lists
render-part-context = the pages' shared template context
internal-no-site = no site to update
internal = retning failed while rebuilding ({ $cause }); please report it

## Dates and approval

approval-missing = an approved guideline needs its { $kind } approval
approval-missing-help = add `{ $kind } = { "{" } date = …, by = "…" { "}" }` under [approval], or set status = "draft"
dates-order-administrative = the administrative approval ({ $administrative }) is before the professional approval ({ $professional })
dates-order-administrative-help = the secretariat approves after the DMCG: professional ≤ administrative
dates-order-revision = the planned revision ({ $planned }) must be after the approval ({ $approval })
dates-order-revision-help = check the year of [revision] planned
dates-order-published = published ({ $published }) is before the administrative approval ({ $administrative })
dates-order-published-help = a guideline is published after it is approved
revision-overdue = the planned revision ({ $planned }) passed { $days } days ago
revision-overdue-help = revise the guideline, or agree a new date with the guideline office

## References

citation-duplicate-definition = [^{ $key }] is already defined on line { $line }
citation-duplicate-definition-help = give each reference its own key
citation-misplaced-definition = the reference [^{ $key }] is defined outside 4. Referencer
citation-misplaced-definition-help = move the definition under # 4. Referencer
citation-undefined = [^{ $key }] is cited but never defined
citation-undefined-help = add `[^{ $key }]: Author. Title. Journal. Year;…` under # 4. Referencer
citation-unused = the reference [^{ $key }] is never cited
citation-unused-help = cite it as [^{ $key }] in the text, or remove it

## Links

link-broken = the guideline `{ $path }` does not exist
link-broken-help = link to another guideline as @/<group>/<slug>.md, e.g. @/dlg/dlbcl.md#anbefaling-3
link-broken-anchor = `{ $target }` has no `#{ $anchor }`
link-broken-anchor-help = link to an id the page has: #anbefaling-N, or a section, topic, evidence sub-section or heading (docs/format.md, "Headings and links")
link-to-draft = `{ $target }` is a draft: the published site leaves it out, so this link leads nowhere
link-to-draft-help = remove the link until the linked guideline is approved
link-insecure = `{ $url }` uses http://
link-insecure-help = use https:// where the site supports it

## Decision aids

decision-aid-missing-assessment-date = the decision aid `{ $title }` is marked as IPDAS-assessed but has no ipdas_assessed date
decision-aid-missing-assessment-date-help = add ipdas_assessed = YYYY-MM-DD, or set ipdas = "not-assessed"
decision-aid-unknown-recommendation = the decision aid `{ $title }` supports recommendation { $id }, which this guideline does not have
decision-aid-unknown-recommendation-help = use the id from the recommendation's ::: anbefaling N line
decision-aid-insecure = the decision aid's link uses http://
decision-aid-insecure-help = use https:// so the link cannot be tampered with on hospital networks

## The template's sections

template-unknown-section = `# { $title }` is not a section of the DMCG template
template-unknown-section-help = top-level headings are the template's sections: { $sections }; use ## or ### for your own headings
template-unknown-section-misspelt = did you mean `# { $title }`?
template-duplicate-section = `# { $title }` appears twice
template-duplicate-section-help = merge the two sections into one
template-section-order = `# { $title }` must come before `# { $previous }`
template-section-order-help = keep the template's order: the sections are numbered
template-quick-guide-not-empty = the Quick guide is generated from the recommendations; text typed here would drift from them
template-quick-guide-not-empty-help = leave 1. Anbefalinger (Quick guide) empty and write each recommendation once, under 3. Grundlag
template-empty-section = `# { $title }` is empty
template-empty-section-help = fill in the section before the guideline is approved
template-missing-section = the section `# { $title }` is missing
template-missing-section-help-before = add `# { $title }` before `# { $next }`; every template section is required
template-missing-section-help-at-end = add `# { $title }` at the end; every template section is required
template-empty-subsection = `### { $title }` is empty
template-empty-subsection-help = write the sub-section before the guideline is approved
template-missing-subsection = the topic `{ $topic }` has no `### { $title }`
template-missing-subsection-help = add `### { $title }` after the topic's recommendations
template-missing-subsection-misspelt = did you mean `### { $title }`?

## Recommendations and the pathway

recommendation-duplicate-id = recommendation { $id } is already used on line { $line }
recommendation-duplicate-id-help = ids are unique and stable across versions; give this one the next free number
recommendation-empty = recommendation { $id } has no text
recommendation-empty-help = write the recommendation between the ::: lines
phase-unknown = `{ $phase }` is not a phase of the pathway
phase-unknown-help = the phases in retning.toml are: { $phases }
phase-not-in-guideline = recommendation { $id } is in the phase `{ $phase }`, which the guideline's phases do not list
phase-not-in-guideline-help = add "{ $phase }" to phases in the front matter, or correct fase=
group-unknown = `{ $group }` is not a group of the site
group-unknown-help = the groups in retning.toml are: { $groups }

## retning build

build-not-published = Not published: fix the errors above. The previous site is untouched.
build-summary = Built { $guidelines } guidelines, { $pages } pages ({ $written } files written, { $unchanged } unchanged) into { $out } with { $warnings } warnings in { $time }
build-summary-unchanged = Built { $guidelines } guidelines, { $pages } pages (0 files written, { $unchanged } unchanged) into { $out } with { $warnings } warnings in { $time }: nothing changed since the last build

## Import

import-not-imported = not imported: { $reason }
import-imported = imported { $recommendations ->
    [one] 1 recommendation
   *[other] { $recommendations } recommendations
}, { $references ->
    [one] 1 reference
   *[other] { $references } references
}, { $figures ->
    [one] 1 figure
   *[other] { $figures } figures
}, { $tables ->
    [one] 1 table
   *[other] { $tables } tables
}
import-summary = { $written ->
    [one] 1 file
   *[other] { $written } files
} written, { $failed } not imported; { $errors ->
    [one] 1 error
   *[other] { $errors } errors
} and { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
} to look at

import-severity-error = error
import-severity-warning = warning
import-front-page = front page
import-no-such-file = no such file
import-no-temporary-folder = cannot make a temporary folder: { $error }
import-no-title-for-slug = the front page has no title to make a slug from; give --slug
import-bad-slug = `{ $slug }` is not a valid slug: use lower-case a–z, digits and -
import-shared-slug = another file of this import has the slug `{ $slug }`; import it alone with --slug
import-slug-one-file = --slug names one guideline; give it with one Word file only
import-exists = { $path } exists already; --force overwrites it
import-cannot-create = cannot create { $path }: { $error }
import-cannot-write = cannot write { $path }: { $error }
import-cannot-copy-image = cannot copy the image { $name }: { $error }
import-pandoc-missing = pandoc is not installed; install it with `apt-get install pandoc` (Debian/Ubuntu)
import-pandoc-too-old = pandoc { $version } is too old; retning needs pandoc 2.11 or newer (`apt-get install pandoc`)
import-pandoc-broken = `pandoc --version` failed: { $error }
import-pandoc-cannot-run = cannot run pandoc: { $error }
import-pandoc-not-word = pandoc could not read it as a Word file: { $error }
import-pandoc-bad-json = pandoc { $version }'s JSON could not be read: { $error }
import-pandoc-unsupported-api = pandoc { $version } writes JSON API { $api }; retning reads 1.22 and 1.23
import-url-map-unreadable = cannot read the URL map { $path }: { $error }
import-url-map-invalid-toml = the URL map { $path }: { $error }
import-url-map-invalid-value = the URL map { $path }: `{ $url }` must map to a string "group/slug"
import-url-map-invalid-target = the URL map { $path }: `{ $url }` maps to `{ $value }`, which is no "group/slug"
import-url-map-invalid-url = the URL map { $path }: `{ $url }` is no http(s) address
# The front page
import-title-guessed = no paragraph is marked as the title; the first one was taken: `{ $title }`
import-missing-field = the front page has no { $key ->
    [title] the title
    [version] `Version X.Y`
   *[template_version] `Skabelon v. X`
}; `{ $key }` was left out
import-missing-field-grading = no recommendation with a strength was found, so the grading (oxford or grade) is unknown; `grading` was left out
import-missing-field-keywords = the front page has no INDEKSERING; `keywords` is empty
import-missing-field-approval = the front page has no `{ $label }`; `{ $key }` was left out
import-missing-field-approving-body = `{ $label }` names no approving body in parentheses; `by` is empty
import-front-page-text = front page text that is none of the front matter fields was not imported: `{ $text }`
import-group-mismatch = the professional approval names `{ $named }`, but the guideline is imported into `{ $group }`
# $field is `planned` for the planned revision, else the front page's label (Faglig godkendelse)
import-date-irregular = { $field ->
    [planned] the planned revision
   *[other] `{ $field }`
}: `{ $text }` was read as { $date }; check it
import-date-incomplete-month = { $field ->
    [planned] the planned revision
   *[other] `{ $field }`
}: `{ $text }` gives no day; no day was made up, fill in the date
import-date-incomplete-missing = { $field ->
    [planned] the planned revision
   *[other] `{ $field }`
} has no date; fill it in
import-date-incomplete-unreadable = { $field ->
    [planned] the planned revision
   *[other] `{ $field }`
}: `{ $text }` is not a date that could be read
# Headings and sections
import-contents-dropped = the table of contents was left out (the site makes its own)
import-unknown-heading = `{ $title }` is not a template section; it was kept as a sub-heading
import-renamed-heading = `{ $old }` is an older title; it was written as `{ $title }`
import-duplicate-section = `{ $title }` appears a second time; its content was added to the first
import-template-order = the Word file has the sections in an older order ({ $sections }); they were written in the current template's order
import-missing-section = the Word file has no `{ $title }`; the section was written empty
# Recommendations
import-quick-guide-text = text in the Quick guide that is not a recommendation was not imported: `{ $text }`
import-quick-guide-only = recommendation { $number } is only in the Quick guide, not in Grundlag; it was not imported
import-quick-guide-drift-missing = recommendation { $number } is in Grundlag but not in the Word file's Quick guide
import-quick-guide-drift-strength = recommendation { $number } has strength ({ $quick }) in the Quick guide but ({ $grundlag }) in Grundlag; Grundlag's was imported
import-quick-guide-drift-text = recommendation { $number } reads differently in the Quick guide (`{ $text }`); Grundlag's text was imported
import-unreadable-strength = recommendation { $number } ends in ({ $strength }), which is no strength of Oxford or GRADE; it was kept as text
# $count other recommendations: $rest (comma-separated, may be empty) and $last
import-mixed-grading = recommendation { $first } is graded { $scheme }, but { $count ->
    [one] recommendation { $last } is
   *[other] recommendations { $rest } and { $last } are
} not; `grading` was set from the first
import-changelog-unread-table = Nyt siden sidst has no table of recommendation numbers; mark new and changed recommendations `ny` / `ændret` by hand
import-changelog-unread-number = Nyt siden sidst names recommendation { $number }, which Grundlag does not have
# References, images, links and the rest
import-reference-unnumbered = text under Referencer that is not a numbered reference was kept as text; nothing can cite it
# $rest and $last: the numbers of `(1,5)`, the last one apart
import-ambiguous-citation = `{ $written }` may be citations of references { $rest } and { $last } or a decimal number, so it was kept as text; if it cites them, write `{ $citations }`
import-image-without-alt = the image { $path } has no alt text in Word; write what it shows between ![ and ]
import-image-not-embedded = an image that is not embedded in the Word file (`{ $url }`) was not imported
import-word-footnote = a Word footnote was written into the text in parentheses: ({ $text })
import-unsupported-content = { $what ->
    [formula] a formula (Word equation)
    [nested-table] a table inside a table cell
   *[raw] raw { $format }
} could not be imported: `{ $text }`
import-unsupported-content-image-in-table = a table with merged cells holds no images, so the image `{ $alt }` in it was written below the table; move it where it belongs
import-unsupported-content-link-in-table = a table with merged cells holds no links, so this one was written as text: `{ $text }` → { $destination }; link it in the text next to the table
import-unsupported-content-link-scheme = a `{ $scheme }:` link cannot be on a page (only https, http, mailto and tel can), so only its text `{ $text }` was written; it pointed to { $url }
import-unmapped-link = a link to the old site is not in the URL map and was kept as it is: { $url }
import-bad-alias = the old address { $url } cannot be an alias, so it was left out: { $problem }
import-authors-unread = no table of authors (Navn, Titel, Arbejdssted, Habilitet) under Forfattere og habilitet; `[[authors]]` is empty, the text was kept
## Parser and template

frontmatter-missing = the file does not start with front matter: the first line must be +++
frontmatter-missing-empty = the file is empty; a guideline starts with TOML front matter between +++ lines
frontmatter-missing-help = start the file with +++, the front matter keys, and +++ (see FORMAT.md; `retning new` writes a template)
frontmatter-unterminated = the front matter opened here is never closed
frontmatter-unterminated-help = add a line with only +++ after the last front matter key
frontmatter-syntax = invalid TOML: { $detail }
frontmatter-syntax-help = the front matter is TOML: text needs quotes, dates are written like 2024-02-01
frontmatter-unknown-key = unknown key `{ $key }`
frontmatter-unknown-key-help = check the spelling; the keys here are { $keys } (FORMAT.md describes every key)
frontmatter-missing-key = the key `{ $key }` is missing
frontmatter-missing-key-help = every guideline needs title, version, status, template_version, grading and [revision] planned
frontmatter-invalid = invalid value: { $detail }
frontmatter-invalid-variant = `{ $value }` is not allowed here; the allowed values are { $allowed }
frontmatter-invalid-help = see FORMAT.md for the allowed values
frontmatter-bad-date-blank = the date is blank
frontmatter-bad-date-month-only = `{ $value }` gives only a month; write the full date, such as { $value }-01
frontmatter-bad-date-quoted = `{ $value }` is a quoted string, not a date; remove the quotes
frontmatter-bad-date-not-a-date = `{ $value }` is not a date
frontmatter-bad-date-time-of-day = `{ $value }` has a time of day; write only the date
frontmatter-bad-date-not-in-calendar = `{ $value }` is not a calendar date: { $detail }
frontmatter-bad-date-wrong-type = expected a date, found { $found }
frontmatter-bad-date-help = write dates in ISO form without quotes, like 2024-02-01
frontmatter-bad-date-invalid = `{ $value }` is not a real calendar date
frontmatter-bad-date-invalid-help = write a real calendar date in ISO form without quotes, like 2024-02-01
frontmatter-control-character = this value holds the control character U+{ $code }, which has no place in a guideline
frontmatter-control-character-help = remove the escape (such as \u001b) from the text
alias-invalid-unusable = the alias `{ $alias }` cannot be used: { $why }
alias-invalid-group-page = the alias `{ $alias }` is the address of a group page
alias-invalid-guideline-page = the alias `{ $alias }` is the address of a guideline page
alias-invalid-inside-page = the alias `{ $alias }` lies inside the guideline page /{ $page }
alias-invalid-claimed = the alias `{ $alias }` is also claimed by { $other }
alias-invalid-help = an alias is an old URL path of this guideline, like /lymfom/dlbcl/, that should redirect here
template-content-outside-section = text before the first section heading belongs to no template section
template-content-outside-section-help = start the body with # Nyt siden sidst (ændringslog); the title comes from the front matter
heading-duplicate-id = this heading would get the id `#{ $id }`, which the heading on line { $line } has already
heading-duplicate-id-page = this heading would get the id `#{ $id }`, which the page uses for a template section or its own parts
heading-duplicate-id-help = reword one of the headings: a link to `#{ $id }` must lead to one place (this one is `#{ $anchor }` for now)
container-unknown = unknown container `::: { $name }`
container-unknown-help = the only container is ::: anbefaling N (STRENGTH)
container-unterminated = this container is never closed
container-unterminated-help = end the recommendation with a line holding only :::
container-stray-close = this ::: closes nothing
container-stray-close-help = remove it, or open a recommendation above it with ::: anbefaling N (STRENGTH)
container-nested = a container cannot start inside another (the one opened on line { $line } is not closed)
container-nested-help = close the container opened on line { $line } with a line holding only ::: before starting the next
recommendation-bad-header-no-id = the recommendation has no id
recommendation-bad-header-no-strength = recommendation { $id } has no strength in parentheses
recommendation-bad-header-unclosed = the strength's parenthesis is never closed
recommendation-bad-header-marker = `{ $text }` after the strength is not ny or ændret
recommendation-bad-header-help = write the opening line as ::: anbefaling N (STRENGTH), optionally followed by ny or ændret and { "{" }attributes{ "}" }
recommendation-bad-id = `{ $text }` is not a recommendation id; ids are positive whole numbers
recommendation-bad-id-help = number recommendations 1, 2, 3, …; a withdrawn number stays retired
recommendation-bad-strength = `{ $text }` is not a strength of recommendation
recommendation-bad-strength-grade-in-oxford = `{ $text }` is a GRADE strength, but this guideline uses Oxford grading
recommendation-bad-strength-oxford-in-grade = `{ $text }` is an Oxford strength, but this guideline uses GRADE
recommendation-bad-strength-reversed = the range `{ $text }` must go from the stronger to the weaker letter, like { $stronger }-{ $weaker }
recommendation-bad-strength-certainty = `{ $certainty }` is not a GRADE certainty (høj, moderat, lav or meget lav)
recommendation-bad-strength-oxford-help = with grading = "oxford" write A, B, C or D, or a range such as A-C
recommendation-bad-strength-grade-help = with grading = "grade" write stærk for, svag for, svag imod or stærk imod (optionally with certainty: ", høj", ", moderat", ", lav", ", meget lav"), or god praksis
recommendation-misplaced = recommendation { $id } must stand under a ## topic of 3. Grundlag, before its evidence sub-sections
recommendation-misplaced-help = move it below the topic's ## heading and above ### Litteratur og evidensgennemgang
recommendation-bad-attribute-unclosed = the attributes' { "{" } is not closed by a { "}" } at the end of the line
recommendation-bad-attribute-not-a-pair = `{ $pair }` is not key=value
recommendation-bad-attribute-empty-phase = an empty phase in fase=
recommendation-bad-attribute-no-indicator = monitorering="{ $value }" names no indicator: write the database and the indicator, like "DLCR 3a"
recommendation-bad-attribute-unknown = `{ $key }` is not an attribute of a recommendation (fase, monitorering)
recommendation-bad-attribute-help = write attributes as { "{" }fase=behandling monitorering="DLCR 3a"{ "}" }: fase names one or more phases (comma-separated), monitorering the database and its indicator
recommendation-unmarked-new = recommendation { $id } is new since version { $version } but not marked `ny`
recommendation-unmarked-new-help = write `ny` after the strength: ::: anbefaling { $id } (…) ny
recommendation-unmarked-change = recommendation { $id } changed since version { $version } ({ $change ->
    [reworded] reworded
    [regraded] strength { $before } → { $after }
   *[both] reworded, strength { $before } → { $after }
}) but is not marked `ændret`
recommendation-unmarked-change-help = write `ændret` after the strength: ::: anbefaling { $id } (…) ændret
recommendation-stale-marker = recommendation { $id } is marked `{ $marker }` but did not change since version { $version }
recommendation-stale-marker-help = remove the marker: it tells readers what is new in this version
citation-bad-evidence-level = `[{ $level }]` is not an Oxford level of evidence
citation-bad-evidence-level-help = levels are 1a, 1b, 2a, 2b, 3a, 3b, 4 and 5
link-unsafe-scheme = the link `{ $link }` uses `{ $scheme }:`, which a page never links to
link-unsafe-scheme-help = link with https://, http://, mailto: or tel:, a path on this site, or @/<group>/<slug>.md
## Files and assets

source-unreadable = cannot read the file: { $error }
source-unreadable-directory = this is a directory, not a guideline file
source-unreadable-directory-help = rename the directory; only files may end in .md under guidelines/
source-unreadable-not-utf8 = the file is not valid UTF-8 (first bad byte at line { $line }, column { $column }); save it as UTF-8
source-bad-path = a guideline must be at guidelines/<group>/<slug>.md
source-bad-path-help = move it into the folder of its DMCG group, e.g. guidelines/dlg/
source-bad-path-slug = `{ $slug }` is not a valid file name: it becomes the page's URL
source-bad-path-slug-help = use lower-case a–z, digits and -, e.g. opfoelgning-koloncancer.md
source-outside-site = this is a link to { $target }, outside the site: it is not read
source-outside-site-help = copy the file into the site instead of linking to it
source-unknown-group = the group folder `{ $group }` is not listed in retning.toml
source-unknown-group-help = add `{ $group } = "…"` under [groups] in retning.toml, or move the file to one of: { $groups }
config-invalid = { $error }
config-invalid-help = see the README for every key of retning.toml
config-invalid-unreadable = cannot read { $file }: { $why }
config-invalid-unreadable-help = run retning in the site's folder, or create retning.toml (see the README)
config-invalid-base-url = base_url `{ $url }` is not an absolute http:// or https:// address
config-invalid-base-url-no-host = base_url `{ $url }` has no host name
config-invalid-base-url-character = base_url `{ $url }` holds { $character }, which an address of a site cannot
config-invalid-base-url-help = write the address the site is published at, like https://example.org/retningslinjer/
config-invalid-group-key = the group key `{ $key }` cannot be a folder of the site: { $why }
config-invalid-group-key-help = a group key is the DMCG's code in lower case, like dlg or dahanca
config-invalid-phase-slug = the phase slug `{ $slug }` cannot be an address: { $why }
config-invalid-phase-twice = the phase `{ $slug }` is listed twice
config-invalid-phase-help = a phase is { "{" } slug = "udredning", name = "Udredning" { "}" }; the slug is lower-case a–z, digits and -
path-problem-empty = it is empty
path-problem-not-a-slug = `{ $name }` may only hold lower-case a–z, digits and -, and may not start or end with -
path-problem-reserved = `/{ $name }/` is the address of one of the site's own pages
path-problem-home = it is the address of the site's home page
path-problem-not-absolute = it must start with / (a path on this site, like /lymfom/dlbcl/)
path-problem-bad-part = `{ $part }` is not allowed in a path: use letters, digits, - . _ ~ and %
synonyms-invalid = { $error }
synonyms-invalid-help = see the README, "Search", for the format of synonyms.toml
synonyms-invalid-unreadable = cannot read { $file }: { $why }
synonyms-invalid-in-another-group = "{ $word }" is also in another group (as "{ $first }"): a word belongs to one group
synonyms-invalid-too-few-words = a group needs at least two different words
synonyms-invalid-no-term = "{ $word }" is a stop word or has no letters
synonyms-invalid-phrase-splits = "{ $word }" splits into words at "{ $gap }": the words of a phrase are joined by spaces or hyphens only (search matches the phrase only where the text joins its words so)
synonyms-invalid-phrase-too-long = "{ $word }" has { $words } words: a phrase has at most { $most }
synonyms-invalid-phrase-only-stop-words = "{ $word }" has only stop words
synonyms-invalid-phrase-no-letters = "{ $word }" has a word with no letters
asset-bad-place = the folder `{ $folder }` has no guideline `{ $folder }.md` beside it
asset-bad-place-help = a guideline's figures and attachments go in a folder named like its file, next to it
asset-bad-place-folder = a guideline's folder cannot hold folders
asset-bad-place-folder-help = put the files directly in the guideline's folder
asset-unsupported-type = `{ $name }` is not a kind of file the site publishes
asset-unsupported-type-help = images: PNG, JPEG, WebP, GIF, SVG; attachments: PDF, XLSX, DOCX, CSV
asset-unreadable-image-size = cannot read the image's size: { $error }
asset-unreadable-image-size-help = save the image again as PNG, JPEG, WebP or GIF
asset-unreadable-svg-not-utf8 = the SVG is not UTF-8 text
asset-unreadable-svg-size = the SVG does not say its size
asset-unreadable-svg-size-help = give the <svg> element a viewBox, e.g. viewBox="0 0 640 480"
asset-unsafe-svg-not-xml = the SVG is not well-formed XML: { $error }
asset-unsafe-svg-element = the SVG holds a <{ $element }> element
asset-unsafe-svg-style-import = the SVG's <style> imports another style sheet
asset-unsafe-svg-style-url = the SVG's <style> refers to another file with url(…)
asset-unsafe-svg-event-handler = an <{ $element }> element of the SVG has an event handler `{ $attribute }`
asset-unsafe-svg-javascript = an <{ $element }> element of the SVG has a javascript: URL in `{ $attribute }`
asset-unsafe-svg-href = an <{ $element }> element of the SVG refers to another file, `{ $target }`
asset-unsafe-svg-style-attribute-import = an <{ $element }> element of the SVG imports another style sheet
asset-unsafe-svg-style-attribute-url = an <{ $element }> element of the SVG refers to another file with url(…)
asset-unsafe-svg-root = the file's root element is not <svg>
asset-unsafe-svg-help = an SVG opened from the site runs in its origin: remove scripts, event handlers, javascript: URLs, <foreignObject> and references to other files (export it again as plain SVG)
asset-outside-folder = `{ $target }` is not a file in this guideline's folder `{ $slug }/`
asset-outside-folder-help = put the file in guidelines/{ $group }/{ $slug }/ and write { $slug }/<name>; link to another guideline as @/<group>/<slug>.md
asset-bad-name = `{ $name }` is not a URL-safe file name
asset-bad-name-help = rename the file to `{ $suggested }` (lower-case a–z, digits, - and _) and write { $slug }/{ $suggested } here
asset-missing = guidelines/{ $group }/{ $slug }/{ $name } does not exist
asset-missing-help = put the file in guidelines/{ $group }/{ $slug }/, or correct the name
asset-large-image = `{ $name }` is { $megabytes }.{ $tenths } MB: slow to load on a phone
asset-large-image-help = make it smaller than 1 MB: SVG for drawings, a smaller PNG or JPEG for photos
asset-unused = `{ $name }` is not used by { $guideline }: it is not published
asset-unused-help = show it with ![…]({ $slug }/{ $name }) or link to it, or delete it
image-missing-alt = the image has no alt text
image-missing-alt-help = say what the image shows between the brackets: ![Flowchart over udredningen](…) — readers who cannot see it depend on it (WCAG 1.1.1)

html-dropped = raw HTML is shown as text: only a table may be written in HTML
html-dropped-block-help = write it in Markdown, or as a <table> (docs/format.md lists the HTML a table may use)
html-dropped-inline-help = write it in Markdown (docs/format.md lists what a guideline can hold)
html-dropped-comment = an HTML comment is not allowed in a table and is dropped
html-dropped-element = the <{ $element }> element is not allowed in a table and is dropped
html-dropped-attribute = the `{ $attribute }` attribute of <{ $element }> is not allowed in a table and is dropped
html-dropped-from-table-help = a table may use table, caption, thead, tbody, tr, th, td (colspan, rowspan; scope on th), br, sup, sub, em and strong
table-duplicate-number = this table's caption says Tabel { $number }, as the caption of the table on line { $line } does
table-duplicate-number-help = number the tables one after another (Tabel 1, Tabel 2, …): a screen reader names each table by its number

## Terminal

serve-serving = Serving { $root } at { $url } (Ctrl-C stops)
serve-changed-file = { $file } changed
serve-changed-files = { $count } files changed
serve-site-wide = site-wide check
serve-built = built { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} in { $millis } ms
serve-updated = updated { $files ->
    [one] 1 file
   *[other] { $files } files
} in { $millis } ms
serve-warnings = { $warnings ->
    [one] 1 warning (retning check shows it)
   *[other] { $warnings } warnings (retning check shows them)
}
serve-errors = { $errors ->
    [one] 1 error, shown on every page:
   *[other] { $errors } errors, shown on every page:
}
history-turned-off = history is turned off (--no-history)
history-not-git = the site is not in a git repository
history-no-commits = the site's git repository has no commits yet
history-shallow = the site is a shallow git clone (`git fetch --unshallow` fetches its whole history)
history-failed = cannot read the site's git history: { $error }
note-history-badges = note: { $why }; `ny`/`ændret` badges are not checked against earlier versions
note-history-preview = note: { $why }; the preview shows no earlier versions
note-history-changes = note: { $why }; the changes listed are the `ny`/`ændret` badges
report-leaves-out = warning: the report leaves out the files with errors above; run `retning check` and fix them
new-created = Created { $path }
build-cache-not-written = note: cannot write the build cache in { $folder }: { $error }
serve-no-browser = cannot open a browser ({ $opener }: { $error }); open { $url } yourself
error-line = error: { $error }
error-build-refused = refusing to build into { $folder }
error-theme-unloadable = cannot load the theme
error-cache-not-cleared = cannot clear the build cache in { $folder }
error-site-folder-unresolvable = cannot resolve the site folder
error-no-such-path = { $path }: no such file or folder
error-path-unresolvable = cannot resolve { $path }
error-no-guideline = no guideline `{ $guideline }` (expected <group>/<slug>, e.g. dlg/dlbcl, of a file that parses)
error-no-earlier-versions = { $why }; there are no earlier versions
error-not-a-range = `{ $range }` is not a range like 1.0..2.0
error-no-version = no approved version { $version } in the history (known: { $known })
error-no-search-index = no search index at { $folder }; run `retning build` first
error-search-index-unreadable = cannot open the search index at { $folder } (if another version of retning wrote it, run `retning build` again)
error-not-a-group = `{ $group }` is not a group in retning.toml; known groups: { $known }
error-invalid-slug = `{ $slug }` is not a valid slug: use lower-case a–z, digits and -
error-empty-title = the title is empty
error-revision-date-out-of-range = the revision date is out of range
error-cannot-create = cannot create { $path }
error-cannot-create-new = cannot create { $path } (does it exist already?)
error-cannot-write = cannot write { $path }
error-cannot-render = cannot render { $page }
error-site-config-unreadable = cannot read the site configuration
error-site-folder-unopenable = cannot open the site folder { $folder }
error-runtime = cannot start the server's runtime
error-listen = cannot listen on { $address }
error-watch = cannot watch { $folder }
error-first-build-unstarted = cannot start the first build
error-search-thread = cannot start the search thread
error-rebuild-thread = cannot start the rebuild thread
error-first-build-unfinished = the first build did not finish
error-server-stopped = the server stopped
serve-watch-failed = warning: watching the site's files: { $error }
serve-cannot-watch = warning: cannot watch { $folder }: { $error }
serve-thread-failed = warning: { $thread } failed; the next change tries again
serve-search-failed = warning: the preview's search index failed: { $error }
error-cannot-clear = cannot clear { $path }
error-site-not-written = cannot write the site to { $folder }
error-site-not-compressed = cannot compress the site in { $folder }
error-search-index-not-built = cannot build the search index
error-site-not-swapped = cannot put the new site in place at { $folder }
error-search-index-not-written = cannot write the search index to { $folder }
progress-checking = Checking guidelines
progress-search-index = Building the search index
progress-pages = Rendering pages
progress-writing = Writing
progress-compressing = Compressing
history-version-left-out = warning: { $problem }
history-only-current = { $why }; only the current version is known
history-note = note: { $note }
build-no-guideline = note: no guideline was found under { $folder }/: the site has no guideline pages (retning new <group> <slug> --title T writes one)
build-only-drafts = note: every guideline is a draft ({ $drafts }), so none was published: approve one (status = "approved"), or pass --drafts for a preview
output-is-root = { $out } is the root folder of the site: building there would delete the site's sources
output-is-source = { $out } is `{ $source }` of the site: building there would delete the site's sources
output-holds-root = { $out } holds the root folder { $root } of the site: building there would delete it
output-inside-source = { $out } is inside `{ $source }` of the site: the build would replace the site's sources
output-is-file-system-root = { $out } is the file-system root: a build replaces its output folder whole
output-is-home = { $out } is your home folder: a build replaces its output folder whole
output-not-a-folder = { $out } is not a folder: a build writes a folder of files
output-not-ours = { $out } holds files that `retning build` did not write (it has no { $marker }): a build would delete them; choose an empty or new folder, or pass --force to replace it
output-looks-like-a-site = { $out } holds { $holds }, so it looks like a site or repository of its own: it is never replaced, even with --force
output-unreadable = cannot look at { $out }: { $error }
error-search-index-panicked = the search index build panicked (a bug in retning: please report it)
