#!/usr/bin/env bash
# Chat with the coach in the terminal: `rasa shell` on the trained model, with an action
# server (the running coach's, or one started here), whether or not `make run` is up.
# rasa shell starts a Rasa server of its own: it gets a free port unless --port is given.
# Library deprecation warnings are hidden and the coach's text wraps to the terminal
# (scripts/rasa_shell.py); if the shell cannot start, the reason is shown here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
LOG=var/logs/shell.log
mkdir -p var/logs
port=${SHELL_ACTION_PORT:-${ACTION_PORT:-5055}}
if ! curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
  echo "starting an action server on port $port (log: var/logs/actions-$port.log) ..."
  start_actions "$port" || { tail -5 "var/logs/actions-$port.log" >&2; exit 1; }
  trap 'kill $ACTIONS_PID 2>/dev/null || true' EXIT
fi
export ACTION_ENDPOINT_URL="http://127.0.0.1:$port/webhook"
args=("$@")
if [[ " ${args[*]-} " != *" --port "* && " ${args[*]-} " != *" -p "* ]]; then
  args+=(--port "$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')")
fi
[ -f "$MODEL" ] || { echo "No trained model: run \`make train\`." >&2; exit 1; }
before=$( [ -f "$LOG" ] && wc -l <"$LOG" || echo 0)
echo "loading the coach (about a minute) ..."
status=0
"$BIN/python" scripts/rasa_shell.py shell --model "$MODEL" --endpoints endpoints.yml \
  --log-file "$LOG" "${args[@]}" || status=$?
# Rasa logs a failed start (a port in use, a store it cannot reach) only to the log file.
errors=$(tail -n +"$((before + 1))" "$LOG" 2>/dev/null | grep -E '\bERROR\b|Traceback|Error:|error while' | tail -8 || true)
if [ -n "$errors" ] || [ "$status" -ne 0 ]; then
  {
    echo
    echo "rasa shell stopped with a problem (exit code $status):"
    [ -n "$errors" ] && sed 's/^/  /' <<<"$errors"
    echo "The full log is in $LOG"
  } >&2
  exit $(( status == 0 ? 1 : status ))
fi
