#!/usr/bin/env bash
# Times `batchwatch cost` over a large cached account served by batchwatch-sim.
#
#   bench/scale-cost.sh [--batches N] [--runs R] [--by LIST] [--bin DIR] [--reuse DIR --port P]
#
# Starts batchwatch-sim with N batches (default 1,000,000; its clock frozen), times its start and a list
# page (the simulator's per-request work), fills the cache under a private XDG_CACHE_HOME with one
# cold `batchwatch export --format jsonl -o /dev/null` (timed), then times R warm runs (default 5) of
# `batchwatch cost --by G -o FILE` for each G in LIST (default day,model,batch) under /usr/bin/time, and one
# more warm `--by day` run with the sync's and Qt's timestamps on stderr, to show where a warm run goes.
# Prints RESULT lines: median and worst of wall seconds and peak RSS, with the load average beside them.
# --reuse DIR --port P: a work folder kept (KEEP=1) by an earlier run on port P, whose cache is still right
# (the simulator's account is the same for the same N): the cold fill is skipped.
# Needs build/bin/ (batchwatch, batchwatch-sim), curl, python3 and GNU time (/usr/bin/time).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

batches=1000000
runs=5
bys=day,model,batch
bin="$root/build/bin"
reuse=""
port=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batches) batches="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --by) bys="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --reuse) reuse="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale-cost: unknown option $1" >&2; exit 2 ;;
  esac
done

bw="$bin/batchwatch"
sim="$bin/batchwatch-sim"
for tool in "$bw" "$sim" /usr/bin/time; do
  [[ -x "$tool" ]] || { echo "scale-cost: $tool is missing (build batchwatch and batchwatch-sim)" >&2; exit 1; }
done

if [[ -n "$reuse" ]]; then
  [[ -n "$port" && -d "$reuse/cache" ]] || { echo "scale-cost: --reuse needs a kept folder and its --port" >&2; exit 2; }
  work="$reuse"
  KEEP=1
else
  work="$(mktemp -d /tmp/batchwatch-scale-cost.XXXXXX)"
fi
sim_pid=""
cleanup() {
  [[ -n "$sim_pid" ]] && echo "batchwatch-sim peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$sim_pid/status" 2>/dev/null)"
  [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  if [[ -n "${KEEP:-}" ]]; then echo "kept $work (--reuse $work --port $port)"; else rm -rf "$work"; fi
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
worst() { sort -n | tail -1; }
now_s() { date +%s.%N; }

# The simulator: started, then asked for its first page until it answers.
[[ -n "$port" ]] || port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port/v1"
start="$(now_s)"
"$sim" --port "$port" --batches "$batches" --speed 0 \
  --now 1790000000 >"$work/sim.log" 2>&1 &
sim_pid=$!
ready=""
for _ in $(seq 6000); do
  if curl -s -o /dev/null -H 'Authorization: Bearer sk-bench' "$base/batches?limit=1" 2>/dev/null; then
    ready=1
    break
  fi
  kill -0 "$sim_pid" 2>/dev/null || break
  sleep 0.1
done
[[ -n "$ready" ]] || { echo "scale-cost: batchwatch-sim did not start" >&2; cat "$work/sim.log" >&2; exit 1; }
# Another process answering on the port (the simulator then fails to listen and ends) is not measured.
grep -q "listening on" "$work/sim.log" && kill -0 "$sim_pid" 2>/dev/null ||
  { echo "scale-cost: port $port is taken by another process" >&2; exit 1; }
echo "RESULT sim_start batches=$batches seconds=$(awk -v a="$start" -v b="$(now_s)" 'BEGIN{printf "%.2f", b-a}') load=$(load)"

# A page at the top; a page further down costs the same (an id lookup), the cold fill shows it.
page_time() { curl -s -o "$work/page.json" -w '%{time_total}' -H 'Authorization: Bearer sk-bench' "$1"; }
top="$(page_time "$base/batches?limit=100")"
for _ in 1 2 3; do top="$top $(page_time "$base/batches?limit=100")"; done
echo "RESULT sim_page_top batches=$batches seconds_median=$(tr ' ' '\n' <<<"$top" | median) load=$(load)"

export OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="$base" XDG_CACHE_HOME="$work/cache"

# The cold fill: every page from the simulator into the cache.
if [[ -z "$reuse" ]]; then
/usr/bin/time -f '%e %M' -o "$work/fill.time" "$bw" export --format jsonl -o /dev/null 2>"$work/fill.err" ||
  { echo "scale-cost: the cold export failed:" >&2; cat "$work/fill.err" >&2; exit 1; }
read -r fill_s fill_kb <"$work/fill.time"
echo "RESULT cold_fill batches=$batches seconds=$fill_s peak_mb=$(awk -v k="$fill_kb" 'BEGIN{printf "%.0f", k/1024}') load=$(load)"
fi
echo "port $port; cache files: $(du -sm "$work/cache" | cut -f1) MB"

# One warm run first, timed apart: it migrates a file of an older schema (a reused folder) and reads the
# file into the page cache, as any later run finds it.
/usr/bin/time -f '%e %M' -o "$work/time.txt" "$bw" cost --by day -o "$work/first.csv" 2>"$work/cost.err" ||
  { echo "scale-cost: the first warm cost failed:" >&2; cat "$work/cost.err" >&2; exit 1; }
echo "RESULT cost_first_warm batches=$batches seconds=$(cut -d' ' -f1 "$work/time.txt") load=$(load)"
rm -f "$work"/cost-*.times

# Warm runs: R of each grouping, alternating, under GNU time.
IFS=, read -r -a groupings <<<"$bys"
for _ in $(seq "$runs"); do
  for by in "${groupings[@]}"; do
    out="$work/cost-$by.csv"
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$bw" cost --by "$by" -o "$out" 2>"$work/cost.err" ||
      { echo "scale-cost: cost --by $by failed:" >&2; cat "$work/cost.err" >&2; exit 1; }
    read -r s kb <"$work/time.txt"
    echo "$s $kb $(load)" >>"$work/cost-$by.times"
    printf '  cost --by %-6s %6.2f s %8.1f MB  (load %s)\n' "$by" "$s" "$(awk -v k="$kb" 'BEGIN{print k/1024}')" "$(load)"
  done
done
for by in "${groupings[@]}"; do
  t="$work/cost-$by.times"
  echo "RESULT cost_by_${by}_warm batches=$batches runs=$runs seconds_median=$(cut -d' ' -f1 "$t" | median)" \
    "seconds_worst=$(cut -d' ' -f1 "$t" | worst)" \
    "peak_mb_median=$(cut -d' ' -f2 "$t" | median | awk '{printf "%.0f", $1/1024}')" \
    "peak_mb_worst=$(cut -d' ' -f2 "$t" | worst | awk '{printf "%.0f", $1/1024}')" \
    "load=$(load)"
done
echo "rows: $(wc -l <"$work/cost-day.csv" 2>/dev/null || echo 0) in the --by day CSV"

# Where a warm run's time goes: the sync's own log lines, stamped from the process start.
echo "one warm cost --by day with timestamps (started $(date -u +%H:%M:%S.%3N)):"
QT_LOGGING_RULES="batchwatch.sync.debug=true" QT_MESSAGE_PATTERN='%{time HH:mm:ss.zzz} %{message}' TZ=UTC \
  "$bw" cost --by day -o "$work/cost-day-traced.csv" 2>&1 | sed 's/^/  /' | cut -c1-200
