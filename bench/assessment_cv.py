"""Leave-one-table-out figures of the assessment readers (written + learned reader).

Usage: python -m bench.assessment_cv [TABLE ...] [--misses]

For each measured answer table (``scripts.build_reply_examples.TABLES``, or those named),
the learned reader (``coach/nlp/replies.py``) is trained on the other tables and the
written non-answers, and the table is read as the questions read it
(``coach.assessment.read_reply``). A table's figure thus never comes from a learned reader
that saw it; the written readers are as they are (say in the note which tables they were
tuned on).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

import coach.nlp.replies as replies
from bench.assessment_eval import evaluate
from coach.assessment import QUESTIONS
from scripts.build_reply_examples import ROOT, TABLES, build


def model_without(held: str) -> replies.ReplyModel:
    """The learned reader trained on every table but ``held``."""
    examples = build(tuple(t for t in TABLES if t != held))
    others = yaml.safe_load(replies.NOT_ANSWERS.read_text(encoding="utf-8")) or {}
    for question in replies.ALLOWED:
        for text in [*others.get("all", []), *others.get(question, [])]:
            examples.setdefault(question, []).append({"text": text, "value": replies.NOT_AN_ANSWER})
    return replies.ReplyModel.train(examples)  # type: ignore[arg-type]


def main(argv: list[str]) -> None:
    """Print one row per table and the totals."""
    names = [a for a in argv if not a.startswith("--")] or list(TABLES)
    totals = {q: [0, 0] for q in QUESTIONS}
    print("| table | " + " | ".join(QUESTIONS) + " |")
    print("| --- |" + " ---: |" * len(QUESTIONS))
    for name in names:
        name = Path(name).name
        model = model_without(name)
        replies.reply_model.cache_clear()
        original = replies.reply_model
        replies.reply_model = lambda model=model: model  # type: ignore[assignment]
        try:
            report = evaluate(ROOT / "tests" / "data" / name)
        finally:
            replies.reply_model = original
        cells = []
        for question in QUESTIONS:
            r = report[question]
            totals[question][0] += int(r["correct"])  # type: ignore[call-overload]
            totals[question][1] += int(r["total"])  # type: ignore[call-overload]
            cells.append(f"{r['correct']}/{r['total']}")
        print(f"| `{name}` | " + " | ".join(cells) + " |")
        if "--misses" in argv:
            for question in QUESTIONS:
                for text, want, got in report[question]["misses"]:  # type: ignore[attr-defined]
                    print(f"  {question}: {text!r} expected {want} got {got}")
    print("| all | " + " | ".join(f"{c}/{t}" for c, t in totals.values()) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
