# The command line's own words, in English: its usage errors (what clap refused),
# `retning history`'s listing and `retning search`'s lines. Every id here is in
# ../da/command_line.ftl too (a test checks).

## Usage errors: after `error: `; $arg is the option as clap names it (`--format <FORMAT>`)

usage-unknown-argument = unexpected argument '{ $arg }' found
usage-unknown-command = unrecognized subcommand '{ $command }'
usage-missing-value = a value is required for '{ $arg }' but none was supplied
usage-invalid-value = invalid value '{ $value }' for '{ $arg }'
usage-bad-value = invalid value '{ $value }' for '{ $arg }': { $why }
usage-missing-arguments = the following required arguments were not provided:
usage-missing-command = '{ $command }' requires a subcommand but one was not provided
usage-repeated = the argument '{ $arg }' cannot be used multiple times
usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-conflict-other = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
usage-unexpected-value = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
usage-needs-equals = equal sign is needed when assigning values to '{ $arg }'
usage-possible-values = [possible values: { $values }]
usage-commands = [subcommands: { $values }]
usage-similar-argument = tip: { $count ->
    [one] a similar argument exists: { $similar }
   *[other] some similar arguments exist: { $similar }
}
usage-similar-command = tip: { $count ->
    [one] a similar subcommand exists: { $similar }
   *[other] some similar subcommands exist: { $similar }
}
usage-similar-value = tip: { $count ->
    [one] a similar value exists: { $similar }
   *[other] some similar values exist: { $similar }
}
# $tip: clap's own hint, in English in both languages
usage-tip = tip: { $tip }
usage-usage = Usage: { $usage }
usage-more = For more information, try '{ $help }'.
# A reason given by a library, in its own words
usage-reason = { $reason }

## Why a value is refused: after `invalid value '…' for '--today <TODAY>': `

usage-not-a-date = not a date like 2026-11-24: { $error }
usage-not-a-language = not a language retning speaks: da or en
usage-limit-zero = the limit must be 1 or more
usage-not-a-count = not a whole number

## retning history: the listing of a guideline's versions

# $from, $until, $date: dates, or … when not known; $commit: its first ten characters
history-listing-version = { $version } in force { $from } – { $until } commit { $commit } of { $date }  { $path }
history-listing-current = (current)
history-listing-not-committed = (not committed)

## retning history: why an earlier version is left out ($shown: its file@commit)

history-unreadable-git = { $shown }: git cannot read it: { $error }
history-unreadable-not-utf8 = { $shown }: the stored text { $blob } is not UTF-8
history-unreadable-front-matter = { $shown }: its front matter can no longer be read

## retning history --diff: what changed between two versions

changes-title = Changes from version { $from } to { $to }
changes-none = No recommendation or section changed.
changes-added = Recommendation { $id }: added ({ $strength })
changes-withdrawn = Recommendation { $id }: withdrawn (was { $strength })
changes-changed = Recommendation { $id }: { $what }
changes-reworded = reworded
changes-strength = strength { $before } → { $after }
changes-sections = Sections:
changes-section = { $change ->
    [added] added
    [removed] removed
   *[changed] changed
}: { $title }

## retning search: the lines around the hits

search-corrected = Showing results for "{ $query }"
search-no-results = No results for "{ $query }". Try a shorter word, or fewer words.
