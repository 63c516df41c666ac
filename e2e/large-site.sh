#!/usr/bin/env bash
# Builds a site with enough guidelines that its lists go on over several pages, for
# paging.test.mjs: 450 small guidelines (the `retning new` scaffold, approved, in the phases
# udredning and behandling, five recommendations each), 250 of them in one group (dlg) and
# the other 200 shared with it, so that the home page lists the groups, and dlg's page (its
# own, then the shared), revision/, soeg/alle/, forloeb/behandling/ and the offline list of
# dlg are split into pages.
#   bash e2e/large-site.sh RETNING_BINARY OUT_DIR
# The site is written to a temporary folder, removed at the end; OUT_DIR gets the built site.
set -euo pipefail

RETNING="$1"
OUT="$2"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cp "$REPO_DIR/retning.toml" "$WORK/"
others=(dbcg dccg dahanca dlcg)
for g in dlg "${others[@]}"; do mkdir -p "$WORK/guidelines/$g"; done
recommendations=""
for r in 1 2 3 4 5; do
  recommendations+="::: anbefaling $r (B)\nPatienter i målgruppen bør tilbydes behandling $r efter multidisciplinær konference, når performancestatus tillader det.\n:::\n\n"
done
for i in $(seq 1 450); do
  if (( i <= 250 )); then g=dlg shared=""; else g=${others[$((i % 4))]} shared='\ngroups = ["dlg"]'; fi
  sed -e "s/{{title}}/\"Retningslinje nummer $i\"/" \
      -e "s/{{planned}}/2027-$(printf %02d $((1 + i % 12)))-01/" \
      -e "s/{{today}}/2026-01-01/" \
      -e "s/{{group_name}}/\"Gruppen\"/" \
      -e 's/^status = "draft"/status = "approved"/' \
      -e 's/^# \(professional\|administrative\) = /\1 = /' \
      -e "s/^keywords = \[\]/keywords = []\nphases = [\"udredning\", \"behandling\"]$shared/" \
      "$REPO_DIR/themes/default/scaffold/guideline.md" |
    perl -0pe "s/::: anbefaling 1 \\(D\\)\\nSkriv anbefalingen her.\\n:::\\n/$recommendations/" \
      > "$WORK/guidelines/$g/retningslinje-$i.md"
done

if ! "$RETNING" --root "$WORK" build --out "$OUT" --base-url http://127.0.0.1/ \
    --today 2026-01-15 >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2
  exit 1
fi
