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
path-problem-not-absolute = den skal begynde med / (en sti på dette websted, fx /lymfom/dlbcl/)
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
