#!/usr/bin/env bash
# The dashboard, offscreen, measured from inside (build/bench/gui_probe) against batchwatch-sim:
#   one     one account of N batches (default 1,000,000): the cache is seeded straight from the simulator's
#           generator (gui_probe seed), then R fresh processes (default 3) each time the first painted row,
#           the rest of the cache, heap per batch, a refresh, filter keystrokes and a sort by each column;
#   all     the All accounts view: K accounts (default 5) of N/K batches, one simulator each, the same figures;
#   results the Results window of a batch of Q requests (default 50,000) whose answers are A characters
#           (default 3,500: output + input about 200 MB), downloaded and then from the results cache, R runs;
#   load    Load all of L batches from the simulator with an empty cache (--load L; slow: 1,000 pages a
#           minute), as round one measured it.
# Each figure is printed per run, then its median and worst over the runs.
#
#   bench/gui-probe.sh [--batches N] [--accounts K] [--runs R] [--requests Q] [--answer-chars A]
#                      [--filter TEXT] [--parts one,all,results] [--load L]
# Build first: cmake --build build --target gui_probe batchwatch-sim
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
batches=1000000
accounts=5
runs=3
requests=50000
answer_chars=3500
filter=gpt-4
parts=one,all,results
load=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batches) batches="$2"; shift 2 ;;
    --accounts) accounts="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --answer-chars) answer_chars="$2"; shift 2 ;;
    --filter) filter="$2"; shift 2 ;;
    --parts) parts="$2"; shift 2 ;;
    --load) load="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gui-probe: unknown option $1" >&2; exit 2 ;;
  esac
done
probe="$root/build/bench/gui_probe"
sim="$root/build/bin/batchwatch-sim"
for binary in "$probe" "$sim"; do
  [[ -x "$binary" ]] || { echo "gui-probe: $binary is missing; build gui_probe and batchwatch-sim" >&2; exit 1; }
done

work="$(mktemp -d /tmp/batchwatch-probe.XXXXXX)"
sim_pids=()
cleanup() {
  for pid in "${sim_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
now="$(date +%s)"
export OPENAI_API_KEY=sk-probe XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config" \
  QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$work/runtime" && chmod 700 "$work/runtime"

# Starts a simulator; sets sim_url to its base URL (not in a subshell: the pid must reach sim_pids).
start_sim() {
  local out="$work/sim.$RANDOM.out"
  "$sim" --speed 0 --now "$now" "$@" >"$out" 2>&1 &
  sim_pids+=($!)
  for _ in $(seq 1200); do grep -q listening "$out" 2>/dev/null && break; sleep 0.1; done
  local base
  base="$(sed -n 's/^listening on //p' "$out")"
  [[ -n "$base" ]] || { echo "gui-probe: batchwatch-sim did not start" >&2; cat "$out" >&2; exit 1; }
  sim_url="$base"
}

stop_sims() {
  for pid in "${sim_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sim_pids=()
}

# Median and worst of each RESULT over the runs (every figure here is worse when larger).
summarise() {
  echo "median / worst of $runs runs (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
  grep '^RESULT' "$1" | sed -E 's/^RESULT +(.*[^ ]) +(-?[0-9.]+) +([^ ]*)$/\1\t\2\t\3/' |
    awk -F'\t' '{name=$1; n[name]++; v[name, n[name]]=$2; u[name]=$3; if (!(name in seen)) {seen[name]=1; order[++k]=name}}
         END {for (i = 1; i <= k; i++) {name=order[i]; c=n[name]
                for (a = 1; a <= c; a++) s[a]=v[name, a]
                for (a = 1; a <= c; a++) for (b = a + 1; b <= c; b++) if (s[b] < s[a]) {t=s[a]; s[a]=s[b]; s[b]=t}
                med = c % 2 ? s[(c + 1) / 2] : (s[c / 2] + s[c / 2 + 1]) / 2
                printf "  %-62s %10.2f / %10.2f %s\n", name, med, s[c], u[name]}}'
}

# Seeds the caches, then R warm starts on them.
warm_runs() {
  local label="$1" count="$2"
  echo "== $label: seeding $batches batches ($count account(s))"
  "$probe" seed "$batches" --accounts "$count" --now "$now" | grep -E "RESULT|seeding"
  : >"$work/$label.txt"
  for run in $(seq "$runs"); do
    echo "-- $label, run $run ($(cut -d' ' -f1-3 /proc/loadavg))"
    "$probe" warm --accounts "$count" --filter "$filter" 2>/dev/null | tee -a "$work/$label.txt"
  done
  summarise "$work/$label.txt"
}

if [[ ",$parts," == *",one,"* ]]; then
  start_sim --batches "$batches" --seed 1
  export OPENAI_BASE_URL="$sim_url"
  warm_runs "one account" 1
  stop_sims
fi

if [[ ",$parts," == *",all,"* && "$accounts" -gt 1 ]]; then
  urls=()
  for i in $(seq "$accounts"); do
    start_sim --batches $((batches / accounts)) --seed "$i"
    urls+=("$sim_url")
  done
  export OPENAI_BASE_URL="${urls[0]}" PROBE_BASE_URLS="${urls[*]}"
  warm_runs "all accounts" "$accounts"
  stop_sims
  unset PROBE_BASE_URLS
fi

if [[ ",$parts," == *",results,"* ]]; then
  start_sim --batches 100 --seed 7
  export OPENAI_BASE_URL="$sim_url"
  root_url="${OPENAI_BASE_URL%/v1}"
  : >"$work/results.txt"
  for run in $(seq "$runs"); do
    id="$(curl -sf -X POST "$root_url/v1/_sim/batches" -H "Authorization: Bearer $OPENAI_API_KEY" \
      -H 'Content-Type: application/json' \
      -d "{\"requests\": $requests, \"answer_chars\": $answer_chars, \"failed_share\": 0.08, \"ended\": true,
           \"model\": \"gpt-4o-mini\", \"endpoint\": \"/v1/chat/completions\"}" |
      sed -n 's/.*"id": *"\([^"]*\)".*/\1/p')"
    [[ -n "$id" ]] || { echo "gui-probe: the simulator did not create the batch" >&2; exit 1; }
    echo "-- results of $id ($requests requests), run $run ($(cut -d' ' -f1-3 /proc/loadavg))"
    rm -rf "$XDG_CACHE_HOME"
    "$probe" results "$id" 2>/dev/null | tee -a "$work/results.txt"
  done
  summarise "$work/results.txt"
  stop_sims
fi

if [[ "$load" -gt 0 ]]; then
  start_sim --batches "$load" --seed 1
  export OPENAI_BASE_URL="$sim_url"
  rm -rf "$XDG_CACHE_HOME"
  echo "== Load all of $load batches from $OPENAI_BASE_URL"
  "$probe" load "$load" 2>/dev/null
  stop_sims
fi
