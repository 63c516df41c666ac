#!/usr/bin/env bash
# `retning import` of many Word files in one run (docs/performance.md, "Import").
#
#   bash benches/import.sh [COUNT] [RETNING]     # defaults: 100 target/debug/retning
#
# Makes COUNT Word files from the four fixtures of tests/fixtures/import/ (in turn), each
# with a title of its own so that every one gets a slug of its own (python-docx changes the
# title paragraph; pip install python-docx), then imports all of them into an empty
# temporary site in one `retning import` run, as the guideline office would migrate a
# group. Prints the wall time, CPU time and peak memory (/usr/bin/time) and how many files
# were written. The run includes `retning check` of the written files, as every import does.
# Not part of CI; pandoc must be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-100}"
retning="${2:-$PWD/target/debug/retning}"

for tool in pandoc python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is not installed" >&2
    exit 2
  fi
done
if ! python3 -c 'import docx' 2>/dev/null; then
  echo "python-docx is not installed (pip install python-docx)" >&2
  exit 2
fi
if [[ ! -x "$retning" ]]; then
  echo "no retning binary at $retning (cargo build)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site/guidelines" "$work/site/word"
cat >"$work/site/retning.toml" <<'EOF'
title = "Kliniske retningslinjer (import benchmark)"
base_url = "https://example.org/retningslinjer/"
language = "da"

[groups]
dlg = "Dansk Lymfomgruppe (DLG)"
EOF

python3 - "$count" "$PWD/tests/fixtures/import" "$work/site/word" <<'EOF'
import sys
from pathlib import Path

import docx

count, fixtures, out = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
titles = {
    "oxford.docx": "Diffust storcellet B-celle lymfom",
    "grade.docx": "Lungekræftscreening med lavdosis-CT",
    "older.docx": "Opfølgning efter koloncancer",
    "numbered.docx": "Strålebehandling af hjernemetastaser",
}
names = sorted(titles)
for i in range(1, count + 1):
    name = names[(i - 1) % len(names)]
    document = docx.Document(str(fixtures / name))
    title = next(p for p in document.paragraphs if p.text == titles[name])
    for run in title.runs[1:]:
        run.text = ""
    title.runs[0].text = f"{titles[name]} {i}"
    document.save(str(out / f"{i:03}-{name}"))
EOF

size="$(du -sh "$work/site/word" | cut -f1)"
echo "importing $count Word files ($size) with $retning"
cd "$work/site"
status=0
/usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB peak" -o "$work/time" \
  "$retning" import word/*.docx --group dlg --format json >"$work/report.json" || status=$?
cat "$work/time"
python3 - "$work/report.json" <<'EOF'
import json
import sys

report = json.load(open(sys.argv[1]))
print(f"{report['written']} written, {report['failed']} not imported")
EOF
# 0: every file written; 1: one could not be imported (the line above says how many).
if [[ "$status" -gt 1 ]]; then
  echo "retning import failed (exit $status)" >&2
  exit "$status"
fi
