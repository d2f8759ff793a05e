"""Choosing the learnt situation reader's thresholds."""

import pytest

from bench.situation_train import (
    ADD_GRID,
    additions,
    choose_add,
    choose_keep,
    load_pool,
    score,
    wilson_lower,
    without,
)
from coach.nlp.situation_rules import RuleReading
from coach.nlp.situations import NEVER, SITUATIONS, VETOES


def test_a_handful_of_right_readings_is_not_trusted():
    assert wilson_lower(5, 5) < 0.8
    assert wilson_lower(7, 7) > 0.8
    assert wilson_lower(0, 0) == 0.0
    assert wilson_lower(9, 10) == pytest.approx(0.68, abs=0.05)


def _scored(n_right: int, n_wrong: int, p: float = 0.9):
    items = [{"text": str(i), "situations": ["money"]} for i in range(n_right)]
    items += [{"text": "x", "situations": []} for _ in range(n_wrong)]
    empty = RuleReading([], {})
    scores = [(empty, {}, {s: p if s == "money" else 0.0 for s in SITUATIONS})] * n_right
    scores += [(empty, {}, {s: 0.1 for s in SITUATIONS})] * n_wrong
    return items, scores


def test_the_add_threshold_is_the_lowest_whose_additions_are_right_often_enough():
    items, scores = _scored(12, 12)
    assert choose_add(items, scores, VETOES) == ADD_GRID[0]
    assert additions(items, scores, 0.5, VETOES) == (12, 0)
    few_items, few_scores = _scored(2, 2)
    assert choose_add(few_items, few_scores, VETOES) == NEVER


def test_additions_that_are_often_wrong_are_never_made():
    items, scores = _scored(10, 0)
    wrong = [{"text": "y", "situations": []} for _ in range(5)]
    items += wrong
    scores += [scores[0]] * 5  # as sure of five wrong ones as of the right ones
    assert choose_add(items, scores, VETOES) == NEVER


def test_a_vetoed_situation_is_never_counted_as_added():
    items, scores = _scored(12, 0)
    vetoed = RuleReading([], {"money": "negated"})
    scores = [(vetoed, keep, p) for _, keep, p in scores]
    assert additions(items, scores, 0.5, VETOES) == (0, 0)


def test_the_keep_threshold_keeps_right_readings():
    items = [{"text": "a", "situations": ["money"]}, {"text": "b", "situations": []}]
    empty = RuleReading([], {})
    scores = [(empty, {"money": 0.8}, {}), (empty, {"money": 0.2}, {})]
    assert 0.2 < choose_keep(items, scores) <= 0.8


def test_the_blind_copies_are_known_by_number_and_can_be_left_out():
    pool, blind = load_pool()
    assert {"8", "9", "10", "11", "12", "13"} <= set(blind)
    assert "14" not in blind  # the sealed set is never training data
    left = without(pool, blind, ["9"])
    assert len(left) == len(pool) - len(blind["9"])


def test_score_is_micro_precision_and_recall():
    items = [{"situations": ["money", "arguing"]}, {"situations": []}]
    result = score(items, [{"money"}, {"screens"}])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 1)
    assert result["precision"] == 0.5 and result["recall"] == 0.5
