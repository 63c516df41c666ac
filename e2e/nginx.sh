#!/usr/bin/env bash
# A real nginx (Debian's package) on loopback serving a site built with --precompress through
# docs/deploy/nginx.conf: gzip copies sent as they are, cache headers, the 404 page, and a
# fresh build swapped in with the symlink recipe of docs/deploy.md while requests run.
#   bash e2e/nginx.sh [RETNING_BINARY] [SITE_ROOT]
# RETNING_BINARY defaults to target/debug/retning, SITE_ROOT to the repository (the example
# site). Runs as any user: nginx gets a prefix, configuration, pid file and logs in a
# temporary folder, and is stopped at the end.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$E2E_DIR")"
RETNING="${1:-$REPO_DIR/target/debug/retning}"
SITE_ROOT="${2:-$REPO_DIR}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

[[ -x "$NGINX" ]] || { echo "nginx.sh: nginx not found; apt-get install -y nginx" >&2; exit 1; }
[[ -x "$RETNING" ]] || { echo "nginx.sh: no retning binary at $RETNING; cargo build first" >&2; exit 1; }
command -v curl >/dev/null || { echo "nginx.sh: curl is not installed" >&2; exit 1; }

work="$(mktemp -d)"
nginx_pid=""
loop_pid=""
cleanup() {
  [[ -n "$loop_pid" ]] && kill "$loop_pid" 2>/dev/null || true
  if [[ -n "$nginx_pid" ]]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "ok - $1"; }
fail() { echo "not ok - $1" >&2; failures=$((failures + 1)); }
check() { # check NAME COMMAND…: passes when the command succeeds
  local name="$1"; shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}

# Two builds, as two deploys would make them (different dates, so their pages differ).
mkdir -p "$work/releases"
build() { # build NAME TODAY [FLAGS…]
  local name="$1" today="$2"; shift 2
  "$RETNING" --root "$SITE_ROOT" build --no-history --today "$today" \
    --out "$work/releases/$name" --base-url "http://127.0.0.1/" "$@" >"$work/build-$name.log" 2>&1 \
    || { cat "$work/build-$name.log" >&2; exit 1; }
}
build a 2026-01-01 --precompress
build b 2030-01-01 --precompress
ln -s "$work/releases/a" "$work/current"

mkdir -p "$work/logs" "$work/tmp"
# start_nginx PORT: the documented server block with this run's port and root (every other
# line as written), under a main configuration that keeps every file in $work.
start_nginx() {
  local port="$1"
  sed -e "s|^    listen 80;$|    listen 127.0.0.1:$port;|" \
      -e "s|^    root /srv/retningslinjer/current;$|    root $work/current;|" \
      "$REPO_DIR/docs/deploy/nginx.conf" >"$work/site.conf"
  grep -q "listen 127.0.0.1:$port;" "$work/site.conf" && grep -q "root $work/current;" "$work/site.conf" \
    || { echo "nginx.sh: docs/deploy/nginx.conf no longer has the listen/root lines this test replaces" >&2; exit 1; }
  cat >"$work/nginx.conf" <<CONF
daemon off;
# As root, workers would run as nobody, who cannot read the temporary folder.
user $(id -un) $(id -gn);
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $work/logs/access.log;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  include $work/site.conf;
}
CONF
  # -e: the log nginx opens before reading the configuration (by default under /var/log).
  "$NGINX" -p "$work" -e "$work/logs/error.log" -c "$work/nginx.conf" 2>"$work/logs/stderr" &
  nginx_pid=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    kill -0 "$nginx_pid" 2>/dev/null || { wait "$nginx_pid" || true; nginx_pid=""; return 1; }
    sleep 0.1
  done
  return 1
}
# A free port: a few random tries (nginx stops at once when the port is taken).
port=""
for _ in 1 2 3 4 5; do
  try=$((20000 + RANDOM % 40000))
  if start_nginx "$try"; then port="$try"; break; fi
done
[[ -n "$port" ]] || { cat "$work/logs/stderr" "$work/logs/error.log" >&2; exit 1; }
base="http://127.0.0.1:$port"

header() { # header NAME CURL_ARGS…: the value of one response header
  local name="$1"; shift
  curl -s -o /dev/null -D - "$@" | tr -d '\r' | awk -v h="$(tr 'A-Z' 'a-z' <<<"$name")" \
    -F': ' 'tolower($1) == h { print $2 }'
}

site="$work/releases/a"
page="$(cd "$site" && find . -mindepth 3 -maxdepth 3 -name index.html -path './*/*/index.html' | grep -v '/version/' | sort | head -n1)"
page="${page#.}"; page="${page%index.html}"
css="$(cd "$site" && ls assets/*.css | head -n1)"
meta="$(cd "$site" && ls search/meta.*.json | head -n1)"
echo "nginx.sh: $("$NGINX" -v 2>&1) on $base, page $page"

for url in / "$page"; do
  check "gzip copy sent for $url" test "$(header Content-Encoding -H 'Accept-Encoding: gzip' "$base$url")" = gzip
  check "the gzip copy of $url is the page" \
    cmp -s <(curl -s -H 'Accept-Encoding: gzip' "$base$url" | gunzip) "$site${url}index.html"
  check "no encoding without Accept-Encoding for $url" test -z "$(header Content-Encoding "$base$url")"
  check "Vary: Accept-Encoding for $url" test "$(header Vary -H 'Accept-Encoding: gzip' "$base$url")" = Accept-Encoding
  check "HTML $url is no-cache" test "$(header Cache-Control "$base$url")" = no-cache
done
check "hashed asset /$css is immutable" \
  test "$(header Cache-Control -H 'Accept-Encoding: gzip' "$base/$css")" = "public, max-age=31536000, immutable"
check "hashed asset /$css is sent as gzip" test "$(header Content-Encoding -H 'Accept-Encoding: gzip' "$base/$css")" = gzip
check "search meta /$meta is immutable" \
  test "$(header Cache-Control "$base/$meta")" = "public, max-age=31536000, immutable"
check "api/guidelines.json is no-cache" test "$(header Cache-Control "$base/api/guidelines.json")" = no-cache
check "an unknown URL gets status 404" \
  test "$(curl -s -o /dev/null -w '%{http_code}' "$base/findes/ikke/her/")" = 404
check "an unknown URL gets the 404 page" cmp -s <(curl -s "$base/findes/ikke/her/") "$site/404.html"
check "a folder without its slash is redirected" \
  test "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$base${page%/}")" = "301 $base$page"

# The atomic deploy: requests run while the link is swapped to the fresh build and back.
check "the two builds differ" bash -c "! cmp -s '$site/index.html' '$work/releases/b/index.html'"
swap() { # the recipe of docs/deploy.md: a new link beside the old, renamed over it
  ln -sfn "$work/releases/$1" "$work/current.new"
  mv -T "$work/current.new" "$work/current"
}
(
  while :; do
    for url in / "$page" "/$css" "/$meta"; do
      curl -s -o /dev/null -w '%{http_code}\n' -H 'Accept-Encoding: gzip' "$base$url" || echo "curl-failed"
    done
  done
) >"$work/codes" &
loop_pid=$!
# Until at least 100 requests were answered (or 20 s passed, on a very busy machine).
swaps=0
for _ in $(seq 200); do
  swap b; sleep 0.05; swap a; sleep 0.05
  swaps=$((swaps + 2))
  (($(wc -l <"$work/codes") >= 100)) && break
done
swap b
swaps=$((swaps + 1))
sleep 0.2
kill "$loop_pid"; wait "$loop_pid" 2>/dev/null || true; loop_pid=""
requests="$(wc -l <"$work/codes")"
check "$requests requests during $swaps swaps all answered 200" \
  bash -c "[[ $requests -gt 20 ]] && ! grep -qv '^200$' '$work/codes'"
check "the fresh build is served after the swap" \
  cmp -s <(curl -s "$base/") "$work/releases/b/index.html"

if ((failures)); then
  echo "nginx.sh: $failures failed; nginx's log:" >&2
  cat "$work/logs/error.log" >&2
  exit 1
fi
echo "nginx.sh: all passed"
