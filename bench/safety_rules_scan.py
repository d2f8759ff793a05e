"""The lexicon's rules alone on the development material (a report, not a test).

Runs ``coach.safety.detector`` (no classifier, no model) over the readable development sets:
the measured blind sets ``tests/data/blind/{questions,dialogues,scope,situations}_final_N.yml``
(N in 3, 4, 5, 7, 8, 9, 10), ``tests/data/heldout_safety_{2,3,4,5}.yml``,
``tests/data/safety_messages.yml`` and ``data/safety/*.yml``. Prints how many ordinary
messages get a crisis or abuse finding from the rules (per rule) and how many crisis and
abuse messages the rules miss (the sentence classifier may still find them). ``--show``
lists the false alarms with their text (development material only; the sealed sets are
never read here). Needs ``make spacy``.

Usage: python -m coach.env .venv/bin/python bench/safety_rules_scan.py [--show]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
import yaml

from bench.safety_eval import ordinary_items
from coach.safety.detector import SafetyDetector, most_severe

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "data" / "blind"
DATA = ROOT / "tests" / "data"
BATCHES = (3, 4, 5, 7, 8, 9, 10)
KINDS = ("questions", "dialogues", "scope", "situations")


def dev_files() -> list[Path]:
    """The development sets, named (never globbed over ``tests/data``)."""
    files = [BLIND / f"{kind}_final_{n}.yml" for n in BATCHES for kind in KINDS]
    files += [DATA / f"heldout_safety_{n}.yml" for n in (2, 3, 4, 5)]
    files += [DATA / "safety_messages.yml", *sorted((ROOT / "data" / "safety").glob("*.yml"))]
    return [path for path in files if path.is_file()]


def items_of(path: Path) -> list[dict[str, Any]]:
    """``{text, label}`` items: scope groups and first messages are ordinary."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):
        return [{"text": str(t), "label": "none"} for texts in data.values() for t in texts or []]
    if data and "situations" in data[0]:
        return [{"text": str(entry["text"]), "label": "none"} for entry in data]
    return ordinary_items(path)


def main() -> int:
    """Scan the development sets and print the report."""
    show = "--show" in sys.argv[1:]
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    detector = SafetyDetector(nlp.vocab)
    alarms: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    lines: list[str] = []
    for path in dev_files():
        for item in items_of(path):
            label, text = str(item.get("label")), str(item["text"])
            found = most_severe(detector.detect(nlp(text.lower())))
            totals[label] += 1
            risky = found is not None and found.category in ("crisis", "abuse")
            if label == "none" and found is not None and risky:
                kind = "" if found.certain else " (check)"
                alarms[f"{found.rule}{kind}"] += 1
                lines.append(f"  {path.name} [{found.rule}{kind}] {text[:300]}")
            elif label in ("crisis", "abuse") and not risky:
                missed[label] += 1
    print(
        f"ordinary messages: {totals['none']}, rules' crisis or abuse findings on them: "
        f"{sum(alarms.values())}"
    )
    for label in ("crisis", "abuse"):
        print(f"{label} messages: {totals[label]}, missed by the rules: {missed[label]}")
    for rule, count in alarms.most_common():
        print(f"  {count:3} {rule}")
    if show:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
