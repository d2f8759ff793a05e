"""Choosing the learnt situation reader's thresholds."""

import pytest

from bench.situation_train import choose, score, wilson_lower
from coach.nlp.situation_rules import RuleReading
from coach.nlp.situations import NEVER, SITUATIONS, VETOES


def test_a_handful_of_right_readings_is_not_trusted():
    assert wilson_lower(5, 5) < 0.8
    assert wilson_lower(7, 7) > 0.8
    assert wilson_lower(0, 0) == 0.0
    assert wilson_lower(9, 10) == pytest.approx(0.68, abs=0.05)


def test_an_add_threshold_needs_enough_right_additions():
    items = [{"text": str(i), "situations": ["money"]} for i in range(12)]
    items += [{"text": "x", "situations": []} for _ in range(12)]
    empty = RuleReading([], {})
    scores = [(empty, {}, {s: 0.9 if s == "money" else 0.0 for s in SITUATIONS}) for _ in range(12)]
    scores += [(empty, {}, {s: 0.1 for s in SITUATIONS}) for _ in range(12)]
    _, add = choose(items, scores, VETOES)
    assert add["money"] == 0.5
    assert add["screens"] == NEVER
    _, few = choose(items[10:14], scores[10:14], VETOES)
    assert few["money"] == NEVER


def test_score_is_micro_precision_and_recall():
    items = [{"situations": ["money", "arguing"]}, {"situations": []}]
    result = score(items, [{"money"}, {"screens"}])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 1)
    assert result["precision"] == 0.5 and result["recall"] == 0.5
