"""Cross-validate the safety sentence classifier over the labelled sets (a report, not a test).

The classifier (``components.safety``) learns from the NLU data and every labelled set in
``data/safety/``. To choose its thresholds without the held-out sets, each labelled set is
scored by a classifier trained on the NLU data and the *other* labelled sets, on its own
(no rules): how many crisis and abuse messages reach the gentle check, and how many
ordinary messages get one. Printed per left-out set and threshold pair, then pooled.

Usage: python -m coach.env .venv/bin/python bench/safety_cv.py [--thresholds 0.15:0.25,...]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.pipeline import Pipeline

from components.entities import lowered
from components.safety import new_sentence_classifier, sentences, training_pairs

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "data" / "safety"
DEFAULT_PAIRS = "0.15:0.25,0.2:0.3,0.25:0.35"
OTHER_RISK_THRESHOLD = 0.6


def risk(classifier: Pipeline, text: str, thresholds: dict[str, float]) -> str:
    """``check`` when some sentence passes its category's threshold, else ``none``."""
    rows = classifier.predict_proba([lowered(s) for s in sentences(text)])
    classes = list(classifier.classes_)
    for category, threshold in thresholds.items():
        if category in classes and max(row[classes.index(category)] for row in rows) >= threshold:
            return "check"
    return "none"


def score(classifier: Pipeline, items: list[dict[str, Any]], pair: tuple[float, float]) -> Counter:
    """Counts of ``(label, reached)`` and ``(label, total)`` for one threshold pair."""
    thresholds = {"crisis": pair[0], "abuse": pair[1], "other_risk": OTHER_RISK_THRESHOLD}
    counts: Counter = Counter()
    for item in items:
        label = str(item["label"])
        counts[(label, "total")] += 1
        if risk(classifier, str(item["text"]), thresholds) == "check":
            counts[(label, "reached")] += 1
    return counts


def line(name: str, pair: tuple[float, float], counts: Counter) -> str:
    """One report line: reached crisis and abuse, checks on ordinary messages."""
    parts = [f"{name:<24} crisis {pair[0]:.2f} abuse {pair[1]:.2f}"]
    for label, what in (("crisis", "reached"), ("abuse", "reached"), ("none", "checked")):
        parts.append(f"{label} {what} {counts[(label, 'reached')]}/{counts[(label, 'total')]}")
    return "  ".join(parts)


def main() -> int:
    """Train one classifier per left-out set and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", default=DEFAULT_PAIRS, help="crisis:abuse,...")
    args = parser.parse_args()
    pairs: list[tuple[float, float]] = []
    for pair in args.thresholds.split(","):
        crisis, abuse = pair.split(":")
        pairs.append((float(crisis), float(abuse)))
    nlu = load_data(str(ROOT / "data" / "nlu"))
    sets = {
        path.name: list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
        for path in sorted(LABELLED.glob("*.yml"))
    }
    pooled: dict[tuple[float, float], Counter] = {pair: Counter() for pair in pairs}
    for name, items in sets.items():
        others = [item for other, rest in sets.items() if other != name for item in rest]
        texts, labels = training_pairs(nlu, others)
        classifier = new_sentence_classifier()
        classifier.fit(texts, labels)
        for pair in pairs:
            counts = score(classifier, items, pair)
            pooled[pair] += counts
            print(line(name, pair, counts))
    for pair, counts in pooled.items():
        print(line("pooled", pair, counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
