"""Accuracy of the assessment readers (coach/assessment.py) on a blind answer table.

Usage: python bench/assessment_eval.py [FILE] [--misses] [--written]
FILE defaults to tests/data/assessment_answers_heldout.yml. A reply scores when its value
matches (for cause: the same set of labels); a "not an answer" scores when the reader
also says it is not an answer. The request kind is reported alongside, not scored.

Replies are read as the questions read them (``coach.assessment.read_reply``: the written
reader, then the learned reader for words it does not know); ``--written`` scores the
written reader alone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from coach.assessment import CAUSE_LABELS, QUESTIONS, read, read_reply

DEFAULT = Path(__file__).resolve().parent.parent / "tests/data/assessment_answers_heldout.yml"


def predicted(question: str, text: str, written: bool = False) -> tuple[object, str | None]:
    """The reader's value (a sorted list for cause, or not_an_answer) and kind."""
    reading = read(question, text) if written else read_reply(question, text)
    if not reading.answered:
        return "not_an_answer", reading.kind
    if isinstance(reading.value, tuple):
        return sorted(reading.value), None
    return reading.value, None


def expected(question: str, row: dict) -> object:
    """The table's value in the same form."""
    value = row["value"]
    return sorted(value) if isinstance(value, list) else value


def matches(question: str, value: object, want: object, equivalents: dict[str, Any]) -> bool:
    """Whether the reader's value is the table's, through the table's ``_equivalents``.

    Without equivalents the values must be equal. With them, a value scores when it is one
    of those listed for the table's label; for ``cause`` both sides are compared as the
    store causes they rank as (the table's labels mapped by ``_equivalents.cause``, the
    reader's by ``CAUSE_LABELS``), as sets.
    """
    table = equivalents.get(question)
    if not table or want == "not_an_answer" or value == "not_an_answer":
        return value == want
    if question == "cause":
        wanted = {table.get(w, w) for w in (want if isinstance(want, list) else [want])}
        got = value if isinstance(value, list) else [value]
        return {CAUSE_LABELS.get(str(g), str(g)) for g in got} == wanted
    return value in table.get(str(want), [want])


def evaluate(path: Path, written: bool = False) -> dict[str, dict[str, object]]:
    """Per question: total, correct, accuracy, kind agreement and the misses."""
    table = yaml.safe_load(path.read_text())
    equivalents = table.get("_equivalents") or {}
    report: dict[str, dict[str, object]] = {}
    for question in QUESTIONS:
        rows = table.get(question) or []
        misses = []
        kinds = kinds_ok = 0
        for row in rows:
            value, kind = predicted(question, row["text"], written)
            want = expected(question, row)
            if not matches(question, value, want, equivalents):
                misses.append((row["text"], want, value))
            if want == "not_an_answer":
                kinds += 1
                kinds_ok += int(kind == row.get("kind"))
        correct = len(rows) - len(misses)
        report[question] = {
            "total": len(rows),
            "correct": correct,
            "accuracy": correct / len(rows) if rows else 1.0,
            "kinds": f"{kinds_ok}/{kinds}",
            "misses": misses,
        }
    return report


def main(argv: list[str]) -> None:
    """Print the table (and the misses with --misses)."""
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    report = evaluate(path, written="--written" in argv)
    print(f"{path.name}")
    print("| question | correct | accuracy | request kind right |")
    print("| --- | ---: | ---: | ---: |")
    for question, r in report.items():
        print(f"| {question} | {r['correct']}/{r['total']} | {r['accuracy']:.3f} | {r['kinds']} |")
    if "--misses" in argv:
        for question, r in report.items():
            for text, want, got in r["misses"]:  # type: ignore[attr-defined]
                print(f"  {question}: {text!r} expected {want} got {got}")


if __name__ == "__main__":
    main(sys.argv[1:])
