# `retning report`'s human tables, in English. JSON and CSV keep their English keys and
# values in every language (machine formats). Every id here is in ../da/report.ftl too.

## Titles of the parts

report-revision-title = Revision (today { $today })
report-publication-title = Publication
report-decision-aids-title = Decision aids
report-monitoring-title = Monitoring per group
report-monitored-title = Monitored
report-not-monitored-title = Not monitored
report-coverage-title = Pathway coverage: guidelines/recommendations per phase (- = no guideline)

## Column headers

report-column-group = group
report-column-guideline = guideline
report-column-guidelines = guidelines
report-column-version = version
report-column-planned = planned
report-column-days = days
report-column-status = status
report-column-approved = approved
report-column-published = published
report-column-deadline = deadline
report-column-lag = lag
report-column-with-aid = with aid
report-column-recommendation = recommendation
report-column-recommendations = recommendations
report-column-monitored = monitored
report-column-not-monitored = not monitored
report-column-database = database
report-column-indicator = indicator

## Cells and lines under the tables

# $status: current, due or overdue (the JSON value)
report-status = { $status ->
    [current] current
    [due] due
   *[overdue] overdue
}
report-on-time = on time
report-late = late
report-none = (none)
# $share, $goal: whole percentages; $met: yes or no
report-aid-coverage = Groups with a guideline linking a decision aid: { $with } of { $total } ({ $share }%; goal { $goal }%: { $met ->
    [yes] met
   *[no] not met
})
report-stale-aid = Older than the guideline's professional approval ({ $approval }): { $aid } in { $guideline }
report-coverage-gaps = { $group } has no guideline for: { $phases }

## --since: what changed, as the text the office sends to the steering groups

report-since-none = No guideline has been approved since { $since }.
report-since-title = New and revised guidelines approved since { $since }:
report-since-guideline = - { $title } ({ $group }), version { $version }, approved { $approved }
report-since-new = New recommendations: { $ids }
report-since-changed = Changed recommendations: { $ids }
report-since-withdrawn = Withdrawn recommendations: { $ids }
report-since-compared = (compared with version { $previous })
