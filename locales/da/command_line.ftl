# Kommandolinjens egne ord, på dansk: dens brugsfejl (det clap afviste),
# `retning history`s oversigt og `retning search`s linjer. Alle id'er her findes også i
# ../en/command_line.ftl (en test tjekker det).

## Brugsfejl: efter `fejl: `; $arg er tilvalget, som clap skriver det (`--format <FORMAT>`)

usage-unknown-argument = ukendt argument '{ $arg }'
usage-unknown-command = ukendt kommando '{ $command }'
usage-missing-value = '{ $arg }' skal have en værdi
usage-invalid-value = ugyldig værdi '{ $value }' for '{ $arg }'
usage-bad-value = ugyldig værdi '{ $value }' for '{ $arg }': { $why }
usage-missing-arguments = disse argumenter mangler:
usage-missing-command = '{ $command }' skal efterfølges af en kommando
usage-repeated = '{ $arg }' kan kun angives én gang
usage-conflict = '{ $arg }' kan ikke bruges sammen med '{ $other }'
usage-conflict-other = '{ $arg }' kan ikke bruges sammen med et eller flere af de andre argumenter
usage-unexpected-value = uventet værdi '{ $value }' for '{ $arg }'; der skulle ikke være flere
usage-needs-equals = '{ $arg }' skal have sin værdi efter et lighedstegn
usage-possible-values = [mulige værdier: { $values }]
usage-commands = [kommandoer: { $values }]
usage-similar-argument = tip: { $count ->
    [one] et lignende argument findes: { $similar }
   *[other] lignende argumenter findes: { $similar }
}
usage-similar-command = tip: { $count ->
    [one] en lignende kommando findes: { $similar }
   *[other] lignende kommandoer findes: { $similar }
}
usage-similar-value = tip: { $count ->
    [one] en lignende værdi findes: { $similar }
   *[other] lignende værdier findes: { $similar }
}
# $tip: claps eget råd, på engelsk i begge sprog
usage-tip = tip: { $tip }
usage-usage = Brug: { $usage }
usage-more = Skriv '{ $help }' for at få mere at vide.
# En grund, som et bibliotek giver, med dets egne ord
usage-reason = { $reason }

## Hvorfor en værdi afvises: efter `ugyldig værdi '…' for '--today <TODAY>': `

usage-not-a-date = ikke en dato som 2026-11-24: { $error }
usage-not-a-language = ikke et sprog, retning taler: da eller en
usage-limit-zero = grænsen skal være 1 eller mere
usage-not-a-count = ikke et helt tal

## retning history: oversigten over en retningslinjes udgaver

# $from, $until, $date: datoer, eller … når de ikke kendes; $commit: dens første ti tegn
history-listing-version = { $version } i kraft { $from } – { $until } commit { $commit } fra { $date }  { $path }
history-listing-current = (nuværende)
history-listing-not-committed = (ikke committet)

## retning history: hvorfor en tidligere udgave er udeladt ($shown: dens fil@commit)

history-unreadable-git = { $shown }: git kan ikke læse den: { $error }
history-unreadable-not-utf8 = { $shown }: den gemte tekst { $blob } er ikke UTF-8
history-unreadable-front-matter = { $shown }: dens forside (front matter) kan ikke længere læses

## retning history --diff: hvad der er ændret mellem to udgaver

changes-title = Ændringer fra udgave { $from } til { $to }
changes-none = Ingen anbefaling eller sektion er ændret.
changes-added = Anbefaling { $id }: tilføjet ({ $strength })
changes-withdrawn = Anbefaling { $id }: trukket tilbage (var { $strength })
changes-changed = Anbefaling { $id }: { $what }
changes-reworded = omformuleret
changes-strength = styrke { $before } → { $after }
changes-sections = Sektioner:
changes-section = { $change ->
    [added] tilføjet
    [removed] fjernet
   *[changed] ændret
}: { $title }

## retning search: linjerne omkring fundene

search-corrected = Viser resultater for »{ $query }«
search-no-results = Ingen resultater for »{ $query }«. Prøv et kortere ord eller færre ord.
