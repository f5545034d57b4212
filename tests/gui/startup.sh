#!/usr/bin/env bash
# Start to first frame, measured the way the README reports it: the app
# started N times under Xvfb at 1366x768 with NIANBAO_MEASURE_STARTUP=1, the
# configurations alternated start by start (so a noisy neighbour on a shared
# machine hits them alike), then each one's median, min and max. A pause
# before each start matters: started right after the previous program
# closed its window, the next one's XOpenDisplay alone took 50-60 ms
# instead of 1-5 ms.
#
# Usage: tests/gui/startup.sh [-n N] [BINARY] [LABEL=ENV ...]
#   LABEL=ENV runs BINARY with ENV added (several variables: comma-separated),
#   e.g.  tests/gui/startup.sh target/release/nianbao default= glow=NIANBAO_RENDERER=glow
#   A LABEL of the form LABEL=@PROGRAM runs another program instead (it must
#   print "first frame after X ms" itself).
# Needs: xvfb.
set -euo pipefail
n=10
if [ "${1:-}" = -n ]; then n=$2; shift 2; fi
bin=${1:-target/release/nianbao}
shift || true
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=("default=")
data=$(mktemp -d)
Xvfb :79 -screen 0 1366x768x24 >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null; rm -rf "$data"' EXIT
sleep 1
declare -A times
for ((i = 1; i <= n; i++)); do
  for c in "${configs[@]}"; do
    label=${c%%=*}
    spec=${c#*=}
    prog=$bin
    envs=()
    if [[ $spec == @* ]]; then prog=${spec#@}; elif [ -n "$spec" ]; then IFS=, read -r -a envs <<<"$spec"; fi
    sleep 1
    out=$(env DISPLAY=:79 HOME="$data" XDG_RUNTIME_DIR="$data" NIANBAO_DATA_DIR="$data" \
      NIANBAO_MEASURE_STARTUP=1 "${envs[@]}" "$prog" 2>/dev/null || true)
    ms=$(sed -n 's/.*first frame after \([0-9.]*\) ms.*/\1/p' <<<"$out")
    times[$label]="${times[$label]:-} ${ms:-nan}"
    echo "$i $label ${ms:-failed}"
  done
done
for c in "${configs[@]}"; do
  label=${c%%=*}
  # shellcheck disable=SC2086
  printf '%s\n' ${times[$label]} | sort -n | awk -v l="$label" '
    { v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%-12s median %6.1f ms  min %6.1f  max %6.1f  (%d starts)\n", l, m, v[1], v[NR], NR }'
done
