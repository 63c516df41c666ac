#!/usr/bin/env bash
# retning beside Hugo on the same generated text (docs/performance.md).
#
#   bash benches/hugo.sh [GUIDELINES] [WORDS] [RUNS]     # defaults: 1000 8000 5
#   RETNING_PROFILE=profiling bash benches/hugo.sh ...     # optimised without fat LTO
#
# Generates the corpus once (benches/support/corpus/) as a retning site and as Hugo pages
# (TOML front matter with only title and date at the top level, the rest under [extra]),
# gives Hugo a minimal site (config plus a bare layout per page kind), then builds each
# RUNS times, alternating retning and Hugo, each into a fresh output folder. Prints the median
# wall time and peak memory (/usr/bin/time) of each and their ratio. retning's figure is its
# full `build`: check, site, the static search index and the tantivy index; Hugo's is the site
# alone.
set -euo pipefail
cd "$(dirname "$0")/.."

guidelines="${1:-1000}"
words="${2:-8000}"
runs="${3:-5}"

if ! command -v hugo >/dev/null; then
  echo "hugo is not installed (Debian: apt-get install -y hugo)" >&2
  exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "/usr/bin/time is not installed (Debian: apt-get install -y time)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The published figures come from `release` (fat LTO, minutes to link); `profiling` is the
# same optimisation without it, for comparing while working.
profile="${RETNING_PROFILE:-release}"
cargo build --profile "$profile" --quiet
retning="$PWD/target/$profile/retning"
cargo bench --profile "$profile" --quiet --bench pipeline -- gen --guidelines "$guidelines" --words "$words" \
  --out "$work/retning" --hugo "$work/hugo"

# The Hugo site: a config and a bare layout; the content is the generated text.
cat >"$work/hugo/hugo.toml" <<'EOF'
baseURL = "https://example.org/retningslinjer/"
languageCode = "da"
title = "Kliniske retningslinjer på kræftområdet"
disableKinds = ["taxonomy", "term"]
EOF
mkdir -p "$work/hugo/layouts/_default"
cat >"$work/hugo/layouts/_default/baseof.html" <<'EOF'
<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body>
</html>
EOF
cat >"$work/hugo/layouts/_default/single.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>Version {{ .Params.extra.version }} · {{ .Date.Format "2. January 2006" }}</p>
{{ .Content }}
{{ end }}
EOF
cat >"$work/hugo/layouts/_default/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
EOF
cp "$work/hugo/layouts/_default/list.html" "$work/hugo/layouts/index.html"

size="$(du -sm "$work/retning/guidelines" | cut -f1)"
echo "corpus: $guidelines guidelines of ~$words words ($size MB); $runs runs each, alternating; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
if ! git diff --quiet HEAD 2>/dev/null; then
  commit="$commit + uncommitted changes"
fi
echo "$(hugo version | cut -d' ' -f1-2); retning $commit ($profile)"

run() { # name, command…  → appends "seconds kib" to $work/name.times
  local name="$1"
  shift
  # The previous run's ~300 MB go to disk first, so that writing them back does not slow
  # (or, on another machine, speed) this run.
  sync
  /usr/bin/time -f "%e %M" -o "$work/$name.one" "$@" >/dev/null 2>"$work/$name.err" || {
    cat "$work/$name.err" >&2
    exit 1
  }
  cat "$work/$name.one" >>"$work/$name.times"
}

# Each run writes into a folder of its own, and the folders go only when the script ends:
# deleting thousands of files just before creating as many makes ext4 without a journal (as
# on these machines) skip each recently freed inode in turn, which times the file system
# rather than the generators.
for i in $(seq "$runs"); do
  rm -rf "$work/retning/.retning"
  run retning "$retning" --root "$work/retning" build --today 2026-01-15 --out "$work/retning-out-$i"
  rm -rf "$work/hugo/resources" "$work/hugo/.hugo_build.lock"
  run hugo hugo --quiet --source "$work/hugo" --destination "$work/hugo-out-$i" --cacheDir "$work/hugo-cache"
  echo "  run $i: retning $(cut -d' ' -f1 "$work/retning.one") s, hugo $(cut -d' ' -f1 "$work/hugo.one") s"
done

median() { # column of $work/name.times
  sort -n -k"$2" "$work/$1.times" | awk -v c="$2" '{ v[NR] = $c } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
r_wall="$(median retning 1)"
h_wall="$(median hugo 1)"
r_mem="$(median retning 2)"
h_mem="$(median hugo 2)"
r_files="$(find "$work/retning-out-$runs" -type f | wc -l)"
h_files="$(find "$work/hugo-out-$runs" -type f | wc -l)"
echo
printf '%-44s %10s %12s %8s\n' "median of $runs" "wall (s)" "peak (MiB)" "files"
printf '%-44s %10.2f %12.0f %8d\n' "retning build (site + both search indexes)" "$r_wall" "$(echo "$r_mem / 1024" | bc -l)" "$r_files"
printf '%-44s %10.2f %12.0f %8d\n' "hugo (site only)" "$h_wall" "$(echo "$h_mem / 1024" | bc -l)" "$h_files"
printf 'ratio retning / hugo: wall %.2f, peak memory %.2f\n' \
  "$(echo "$r_wall / $h_wall" | bc -l)" "$(echo "$r_mem / $h_mem" | bc -l)"
