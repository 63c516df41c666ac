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

## Parser and template

frontmatter-missing = filen begynder ikke med forsiden (front matter): første linje skal være +++
frontmatter-missing-empty = filen er tom; en retningslinje begynder med forsiden (front matter) i TOML mellem to linjer med +++
frontmatter-missing-help = begynd filen med +++, forsidens nøgler og +++ (se FORMAT.md; `retning new` skriver en skabelon)
frontmatter-unterminated = forsiden, der begynder her, bliver aldrig afsluttet
frontmatter-unterminated-help = tilføj en linje med kun +++ efter forsidens sidste nøgle
frontmatter-syntax = forsiden er ikke gyldig TOML: { $detail }
frontmatter-syntax-help = forsiden skrives i TOML: tekst skal stå i anførselstegn, og datoer skrives som 2024-02-01
frontmatter-unknown-key = `{ $key }` er ikke en kendt nøgle i forsiden
frontmatter-unknown-key-help = tjek stavningen; her kan stå { $keys } (FORMAT.md beskriver alle nøgler)
frontmatter-missing-key = nøglen `{ $key }` mangler
frontmatter-missing-key-help = en retningslinje skal have title, version, status, template_version, grading og planned under [revision]
frontmatter-invalid = ugyldig værdi: { $detail }
frontmatter-invalid-variant = `{ $value }` er ikke tilladt her; de tilladte værdier er { $allowed }
frontmatter-invalid-help = FORMAT.md viser de tilladte værdier
frontmatter-bad-date-blank = datoen er tom
frontmatter-bad-date-month-only = `{ $value }` angiver kun en måned; skriv hele datoen, fx { $value }-01
frontmatter-bad-date-quoted = `{ $value }` står i anførselstegn og er derfor tekst, ikke en dato; fjern anførselstegnene
frontmatter-bad-date-not-a-date = `{ $value }` er ikke en dato
frontmatter-bad-date-time-of-day = `{ $value }` har et klokkeslæt; skriv kun datoen
frontmatter-bad-date-not-in-calendar = `{ $value }` er ikke en dato i kalenderen: { $detail }
frontmatter-bad-date-wrong-type = her skal stå en dato, men der står { $found ->
    [integer] et tal
    [float] et decimaltal
    [boolean] en sandhedsværdi
    [array] en liste
    [table] en tabel
   *[other] { $found }
}
frontmatter-bad-date-help = skriv datoer på formen ÅÅÅÅ-MM-DD uden anførselstegn, fx 2024-02-01
frontmatter-bad-date-invalid = `{ $value }` er ikke en dato, der findes i kalenderen
frontmatter-bad-date-invalid-help = skriv en dato, der findes, på formen ÅÅÅÅ-MM-DD uden anførselstegn, fx 2024-02-01
frontmatter-control-character = værdien indeholder kontroltegnet U+{ $code }, som ikke hører hjemme i en retningslinje
frontmatter-control-character-help = fjern escape-koden (fx \u001b) fra teksten
alias-invalid-not-absolute = aliasset `{ $alias }` kan ikke bruges: det skal begynde med / (en sti på webstedet, fx /lymfom/dlbcl/)
alias-invalid-home = aliasset `{ $alias }` kan ikke bruges: det er adressen på webstedets startside
alias-invalid-bad-part = aliasset `{ $alias }` kan ikke bruges: `{ $part }` er ikke tilladt i en sti; brug bogstaver, cifre og - . _ ~ %
alias-invalid-reserved = aliasset `{ $alias }` kan ikke bruges: `/{ $folder }/` er adressen på en af webstedets egne sider
alias-invalid-group-page = aliasset `{ $alias }` er adressen på en gruppeside
alias-invalid-guideline-page = aliasset `{ $alias }` er adressen på en retningslinjes side
alias-invalid-inside-page = aliasset `{ $alias }` ligger inde under retningslinjesiden /{ $page }
alias-invalid-claimed = aliasset `{ $alias }` bruges også af { $other }
alias-invalid-help = et alias er en gammel adresse (URL-sti) på denne retningslinje, fx /lymfom/dlbcl/, som skal sende læseren videre hertil
template-content-outside-section = teksten før den første afsnitsoverskrift hører ikke til noget af skabelonens afsnit
template-content-outside-section-help = begynd teksten med # Nyt siden sidst (ændringslog); titlen kommer fra forsiden
heading-duplicate-id = overskriften ville få id'et `#{ $id }`, som overskriften i linje { $line } allerede har
heading-duplicate-id-page = overskriften ville få id'et `#{ $id }`, som siden selv bruger til et skabelonafsnit eller sine egne dele
heading-duplicate-id-help = omformulér en af overskrifterne: et link til `#{ $id }` skal føre ét sted hen (denne får indtil videre `#{ $anchor }`)
container-unknown = `::: { $name }` er ikke en kendt blok
container-unknown-help = den eneste :::-blok er ::: anbefaling N (STYRKE)
container-unterminated = blokken bliver aldrig afsluttet
container-unterminated-help = afslut anbefalingen med en linje, der kun indeholder :::
container-stray-close = denne ::: afslutter ingen blok
container-stray-close-help = fjern den, eller begynd en anbefaling over den med ::: anbefaling N (STYRKE)
container-nested = en blok kan ikke begynde inde i en anden (blokken fra linje { $line } er ikke afsluttet)
container-nested-help = afslut blokken fra linje { $line } med en linje, der kun indeholder :::, før den næste begynder
recommendation-bad-header-no-id = anbefalingen har intet nummer
recommendation-bad-header-no-strength = anbefaling { $id } har ingen styrke i parentes
recommendation-bad-header-unclosed = parentesen om styrken bliver aldrig lukket
recommendation-bad-header-marker = efter styrken kan kun stå ny eller ændret, ikke `{ $text }`
recommendation-bad-header-help = skriv første linje som ::: anbefaling N (STYRKE), eventuelt efterfulgt af ny eller ændret og { "{" }attributter{ "}" }
recommendation-bad-id = `{ $text }` er ikke et anbefalingsnummer; numrene er positive hele tal
recommendation-bad-id-help = nummerér anbefalingerne 1, 2, 3, …; en udgået anbefalings nummer bruges ikke igen
recommendation-bad-strength = `{ $text }` er ikke en anbefalingsstyrke
recommendation-bad-strength-grade-in-oxford = `{ $text }` er en GRADE-styrke, men retningslinjen graderer efter Oxford
recommendation-bad-strength-oxford-in-grade = `{ $text }` er en Oxford-styrke, men retningslinjen graderer efter GRADE
recommendation-bad-strength-reversed = intervallet `{ $text }` skal gå fra det stærkeste til det svageste bogstav, fx { $stronger }-{ $weaker }
recommendation-bad-strength-certainty = `{ $certainty }` er ikke en GRADE-evidenskvalitet (høj, moderat, lav eller meget lav)
recommendation-bad-strength-oxford-help = med grading = "oxford" skrives A, B, C eller D eller et interval som A-C
recommendation-bad-strength-grade-help = med grading = "grade" skrives stærk for, svag for, svag imod eller stærk imod (evt. med evidensens kvalitet: ", høj", ", moderat", ", lav", ", meget lav") eller god praksis
recommendation-misplaced = anbefaling { $id } skal stå under et ##-emne i 3. Grundlag, før emnets evidensafsnit
recommendation-misplaced-help = flyt den ned under emnets ##-overskrift og op over ### Litteratur og evidensgennemgang
recommendation-bad-attribute-unclosed = attributternes { "{" } bliver ikke lukket af en { "}" } sidst på linjen
recommendation-bad-attribute-not-a-pair = `{ $pair }` har ikke formen nøgle=værdi
recommendation-bad-attribute-empty-phase = en tom fase i fase=
recommendation-bad-attribute-no-indicator = monitorering="{ $value }" nævner ingen indikator: skriv databasen og indikatoren, fx "DLCR 3a"
recommendation-bad-attribute-unknown = `{ $key }` er ikke en attribut til en anbefaling (fase, monitorering)
recommendation-bad-attribute-help = skriv attributterne som { "{" }fase=behandling monitorering="DLCR 3a"{ "}" }: fase nævner en eller flere faser (adskilt af komma), monitorering databasen og dens indikator
recommendation-unmarked-new = anbefaling { $id } er ny siden version { $version }, men er ikke markeret `ny`
recommendation-unmarked-new-help = skriv `ny` efter styrken: ::: anbefaling { $id } (…) ny
recommendation-unmarked-change = anbefaling { $id } er ændret siden version { $version } ({ $change ->
    [reworded] ny ordlyd
    [regraded] styrke { $before } → { $after }
   *[both] ny ordlyd, styrke { $before } → { $after }
}), men er ikke markeret `ændret`
recommendation-unmarked-change-help = skriv `ændret` efter styrken: ::: anbefaling { $id } (…) ændret
recommendation-stale-marker = anbefaling { $id } er markeret `{ $marker }`, men er ikke ændret siden version { $version }
recommendation-stale-marker-help = fjern markeringen: den fortæller læserne, hvad der er nyt i denne version
citation-bad-evidence-level = `[{ $level }]` er ikke et Oxford-evidensniveau
citation-bad-evidence-level-help = niveauerne er 1a, 1b, 2a, 2b, 3a, 3b, 4 og 5
link-unsafe-scheme = linket `{ $link }` bruger `{ $scheme }:`, som en side aldrig linker til
link-unsafe-scheme-help = brug https://, http://, mailto: eller tel:, en sti på dette websted eller @/<gruppe>/<navn>.md
