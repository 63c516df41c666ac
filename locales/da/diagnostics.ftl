# retnings beskeder til forfatterne, på dansk. Alle id'er her findes også i
# ../en/diagnostics.ftl (en test tjekker det). Værdier i { $klammer } er navne, stier, nøgler
# og antal.

## Omkring fundene

summary = { $errors } fejl, { $warnings ->
    [one] 1 advarsel
   *[other] { $warnings } advarsler
}
label-here = her
label-help = hjælp
more-on-line = og { $count } til med `{ $code }` på samme linje

## Forhåndsvisningens fejlboks (retning serve)

overlay-errors = { $errors } fejl
overlay-warnings = { $warnings ->
    [one] og 1 advarsel: se retning check
   *[other] og { $warnings } advarsler: se retning check
}
overlay-advice = Ret og gem; indtil da vises den seneste fejlfri udgave af hver side.
overlay-hide = Skjul
overlay-more = og { $count } mere: se retning check
serve-theme-failed = temaet kan ikke indlæses: { $error }
serve-render-failed = { $error }
serve-no-site = der er intet websted at opdatere
serve-internal = retning fejlede under genopbygningen ({ $cause }); rapportér det venligst

## Rapporten fra retning import

import-not-imported = ikke importeret: { $reason }
import-imported = importeret: { $recommendations ->
    [one] 1 anbefaling
   *[other] { $recommendations } anbefalinger
}, { $references ->
    [one] 1 reference
   *[other] { $references } referencer
}, { $figures ->
    [one] 1 figur
   *[other] { $figures } figurer
}, { $tables ->
    [one] 1 tabel
   *[other] { $tables } tabeller
}
import-summary = { $written ->
    [one] 1 fil
   *[other] { $written } filer
} skrevet, { $failed } ikke importeret; { $errors } fejl og { $warnings ->
    [one] 1 advarsel
   *[other] { $warnings } advarsler
} at se på
