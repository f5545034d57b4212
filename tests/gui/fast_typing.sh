#!/usr/bin/env bash
# Types N cells of 表三 into the real window as fast as a trained clerk (or a
# slow PC, which puts several keys into one frame): a number, Tab, the next
# number… with D ms between keys (xdotool under Xvfb at 1366x768), saves
# with Ctrl+S, and compares every cell of the saved file with what was typed.
# Before the grid took a frame's keys in order, 8-20 ms between keys put
# 1-6 of 8 digits into the wrong cell (issue 18).
#
# Usage: tests/gui/fast_typing.sh [BINARY] [DELAY_MS] [CELLS]
#   defaults: target/release/nianbao 5 100. Exit 0 when every cell is right.
# Needs: xvfb, xdotool.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/release/nianbao}")
delay=${2:-5}
cells=${3:-100}
data=$(mktemp -d)
display=:78
Xvfb $display -screen 0 1366x768x24 >/dev/null 2>&1 &
xpid=$!
trap 'kill $app $xpid 2>/dev/null; rm -rf "$data"' EXIT
app=
sleep 1
export DISPLAY=$display HOME=$data XDG_RUNTIME_DIR=$data NIANBAO_DATA_DIR=$data
# A report with every 表三 cell filled: the typing must replace each value.
cp saved_examples/clean.ron "$data/r.ron"
"$bin" "$data/r.ron" >"$data/app.log" 2>&1 &
app=$!
for _ in $(seq 60); do
  wid=$(xdotool search --class nianbao 2>/dev/null | head -n1 || true)
  [ -n "$wid" ] && break
  sleep 0.5
done
[ -n "$wid" ] || { echo "no window" >&2; exit 2; }
sleep 2
xdotool windowfocus "$wid"
# 三、收到和处理… in the page list, then 表三's first cell (自然人, 一、本年新收).
xdotool mousemove 100 150 click 1
sleep 1
xdotool mousemove 712 183 click 1
sleep 0.5
# The keys in Tab order (input cells only: 总计 and （七）总计 are skipped).
keys=$("$bin" dump "$data/r.ron" | sed -n 's/^\(t3\.r[0-9]*\.[a-z_]*\)=.*/\1/p' |
  grep -v -e '\.total$' -e '^t3\.r24\.' | head -n "$cells")
text= want=()
i=0
for k in $keys; do
  i=$((i + 1))
  v=$(((i * 37 + 11) % 1000))
  want+=("$k=$v")
  text+="$v"$'\t'
done
t0=$(date +%s%N)
# One xdotool run (it types a tab character as the Tab key): D ms between
# every two keys, digits and Tabs alike.
xdotool type --delay "$delay" "$text"
t1=$(date +%s%N)
sleep 1
# SHOT=FILE.png keeps a screenshot of the table after the typing.
[ -n "${SHOT:-}" ] && import -window root "$SHOT"
xdotool key ctrl+s
sleep 2
got=$("$bin" dump "$data/r.ron")
wrong=0
for w in "${want[@]}"; do
  grep -qx -- "$w" <<<"$got" || {
    wrong=$((wrong + 1))
    echo "   wrong: want $w, saved $(grep -- "^${w%%=*}=" <<<"$got")"
  }
done
echo "typed $i cells at $delay ms per key in $(((t1 - t0) / 1000000)) ms; $wrong wrong"
[ "$wrong" -eq 0 ]
