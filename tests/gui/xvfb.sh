# Sourced by the scripts in tests/gui/: start_xvfb starts an X server at
# 1366x768 on a display nobody uses (Xvfb picks it: a fixed number collides
# with a server of another run still shutting down), exports DISPLAY, sets
# xvfb_pid, and returns once the server answers.
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
  for _ in $(seq 20); do
    xdpyinfo >/dev/null 2>&1 && return 0
    sleep 0.3
  done
  echo "Xvfb on $DISPLAY does not answer" >&2
  return 1
}
