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
