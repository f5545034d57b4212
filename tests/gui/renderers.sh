#!/usr/bin/env bash
# Opens the real window on the weak graphics clerks' PCs have and writes a
# screenshot of 表三 for each (issue 19): Mesa's OpenGL as it is, OpenGL
# capped at 2.1, the slowest software renderer (softpipe), no Vulkan driver,
# native Wayland (weston, nested in Xvfb), and no usable driver at all (the
# program must then say so in Chinese, in a message box, and exit 2 while the
# command line keeps working). Each screenshot must show the table drawn:
# a blank or black window fails.
#
# Usage: tests/gui/renderers.sh [BINARY] [OUTDIR] [CONFIG...]
#   defaults: target/release/nianbao, dist/renderers, every config.
#   Configs: x11 gl21 softpipe no-vulkan wayland no-driver.
#   RUNNER="qemu-aarch64" runs an arm64 binary under emulation (with the
#   arm64 Mesa from Debian's multiarch packages); WAIT=S seconds for the
#   window (default 10; 60 under qemu).
# Needs: xvfb, xdotool, imagemagick, x11-utils; weston for wayland; zenity for the
# message box of no-driver (without it only the exit code and text are checked).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/release/nianbao}")
out=$(realpath -m "${2:-dist/renderers}")
shift 2 || shift $#
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(x11 gl21 softpipe no-vulkan wayland no-driver)
read -r -a runner <<<"${RUNNER:-}"
wait_s=${WAIT:-$([ -n "${RUNNER:-}" ] && echo 60 || echo 10)}
mkdir -p "$out"
data=$(mktemp -d)
chmod 700 "$data"
# shellcheck source=tests/gui/xvfb.sh
. tests/gui/xvfb.sh
pids=()
trap 'kill "${pids[@]}" $xvfb_pid 2>/dev/null; rm -rf "$data"' EXIT
start_xvfb
export HOME=$data XDG_RUNTIME_DIR=$data NIANBAO_DATA_DIR=$data
# The Wayland title bar is drawn by winit with fontconfig's sans-serif for
# the locale's language: on a Chinese desktop (zh_CN) a font with hanzi.
# FC_LANG says the same without a zh_CN locale installed (with an uninstalled
# LANG, zenity cannot read Chinese arguments).
export LANG=C.UTF-8 FC_LANG=zh-cn
cp saved_examples/clean.ron "$data/r.ron"
failed=0

# drawn FILE: the screenshot shows the table (many colours, not one flat fill).
drawn() {
  local colours
  colours=$(convert "$1" -format %k info:)
  [ "$colours" -ge 50 ]
}

# shoot NAME: a screenshot of the whole screen, kept small (PNG8, 64 colours).
shoot() {
  import -window root "$data/shot.png"
  convert "$data/shot.png" -colors 64 -strip "PNG8:$out/$1.png"
  drawn "$data/shot.png"
}

# open_t3 NAME CLASS ENV...: starts the program with ENV, clicks 表三 in the
# page list, takes the screenshot, ends the program.
open_t3() {
  local name=$1 class=$2
  shift 2
  local pid w= try
  for try in 1 2; do
    x_ready
    env "$@" "${runner[@]}" "$bin" "$data/r.ron" >"$data/$name.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    w=$(window_up "$class" "$wait_s") && break
    # Now and then (about one start in ten inside .ci/package) Xvfb refuses
    # a client right after the previous one ended: that is this test's X
    # server, not the program, so it gets a second start.
    grep -q 'Failed to open connection to X server' "$data/$name.log" || break
    echo "$name: Xvfb refused the connection; starting again"
    w=
  done
  if [ -z "$w" ]; then
    echo "$name: FAILED, no window after $wait_s s"
    sed 's/^/   /' "$data/$name.log"
    failed=1
    kill "$pid" 2>/dev/null || true
    return
  fi
  sleep $((wait_s / 3 + 1))
  xdotool windowfocus "$w" 2>/dev/null || true
  # 三、收到和处理… in the page list (weston's panel and the title bar
  # move it down by 67 px).
  local y=150
  [ "$class" = weston ] && y=217
  xdotool mousemove 100 $y click 1
  sleep $((wait_s / 3 + 2))
  if shoot "$name"; then
    echo "$name: ok, table drawn ($out/$name.png)"
  else
    echo "$name: FAILED, the screenshot is blank ($out/$name.png)"
    failed=1
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# gl_version ENV...: the OpenGL version Mesa offers with ENV (glxinfo, when installed).
gl_version() {
  command -v glxinfo >/dev/null || return 0
  env "$@" glxinfo -B 2>/dev/null | sed -n 's/^OpenGL version string: /   OpenGL offered: /p; s/^ *Device: /   device: /p'
}

for c in "${configs[@]}"; do
  case $c in
  x11)
    gl_version
    open_t3 x11 nianbao ;;
  gl21)
    # What an old integrated GPU's driver offers.
    gl_version MESA_GL_VERSION_OVERRIDE=2.1 MESA_GLSL_VERSION_OVERRIDE=120
    open_t3 gl21 nianbao MESA_GL_VERSION_OVERRIDE=2.1 MESA_GLSL_VERSION_OVERRIDE=120 ;;
  softpipe)
    # Mesa's plainest software rasteriser (no LLVM), slower than llvmpipe.
    gl_version LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=softpipe
    open_t3 softpipe nianbao LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=softpipe ;;
  no-vulkan)
    # No Vulkan driver at all (no ICD file): the window must not need one.
    open_t3 no-vulkan nianbao VK_ICD_FILENAMES=/nonexistent VK_DRIVER_FILES=/nonexistent ;;
  wayland)
    command -v weston >/dev/null || { echo "wayland: skipped (no weston)"; continue; }
    # weston as a window in Xvfb; the program talks Wayland only (no DISPLAY).
    weston --backend=x11-backend.so --socket=wayland-nb --width=1366 --height=768 \
      --idle-time=0 >"$data/weston.log" 2>&1 &
    wpid=$!
    pids+=("$wpid")
    sleep 3
    open_t3 wayland weston -u DISPLAY WAYLAND_DISPLAY=wayland-nb
    grep -q 'wayland' "$data/wayland.log" && sed 's/^/   /' "$data/wayland.log" || true
    kill $wpid 2>/dev/null || true
    wait $wpid 2>/dev/null || true ;;
  no-driver)
    # Neither GLX nor EGL finds a driver and there is no Vulkan: the program
    # must exit 2 with the Chinese message, show it in a box, and the
    # command line must still work.
    nogl=(__GLX_VENDOR_LIBRARY_NAME=none __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent
      LIBGL_DRIVERS_PATH=/nonexistent VK_ICD_FILENAMES=/nonexistent VK_DRIVER_FILES=/nonexistent)
    env "${nogl[@]}" "${runner[@]}" "$bin" "$data/r.ron" >"$data/no-driver.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    if command -v zenity >/dev/null; then
      if w=$(window_up zenity "$wait_s"); then
        sleep 1
        shoot no-driver || true
        echo "no-driver: message box shown ($out/no-driver.png)"
        # Closed as the clerk would not: the box is nianbao's child.
        pkill -P "$pid" zenity 2>/dev/null || true
      else
        echo "no-driver: FAILED, no message box"
        failed=1
      fi
    fi
    rc=0
    wait "$pid" || rc=$?
    sed 's/^/   /' "$data/no-driver.log"
    if [ "$rc" -eq 2 ] && grep -q '无法打开窗口' "$data/no-driver.log"; then
      echo "no-driver: ok, exit 2 with the message"
    else
      echo "no-driver: FAILED, exit $rc"
      failed=1
    fi
    rc=0
    env "${nogl[@]}" "${runner[@]}" "$bin" check saved_examples/violations.ron >/dev/null || rc=$?
    [ "$rc" -eq 1 ] && echo "no-driver: command line works (check: exit 1)" ||
      { echo "no-driver: FAILED, check gave exit $rc"; failed=1; } ;;
  *)
    echo "unknown config $c" >&2
    exit 2 ;;
  esac
done
exit $failed
