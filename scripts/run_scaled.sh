#!/usr/bin/env bash
# The production layout on one machine (README, "Running in production"): nginx in front of
# two Rasa servers that share a PostgreSQL tracker store and a Redis lock store, and of two
# action server processes. Ctrl-C (or SIGTERM) stops everything. Run through `make run-scaled`.
#
# Settings (defaults in brackets): TRACKER_URL [postgresql://postgres@127.0.0.1:5432/reconnect_tracker],
# LOCK_STORE_TYPE [stores.locks.AtomicRedisLockStore], REDIS_HOST/PORT/DB/PASSWORD/KEY_PREFIX,
# COACH_DB_URL (guidance store; migrated and seeded here when set),
# SCALE_HOST [127.0.0.1], SCALE_HTTP_PORT [5080] (nginx), SCALE_RASA_PORTS ["5081 5082"],
# SCALE_ACTION_PORTS ["5083 5084"], SCALE_ACTION_LB_PORT [5085], SCALE_RUN_DIR [var/scaled]
# (logs, pid files, nginx prefix), ACTION_SERVER_SANIC_WORKERS [1] (workers per action process).
# Security (docs/security.md): ACTION_SERVER_TOKEN [var/action_server_token], COACH_REST_TOKEN
# [var/rest_token: REST requires it here], COACH_TRUSTED_PROXIES [127.0.0.1: nginx, whose
# X-Forwarded-For the Rasa servers believe]; flood limits are kept in the lock store's Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
started=$SECONDS

export TRACKER_URL=${TRACKER_URL:-postgresql://postgres@127.0.0.1:5432/reconnect_tracker}
export LOCK_STORE_TYPE=${LOCK_STORE_TYPE:-stores.locks.AtomicRedisLockStore}
HOST=${SCALE_HOST:-127.0.0.1}
HTTP_PORT=${SCALE_HTTP_PORT:-5080}
read -r -a rasa_ports <<<"${SCALE_RASA_PORTS:-5081 5082}"
read -r -a action_ports <<<"${SCALE_ACTION_PORTS:-5083 5084}"
ACTION_LB_PORT=${SCALE_ACTION_LB_PORT:-5085}
RUN_DIR=$(mkdir -p "${SCALE_RUN_DIR:-var/scaled}" && cd "${SCALE_RUN_DIR:-var/scaled}" && pwd)
export ACTION_ENDPOINT_URL="http://127.0.0.1:$ACTION_LB_PORT/webhook"
# The production layout: REST only with a token, X-Forwarded-For only from nginx.
COACH_REST_TOKEN=$("$BIN/python" -c 'from coach.settings import generated_rest_token as t; print(t())')
export COACH_REST_TOKEN
export COACH_TRUSTED_PROXIES=${COACH_TRUSTED_PROXIES:-127.0.0.1}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is not installed: run make install (requirements/apt.txt)" >&2; exit 1; }

pids=()
cleanup() {
  local rc=$?  # the status that ended the script (the preflight's 2, say) is kept
  trap - INT TERM EXIT
  rm -f "$RUN_DIR/ready"
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
    echo "stopped."
  fi
  exit "$rc"
}
trap cleanup INT TERM EXIT
rm -f "$RUN_DIR"/ready "$RUN_DIR"/*.pid

# One clear line (naming the variable to check) instead of Rasa retrying forever.
"$BIN/python" -m scripts.preflight --rasa --actions --create-tracker-db
if [ -n "${COACH_DB_URL:-}" ]; then "$BIN/python" -m coach.store.seed >"$RUN_DIR/seed.log"; fi
"$BIN/python" scripts/migrate_sender_ids.py >"$RUN_DIR/migrate_sender_ids.log"

for port in "${action_ports[@]}"; do
  "${SERVER[@]}" actions --actions actions --port "$port" >"$RUN_DIR/actions-$port.log" 2>&1 &
  pids+=("$!"); echo "$!" >"$RUN_DIR/actions-$port.pid"
done

servers() { local p; for p in "$@"; do printf '        server 127.0.0.1:%s max_fails=1 fail_timeout=5s;\n' "$p"; done; }
mkdir -p "$RUN_DIR/nginx/tmp"
rasa_servers=$(servers "${rasa_ports[@]}")
action_servers=$(servers "${action_ports[@]}")
if [ "$(id -u)" -eq 0 ]; then NGINX_USER="user $(id -un) $(id -gn);"; else NGINX_USER="# user: $(id -un)"; fi
USER="$NGINX_USER" RASA_SERVERS="$rasa_servers" ACTION_SERVERS="$action_servers" PREFIX="$RUN_DIR/nginx" \
  HOST="$HOST" HTTP_PORT="$HTTP_PORT" ACTION_PORT="$ACTION_LB_PORT" "$BIN/python" - \
  deploy/nginx/reconnect.conf.template "$RUN_DIR/nginx/nginx.conf" <<'PY'
import os, sys
text = open(sys.argv[1], encoding="utf-8").read()
for key in ("USER", "RASA_SERVERS", "ACTION_SERVERS", "PREFIX", "HOST", "HTTP_PORT", "ACTION_PORT"):
    text = text.replace(f"@{key}@", os.environ[key])
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
"$NGINX" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -e "$RUN_DIR/nginx/error.log" -t -q
"$NGINX" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -e "$RUN_DIR/nginx/error.log" &
NGINX_PID=$!; pids+=("$NGINX_PID"); echo "$NGINX_PID" >"$RUN_DIR/nginx.pid"

read -r -a cors <<<"${COACH_CORS_ORIGINS}"
for port in "${rasa_ports[@]}"; do
  "${SERVER[@]}" run --model "$MODEL" --endpoints endpoints.yml --credentials credentials.yml \
    --interface 127.0.0.1 --port "$port" --enable-api --auth-token "$RASA_AUTH_TOKEN" \
    --cors "${cors[@]}" >"$RUN_DIR/rasa-$port.log" 2>&1 &
  pids+=("$!"); echo "$!" >"$RUN_DIR/rasa-$port.pid"
done
echo "starting ${#rasa_ports[@]} Rasa servers and ${#action_ports[@]} action servers (a minute or two) ..."
for port in "${action_ports[@]}"; do
  wait_for "http://127.0.0.1:$port/health" 120 "The action server on $port" "$(cat "$RUN_DIR/actions-$port.pid")"
done
for port in "${rasa_ports[@]}"; do
  wait_for "http://127.0.0.1:$port/" 600 "The Rasa server on $port" "$(cat "$RUN_DIR/rasa-$port.pid")" || {
    tail -5 "$RUN_DIR/rasa-$port.log" >&2; exit 1; }
done
wait_for "http://$HOST:$HTTP_PORT/" 30 "nginx" "$NGINX_PID"
seconds=$((SECONDS - started))
echo "$seconds" >"$RUN_DIR/ready"
cat <<MSG

Reconnect (scaled) is up after $seconds s: nginx on http://$HOST:$HTTP_PORT
  Rasa servers:   ${rasa_ports[*]}   action servers: ${action_ports[*]} (via :$ACTION_LB_PORT)
  Tracker store:  $(echo "$TRACKER_URL" | sed -E 's#//([^:/@]*):[^@]*@#//\1:***@#')
  Lock store:     $LOCK_STORE_TYPE on redis://$REDIS_HOST:$REDIS_PORT/$REDIS_DB
  Chat (REST):    curl -s http://$HOST:$HTTP_PORT/webhooks/rest/webhook -H "Authorization: Bearer \$COACH_REST_TOKEN" -d '{"sender":"me","message":"hi"}'
                  (REST needs COACH_REST_TOKEN here, or the one in var/rest_token)
  Logs:           $RUN_DIR
Press Ctrl-C to stop. A Rasa server that stops is left out by nginx; the others carry on.
MSG
wait "$NGINX_PID"
