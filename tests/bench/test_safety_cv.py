"""bench/safety_cv.py: scoring a labelled set with a classifier trained without it."""

from __future__ import annotations

from sklearn.pipeline import Pipeline

from bench.safety_cv import line, score
from components.safety import new_sentence_classifier


def toy_classifier() -> Pipeline:
    texts = ["i want to die", "i will end it tonight", "he hits me", "he beats me"]
    texts += ["we had dinner", "we watched a film", "lovely walk today", "nice holiday"]
    labels = ["crisis", "crisis", "abuse", "abuse", "none", "none", "none", "none"]
    classifier = new_sentence_classifier()
    classifier.fit(texts, labels)
    return classifier


def test_score_counts_reached_and_checked() -> None:
    items = [
        {"text": "i want to die", "label": "crisis"},
        {"text": "he hits me", "label": "abuse"},
        {"text": "we had dinner", "label": "none"},
    ]
    counts = score(toy_classifier(), items, (0.4, 0.4))
    assert counts[("crisis", "reached")] == 1 and counts[("crisis", "total")] == 1
    assert counts[("abuse", "reached")] == 1
    assert counts[("none", "reached")] == 0 and counts[("none", "total")] == 1
    # a threshold no probability reaches: nothing is reached
    assert score(toy_classifier(), items, (1.01, 1.01))[("crisis", "reached")] == 0


def test_line() -> None:
    counts = score(toy_classifier(), [{"text": "i want to die", "label": "crisis"}], (0.4, 0.4))
    text = line("set.yml", (0.4, 0.4), counts)
    assert "crisis reached 1/1" in text and "none checked 0/0" in text
