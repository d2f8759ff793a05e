"""Intent accuracy of the trained model on a labelled file (a report, not a test).

Default file: the blind held-out set tests/data/heldout_intents.yml, written without
seeing the training data. Prints accuracy, per-intent recall and every miss. An item with
an ``outcome`` (a ``report_outcome`` reply) counts only when the outcome entity is right too.

Usage: python -m coach.env .venv/bin/python bench/intent_eval.py [FILE]
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


async def evaluate(path: Path) -> None:
    from bench.trained import load_agent

    agent = load_agent()
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses = []
    for item in items:
        parsed = await agent.parse_message(item["text"])
        got = parsed["intent"]["name"]
        if got == item["intent"] and "outcome" in item:  # how a tip went: the entity too
            outcomes = [e["value"] for e in parsed["entities"] if e["entity"] == "outcome"]
            got = got if outcomes == [item["outcome"]] else f"{got} {outcomes}"
        total[item["intent"]] += 1
        if got == item["intent"]:
            right[item["intent"]] += 1
        else:
            misses.append((item["intent"] + " " + item.get("outcome", ""), got, item["text"][:100]))
    print(f"\n## {path.name}: accuracy {sum(right.values())}/{len(items)}")
    print("| intent | correct |\n| --- | ---: |")
    for intent in sorted(total):
        print(f"| {intent} | {right[intent]}/{total[intent]} |")
    for want, got, text in misses:
        print(f"MISS {want} -> {got}: {text}")


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(ROOT / "tests/data/heldout_intents.yml")]:
        asyncio.run(evaluate(Path(name)))
