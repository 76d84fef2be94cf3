#!/usr/bin/env bash
# The dashboard, offscreen, against batchwatch-sim holding N batches (default 100,000):
#   1. loads them all (Load all) while a 1 ms timer records the longest event-loop gap; this fills the cache;
#   2. starts again R times (default 5) on that warm cache and times start to the first painted row.
#
#   bench/gui-probe.sh [--batches N] [--runs R]
# Run ./scripts/test first: it builds build/bench/gui_probe.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
batches=100000
runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batches) batches="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gui-probe: unknown option $1" >&2; exit 2 ;;
  esac
done
probe="$root/build/bench/gui_probe"
[[ -x "$probe" ]] || { echo "gui-probe: $probe is missing; run ./scripts/test first" >&2; exit 1; }

work="$(mktemp -d /tmp/batchwatch-probe.XXXXXX)"
sim_pid=""
cleanup() { [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$root/build/bin/batchwatch-sim" --batches "$batches" --speed 0 >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 300); do grep -q listening "$work/sim.out" 2>/dev/null && break; sleep 0.1; done
base="$(sed -n 's/^listening on //p' "$work/sim.out")"
[[ -n "$base" ]] || { echo "gui-probe: batchwatch-sim did not start" >&2; cat "$work/sim.out" >&2; exit 1; }

export OPENAI_BASE_URL="$base" OPENAI_API_KEY=sk-probe XDG_CACHE_HOME="$work/cache" \
  XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen
echo "load $batches batches from $base:"
"$probe" load "$batches"
echo
echo "start to first painted row, warm cache of $batches, $runs runs:"
for _ in $(seq "$runs"); do "$probe" first-paint | grep -E "RESULT|rows"; done | tee "$work/paint.txt"
grep "first painted" "$work/paint.txt" | awk '{print $(NF-1)}' | sort -n |
  awk '{a[NR]=$1} END {printf "median start to first painted row: %.0f ms\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
