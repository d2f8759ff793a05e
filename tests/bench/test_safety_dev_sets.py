"""bench/safety_eval.py and bench/safety_dev.py: question and dialogue sets as ordinary messages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench.safety_dev import line, report
from bench.safety_eval import ordinary_items


def test_questions_and_dialogue_turns_become_labelled_items(tmp_path: Path) -> None:
    questions = tmp_path / "questions.yml"
    questions.write_text('- text: "should i see my GP?"\n  accept: [get_help]\n', "utf-8")
    dialogues = tmp_path / "dialogues.yml"
    dialogues.write_text(
        "- id: d1\n  turns:\n"
        '    - user: "we drifted"\n      expect: reflection\n'
        '    - user: "he hits me"\n      expect: safety\n',
        "utf-8",
    )
    labelled = tmp_path / "labelled.yml"
    labelled.write_text('- {text: "no point", label: crisis, expect: crisis_check}\n', "utf-8")
    assert ordinary_items(questions) == [{"text": "should i see my GP?", "label": "none"}]
    assert ordinary_items(dialogues) == [
        {"text": "we drifted", "label": "none"},
        {"text": "he hits me", "label": "risk"},
    ]
    assert ordinary_items(labelled)[0]["label"] == "crisis"


def test_the_report_counts_misses_and_false_alarms() -> None:
    items = [
        {"text": "a", "label": "crisis"},
        {"text": "b", "label": "crisis"},
        {"text": "c", "label": "none"},
        {"text": "d", "label": "none"},
    ]
    got = ["check [sentence_classifier]", "none", "check [sentence_classifier]", "none"]
    counts = report("toy", items, got, show=False, quiet=True)
    assert counts[("crisis", "reached")] == 1 and counts[("crisis", "total")] == 2
    assert counts[("none", "check")] == 1 and counts[("none", "full")] == 0
    assert "crisis 1/2" in line("toy", counts)
    assert line("toy", Counter()).endswith("perp 0")
