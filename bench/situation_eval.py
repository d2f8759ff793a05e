"""Situation reading on a labelled set of first messages: micro precision and recall.

Usage: ``python -m bench.situation_eval tests/data/blind/situations_final_3.yml [--errors]``.
It measures the reader the bot uses (``coach.nlp.situations.situations``: the learnt reader
over the rules); ``--rules`` measures the rules alone and ``--baseline`` the old
one-cause-per-message keyword reading, for comparison.
Each item: ``{text, situations: [...]}``; an empty list means no situation is stated.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from coach.assessment import read_cause
from coach.nlp.situation_rules import rule_situations
from coach.nlp.situations import situations

# The old reading: one cause from keywords, as the old reflection used it.
_OLD = {
    "new_baby": "new_baby",
    "new_job": "new_job",
    "screens": "screens",
    "conflict": "arguing",
    "distance": "long_distance",
    "health": "illness",
    "stress": "money",
}


def baseline(text: str) -> list[str]:
    """The old keyword reading (its first cause) mapped onto the situation names."""
    value = read_cause(text).value
    causes = [value] if isinstance(value, str) else list(value or ())
    return [_OLD[c] for c in causes if c in _OLD][:1]


def evaluate(items: list[dict], read=situations) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """Counts, micro precision/recall and the wrong readings."""
    tp = fp = fn = 0
    per: Counter[str] = Counter()
    errors = []
    for item in items:
        gold = set(item.get("situations") or [])
        got = set(read(item["text"]))
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        for s in got - gold:
            per[f"fp {s}"] += 1
        for s in gold - got:
            per[f"fn {s}"] += 1
        if gold != got:
            errors.append((item["text"], sorted(gold), sorted(got)))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    exact = sum(1 for i in items if set(i.get("situations") or []) == set(read(i["text"])))
    return {
        "messages": len(items),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "exact_match": round(exact / len(items), 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "per": dict(per),
        "errors": errors,
    }


def main() -> int:
    """Print the figures (and the wrong readings with --errors)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="+")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--rules", action="store_true")
    args = parser.parse_args()
    items: list[dict] = []  # type: ignore[type-arg]
    for path in args.path:
        items += yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    read = baseline if args.baseline else rule_situations if args.rules else situations
    result = evaluate(items, read)
    print(
        f"messages {result['messages']}  precision {result['precision']}  "
        f"recall {result['recall']}  exact {result['exact_match']}  "
        f"(tp {result['tp']} fp {result['fp']} fn {result['fn']})"
    )
    if args.errors:
        for text, gold, got in result["errors"]:
            print(f"  gold {gold} got {got}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
