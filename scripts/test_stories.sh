#!/usr/bin/env bash
# Conversation tests: tests/test_stories.yml (user text, so NLU is checked too) through the model.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
mkdir -p var/logs var/results
# `rasa test core` predicts each next action and compares it; it never runs the actions,
# so no action server is needed (the actions themselves are tested with pytest).
"${SERVER[@]}" test core --model "$MODEL" --stories tests/test_stories.yml \
  --e2e --fail-on-prediction-errors --out var/results/core >var/logs/test-stories.log 2>&1 || {
  echo "conversation tests failed; see var/results/core/failed_test_stories.yml and var/logs/test-stories.log" >&2
  tail -20 var/logs/test-stories.log >&2
  exit 1
}
grep -E "Correct:|Accuracy:" var/logs/test-stories.log | head -4 || true
echo "conversation tests passed: $(grep -c '^- story:' tests/test_stories.yml) stories"
