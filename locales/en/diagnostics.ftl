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
serve-theme-failed = the theme does not load: { $error }
serve-render-failed = { $error }
serve-no-site = no site to update
serve-internal = retning failed while rebuilding ({ $cause }); please report it

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
