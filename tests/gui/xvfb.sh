# Sourced by the scripts in tests/gui/: the X server and windows they wait for.

# start_xvfb: starts an X server at 1366x768 on a display nobody uses (Xvfb
# picks it: a fixed number collides with a server of another run still
# shutting down), exports DISPLAY, sets xvfb_pid, and returns once the
# server answers.
start_xvfb() {
  local fifo
  fifo=$(mktemp -u)
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1366x768x24 3>"$fifo" >/dev/null 2>&1 &
  xvfb_pid=$!
  local n
  read -r n <"$fifo"
  rm -f "$fifo"
  export DISPLAY=:$n
  x_ready || {
    echo "Xvfb on $DISPLAY does not answer" >&2
    return 1
  }
}

# x_ready: waits (up to 10 s) until the X server answers; also after a
# program with a GL context ends, when Xvfb can take a moment to take new
# clients.
x_ready() {
  for _ in $(seq 20); do
    xdpyinfo >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

# window_up CLASS SECONDS: waits until a window of CLASS is mapped; prints its id.
window_up() {
  local w
  for _ in $(seq $(($2 * 2))); do
    w=$(xdotool search --onlyvisible --class "$1" 2>/dev/null | head -n1 || true)
    [ -n "$w" ] && { echo "$w"; return 0; }
    sleep 0.5
  done
  return 1
}
