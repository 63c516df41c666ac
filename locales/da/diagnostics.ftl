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
render-failed = { $failed }: { $cause }
render-part-app-icons = appens ikoner
render-part-offline-lists = offlinelisterne
render-part-context = sidernes fælles skabelonkontekst
internal-no-site = der er intet websted at opdatere
internal = retning fejlede under genopbygningen ({ $cause }); rapportér det venligst

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

## Import

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

import-severity-error = fejl
import-severity-warning = advarsel
import-front-page = forside
import-no-such-file = filen findes ikke
import-no-temporary-folder = kan ikke oprette en midlertidig mappe: { $error }
import-no-title-for-slug = forsiden har ingen titel at lave filnavnet ud fra; angiv --slug
import-bad-slug = `{ $slug }` kan ikke bruges som filnavn (slug): brug små bogstaver a–z, cifre og -
import-shared-slug = en anden fil i denne import har også filnavnet (slug) `{ $slug }`; importér den for sig med --slug
import-slug-one-file = --slug navngiver én retningslinje; angiv den kun sammen med én Word-fil
import-exists = { $path } findes allerede; --force overskriver den
import-cannot-create = kan ikke oprette { $path }: { $error }
import-cannot-write = kan ikke skrive { $path }: { $error }
import-cannot-copy-image = kan ikke kopiere billedet { $name }: { $error }
import-pandoc-missing = pandoc er ikke installeret; installér det med `apt-get install pandoc` (Debian/Ubuntu)
import-pandoc-too-old = pandoc { $version } er for gammel; retning kræver pandoc 2.11 eller nyere (`apt-get install pandoc`)
import-pandoc-broken = `pandoc --version` fejlede: { $error }
import-pandoc-cannot-run = kan ikke køre pandoc: { $error }
import-pandoc-not-word = pandoc kunne ikke læse den som en Word-fil: { $error }
import-pandoc-bad-json = JSON fra pandoc { $version } kunne ikke læses: { $error }
import-pandoc-unsupported-api = pandoc { $version } skriver JSON API { $api }; retning læser 1.22 og 1.23
import-url-map-unreadable = kan ikke læse adressefilen { $path }: { $error }
import-url-map-invalid-toml = adressefilen { $path }: { $error }
import-url-map-invalid-value = adressefilen { $path }: `{ $url }` skal pege på en tekst "gruppe/navn"
import-url-map-invalid-target = adressefilen { $path }: `{ $url }` peger på `{ $value }`, som ikke er "gruppe/navn"
import-url-map-invalid-url = adressefilen { $path }: `{ $url }` er ikke en http(s)-adresse
# Forsiden
import-title-guessed = intet afsnit er markeret som titel; det første blev brugt: `{ $title }`
import-missing-field = forsiden har { $key ->
    [title] ingen titel
    [version] intet `Version X.Y`
   *[template_version] intet `Skabelon v. X`
}; `{ $key }` er udeladt
import-missing-field-grading = der blev ikke fundet nogen anbefaling med en styrke, så graderingen (oxford eller grade) er ukendt; `grading` er udeladt
import-missing-field-keywords = forsiden har ingen INDEKSERING; `keywords` er tom
import-missing-field-approval = forsiden har ingen `{ $label }`; `{ $key }` er udeladt
import-missing-field-approving-body = `{ $label }` nævner ikke i parentes, hvem der har godkendt; `by` er tom
import-front-page-text = tekst på forsiden, som ikke hører til nogen af front matter-felterne, er ikke importeret: `{ $text }`
import-group-mismatch = den faglige godkendelse nævner `{ $named }`, men retningslinjen importeres i `{ $group }`
# $field er `planned` for den planlagte revision, ellers forsidens betegnelse (Faglig godkendelse)
import-date-irregular = { $field ->
    [planned] den planlagte revision
   *[other] `{ $field }`
}: `{ $text }` blev læst som { $date }; tjek det
import-date-incomplete-month = { $field ->
    [planned] den planlagte revision
   *[other] `{ $field }`
}: `{ $text }` angiver ingen dag; der er ikke gættet på en dag, så udfyld datoen
import-date-incomplete-missing = { $field ->
    [planned] den planlagte revision
   *[other] `{ $field }`
} har ingen dato; udfyld den
import-date-incomplete-unreadable = { $field ->
    [planned] den planlagte revision
   *[other] `{ $field }`
}: `{ $text }` kunne ikke læses som en dato
# Overskrifter og afsnit
import-contents-dropped = indholdsfortegnelsen er udeladt (webstedet laver sin egen)
import-unknown-heading = `{ $title }` er ikke et afsnit i skabelonen; overskriften er bevaret som underoverskrift
import-renamed-heading = `{ $old }` er en ældre overskrift; afsnittet er skrevet med overskriften `{ $title }`
import-duplicate-section = `{ $title }` står der to gange; indholdet er lagt til det første
import-template-order = Word-filen har afsnittene i en ældre rækkefølge ({ $sections }); de er skrevet i den nuværende skabelons rækkefølge
import-missing-section = Word-filen har intet `{ $title }`; afsnittet er skrevet tomt
# Anbefalinger
import-quick-guide-text = tekst i Quick guiden, som ikke er en anbefaling, er ikke importeret: `{ $text }`
import-quick-guide-only = anbefaling { $number } står kun i Quick guiden, ikke i Grundlag; den er ikke importeret
import-quick-guide-drift-missing = anbefaling { $number } står i Grundlag, men ikke i Word-filens Quick guide
import-quick-guide-drift-strength = anbefaling { $number } har styrken ({ $quick }) i Quick guiden, men ({ $grundlag }) i Grundlag; styrken fra Grundlag er importeret
import-quick-guide-drift-text = anbefaling { $number } lyder anderledes i Quick guiden (`{ $text }`); teksten fra Grundlag er importeret
import-unreadable-strength = anbefaling { $number } slutter med ({ $strength }), som ikke er en styrke i Oxford eller GRADE; den er bevaret som tekst
# $count andre anbefalinger: $rest (kommasepareret, kan være tom) og $last
import-mixed-grading = anbefaling { $first } er graderet efter { $scheme }, men { $count ->
    [one] anbefaling { $last } er
   *[other] anbefalingerne { $rest } og { $last } er
} ikke; `grading` er sat efter den første
import-changelog-unread-table = Nyt siden sidst har ingen tabel med anbefalingernes numre; markér nye og ændrede anbefalinger med `ny` / `ændret` i hånden
import-changelog-unread-number = Nyt siden sidst nævner anbefaling { $number }, som Grundlag ikke har
# Referencer, billeder, links og resten
import-reference-unnumbered = tekst under Referencer, som ikke er en nummereret reference, er bevaret som tekst; der kan ikke henvises til den
# $rest og $last: tallene i `(1,5)`, det sidste for sig
import-ambiguous-citation = `{ $written }` kan være henvisninger til referencerne { $rest } og { $last } eller et decimaltal, så den er bevaret som tekst; hvis den henviser til dem, så skriv `{ $citations }`
import-image-without-alt = billedet { $path } har ingen alternativ tekst i Word; skriv, hvad det viser, mellem ![ og ]
import-image-not-embedded = et billede, som ikke er indlejret i Word-filen (`{ $url }`), er ikke importeret
import-word-footnote = en fodnote fra Word er skrevet ind i teksten i parentes: ({ $text })
import-unsupported-content = { $what ->
    [formula] en formel (Word-ligning)
    [nested-table] en tabel i en tabelcelle
   *[raw] rå { $format }
} kunne ikke importeres: `{ $text }`
import-unsupported-content-image-in-table = en tabel med flettede celler kan ikke indeholde billeder, så billedet `{ $alt }` i den er skrevet under tabellen; flyt det, hvor det hører til
import-unsupported-content-link-in-table = en tabel med flettede celler kan ikke indeholde links, så dette er skrevet som tekst: `{ $text }` → { $destination }; sæt linket i teksten ved siden af tabellen
import-unsupported-content-link-scheme = et `{ $scheme }:`-link kan ikke stå på en side (kun https, http, mailto og tel kan), så kun dets tekst `{ $text }` er skrevet; det pegede på { $url }
import-unmapped-link = et link til det gamle websted står ikke i adressefilen (--url-map) og er bevaret, som det er: { $url }
import-bad-alias = den gamle adresse { $url } kan ikke være et alias, så den er udeladt: { $problem }
import-authors-unread = ingen tabel over forfattere (Navn, Titel, Arbejdssted, Habilitet) under Forfattere og habilitet; `[[authors]]` er tom, teksten er bevaret
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
alias-invalid-unusable = aliasset `{ $alias }` kan ikke bruges: { $why }
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
## Filer og bilag

source-unreadable = filen kan ikke læses: { $error }
source-unreadable-directory = dette er en mappe, ikke en retningslinjefil
source-unreadable-directory-help = omdøb mappen; under guidelines/ må kun filer ende på .md
source-unreadable-not-utf8 = filen er ikke gyldig UTF-8 (første forkerte byte i linje { $line }, kolonne { $column }); gem den som UTF-8
source-bad-path = en retningslinje skal ligge som guidelines/<gruppe>/<navn>.md
source-bad-path-help = flyt den ind i mappen for sin DMCG-gruppe, fx guidelines/dlg/
source-bad-path-slug = `{ $slug }` er ikke et gyldigt filnavn: det bliver sidens adresse (URL)
source-bad-path-slug-help = brug små bogstaver a–z, tal og -, fx opfoelgning-koloncancer.md
source-outside-site = dette er et link til { $target }, uden for webstedet: det bliver ikke læst
source-outside-site-help = kopiér filen ind i webstedet i stedet for at linke til den
source-unknown-group = gruppemappen `{ $group }` står ikke i retning.toml
source-unknown-group-help = tilføj `{ $group } = "…"` under [groups] i retning.toml, eller flyt filen til en af: { $groups }
config-invalid = { $error }
config-invalid-help = README'en beskriver alle nøgler i retning.toml
config-invalid-unreadable = { $file } kan ikke læses: { $why }
config-invalid-unreadable-help = kør retning i webstedets mappe, eller opret retning.toml (se README'en)
config-invalid-base-url = base_url `{ $url }` er ikke en fuld http://- eller https://-adresse
config-invalid-base-url-no-host = base_url `{ $url }` mangler et værtsnavn
config-invalid-base-url-character = base_url `{ $url }` indeholder { $character }, som en websteds adresse ikke kan indeholde
config-invalid-base-url-help = skriv den adresse, webstedet udgives på, fx https://example.org/retningslinjer/
config-invalid-group-key = gruppenøglen `{ $key }` kan ikke være en mappe på webstedet: { $why }
config-invalid-group-key-help = en gruppenøgle er DMCG'ens forkortelse med små bogstaver, fx dlg eller dahanca
config-invalid-phase-slug = fasenavnet `{ $slug }` kan ikke være en adresse: { $why }
config-invalid-phase-twice = fasen `{ $slug }` står der to gange
config-invalid-phase-help = en fase skrives { "{" } slug = "udredning", name = "Udredning" { "}" }; slug er små bogstaver a–z, tal og -
path-problem-empty = det er tomt
path-problem-not-a-slug = `{ $name }` må kun indeholde små bogstaver a–z, tal og - og må ikke begynde eller slutte med -
path-problem-reserved = `/{ $name }/` er adressen på en af webstedets egne sider
path-problem-home = det er adressen på webstedets forside
path-problem-not-absolute = stien skal begynde med / (en sti på dette websted, fx /lymfom/dlbcl/)
path-problem-bad-part = `{ $part }` er ikke tilladt i en sti: brug bogstaver, tal og - . _ ~ %
synonyms-invalid = { $error }
synonyms-invalid-help = se afsnittet "Search" i README'en for, hvordan synonyms.toml skrives
synonyms-invalid-unreadable = { $file } kan ikke læses: { $why }
synonyms-invalid-in-another-group = "{ $word }" står også i en anden gruppe (som "{ $first }"): et ord hører til én gruppe
synonyms-invalid-too-few-words = en gruppe skal have mindst to forskellige ord
synonyms-invalid-no-term = "{ $word }" er et stopord eller har ingen bogstaver
synonyms-invalid-phrase-splits = "{ $word }" deles i ord ved "{ $gap }": ordene i en frase bindes kun sammen af mellemrum eller bindestreg (søgningen finder kun frasen, hvor teksten skriver ordene sådan)
synonyms-invalid-phrase-too-long = "{ $word }" har { $words } ord: en frase har højst { $most }
synonyms-invalid-phrase-only-stop-words = "{ $word }" består kun af stopord
synonyms-invalid-phrase-no-letters = "{ $word }" har et ord uden bogstaver
asset-bad-place = mappen `{ $folder }` har ingen retningslinje `{ $folder }.md` ved siden af sig
asset-bad-place-help = en retningslinjes figurer og bilag ligger i en mappe med samme navn som filen, lige ved siden af den
asset-bad-place-folder = en retningslinjes mappe kan ikke indeholde mapper
asset-bad-place-folder-help = læg filerne direkte i retningslinjens mappe
asset-unsupported-type = `{ $name }` er ikke en filtype, webstedet udgiver
asset-unsupported-type-help = billeder: PNG, JPEG, WebP, GIF, SVG; bilag: PDF, XLSX, DOCX, CSV
asset-unreadable-image-size = billedets størrelse kan ikke læses: { $error }
asset-unreadable-image-size-help = gem billedet igen som PNG, JPEG, WebP eller GIF
asset-unreadable-svg-not-utf8 = SVG-filen er ikke UTF-8-tekst
asset-unreadable-svg-size = SVG-filen angiver ikke sin størrelse
asset-unreadable-svg-size-help = giv <svg>-elementet en viewBox, fx viewBox="0 0 640 480"
asset-unsafe-svg-not-xml = SVG-filen er ikke velformet XML: { $error }
asset-unsafe-svg-element = SVG-filen indeholder et <{ $element }>-element
asset-unsafe-svg-style-import = SVG-filens <style> henter et andet stylesheet ind (@import)
asset-unsafe-svg-style-url = SVG-filens <style> henviser til en anden fil med url(…)
asset-unsafe-svg-event-handler = et <{ $element }>-element i SVG-filen har en hændelseshåndtering, `{ $attribute }`
asset-unsafe-svg-javascript = et <{ $element }>-element i SVG-filen har en javascript:-adresse i `{ $attribute }`
asset-unsafe-svg-href = et <{ $element }>-element i SVG-filen henviser til en anden fil, `{ $target }`
asset-unsafe-svg-style-attribute-import = et <{ $element }>-element i SVG-filen henter et andet stylesheet ind (@import)
asset-unsafe-svg-style-attribute-url = et <{ $element }>-element i SVG-filen henviser til en anden fil med url(…)
asset-unsafe-svg-root = filens rodelement er ikke <svg>
asset-unsafe-svg-help = en SVG-fil, der åbnes fra webstedet, kører med webstedets rettigheder: fjern scripts, hændelseshåndteringer, javascript:-adresser, <foreignObject> og henvisninger til andre filer (eksportér den igen som ren SVG)
asset-outside-folder = `{ $target }` er ikke en fil i retningslinjens mappe `{ $slug }/`
asset-outside-folder-help = læg filen i guidelines/{ $group }/{ $slug }/ og skriv { $slug }/<navn>; henvis til en anden retningslinje som @/<gruppe>/<navn>.md
asset-bad-name = `{ $name }` er ikke et filnavn, der kan stå i en adresse (URL)
asset-bad-name-help = omdøb filen til `{ $suggested }` (små bogstaver a–z, tal, - og _), og skriv { $slug }/{ $suggested } her
asset-missing = guidelines/{ $group }/{ $slug }/{ $name } findes ikke
asset-missing-help = læg filen i guidelines/{ $group }/{ $slug }/, eller ret navnet
asset-large-image = `{ $name }` fylder { $megabytes },{ $tenths } MB: langsomt at hente på en telefon
asset-large-image-help = gør det mindre end 1 MB: SVG til tegninger, en mindre PNG eller JPEG til fotos
asset-unused = `{ $name }` bruges ikke af { $guideline }: filen bliver ikke udgivet
asset-unused-help = vis den med ![…]({ $slug }/{ $name }), eller link til den, eller slet den
image-missing-alt = billedet har ingen alternativ tekst
image-missing-alt-help = skriv mellem de firkantede parenteser, hvad billedet viser: ![Flowchart over udredningen](…) — læsere, der ikke kan se billedet, er afhængige af teksten (WCAG 1.1.1)

html-dropped = rå HTML vises som tekst: kun en tabel må skrives i HTML
html-dropped-block-help = skriv det i Markdown eller som en <table> (docs/format.md viser, hvilken HTML en tabel må bruge)
html-dropped-inline-help = skriv det i Markdown (docs/format.md viser, hvad en retningslinje kan indeholde)
html-dropped-comment = en HTML-kommentar er ikke tilladt i en tabel og fjernes
html-dropped-element = elementet <{ $element }> er ikke tilladt i en tabel og fjernes
html-dropped-attribute = attributten `{ $attribute }` på <{ $element }> er ikke tilladt i en tabel og fjernes
html-dropped-from-table-help = en tabel må bruge table, caption, thead, tbody, tr, th, td (colspan, rowspan; scope på th), br, sup, sub, em og strong
table-duplicate-number = tabelteksten siger Tabel { $number }, ligesom teksten til tabellen i linje { $line }
table-duplicate-number-help = nummerér tabellerne fortløbende (Tabel 1, Tabel 2, …): en skærmlæser navngiver hver tabel efter dens nummer

## Terminalen

serve-serving = Viser { $root } på { $url } (Ctrl-C stopper)
serve-changed-file = { $file } er ændret
serve-changed-files = { $count } filer er ændret
serve-site-wide = tjek af hele webstedet
serve-built = byggede { $pages ->
    [one] 1 side
   *[other] { $pages } sider
} på { $millis } ms
serve-updated = opdaterede { $files ->
    [one] 1 fil
   *[other] { $files } filer
} på { $millis } ms
serve-warnings = { $warnings ->
    [one] 1 advarsel (retning check viser den)
   *[other] { $warnings } advarsler (retning check viser dem)
}
serve-errors = { $errors } fejl, vist på alle sider:
history-turned-off = historikken er slået fra (--no-history)
history-not-git = webstedet ligger ikke i et git-repository
history-no-commits = webstedets git-repository har endnu ingen commits
history-shallow = webstedet er en overfladisk git-klon (`git fetch --unshallow` henter hele historikken)
history-failed = webstedets git-historik kan ikke læses: { $error }
note-history-badges = bemærk: { $why }; mærkerne `ny`/`ændret` tjekkes ikke mod tidligere udgaver
note-history-preview = bemærk: { $why }; forhåndsvisningen viser ingen tidligere udgaver
note-history-changes = bemærk: { $why }; ændringerne på listen er mærkerne `ny`/`ændret`
report-leaves-out = advarsel: rapporten udelader filerne med fejl ovenfor; kør `retning check`, og ret dem
new-created = Oprettede { $path }
build-cache-not-written = bemærk: byggeriets cache i { $folder } kan ikke skrives: { $error }
serve-no-browser = kan ikke åbne en browser ({ $opener }: { $error }); åbn selv { $url }
error-line = fejl: { $error }
error-build-refused = nægter at bygge i { $folder }
error-theme-unloadable = temaet kan ikke indlæses
error-cache-not-cleared = byggeriets cache i { $folder } kan ikke ryddes
error-site-folder-unresolvable = webstedets mappe kan ikke findes
error-no-such-path = { $path }: filen eller mappen findes ikke
error-path-unresolvable = { $path } kan ikke findes
error-no-guideline = ingen retningslinje `{ $guideline }` (forventet <gruppe>/<slug>, fx dlg/dlbcl, for en fil, der kan læses)
error-no-earlier-versions = { $why }; der er ingen tidligere udgaver
error-not-a-range = `{ $range }` er ikke et interval som 1.0..2.0
error-no-version = ingen godkendt udgave { $version } i historikken (kendte: { $known })
error-no-search-index = intet søgeindeks i { $folder }; kør først `retning build`
error-search-index-unreadable = søgeindekset i { $folder } kan ikke åbnes (hvis en anden udgave af retning skrev det, så kør `retning build` igen)
error-not-a-group = `{ $group }` er ikke en gruppe i retning.toml; kendte grupper: { $known }
error-invalid-slug = `{ $slug }` er ikke en gyldig slug: brug små bogstaver a–z, cifre og -
error-empty-title = titlen er tom
error-revision-date-out-of-range = revisionsdatoen ligger uden for kalenderen
error-cannot-create = { $path } kan ikke oprettes
error-cannot-create-new = { $path } kan ikke oprettes (findes den allerede?)
error-cannot-write = { $path } kan ikke skrives
error-cannot-render = { $page } kan ikke dannes
error-site-config-unreadable = webstedets konfiguration kan ikke læses
error-site-folder-unopenable = webstedets mappe { $folder } kan ikke åbnes
error-runtime = serverens kørselsmiljø kan ikke startes
error-listen = kan ikke lytte på { $address }
error-watch = { $folder } kan ikke overvåges
error-first-build-unstarted = det første byggeri kan ikke startes
error-search-thread = søgetråden kan ikke startes
error-rebuild-thread = genopbygningstråden kan ikke startes
error-first-build-unfinished = det første byggeri blev ikke færdigt
error-server-stopped = serveren stoppede
serve-watch-failed = advarsel: fejl under overvågningen af webstedets filer: { $error }
serve-cannot-watch = advarsel: { $folder } kan ikke overvåges: { $error }
serve-thread-failed = advarsel: { $thread } fejlede; næste ændring prøver igen
serve-search-failed = advarsel: forhåndsvisningens søgeindeks fejlede: { $error }
error-cannot-clear = { $path } kan ikke ryddes
error-site-not-written = webstedet kan ikke skrives til { $folder }
error-site-not-compressed = webstedet i { $folder } kan ikke komprimeres
error-search-index-not-built = søgeindekset kan ikke bygges
error-site-not-swapped = det nye websted kan ikke sættes på plads i { $folder }
error-search-index-not-written = søgeindekset kan ikke skrives til { $folder }
progress-checking = Tjekker retningslinjer
progress-search-index = Bygger søgeindeks
progress-pages = Renderer sider
progress-writing = Skriver
progress-compressing = Komprimerer
history-version-left-out = advarsel: { $problem }
history-only-current = { $why }; kun den gældende udgave kendes
history-note = bemærk: { $note }
build-no-guideline = bemærk: der er ingen retningslinje under { $folder }/: webstedet har ingen retningslinjesider (retning new <gruppe> <slug> --title T skriver en)
build-only-drafts = bemærk: alle retningslinjer er kladder ({ $drafts }), så ingen blev udgivet: godkend en (status = "approved"), eller brug --drafts til en forhåndsvisning
output-is-root = { $out } er webstedets rodmappe: et byggeri dér ville slette webstedets kilder
output-is-source = { $out } er webstedets `{ $source }`: et byggeri dér ville slette webstedets kilder
output-holds-root = { $out } indeholder webstedets rodmappe { $root }: et byggeri dér ville slette den
output-inside-source = { $out } ligger i webstedets `{ $source }`: byggeriet ville erstatte webstedets kilder
output-is-file-system-root = { $out } er filsystemets rod: et byggeri erstatter hele sin udgangsmappe
output-is-home = { $out } er din hjemmemappe: et byggeri erstatter hele sin udgangsmappe
output-not-a-folder = { $out } er ikke en mappe: et byggeri skriver en mappe med filer
output-not-ours = { $out } indeholder filer, som `retning build` ikke har skrevet (den har ingen { $marker }): et byggeri ville slette dem; vælg en tom eller ny mappe, eller brug --force for at erstatte den
output-looks-like-a-site = { $out } indeholder { $holds } og ligner derfor et selvstændigt websted eller repository: den erstattes aldrig, heller ikke med --force
output-unreadable = { $out } kan ikke undersøges: { $error }
error-search-index-panicked = opbygningen af søgeindekset fejlede uventet (en fejl i retning; rapportér den venligst)
