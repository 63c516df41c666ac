#!/usr/bin/env bash
# Browser and HTML-validation tests of a built site.
#   bash e2e/run.sh [SITE_DIR] [extra node --test arguments…]
# SITE_DIR defaults to public/ in the repository (relative paths are taken from the current
# directory). Needs Node 20+ and Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH);
# installs nothing but the pinned npm packages (npm ci) when e2e/node_modules is missing or
# older than package-lock.json.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$E2E_DIR")"

SITE="${1:-$REPO_DIR/public}"
shift || true
if [[ ! -f "$SITE/index.html" ]]; then
  echo "e2e: no built site at '$SITE' (no index.html); run 'retning build' first" >&2
  exit 1
fi
SITE="$(cd "$SITE" && pwd)"

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
  echo "e2e: Chromium not found at $CHROMIUM;" \
       "install it with: apt-get update && apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
command -v node >/dev/null || { echo "e2e: node is not installed" >&2; exit 1; }

if [[ ! -d "$E2E_DIR/node_modules" || "$E2E_DIR/package-lock.json" -nt "$E2E_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$E2E_DIR" && npm ci --no-audit --no-fund)
fi

mkdir -p "$E2E_DIR/artifacts"
echo "e2e: testing $SITE with $("$CHROMIUM" --version 2>/dev/null | head -n1)"
cd "$REPO_DIR"
RETNING_SITE="$SITE" node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$E2E_DIR/artifacts/results.tap" \
  "$@" e2e/
