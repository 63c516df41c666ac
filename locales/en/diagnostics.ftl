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
internal-no-site = no site to update
internal = retning failed while rebuilding ({ $cause }); please report it

## retning import's report

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
