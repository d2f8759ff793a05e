"""Entity precision and recall of the trained model on a labelled file (a report, not a test).

Each item is ``{text: ..., entities: {label: [value, ...]}}``: the entity values a careful
reader finds in the message (labels left out are expected to be absent). A message counts
per label and value: found and expected is a true positive, found but not expected a false
positive, expected but not found a false negative. Prints a table and every mistake.

Usage: python -m coach.env .venv/bin/python bench/entity_eval.py FILE [FILE ...]
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("cause", "duration", "partner", "feeling")


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 when undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


async def evaluate(path: Path) -> None:
    """Print per-label precision, recall and F1 for one file, then the mistakes."""
    from bench.trained import load_agent

    agent = load_agent()
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    mistakes = []
    for item in items:
        parsed = await agent.parse_message(item["text"])
        expected = item.get("entities") or {}
        for label in LABELS:
            want = set(expected.get(label) or [])
            got = {str(e["value"]) for e in parsed["entities"] if e["entity"] == label}
            counts[label]["tp"] += len(want & got)
            counts[label]["fp"] += len(got - want)
            counts[label]["fn"] += len(want - got)
            if want != got:
                mistakes.append((label, sorted(want), sorted(got), item["text"][:100]))
    print(f"\n## {path.name}: {len(items)} messages")
    print("| label | precision | recall | F1 | expected |\n| --- | ---: | ---: | ---: | ---: |")
    scores = []
    for label in LABELS:
        c = counts[label]
        precision, recall, score = f1(c["tp"], c["fp"], c["fn"])
        scores.append(score)
        print(f"| {label} | {precision:.2f} | {recall:.2f} | {score:.2f} | {c['tp'] + c['fn']} |")
    print(f"| macro | | | {sum(scores) / len(scores):.2f} | |")
    for label, wanted, found, text in mistakes:
        print(f"MISS {label}: expected {wanted} found {found}: {text}")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        asyncio.run(evaluate(Path(name)))
