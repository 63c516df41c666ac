#!/usr/bin/env bash
# The price of reading the git history (docs/performance.md, "History").
#
#   bash benches/history.sh [GUIDELINES] [WORDS] [RUNS]     # defaults: 1000 8000 5
#
# Generates the corpus (benches/support/corpus/) and commits it three times into a fresh git
# repository: every guideline approved as 1.0, then as 2.0 (one recommendation reworded, one
# strength changed each time), then as generated. Then builds RUNS times, alternating
# `retning build --no-history` and `retning build` with the history cache in place, and once
# with the cache removed (the first walk). Then, on two copies of the repository, builds each
# over its own last site after one guideline is edited and restored (RUNS times each way),
# with the history and with `--no-history`: what the build cache and the page reuse save
# with the history read. Prints the median wall time and peak memory of each and the ratios. RETNING_BIN=… times another binary (default: a release build of this tree);
# RETNING_CORPUS=DIR reuses a generated site instead of generating one.
set -euo pipefail
cd "$(dirname "$0")/.."

guidelines="${1:-1000}"
words="${2:-8000}"
runs="${3:-5}"

for tool in git python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -n "${RETNING_BIN:-}" ]]; then
  retning="$RETNING_BIN"
else
  cargo build --release --quiet
  retning="$PWD/target/release/retning"
fi
site="$work/site"
if [[ -n "${RETNING_CORPUS:-}" ]]; then
  cp -r "$RETNING_CORPUS" "$site"
else
  cargo bench --quiet --bench pipeline -- gen --guidelines "$guidelines" --words "$words" \
    --out "$site"
fi

# Rewrites every guideline as an earlier approved version: VERSION in the front matter, the
# first recommendation's first line reworded, the second one's strength moved by one grade.
earlier() {
  python3 - "$site/guidelines" "$1" <<'EOF'
import pathlib, re, sys
root, version = pathlib.Path(sys.argv[1]), sys.argv[2]
grades = "ABCD"
for path in root.rglob("*.md"):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'^version = "[^"]*"', f'version = "{version}"', text, count=1, flags=re.M)
    text = re.sub(r'^status = "[^"]*"', 'status = "approved"', text, count=1, flags=re.M)
    def reword(m):
        return m.group(0) + f"\n\nFormulering fra version {version}."
    text = re.sub(r"^::: anbefaling 1 \([^)]*\)[^\n]*\n[^\n]+", reword, text, count=1, flags=re.M)
    def regrade(m):
        g = m.group(1)
        return m.group(0).replace(f"({g})", f"({grades[(grades.index(g) + 1) % 4]})") if g in grades else m.group(0)
    text = re.sub(r"^::: anbefaling 2 \(([A-D])\)", regrade, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
EOF
}

mkdir -p "$work/current"
cp -r "$site/guidelines" "$work/current/"
git -C "$site" init -q
git -C "$site" config user.email bench@example.org
git -C "$site" config user.name bench
for version in 1.0 2.0; do
  earlier "$version"
  git -C "$site" add -A
  git -C "$site" commit -qm "approve $version"
  rm -rf "$site/guidelines"
  cp -r "$work/current/guidelines" "$site/"
done
git -C "$site" add -A
git -C "$site" commit -qm "approve current"

# One timed build: prints "wall_seconds peak_kib cpu_seconds" (CPU: user + system, which a
# busy machine moves less than the wall time).
timed() {
  local out="$work/out-$RANDOM"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$retning" build --root "$site" --out "$out" "$@" \
    >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  rm -rf "$out"
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rm -rf "$site/.retning/history"
first="$(timed)"
: >"$work/without"
: >"$work/with"
for _ in $(seq "$runs"); do
  timed --no-history >>"$work/without"
  timed >>"$work/with"
done

# One guideline edited and restored, each build over its own last site and caches: one copy
# of the repository built with the history, one with `--no-history`.
timed_over() {
  local root="$1"
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$retning" build --root "$root" \
    --out "$root/public" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time"
}
cp -r "$site" "$work/site-without"
timed_over "$site" >/dev/null
timed_over "$work/site-without" --no-history >/dev/null
edited="$(cd "$site" && find guidelines -name '*.md' | sort | sed -n 17p)"
cp "$site/$edited" "$work/edited.md"
: >"$work/one-with"
: >"$work/one-without"
for run in $(seq "$runs"); do
  for change in edit restore; do
    for root in "$site" "$work/site-without"; do
      if [[ "$change" == edit ]]; then
        echo "En sætning tilføjet ved rettelse $run." >>"$root/$edited"
      else
        cp "$work/edited.md" "$root/$edited"
      fi
    done
    timed_over "$site" >>"$work/one-with"
    timed_over "$work/site-without" --no-history >>"$work/one-without"
  done
done
git -C "$site" status --porcelain -- guidelines | grep -q . && { echo "the edit was left in place" >&2; exit 1; }

without_s="$(cut -d' ' -f1 "$work/without" | median)"
with_s="$(cut -d' ' -f1 "$work/with" | median)"
without_m="$(cut -d' ' -f2 "$work/without" | median)"
with_m="$(cut -d' ' -f2 "$work/with" | median)"
without_c="$(cut -d' ' -f3 "$work/without" | median)"
with_c="$(cut -d' ' -f3 "$work/with" | median)"
read -r first_s first_m first_c <<<"$first"
pages="$(find "$site" -path "$site/.git" -prune -o -name '*.md' -print | wc -l)"
echo "history bench: $pages guidelines, 3 approved versions each, $runs alternating runs"
printf '%-28s %8s %8s %10s\n' "" "wall s" "CPU s" "peak MiB"
printf '%-28s %8s %8s %10d\n' "build --no-history" "$without_s" "$without_c" "$((without_m / 1024))"
printf '%-28s %8s %8s %10d\n' "build, history cached" "$with_s" "$with_c" "$((with_m / 1024))"
printf '%-28s %8s %8s %10d\n' "build, first history walk" "$first_s" "$first_c" "$((first_m / 1024))"
one_with_s="$(cut -d' ' -f1 "$work/one-with" | median)"
one_without_s="$(cut -d' ' -f1 "$work/one-without" | median)"
one_with_m="$(cut -d' ' -f2 "$work/one-with" | median)"
one_without_m="$(cut -d' ' -f2 "$work/one-without" | median)"
one_with_c="$(cut -d' ' -f3 "$work/one-with" | median)"
one_without_c="$(cut -d' ' -f3 "$work/one-without" | median)"
printf '%-28s %8s %8s %10d\n' "one edit, --no-history" "$one_without_s" "$one_without_c" "$((one_without_m / 1024))"
printf '%-28s %8s %8s %10d\n' "one edit, history" "$one_with_s" "$one_with_c" "$((one_with_m / 1024))"
awk -v a="$one_with_s" -v b="$one_without_s" -v f="$with_s" 'BEGIN {
  printf "one edit with history: %.2f of one without, %.2f of a fresh build with history\n", a / b, a / f
}'
awk -v a="$with_s" -v b="$without_s" -v f="$first_s" -v ac="$with_c" -v bc="$without_c" -v fc="$first_c" 'BEGIN {
  printf "wall ratio to --no-history: cached %.2f, first walk %.2f\n", a / b, f / b
  printf "CPU ratio to --no-history:  cached %.2f, first walk %.2f\n", ac / bc, fc / bc
}'
