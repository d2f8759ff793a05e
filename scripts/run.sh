#!/usr/bin/env bash
# Start the action server and the Rasa server; Ctrl-C stops both. Run through `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
pids=()
cleanup() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; echo "stopped."; }
trap cleanup INT TERM EXIT

RASA_HOST=${RASA_HOST:-127.0.0.1}; RASA_PORT=${RASA_PORT:-5005}
WEB_HOST=${WEB_HOST:-127.0.0.1}; WEB_PORT=${WEB_PORT:-8080}
for port in "$RASA_PORT" "${ACTION_PORT:-5055}" "$WEB_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "Port $port is already in use (is the coach already running?). Stop it, or set RASA_PORT / ACTION_PORT / WEB_PORT." >&2
    trap - INT TERM EXIT; exit 1
  fi
done
"$BIN/python" -m scripts.preflight || { trap - INT TERM EXIT; exit 1; }
"$BIN/python" scripts/migrate_sender_ids.py  # Telegram ids -> tg:<chat id> (once; then a no-op)
start_actions "${ACTION_PORT:-5055}"; pids+=("$ACTIONS_PID")
read -r -a cors <<<"${COACH_CORS_ORIGINS}"
debug=()  # COACH_LOG_TEXT=1: Rasa's debug logs, which include every message (see README)
[ "${COACH_LOG_TEXT:-}" = 1 ] && debug=(--debug) && echo "WARNING: COACH_LOG_TEXT=1, the logs will contain what people write" >&2
"${SERVER[@]}" run --model "$MODEL" --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$RASA_HOST" --port "$RASA_PORT" --enable-api --auth-token "$RASA_AUTH_TOKEN" \
  --cors "${cors[@]}" "${debug[@]}" --log-file var/logs/rasa.log >var/logs/rasa-stdout.log 2>&1 &
pids+=("$!")
echo "starting the Rasa server (about a minute) ..."
wait_for "http://$RASA_HOST:$RASA_PORT/" 300 "The Rasa server" "${pids[-1]}" || {
  tail -5 var/logs/rasa-stdout.log >&2; exit 1; }
"$BIN/python" -m channels.web_page >var/logs/web.log 2>&1 &
pids+=("$!")
wait_for "http://$WEB_HOST:$WEB_PORT/" 30 "The web chat page" "${pids[-1]}" || {
  tail -5 var/logs/web.log >&2; exit 1; }
cat <<MSG

Reconnect is running.
  Web chat:      http://$WEB_HOST:$WEB_PORT/
  Chat (REST):   curl -s http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook ${COACH_REST_TOKEN:+-H "Authorization: Bearer \$COACH_REST_TOKEN" }-d '{"sender":"me","message":"hi"}'
  Terminal chat: make shell   (in another terminal)
  HTTP API:      token in RASA_AUTH_TOKEN or var/rasa_auth_token
  Action server: only the Rasa server may call it (ACTION_SERVER_TOKEN or var/action_server_token)
  Logs:          var/logs/
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
