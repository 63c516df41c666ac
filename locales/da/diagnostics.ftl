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
theme = temaet kan ikke indlæses: { $error }
render = { $error }
internal-no-site = der er intet websted at opdatere
internal = retning fejlede under genopbygningen ({ $cause }); rapportér det venligst

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

## Datoer og godkendelse

approval-missing = { $kind ->
    [professional] en godkendt retningslinje skal have en faglig godkendelse
   *[administrative] en godkendt retningslinje skal have en administrativ godkendelse
}
approval-missing-help = tilføj `{ $kind } = { "{" } date = …, by = "…" { "}" }` under [approval], eller sæt status = "draft"
dates-order-administrative = den administrative godkendelse ({ $administrative }) ligger før den faglige godkendelse ({ $professional })
dates-order-administrative-help = sekretariatet godkender efter DMCG'en: faglig ≤ administrativ
dates-order-revision = den planlagte revisionsdato ({ $planned }) skal ligge efter godkendelsen ({ $approval })
dates-order-revision-help = tjek årstallet i planned under [revision]
dates-order-published = udgivelsesdatoen ({ $published }) ligger før den administrative godkendelse ({ $administrative })
dates-order-published-help = en retningslinje udgives, efter at den er godkendt
revision-overdue = den planlagte revisionsdato ({ $planned }) var for { $days } dage siden
revision-overdue-help = revidér retningslinjen, eller aftal en ny dato med sekretariatet for kliniske retningslinjer

## Referencer

citation-duplicate-definition = [^{ $key }] er allerede defineret i linje { $line }
citation-duplicate-definition-help = giv hver reference sin egen nøgle
citation-misplaced-definition = referencen [^{ $key }] er defineret uden for 4. Referencer
citation-misplaced-definition-help = flyt definitionen ind under # 4. Referencer
citation-undefined = der henvises til [^{ $key }], men referencen er ikke defineret
citation-undefined-help = tilføj `[^{ $key }]: Forfatter. Titel. Tidsskrift. År;…` under # 4. Referencer
citation-unused = der henvises aldrig til referencen [^{ $key }]
citation-unused-help = henvis til den med [^{ $key }] i teksten, eller fjern den

## Henvisninger

link-broken = retningslinjen `{ $path }` findes ikke
link-broken-help = henvis til en anden retningslinje som @/<gruppe>/<navn>.md, fx @/dlg/dlbcl.md#anbefaling-3
link-broken-anchor = `{ $target }` har intet `#{ $anchor }`
link-broken-anchor-help = henvis til et id, siden har: #anbefaling-N eller et afsnit, emne, evidensafsnit eller en overskrift (docs/format.md, "Headings and links")
link-to-draft = `{ $target }` er en kladde: det udgivne websted udelader den, så henvisningen fører ingen steder hen
link-to-draft-help = fjern henvisningen, indtil den anden retningslinje er godkendt
link-insecure = `{ $url }` bruger http://
link-insecure-help = brug https://, hvor webstedet understøtter det

## Beslutningsstøtteværktøjer

decision-aid-missing-assessment-date = beslutningsstøtteværktøjet `{ $title }` er markeret som IPDAS-vurderet, men har ingen ipdas_assessed-dato
decision-aid-missing-assessment-date-help = tilføj ipdas_assessed = ÅÅÅÅ-MM-DD, eller sæt ipdas = "not-assessed"
decision-aid-unknown-recommendation = beslutningsstøtteværktøjet `{ $title }` understøtter anbefaling { $id }, som retningslinjen ikke har
decision-aid-unknown-recommendation-help = brug nummeret fra anbefalingens ::: anbefaling N-linje
decision-aid-insecure = linket til beslutningsstøtteværktøjet bruger http://
decision-aid-insecure-help = brug https://, så linket ikke kan ændres undervejs på hospitalets netværk

## Skabelonens afsnit

template-unknown-section = `# { $title }` er ikke et afsnit i DMCG-skabelonen
template-unknown-section-help = overskrifter på øverste niveau er skabelonens afsnit: { $sections }; brug ## eller ### til dine egne overskrifter
template-unknown-section-misspelt = mente du `# { $title }`?
template-duplicate-section = `# { $title }` står der to gange
template-duplicate-section-help = saml de to afsnit til ét
template-section-order = `# { $title }` skal stå før `# { $previous }`
template-section-order-help = følg skabelonens rækkefølge: afsnittene er nummererede
template-quick-guide-not-empty = Quick guiden laves ud fra anbefalingerne; tekst skrevet her ville komme ud af trit med dem
template-quick-guide-not-empty-help = lad 1. Anbefalinger (Quick guide) være tom, og skriv hver anbefaling én gang, under 3. Grundlag
template-empty-section = `# { $title }` er tomt
template-empty-section-help = udfyld afsnittet, før retningslinjen godkendes
template-missing-section = afsnittet `# { $title }` mangler
template-missing-section-help-before = tilføj `# { $title }` før `# { $next }`; alle skabelonens afsnit skal være der
template-missing-section-help-at-end = tilføj `# { $title }` til sidst; alle skabelonens afsnit skal være der
template-empty-subsection = `### { $title }` er tomt
template-empty-subsection-help = skriv underafsnittet, før retningslinjen godkendes
template-missing-subsection = emnet `{ $topic }` har intet `### { $title }`
template-missing-subsection-help = tilføj `### { $title }` efter emnets anbefalinger
template-missing-subsection-misspelt = mente du `### { $title }`?

## Anbefalinger og forløbet

recommendation-duplicate-id = anbefaling { $id } er allerede brugt i linje { $line }
recommendation-duplicate-id-help = numrene er entydige og faste fra version til version; giv denne anbefaling det næste ledige nummer
recommendation-empty = anbefaling { $id } har ingen tekst
recommendation-empty-help = skriv anbefalingen mellem :::-linjerne
phase-unknown = `{ $phase }` er ikke en fase i forløbet
phase-unknown-help = faserne i retning.toml er: { $phases }
phase-not-in-guideline = anbefaling { $id } hører til fasen `{ $phase }`, som ikke står blandt retningslinjens faser
phase-not-in-guideline-help = tilføj "{ $phase }" til phases i forsiden (front matter), eller ret fase=
group-unknown = `{ $group }` er ikke en gruppe på webstedet
group-unknown-help = grupperne i retning.toml er: { $groups }

## retning build

build-not-published = Ikke udgivet: ret fejlene ovenfor. Det tidligere websted er uændret.
build-summary = Byggede { $guidelines } retningslinjer, { $pages } sider ({ $written } filer skrevet, { $unchanged } uændrede) i { $out } med { $warnings ->
    [one] 1 advarsel
   *[other] { $warnings } advarsler
} på { $time }
build-summary-unchanged = Byggede { $guidelines } retningslinjer, { $pages } sider (0 filer skrevet, { $unchanged } uændrede) i { $out } med { $warnings ->
    [one] 1 advarsel
   *[other] { $warnings } advarsler
} på { $time }: intet er ændret siden sidste byggeri
