#!/usr/bin/env bash
# Do two builds of retning publish the same site, byte for byte? For changes that must not
# change the output (docs/performance.md): build each site with both binaries, each into a
# folder of its own, and compare the folders with `diff -r`.
#
#   bash benches/identical.sh OLD_BINARY NEW_BINARY [SITE_ROOT ...]
#
# SITE_ROOT defaults to the repository's example site; a generated corpus
# (`cargo bench --bench pipeline -- gen …`) is a good second one. Every build gets the same
# `--today`. The builds write their tantivy index under each root's `.retning/`, as
# `retning build` always does. Exits 1 when any site differs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 2 ]]; then
  echo "usage: bash benches/identical.sh OLD_BINARY NEW_BINARY [SITE_ROOT ...]" >&2
  exit 2
fi
old="$(realpath "$1")"
new="$(realpath "$2")"
shift 2
roots=("$@")
if [[ ${#roots[@]} -eq 0 ]]; then
  roots=("$PWD")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
for root in "${roots[@]}"; do
  name="$(basename "$(realpath "$root")")"
  for side in old new; do
    binary="${!side}"
    "$binary" build --root "$root" --today 2026-01-15 --out "$work/$name-$side" >"$work/$side.log" 2>&1 || {
      echo "$side build of $root failed:" >&2
      cat "$work/$side.log" >&2
      exit 2
    }
  done
  if diff -r "$work/$name-old" "$work/$name-new" >"$work/diff.txt"; then
    echo "$root: identical ($(find "$work/$name-new" -type f | wc -l) files)"
  else
    echo "$root: DIFFERENT" >&2
    head -20 "$work/diff.txt" >&2
    status=1
  fi
  rm -rf "$work/$name-old" "$work/$name-new"
done
exit "$status"
