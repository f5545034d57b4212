#!/usr/bin/env bash
# Opening a scan in the app: a PDF with no text layer (the real report's
# pages rendered by pdftoppm, put back into a PDF by img2pdf), opened from
# the command line. While it is recognised the window must show the progress
# window (not freeze); afterwards the report is open with its doubtful cells
# named. Then 表三: a click on a recognised cell shows its crop of the page
# in the strip above the table, and Enter checks it (the status says how
# many are left). Screenshots: /tmp/scan-progress.png, /tmp/scan-done.png,
# /tmp/scan-confirm.png.
#
# Usage: tests/gui/scan_progress.sh [path/to/nianbao]
#   (needs Xvfb, xdotool, ImageMagick's import, pdftoppm, img2pdf from PyPI, the models)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/gui/xvfb.sh
NB=${1:-target/debug/nianbao}
tmp=$(mktemp -d)
trap 'kill $app_pid 2>/dev/null || true; kill $xvfb_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
pdftoppm -r 200 -gray -jpeg tests/real/hongze2023.pdf "$tmp/p"
img2pdf "$tmp"/p-*.jpg -o "$tmp/扫描件.pdf"
start_xvfb
"$NB" "$tmp/扫描件.pdf" >"$tmp/app.log" 2>&1 &
app_pid=$!
win=$(window_up nianbao 30) || { echo "no window" >&2; cat "$tmp/app.log" >&2; exit 1; }
sleep 3
import -window root /tmp/scan-progress.png
before=$(xdotool getwindowname "$win")
# Done when the window's title names the imported report.
done=
for _ in $(seq 1 40); do
  sleep 2
  kill -0 $app_pid 2>/dev/null || { echo "FAIL the app exited" >&2; cat "$tmp/app.log" >&2; exit 1; }
  if [ "$(xdotool getwindowname "$win")" != "$before" ]; then done=1; break; fi
done
[ -n "$done" ] || { import -window root /tmp/scan-done.png; echo "FAIL title still “$before” after 240 s" >&2; exit 1; }
sleep 2
import -window root /tmp/scan-done.png
echo "ok   title before: $before; after: $(xdotool getwindowname "$win")"
# 表三 in the navigation, then the cell of 本年新收 × 自然人 (the strip above
# the table is as tall with a cell selected as without: the grid stays put).
xdotool windowfocus "$win"
for _ in 1 2; do xdotool mousemove 100 150 click 1; sleep 1.5; done
xdotool mousemove 713 309 click 1
sleep 1
xdotool key Return
sleep 1.5
import -window root /tmp/scan-confirm.png
echo "screenshots: /tmp/scan-progress.png /tmp/scan-done.png /tmp/scan-confirm.png"
