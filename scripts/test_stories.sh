#!/usr/bin/env bash
# Conversation tests: tests/test_stories.yml through the trained model and a real action server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
port=${TEST_ACTION_PORT:-5155}
start_actions "$port"
trap 'kill $ACTIONS_PID 2>/dev/null || true' EXIT
export ACTION_ENDPOINT_URL="http://127.0.0.1:$port/webhook"
export TRACKER_URL="sqlite:///$(pwd)/var/test-tracker.db"
rm -f var/test-tracker.db
"$BIN/rasa" test core --model "$MODEL" --stories tests/test_stories.yml --endpoints endpoints.yml \
  --e2e --fail-on-prediction-errors --out var/results/core >var/logs/test-stories.log 2>&1 || {
  echo "conversation tests failed; see var/results/core/failed_test_stories.yml and var/logs/test-stories.log" >&2
  tail -20 var/logs/test-stories.log >&2
  exit 1
}
grep -E "Correct:|Accuracy:" var/logs/test-stories.log | head -4 || true
echo "conversation tests passed: $(grep -c '^- story:' tests/test_stories.yml) stories"
