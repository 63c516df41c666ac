#!/usr/bin/env bash
# Builds a small site whose git history holds three approved versions of one guideline, for
# history.test.mjs (archive pages and the pages of changes need a history to show).
#   bash e2e/history-site.sh RETNING_BINARY OUT_DIR
# The repository's example DLBCL guideline is the current version (3.0); versions 1.0 and 2.0
# are made from it with sed (a reworded, a re-graded and a withdrawn recommendation, and a
# changed figure), committed with a fixed identity and dates. The git work tree is a temporary
# folder, removed at the end; OUT_DIR gets the built site.
set -euo pipefail

RETNING="$1"
OUT="$2"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

git_at() {
  local date="$1"; shift
  GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
  GIT_AUTHOR_NAME="Anna Jensen" GIT_AUTHOR_EMAIL="anna@example.org" GIT_AUTHOR_DATE="$date" \
  GIT_COMMITTER_NAME="Sekretariatet" GIT_COMMITTER_EMAIL="sekretariat@example.org" \
  GIT_COMMITTER_DATE="$date" \
    git -C "$WORK" -c commit.gpgsign=false -c init.defaultBranch=main "$@"
}

mkdir -p "$WORK/guidelines/dlg"
cp "$REPO_DIR/retning.toml" "$WORK/"
cp -r "$REPO_DIR/guidelines/dlg/dlbcl" "$WORK/guidelines/dlg/"
current="$REPO_DIR/guidelines/dlg/dlbcl.md"
guideline="$WORK/guidelines/dlg/dlbcl.md"
figure="$WORK/guidelines/dlg/dlbcl/flowchart-udredning.svg"

# Version $1 approved in year $2: its own dates, recommendation 1 worded the old way,
# recommendation 2 graded C, recommendation 11 not yet written; then the sed script $3.
past_version() {
  sed -e "s/^version = \"3.0\"/version = \"$1\"/" \
      -e "s/^published = 2025-03-14/published = $2-03-14/" \
      -e "s/date = 2025-02-01/date = $2-02-01/" \
      -e "s/date = 2025-03-12/date = $2-03-12/" \
      -e "s/bør have udført FDG-PET\/CT som led i stadieinddelingen/bør have udført CT af hals, thorax og abdomen som led i stadieinddelingen/" \
      -e "s/^::: anbefaling 2 (B) ændret/::: anbefaling 2 (C)/" \
      -e "/^::: anbefaling 11 /,/^:::\$/d" \
      -e "$3" \
      "$current"
}

git_at "2019-03-14T10:00:00+01:00" init -q
# 1.0 also offered four courses of R-CHOP to fewer patients.
past_version 1.0 2019 "s/Patienter under 60 år med IPI 0 og uden bulky/Patienter under 50 år med IPI 0 og uden bulky/" > "$guideline"
# The figure as it was then: a different heading in the drawing.
sed -i 's/<\/svg>/<text x="4" y="12" font-size="10">Version 1.0<\/text><\/svg>/' "$figure"
git_at "2019-03-14T10:00:00+01:00" add -A
git_at "2019-03-14T10:00:00+01:00" commit -q -m "DLBCL 1.0"

past_version 2.0 2022 "" > "$guideline"
cp "$REPO_DIR/guidelines/dlg/dlbcl/flowchart-udredning.svg" "$figure"
git_at "2022-03-14T10:00:00+01:00" add -A
git_at "2022-03-14T10:00:00+01:00" commit -q -m "DLBCL 2.0"

cp "$current" "$guideline"
git_at "2025-03-14T10:00:00+01:00" add -A
git_at "2025-03-14T10:00:00+01:00" commit -q -m "DLBCL 3.0"

# Its badge warnings are not this fixture's concern; a failed build shows what failed.
if ! "$RETNING" --root "$WORK" build --out "$OUT" --base-url http://127.0.0.1/ \
    --today 2026-01-15 >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2
  exit 1
fi
