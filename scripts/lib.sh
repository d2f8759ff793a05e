# Shared helpers for the run scripts (sourced, not executed).
BIN=${BIN:-.venv/bin}
# Rasa's command line with the coach's patches (runtime/patches.py): every server starts through it.
SERVER=("$BIN/python" -m runtime.server)
MODEL="models/$(cat models/current 2>/dev/null)"

wait_for() {  # wait_for URL SECONDS NAME [PID]
  local url=$1 limit=$2 name=$3 pid=${4:-} i
  for ((i = 0; i < limit; i++)); do
    curl -fs -o /dev/null "$url" && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "$name stopped while starting; see var/logs/" >&2
      return 1
    fi
    sleep 1
  done
  echo "$name did not answer at $url within ${limit}s; see var/logs/" >&2
  return 1
}

start_actions() {  # start_actions PORT -> sets ACTIONS_PID
  mkdir -p var/logs
  "${SERVER[@]}" actions --actions actions --port "$1" >"var/logs/actions-$1.log" 2>&1 &
  ACTIONS_PID=$!
  wait_for "http://127.0.0.1:$1/health" 60 "The action server" "$ACTIONS_PID"
}
