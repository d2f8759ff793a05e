"""The assessment readers on the blind answer table's held-out half (never tuned on).

tests/data/assessment_answers_{dev,heldout}.yml come from a blind table written by
someone who never saw the data, split in half by scripts/split_assessment_answers.py
(seed 19). The issue's target is 95% per question.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.assessment_eval import evaluate
from coach.assessment import QUESTIONS

DATA = Path(__file__).resolve().parent.parent / "data"
HELDOUT = evaluate(DATA / "assessment_answers_heldout.yml")
DEV = evaluate(DATA / "assessment_answers_dev.yml")


def test_the_halves_are_disjoint_and_cover_every_question():
    dev = yaml.safe_load((DATA / "assessment_answers_dev.yml").read_text())
    held = yaml.safe_load((DATA / "assessment_answers_heldout.yml").read_text())
    for question in QUESTIONS:
        dev_texts = {row["text"] for row in dev[question]}
        held_texts = {row["text"] for row in held[question]}
        assert len(held_texts) >= 25 and len(dev_texts) >= 25
        assert not dev_texts & held_texts


@pytest.mark.parametrize("question", QUESTIONS)
def test_heldout_accuracy_per_question_is_at_least_95_percent(question):
    result = HELDOUT[question]
    assert result["accuracy"] >= 0.95, result["misses"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_dev_accuracy_per_question_is_at_least_95_percent(question):
    result = DEV[question]
    assert result["accuracy"] >= 0.95, result["misses"]
