#!/usr/bin/env bash
# Times `batchwatch export` against the official openai SDK writing the same JSONL, alternately, same server.
#
#   bench/compare-sdk.sh [--batches N] [--runs R] [--mode cold|latency|both]
#
# cold:    nginx serves the simulator's list pages as static files (so the server is not what is measured);
#          batchwatch starts each run with an empty cache.
# latency: batchwatch-sim adds 50 ms before every answer; batchwatch runs warm (its cache filled by one
#          untimed run first), the SDK as always reads every page.
# Prints per-run figures, then medians of wall time and peak RSS, and batchwatch/SDK ratios.
# Run ./scripts/test (or ./scripts/run) first: it builds build/bin/. This script installs nginx, GNU time and
# the SDK itself.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
# shellcheck source=../scripts/lib/setup.sh
source "$root/scripts/lib/setup.sh"

batches=20000
runs=5
mode=both
latency_ms=50
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batches) batches="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-sdk: unknown option $1" >&2; exit 2 ;;
  esac
done

bw="$root/build/bin/batchwatch"
sim="$root/build/bin/batchwatch-sim"
if [[ ! -x "$bw" || ! -x "$sim" ]]; then
  echo "compare-sdk: build/bin/batchwatch is missing; run ./scripts/test first" >&2
  exit 1
fi
bw_install_debs nginx-light time curl python3
bw_install_node
(cd "$here/sdk" && { [[ -d node_modules/openai ]] || npm ci --no-audit --no-fund --loglevel=error; })

work="$(mktemp -d /tmp/batchwatch-bench.XXXXXX)"
chmod 755 "$work" # nginx's workers run as nobody
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [[ -n "${KEEP:-}" ]] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 100); do curl -s -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

start_nginx() {
  "$sim" --write-pages "$work/www/v1/pages" --batches "$batches" --speed 0 --now 1790000000
  chmod -R a+rX "$work/www"
  local port; port="$(free_port)"
  cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    default_type application/json; # try_files ends in an internal redirect to the page's own location
    location = /v1/batches {
      try_files /v1/pages/after/\$arg_after.json /v1/pages/first.json;
    }
  }
}
EOF
  mkdir -p "$work/tmp"
  nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" 2>/dev/null || nginx -c "$work/nginx.conf"
  base="http://127.0.0.1:$port/v1"
  wait_for "$base/batches" || { echo "compare-sdk: nginx did not start" >&2; cat "$work/nginx-error.log" >&2; exit 1; }
}

start_sim() {
  local port; port="$(free_port)"
  "$sim" --port "$port" --batches "$batches" --speed 0 --now 1790000000 --latency-ms "$latency_ms" \
    >"$work/sim.log" 2>&1 &
  server_pid=$!
  base="http://127.0.0.1:$port/v1"
  wait_for "$base/batches?limit=1" || { echo "compare-sdk: batchwatch-sim did not start" >&2; exit 1; }
}

stop_servers() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=""
  if [[ -f "$work/nginx.pid" ]]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -f "$work/nginx.pid"; fi
}

# measure NAME COMMAND...: one run under GNU time; appends "seconds kilobytes" to $work/NAME.times.
measure() {
  local name="$1"; shift
  local out="$work/$name.jsonl"
  rm -f "$out"
  /usr/bin/time -f '%e %M' -o "$work/time.txt" env "$@" "$out" 2>"$work/$name.err" >/dev/null ||
    { echo "compare-sdk: $name failed:" >&2; cat "$work/$name.err" >&2; exit 1; }
  local lines; lines="$(wc -l <"$out")"
  [[ "$lines" -eq "$batches" ]] || { echo "compare-sdk: $name wrote $lines lines, expected $batches" >&2; exit 1; }
  cat "$work/time.txt" >>"$work/$name.times"
  printf '  %-22s %6.2f s %8.1f MB\n' "$name" "$(cut -d' ' -f1 "$work/time.txt")" \
    "$(awk '{print $2/1024}' "$work/time.txt")"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

summary() {
  local label="$1" ours="$2" theirs="$3"
  local bw_s bw_kb sdk_s sdk_kb
  bw_s="$(cut -d' ' -f1 "$work/$ours.times" | median)"; bw_kb="$(cut -d' ' -f2 "$work/$ours.times" | median)"
  sdk_s="$(cut -d' ' -f1 "$work/$theirs.times" | median)"; sdk_kb="$(cut -d' ' -f2 "$work/$theirs.times" | median)"
  echo
  echo "$label: $batches batches, median of $runs runs each"
  awk -v a="$bw_s" -v b="$bw_kb" -v c="$sdk_s" -v d="$sdk_kb" 'BEGIN {
    printf "  %-22s %8s %10s\n", "", "wall", "peak RSS"
    printf "  %-22s %6.2f s %7.1f MB\n", "batchwatch", a, b/1024
    printf "  %-22s %6.2f s %7.1f MB\n", "openai SDK", c, d/1024
    printf "  %-22s %7.3fx %9.3fx   (batchwatch / SDK; SDK is %.1fx slower)\n", "ratio", a/c, b/d, c/a
  }'
}

# Commands for /usr/bin/time (no shell functions): the output file is appended by measure.
sdk=(env OPENAI_API_KEY=sk-bench node "$here/sdk/export-jsonl.mjs")
ours=(env OPENAI_API_KEY=sk-bench XDG_CACHE_HOME="$work/cache" "$bw" export --format jsonl -o)

echo "machine: $(nproc) cores, $(uname -m), $(lsb_release -ds 2>/dev/null || echo Debian); node $(node --version);" \
  "batchwatch $("$bw" --version | awk '{print $NF}')"

if [[ "$mode" == cold || "$mode" == both ]]; then
  start_nginx
  echo "cold export from nginx ($base), alternating:"
  for _ in $(seq "$runs"); do
    rm -rf "$work/cache"
    measure batchwatch-cold OPENAI_BASE_URL="$base" "${ours[@]}"
    measure sdk-cold OPENAI_BASE_URL="$base" "${sdk[@]}"
  done
  if cmp -s "$work/batchwatch-cold.jsonl" "$work/sdk-cold.jsonl"; then echo "  outputs: byte-identical"
  else echo "  outputs: same line count, bytes differ"; fi
  summary "cold export" batchwatch-cold sdk-cold
  stop_servers
fi

if [[ "$mode" == latency || "$mode" == both ]]; then
  start_sim
  echo
  echo "warm export, batchwatch-sim with ${latency_ms} ms latency ($base), alternating:"
  rm -rf "$work/cache"
  OPENAI_BASE_URL="$base" "${ours[@]}" "$work/fill.jsonl" 2>/dev/null # fills the cache, untimed
  for _ in $(seq "$runs"); do
    measure batchwatch-warm OPENAI_BASE_URL="$base" "${ours[@]}"
    measure sdk-latency OPENAI_BASE_URL="$base" "${sdk[@]}"
  done
  summary "warm export, ${latency_ms} ms latency" batchwatch-warm sdk-latency
  stop_servers
fi
