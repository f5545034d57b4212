#!/usr/bin/env bash
# Chinese input through a real input method, as clerks type it (issue 19):
# Xvfb, a D-Bus session and fcitx5 (pinyin) or ibus (ibus-libpinyin), the
# real window, xdotool typing pinyin. Checked in the saved file:
#   1. a narrative field: "nianbao" + space commits 年报 at the caret;
#   2. Esc while composing ("gongkai") drops the pinyin, nothing else;
#   3. Enter while composing ("xinxi") commits the letters and adds no line
#      break (the input method takes that Enter, the field must not);
#   4. a 表三 cell with the input method on: the grid turns the input method
#      off, so digits go in as typed half-width digits (no candidate window,
#      no full-width ７５), letters ("shu") are kept as typed and flagged, and
#      each Enter moves exactly one row down.
#
# Usage: tests/gui/input_method.sh [BINARY] [fcitx5|ibus|all]
#   defaults: target/release/nianbao, all. SHOTS=DIR keeps screenshots and
#   the program's and the input method's output.
# Needs: xvfb, xdotool, imagemagick, dbus; fcitx5 + fcitx5-chinese-addons,
# ibus + ibus-libpinyin (the script says which it lacks).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/release/nianbao}")
which_im=${2:-all}
shots=${SHOTS:-}
[ -n "$shots" ] && mkdir -p "$shots"
failed=0
# shellcheck source=tests/gui/xvfb.sh
. tests/gui/xvfb.sh

# run_im NAME: one full session with the input method NAME.
run_im() {
  local im=$1
  local data
  data=$(mktemp -d)
  chmod 700 "$data"
  start_xvfb
  local app= impid=
  export HOME=$data XDG_RUNTIME_DIR=$data NIANBAO_DATA_DIR=$data
  export LANG=C.UTF-8 XDG_CONFIG_HOME=$data/.config
  eval "$(dbus-launch --sh-syntax)"
  case $im in
  fcitx5)
    # Pinyin in the only group, active in every new input field.
    mkdir -p "$XDG_CONFIG_HOME/fcitx5/conf"
    printf '%s\n' '[Groups/0]' 'Name=Default' 'Default Layout=us' 'DefaultIM=pinyin' \
      '[Groups/0/Items/0]' 'Name=keyboard-us' 'Layout=' '[Groups/0/Items/1]' 'Name=pinyin' 'Layout=' \
      '[GroupOrder]' '0=Default' >"$XDG_CONFIG_HOME/fcitx5/profile"
    printf '%s\n' '[Behavior]' 'ActiveByDefault=True' >"$XDG_CONFIG_HOME/fcitx5/config"
    export XMODIFIERS=@im=fcitx
    fcitx5 --replace >"$data/im.log" 2>&1 &
    impid=$!
    ;;
  ibus)
    export XMODIFIERS=@im=ibus
    ibus-daemon --xim --replace --panel=disable >"$data/im.log" 2>&1 &
    impid=$!
    sleep 3
    ibus engine libpinyin >>"$data/im.log" 2>&1 || true
    ;;
  esac
  sleep 3
  cp saved_examples/clean.ron "$data/r.ron"
  "$bin" "$data/r.ron" >"$data/app.log" 2>&1 &
  app=$!
  local w
  if ! w=$(window_up nianbao 20); then
    echo "$im: FAILED, no window"
    failed=1
  else
    sleep 2
    xdotool windowfocus "$w"
    # 1 + 2. 一、总体情况, the 开头 field: caret at its end, then pinyin.
    xdotool mousemove 55 80 click 1
    sleep 1
    xdotool mousemove 1100 125 click 1
    sleep 0.5
    xdotool key ctrl+End
    [ "$im" = ibus ] && { ibus engine libpinyin 2>/dev/null || true; sleep 0.5; }
    xdotool type --delay 80 nianbao
    sleep 1
    [ -n "$shots" ] && import -window root "$shots/$im-preedit.png"
    xdotool key space
    sleep 0.5
    xdotool type --delay 80 gongkai
    sleep 0.5
    xdotool key Escape
    sleep 0.5
    xdotool type --delay 80 xinxi
    sleep 0.5
    xdotool key Return
    sleep 0.5
    # 4. 表三: first cell (自然人, 一、本年新收).
    xdotool mousemove 100 150 click 1
    sleep 1
    xdotool mousemove 712 183 click 1
    sleep 0.5
    [ "$im" = ibus ] && { ibus engine libpinyin 2>/dev/null || true; sleep 0.5; }
    xdotool type --delay 80 75
    xdotool key Return
    sleep 0.5
    xdotool type --delay 80 shu
    sleep 0.5
    xdotool key Return
    sleep 0.5
    xdotool key Tab
    sleep 0.3
    xdotool type --delay 80 9
    xdotool key Return
    sleep 0.5
    [ -n "$shots" ] && import -window root "$shots/$im-t3.png"
    xdotool key ctrl+s
    sleep 2
    check_saved "$im" "$data"
  fi
  kill "$app" "$impid" 2>/dev/null || true
  wait "$app" "$impid" 2>/dev/null || true
  [ -n "$shots" ] && cp "$data/app.log" "$shots/$im-app.log" && cp "$data/im.log" "$shots/$im-im.log"
  kill "$DBUS_SESSION_BUS_PID" "$xvfb_pid" 2>/dev/null || true
  rm -rf "$data"
}

# check_saved NAME DATA: the saved report has what was typed, where it was typed.
check_saved() {
  local im=$1 data=$2 ok=1
  local got
  got=$("$bin" dump "$data/r.ron")
  local opening
  opening=$(grep -o '持续推进政务公开标准化规范化。[^"]*' "$data/r.ron" | head -n1 || true)
  if [ "$opening" = "持续推进政务公开标准化规范化。年报xinxi" ]; then
    echo "$im: narrative: \"nianbao\" + space committed 年报 at the caret; Esc dropped \"gongkai\"; Enter committed \"xinxi\" without a line break"
  else
    echo "$im: FAILED narrative, the opening ends in: ${opening:-<not found>}"
    ok=0
  fi
  # 75 Enter, shu Enter, Tab 9 Enter: r01 自然人, r02 自然人 (kept as typed,
  # invalid), r03 商业企业.
  local want=(t3.r01.natural=75 t3.r02.natural=invalid:shu t3.r03.commercial=9)
  for w in "${want[@]}"; do
    if grep -qx -- "$w" <<<"$got"; then
      echo "$im: 表三: $w"
    else
      echo "$im: FAILED 表三, want $w, saved $(grep -- "^${w%%=*}=" <<<"$got" || echo nothing)"
      ok=0
    fi
  done
  [ $ok -eq 1 ] || failed=1
}

case $which_im in fcitx5 | ibus | all) ;; *)
  echo "usage: $0 [BINARY] [fcitx5|ibus|all]" >&2
  exit 2 ;;
esac
if [ "$which_im" != ibus ]; then
  if command -v fcitx5 >/dev/null; then run_im fcitx5; else echo "fcitx5: not installed (apt-get install fcitx5 fcitx5-chinese-addons)"; fi
fi
if [ "$which_im" != fcitx5 ]; then
  if command -v ibus-daemon >/dev/null; then run_im ibus; else echo "ibus: not installed (apt-get install ibus ibus-libpinyin)"; fi
fi
exit $failed
