"""Report how the trained model routes safety messages (a report, not a test).

For a labelled file (default: the blind held-out set tests/data/heldout_safety.yml) it
prints, per label, how many messages got the full safety reply (rule-based screen), how
many got only the gentle check (classifier alone), and how many were missed, plus the
false-positive rates on the "none" messages, and the classifier's confidence on each
classifier-only hit, so a threshold can be chosen from data.

Usage: python -m coach.env .venv/bin/python bench/safety_eval.py [FILE ...]
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAFETY = {"express_crisis": "crisis", "disclose_abuse": "abuse", "other_risk": "other_risk"}


async def evaluate(path: Path) -> None:
    from bench.trained import load_agent

    agent = load_agent()
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    counts: Counter[tuple[str, str]] = Counter()
    confidences: dict[str, list[float]] = {"hit": [], "false": []}
    missed = []
    for item in items:
        result = await agent.parse_message(item["text"])
        intent = result["intent"]["name"]
        safety = result.get("safety") or {}
        if intent in SAFETY and safety.get("certain"):
            outcome = "full"
        elif intent in SAFETY:
            outcome = "check"
            key = "false" if item["label"] == "none" else "hit"
            confidences[key].append(round(result["intent"]["confidence"], 2))
        else:
            outcome = "none"
            if item["label"] != "none":
                missed.append((item["label"], intent, item["text"][:110]))
        counts[(item["label"], outcome)] += 1
    print(f"\n## {path.name}: {len(items)} messages")
    print("| label | full safety reply | gentle check | no safety reply |")
    print("| --- | ---: | ---: | ---: |")
    for label in sorted({i["label"] for i in items}):
        row = [counts[(label, o)] for o in ("full", "check", "none")]
        print(f"| {label} | {row[0]} | {row[1]} | {row[2]} |")
    print(f"\nclassifier-only confidences, true hits: {sorted(confidences['hit'])}")
    print(f"classifier-only confidences, false alarms: {sorted(confidences['false'])}")
    for label, intent, text in missed:
        print(f"MISSED {label} (got {intent}): {text}")


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or [ROOT / "tests/data/heldout_safety.yml"]
    for path in paths:
        asyncio.run(evaluate(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
