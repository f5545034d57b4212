#!/usr/bin/env bash
# Kills `nianbao convert … OUT.ron` with SIGKILL at random moments, N times
# per mode, and checks after every kill that OUT.ron and OUT.ron.bak are each
# absent or a whole project file, and that after the next save no temporary
# file is left. Modes: one writer; two writers racing on one file.
# Usage: tests/hostile/kill_saves.sh [BINARY] [N]   (default target/release/nianbao, 200)
set -uo pipefail
bin=$(realpath "${1:-target/release/nianbao}")
n=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A 6 MB project file, so that a kill often lands inside the write.
python3 - "$work/big.ron" <<'PY'
import sys
src = open("saved_examples/clean.ron", encoding="utf-8").read()
long = "（一）存在的主要问题" + "一是政策解读形式较为单一。" * 150000
src = src.replace('text: "（一）存在的主要问题\\n', 'text: "' + long + '\\n', 1)
open(sys.argv[1], "w", encoding="utf-8").write(src)
PY
whole() { # a file is whole when nianbao reads it back as a project file
  [ ! -e "$1" ] || "$bin" dump "$1" >/dev/null 2>&1
}
# One whole run's length, so that kills are spread over all of it: reading,
# writing the temp file, the backup, the renames.
t0=$(date +%s%N); "$bin" convert "$work/big.ron" -o "$work/probe.ron" 2>/dev/null
"$bin" convert "$work/big.ron" -o "$work/probe.ron" 2>/dev/null; t1=$(date +%s%N)
span_ms=$(( (t1 - t0) / 2000000 * 12 / 10 + 1 ))
echo "one save takes ~$(( span_ms * 10 / 12 )) ms; kills land at random in 0–$span_ms ms"
for mode in single race; do
  out="$work/$mode/out.ron"; mkdir -p "$work/$mode"
  "$bin" convert "$work/big.ron" -o "$out" 2>/dev/null
  killed=0; broken=0; temps=0; inwrite=0
  for i in $(seq "$n"); do
    "$bin" convert "$work/big.ron" -o "$out" 2>/dev/null & a=$!
    if [ $mode = race ]; then "$bin" convert "$work/big.ron" -o "$out" 2>/dev/null & b=$!; fi
    sleep "$(awk -v ms=$(( RANDOM % span_ms )) 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -9 $a 2>/dev/null
    wait $a 2>/dev/null; [ $? = 137 ] && killed=$((killed + 1))  # 128 + SIGKILL
    [ $mode = race ] && wait $b 2>/dev/null
    # A temp file left means the kill landed inside the write.
    [ -n "$(find "$work/$mode" -name "*.$a.*.tmp" -print -quit)" ] && inwrite=$((inwrite + 1))
    whole "$out" || { broken=$((broken + 1)); echo "kill $i: $out is not whole"; }
    whole "$out.bak" || { broken=$((broken + 1)); echo "kill $i: $out.bak is not whole"; }
  done
  # The next save removes what the killed ones left.
  "$bin" convert "$work/big.ron" -o "$out" 2>/dev/null
  temps=$(find "$work/$mode" -name '*.tmp' | wc -l)
  echo "$mode: $n runs, $killed killed before finishing ($inwrite inside a write, leaving a temp file), $broken files not whole, $temps temp files left after the next save"
done
