#!/usr/bin/env bash
# Real web servers (Debian's nginx, and Apache httpd and Caddy when installed) on loopback,
# each serving a site built with --precompress through its configuration in docs/deploy/:
# the precompressed copies, cache headers, the 404 page, and a fresh build swapped in with
# the symlink recipe of docs/deploy.md while requests run.
#   bash e2e/web-servers.sh [RETNING_BINARY] [SITE_ROOT]
# RETNING_BINARY defaults to target/debug/retning, SITE_ROOT to the repository (the example
# site). SERVERS="nginx apache caddy" chooses the servers (default: nginx, plus the others
# that are installed; nginx is required). Runs as any user: each server gets its
# configuration, pid file and logs in a temporary folder, and is stopped at the end.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$E2E_DIR")"
RETNING="${1:-$REPO_DIR/target/debug/retning}"
SITE_ROOT="${2:-$REPO_DIR}"
PATH="$PATH:/usr/sbin"

if [[ -z "${SERVERS:-}" ]]; then
  SERVERS="nginx"
  command -v apache2 >/dev/null && SERVERS="$SERVERS apache"
  command -v caddy >/dev/null && SERVERS="$SERVERS caddy"
fi
for server in $SERVERS; do
  program="$server"; [[ "$server" == apache ]] && program=apache2
  command -v "$program" >/dev/null || { echo "web-servers.sh: $program is not installed (apt-get install -y $program)" >&2; exit 1; }
done
[[ -x "$RETNING" ]] || { echo "web-servers.sh: no retning binary at $RETNING; cargo build first" >&2; exit 1; }
command -v curl >/dev/null || { echo "web-servers.sh: curl is not installed" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
loop_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  [[ -n "$loop_pid" ]] && kill "$loop_pid" 2>/dev/null || true
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() { # check NAME COMMAND…: passes when the command succeeds
  local name="$1"; shift
  if "$@"; then echo "ok - $name"; else echo "not ok - $name" >&2; failures=$((failures + 1)); fi
}

# Two builds, as two deploys would make them (different dates, so their pages differ).
mkdir -p "$work/releases"
build() { # build NAME TODAY
  "$RETNING" --root "$SITE_ROOT" build --no-history --precompress --today "$2" \
    --out "$work/releases/$1" --base-url "http://127.0.0.1/" >"$work/build-$1.log" 2>&1 \
    || { cat "$work/build-$1.log" >&2; exit 1; }
}
build a 2026-01-01
build b 2030-01-01

# template FILE OUT FROM=TO…: the documented configuration with only the given whole lines
# replaced (each must be there, so the test notices when the file changes).
template() {
  local file="$1" out="$2"; shift 2
  cp "$REPO_DIR/docs/deploy/$file" "$out"
  local pair from to
  for pair in "$@"; do
    from="${pair%%=*}"; to="${pair#*=}"
    grep -qxF -- "$from" "$out" \
      || { echo "web-servers.sh: docs/deploy/$file no longer has the line '$from' this test replaces" >&2; exit 1; }
    FROM="$from" TO="$to" awk '$0 == ENVIRON["FROM"] { print ENVIRON["TO"]; next } { print }' "$out" >"$out.new"
    mv "$out.new" "$out"
  done
}

start_nginx() { # PORT DIR
  local port="$1" dir="$2"
  template nginx.conf "$dir/site.conf" \
    "    listen 80;=    listen 127.0.0.1:$port;" \
    "    root /srv/retningslinjer/current;=    root $work/current;"
  mkdir -p "$dir/tmp"
  cat >"$dir/main.conf" <<CONF
daemon off;
# As root, workers would run as nobody, who cannot read the temporary folder.
user $(id -un) $(id -gn);
worker_processes 1;
pid $dir/pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  include $dir/site.conf;
}
CONF
  # -e: the log nginx opens before reading the configuration (by default under /var/log).
  nginx -p "$dir" -e "$dir/error.log" -c "$dir/main.conf" 2>"$dir/stderr" &
  server_pid=$!
}

start_apache() { # PORT DIR
  local port="$1" dir="$2" modules=/usr/lib/apache2/modules apache_user=""
  # Apache refuses to serve as root: then its workers run as nobody, who may read the site.
  if [[ "$(id -u)" == 0 ]]; then
    apache_user="User nobody"$'\n'"Group $(id -gn nobody)"
    chmod 755 "$work"
  fi
  template apache.conf "$dir/site.conf" \
    "<VirtualHost *:80>=<VirtualHost 127.0.0.1:$port>" \
    "    DocumentRoot /srv/retningslinjer/current=    DocumentRoot $work/current" \
    "    <Directory /srv/retningslinjer/>=    <Directory $work/>"
  cat >"$dir/main.conf" <<CONF
ServerRoot $dir
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $dir/pid
ErrorLog $dir/error.log
$apache_user
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule mime_module $modules/mod_mime.so
LoadModule dir_module $modules/mod_dir.so
LoadModule env_module $modules/mod_env.so
LoadModule rewrite_module $modules/mod_rewrite.so
LoadModule headers_module $modules/mod_headers.so
TypesConfig /etc/mime.types
Mutex file:$dir
Include $dir/site.conf
CONF
  apache2 -f "$dir/main.conf" -DFOREGROUND 2>"$dir/stderr" &
  server_pid=$!
}

start_caddy() { # PORT DIR
  local port="$1" dir="$2"
  template Caddyfile "$dir/site.caddy" \
    "retningslinjer.example.dk {=http://127.0.0.1:$port {" \
    "	root * /srv/retningslinjer/current=	root * $work/current"
  # No admin endpoint (its fixed port would clash), and no storage outside $dir.
  { printf '{\n\tadmin off\n\tstorage file_system %s\n}\n' "$dir/data"; cat "$dir/site.caddy"; } >"$dir/Caddyfile"
  XDG_CONFIG_HOME="$dir" XDG_DATA_HOME="$dir" \
    caddy run --adapter caddyfile --config "$dir/Caddyfile" >"$dir/stderr" 2>&1 &
  server_pid=$!
}

# start SERVER: on a free port (a few random tries: a server stops at once when its port is
# taken); sets base.
start() {
  local server="$1" port dir
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    dir="$work/$server"; rm -rf "$dir"; mkdir -p "$dir"
    "start_$server" "$port" "$dir"
    for _ in $(seq 100); do
      if curl -s -o /dev/null "http://127.0.0.1:$port/"; then base="http://127.0.0.1:$port"; return 0; fi
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    stop_server
  done
  cat "$dir/stderr" "$dir/error.log" >&2 2>/dev/null || true
  echo "web-servers.sh: $server did not start" >&2
  exit 1
}

header() { # header NAME CURL_ARGS…: the value of one response header
  local name="$1"; shift
  curl -s -o /dev/null -D - "$@" | tr -d '\r' | awk -v h="$(tr 'A-Z' 'a-z' <<<"$name")" \
    -F': ' 'tolower($1) == h { print $2 }'
}

site="$work/releases/a"
page="$(cd "$site" && find . -mindepth 3 -maxdepth 3 -path './*/*/index.html' | sort | head -n1)"
page="${page#.}"; page="${page%index.html}"
css="$(cd "$site" && ls assets/*.css | head -n1)"
meta=search/meta.json
chunk="$(cd "$site" && ls search/c.*.json | head -n1)"
check "the two builds differ" bash -c "! cmp -s '$site/index.html' '$work/releases/b/index.html'"

swap() { # the recipe of docs/deploy.md: a new link beside the old, renamed over it
  ln -sfn "$work/releases/$1" "$work/current.new"
  mv -T "$work/current.new" "$work/current"
}

test_server() { # SERVER ENCODINGS: the encodings it sends precompressed (gzip, br)
  local server="$1" encodings="$2"
  swap a
  start "$server"
  echo "# $server on $base (page $page)"
  for url in / "$page"; do
    local file="$site${url}index.html"
    check "$server: HTML $url is no-cache" test "$(header Cache-Control "$base$url")" = no-cache
    check "$server: no encoding without Accept-Encoding for $url" test -z "$(header Content-Encoding "$base$url")"
    check "$server: $url without Accept-Encoding is the page" cmp -s <(curl -s "$base$url") "$file"
    for encoding in $encodings; do
      local suffix="gz"; [[ "$encoding" == br ]] && suffix=br
      check "$server: $url with Accept-Encoding: $encoding is the .$suffix copy" \
        cmp -s <(curl -s -H "Accept-Encoding: $encoding" "$base$url") "$file.$suffix"
      check "$server: Content-Encoding: $encoding for $url" \
        test "$(header Content-Encoding -H "Accept-Encoding: $encoding" "$base$url")" = "$encoding"
      check "$server: $url with Accept-Encoding: $encoding is text/html" \
        bash -c "[[ '$(header Content-Type -H "Accept-Encoding: $encoding" "$base$url")' == text/html* ]]"
      check "$server: Vary: Accept-Encoding for $url" \
        test "$(header Vary -H "Accept-Encoding: $encoding" "$base$url")" = Accept-Encoding
    done
  done
  local hashed="public, max-age=31536000, immutable" first="${encodings%% *}"
  check "$server: hashed asset /$css is immutable" \
    test "$(header Cache-Control -H "Accept-Encoding: $first" "$base/$css")" = "$hashed"
  check "$server: hashed asset /$css is sent as $first" \
    test "$(header Content-Encoding -H "Accept-Encoding: $first" "$base/$css")" = "$first"
  check "$server: hashed asset /$css as $first is text/css" \
    bash -c "[[ '$(header Content-Type -H "Accept-Encoding: $first" "$base/$css")' == text/css* ]]"
  check "$server: search meta /$meta is no-cache" test "$(header Cache-Control "$base/$meta")" = no-cache
  check "$server: search meta /$meta as $first is no-cache" \
    test "$(header Cache-Control -H "Accept-Encoding: $first" "$base/$meta")" = no-cache
  check "$server: search chunk /$chunk is immutable" test "$(header Cache-Control "$base/$chunk")" = "$hashed"
  check "$server: search chunk /$chunk as $first is immutable" \
    test "$(header Cache-Control -H "Accept-Encoding: $first" "$base/$chunk")" = "$hashed"
  check "$server: api/guidelines.json is no-cache" test "$(header Cache-Control "$base/api/guidelines.json")" = no-cache
  check "$server: an unknown URL gets status 404" \
    test "$(curl -s -o /dev/null -w '%{http_code}' "$base/findes/ikke/her/")" = 404
  check "$server: an unknown URL gets the 404 page" cmp -s <(curl -s "$base/findes/ikke/her/") "$site/404.html"
  check "$server: a folder without its slash is redirected to it" \
    bash -c "[[ '$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$base${page%/}")' =~ ^30[18]\ $base$page\$ ]]"

  # The atomic deploy: requests run while the link is swapped between the builds.
  (
    while :; do
      for url in / "$page" "/$css" "/$meta"; do
        curl -s -o /dev/null -w '%{http_code}\n' -H "Accept-Encoding: $first" "$base$url" || echo "curl-failed"
      done
    done
  ) >"$work/codes" &
  loop_pid=$!
  # Until at least 100 requests were answered (or about 20 s passed, on a very busy machine).
  local swaps=0
  for _ in $(seq 200); do
    swap b; sleep 0.05; swap a; sleep 0.05
    swaps=$((swaps + 2))
    (($(wc -l <"$work/codes") >= 100)) && break
  done
  swap b
  swaps=$((swaps + 1))
  sleep 0.2
  kill "$loop_pid"; wait "$loop_pid" 2>/dev/null || true; loop_pid=""
  local requests
  requests="$(wc -l <"$work/codes")"
  check "$server: $requests requests during $swaps swaps all answered 200" \
    bash -c "[[ $requests -gt 20 ]] && ! grep -qv '^200$' '$work/codes'"
  check "$server: the fresh build is served after the swap" \
    cmp -s <(curl -s "$base/") "$work/releases/b/index.html"
  stop_server
}

for server in $SERVERS; do
  case "$server" in
    # Debian's nginx has no brotli module: the .gz copies only (docs/deploy.md).
    nginx) test_server nginx "gzip" ;;
    apache) test_server apache "br gzip" ;;
    caddy) test_server caddy "br gzip" ;;
    *) echo "web-servers.sh: unknown server $server" >&2; exit 1 ;;
  esac
done

if ((failures)); then
  echo "web-servers.sh: $failures failed" >&2
  for log in "$work"/*/error.log "$work"/*/stderr; do [[ -s "$log" ]] && { echo "== $log" >&2; tail -20 "$log" >&2; }; done
  exit 1
fi
echo "web-servers.sh: all passed ($SERVERS)"
