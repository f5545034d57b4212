#!/usr/bin/env bash
# 复制到网站编辑器, as a clerk uses it: the app under Xvfb with a report open,
# Ctrl+Shift+C on the cover page (the whole report) and on 表三 (the table),
# the clipboard read back with xclip as text/html and as text, and what it
# holds imported again: the same cells as the report.
#
# Usage: tests/gui/copy_for_web.sh [path/to/nianbao]   (needs Xvfb, xdotool, xclip)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/gui/xvfb.sh
NB=${1:-target/debug/nianbao}
tmp=$(mktemp -d)
trap 'kill $app_pid 2>/dev/null || true; kill $xvfb_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
start_xvfb
cp saved_examples/clean.ron "$tmp/r.ron"
"$NB" "$tmp/r.ron" >"$tmp/app.log" 2>&1 &
app_pid=$!
win=$(window_up nianbao 30) || { echo "no window" >&2; cat "$tmp/app.log" >&2; exit 1; }
sleep 2
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key --window "$win" ctrl+shift+c
sleep 1
xclip -o -selection clipboard -t TARGETS >"$tmp/targets" || true
xclip -o -selection clipboard -t text/html >"$tmp/whole.html"
xclip -o -selection clipboard -t UTF8_STRING >"$tmp/whole.txt" || true
import -window root "$tmp/shot.png" 2>/dev/null && cp "$tmp/shot.png" /tmp/copy_for_web.png || true
"$NB" dump "$tmp/r.ron" | grep -E '^t[234]\.' >"$tmp/want"
fail=0
for f in whole.html whole.txt; do
  # The clipboard's HTML is a fragment: give it a name the importer reads by content.
  if "$NB" dump "$tmp/$f" 2>"$tmp/err" | grep -E '^t[234]\.' | diff -q "$tmp/want" - >/dev/null; then
    echo "ok   $f: every cell as in the report ($(wc -c <"$tmp/$f") bytes)"
  else
    echo "FAIL $f: $(head -c 300 "$tmp/err")"; fail=1
  fi
done
grep -q 'rowspan=' "$tmp/whole.html" && echo "ok   whole.html keeps the merges (rowspan/colspan)" || { echo "FAIL no merges"; fail=1; }
# 表三 alone: click its page in the navigation, copy again.
xdotool mousemove --window "$win" 110 150 click 1
sleep 1
xdotool key --window "$win" ctrl+shift+c
sleep 1
xclip -o -selection clipboard -t text/html >"$tmp/t3.html"
xclip -o -selection clipboard -t UTF8_STRING >"$tmp/t3.txt" || true
grep -E '^t3\.' "$tmp/want" >"$tmp/want3"
if "$NB" dump "$tmp/t3.html" 2>"$tmp/err" | grep -E '^t3\.' | diff -q "$tmp/want3" - >/dev/null \
   && ! grep -q '第二十条' "$tmp/t3.html"; then
  echo "ok   t3.html: 表三 alone, every cell as in the report"
else
  echo "FAIL t3.html: $(head -c 300 "$tmp/err")"; fail=1
fi
head -n 1 "$tmp/t3.txt" | cut -c1-60 | sed 's/^/     t3.txt: /'

echo "clipboard targets: $(tr '\n' ' ' <"$tmp/targets")"
exit $fail
