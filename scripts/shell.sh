#!/usr/bin/env bash
# Chat with the coach in the terminal: starts an action server, then `rasa shell`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
port=${SHELL_ACTION_PORT:-5055}
if ! curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
  start_actions "$port"
  trap 'kill $ACTIONS_PID 2>/dev/null || true' EXIT
fi
export ACTION_ENDPOINT_URL="http://127.0.0.1:$port/webhook"
"$BIN/rasa" shell --model "$MODEL" --endpoints endpoints.yml --log-file var/logs/shell.log "$@"
