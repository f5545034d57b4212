#!/usr/bin/env bash
# CPU used by the app while the clerk reads, with the cursor in a 表三 cell:
# runs the app under Xvfb at 1366x768, opens 表三, clicks a cell, types a
# digit, moves the mouse away and samples the process with pidstat for 10 s.
# Needs: xvfb, xdotool, sysstat (pidstat). Usage: tests/gui/idle_cpu.sh [BINARY]
set -euo pipefail
bin=${1:-target/release/nianbao}
report=$(cd "$(dirname "$0")/../.." && pwd)/saved_examples/violations.ron
data=$(mktemp -d)
Xvfb :78 -screen 0 1366x768x24 >/dev/null 2>&1 &
xpid=$!
trap 'kill $app $xpid 2>/dev/null; rm -rf "$data"' EXIT
sleep 1
DISPLAY=:78 NIANBAO_DATA_DIR=$data "$bin" "$report" >/dev/null 2>&1 &
app=$!
sleep 6
export DISPLAY=:78
xdotool search --name nianbao | head -1 | xargs -I{} xdotool windowfocus {}
sleep 0.5
# The navigation entry 三、收到和处理… and the first 自然人 cell of 表三
# (positions in the 1280x720 first-start window).
xdotool mousemove 80 153; sleep 0.3; xdotool click 1; sleep 1
xdotool mousemove 713 183; sleep 0.3; xdotool click 1; sleep 1
xdotool type 7; sleep 1
xdotool mousemove 1300 750; sleep 2
pidstat -p "$app" 10 1 | tail -1
