#!/usr/bin/env bash
# Kills the real app with SIGKILL after an edit and shows that the next start
# offers to restore it. Needs Xvfb, xdotool and ImageMagick (not run by CI:
# tests/app.rs covers the same path in-process). Usage: tests/kill_recovery.sh [BINARY]
set -euo pipefail
bin=${1:-target/debug/nianbao}
work=$(mktemp -d)
export NIANBAO_DATA_DIR="$work/data" NIANBAO_AUTOSAVE_SECS=2
cp saved_examples/clean.ron "$work/r.ron"
xvfb-run -a -s '-screen 0 1280x720x24' bash -c '
  set -e
  "'"$bin"'" "'"$work"'/r.ron" & pid=$!
  sleep 5
  wid=$(xdotool search --name nianbao | head -1); xdotool windowfocus --sync $wid || true
  xdotool mousemove 510 102 click 1; sleep 0.3; xdotool key End; xdotool type --delay 50 "KILLTEST"; sleep 4
  import -window root "'"$work"'/before-kill.png"
  kill -9 $pid; wait $pid 2>/dev/null || true
  echo "killed $pid"
  "'"$bin"'" "'"$work"'/r.ron" & pid=$!
  sleep 5
  import -window root "'"$work"'/after-restart.png"
  # Press 恢复 (the modal is centred) and look at the restored report.
  xdotool mousemove 390 396 click 1; sleep 1
  import -window root "'"$work"'/restored.png"
  kill $pid
'
grep -q KILLTEST "$NIANBAO_DATA_DIR/recovery.ron" && echo "recovery file holds the edit"
grep -q KILLTEST "$work/r.ron" && { echo "the project file was changed without saving"; exit 1; } || echo "project file untouched"
echo "screenshot: $work/after-restart.png"
