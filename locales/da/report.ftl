# `retning report`'s human tables, in Danish. JSON and CSV keep their English keys and
# values in every language (machine formats). Every id here is in ../en/report.ftl too.

## Titles of the parts

report-revision-title = Revision (i dag { $today })
report-publication-title = Publicering
report-decision-aids-title = Beslutningsstøtteværktøjer
report-monitoring-title = Monitorering pr. gruppe
report-monitored-title = Monitoreres
report-not-monitored-title = Monitoreres ikke
report-coverage-title = Dækning af patientforløbet: retningslinjer/anbefalinger pr. fase (- = ingen retningslinje)

## Column headers

report-column-group = gruppe
report-column-guideline = retningslinje
report-column-guidelines = retningslinjer
report-column-version = version
report-column-planned = planlagt
report-column-days = dage
report-column-status = status
report-column-approved = godkendt
report-column-published = publiceret
report-column-deadline = frist
report-column-lag = forsinkelse
report-column-with-aid = med værktøj
report-column-recommendation = anbefaling
report-column-recommendations = anbefalinger
report-column-monitored = monitoreres
report-column-not-monitored = monitoreres ikke
report-column-database = database
report-column-indicator = indikator

## Cells and lines under the tables

# $status: current, due or overdue (the JSON value)
report-status = { $status ->
    [current] aktuel
    [due] snart
   *[overdue] overskredet
}
report-on-time = til tiden
report-late = for sent
report-none = (ingen)
# $share, $goal: whole percentages; $met: yes or no
report-aid-coverage = Grupper med en retningslinje, der linker til et beslutningsstøtteværktøj: { $with } af { $total } ({ $share } %; mål { $goal } %: { $met ->
    [yes] nået
   *[no] ikke nået
})
report-stale-aid = Ældre end retningslinjens faglige godkendelse ({ $approval }): { $aid } i { $guideline }
report-coverage-gaps = { $group } har ingen retningslinje for: { $phases }

## --since: what changed, as the text the office sends to the steering groups

report-since-none = Ingen retningslinje er godkendt siden { $since }.
report-since-title = Nye og reviderede retningslinjer godkendt siden { $since }:
report-since-guideline = - { $title } ({ $group }), version { $version }, godkendt { $approved }
report-since-new = Nye anbefalinger: { $ids }
report-since-changed = Ændrede anbefalinger: { $ids }
report-since-withdrawn = Tilbagetrukne anbefalinger: { $ids }
report-since-compared = (sammenlignet med version { $previous })
