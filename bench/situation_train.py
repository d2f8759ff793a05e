"""Cross-validate the learnt situation reader and choose its thresholds.

Usage: ``python -m bench.situation_train [--write] [--no-vetoes] [--folds 5]``.

Reads the training messages in ``content/situations/`` (never a blind set) and reports:

- the rules alone on the pool (they were tuned on all of it but ``situations_train.yml``);
- the learnt reader, k-fold cross-validated over the whole pool, with the thresholds chosen
  *inside* each training part (nested: a held-out fold never picks its own thresholds);
- the same over ``situations_train.yml`` alone (the messages the rules were never tuned
  on), the other files always in training: the fairer estimate;
- the thresholds chosen on the whole pool, which ``--write`` saves to
  ``content/situations/thresholds.yml`` (with the data's fingerprint) for the coach.

Thresholds come from out-of-fold probabilities. The keep threshold (one for all
situations) drops a situation the rules found when the keep model doubts it: the one with
the best F1 (``KEEP_BETA``) over what the rules found. An add threshold (per situation)
reads a situation the rules did not find: the lowest whose added readings are at least
``TARGET_PRECISION`` right, and the lower end of a 90% Wilson interval of that precision is at least
``LOWER_BOUND`` (so a handful of lucky readings is not enough), or never when none is.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

import numpy as np
import yaml
from sklearn.model_selection import KFold

from coach.nlp import situations as reader
from coach.nlp.situation_rules import SITUATIONS, rule_situations
from coach.settings import CONTENT_DIR

SEED = 18
TARGET_PRECISION = 0.95
# An add threshold must be trusted on more than a handful of readings: the lower end of
# the one-sided 90% Wilson interval of its precision must reach this.
LOWER_BOUND = 0.8
Z = 1.2816
# The keep threshold balances precision and recall (F1). Until the second round of
# 2026-12-06 it favoured precision (F0.5); since the rules carry the guards (past, denied,
# someone else's, only wished for), F0.5 over a pool made largely of hard negatives dropped
# about two right readings for each wrong one on the development sets.
KEEP_BETA = 1.0
KEEP_GRID = [round(float(t), 2) for t in np.arange(0.3, 0.71, 0.05)]
ADD_GRID = [round(float(t), 2) for t in np.arange(0.5, 0.96, 0.05)]
MIN_ADDED = 3
FRESH = "situations_train.yml"

Scores = tuple[Any, dict[str, float], dict[str, float]]


def out_of_fold(
    items: list[dict[str, Any]], folds: int, fixed: list[dict[str, Any]] | None = None
) -> list[Scores]:
    """Each item's rule reading, keep and add probabilities from a model that did not see it."""
    result: list[Scores] = [None for _ in items]  # type: ignore[misc]
    splitter = KFold(n_splits=folds, shuffle=True, random_state=SEED)
    for train, test in splitter.split(items):
        model = reader.SituationModel.train([*(fixed or []), *(items[i] for i in train)])
        for index in test:
            result[index] = model.scores(items[index]["text"])
    return result


def wilson_lower(right: int, total: int, z: float = Z) -> float:
    """The lower end of the Wilson score interval of a proportion (0 when ``total`` is 0)."""
    if not total:
        return 0.0
    p = right / total
    centre = p + z * z / (2 * total)
    spread = z * ((p * (1 - p) + z * z / (4 * total)) / total) ** 0.5
    return (centre - spread) / (1 + z * z / total)


def _fbeta(tp: int, fp: int, fn: int, beta: float = 0.5) -> float:
    if not tp:
        return 0.0
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def choose(
    items: list[dict[str, Any]], scores: list[Scores], vetoes: frozenset[str]
) -> tuple[float, dict[str, float]]:
    """The keep threshold and the per-situation add thresholds, precision first."""
    gold_total = sum(len(i["situations"]) for i in items)
    best_keep, best_f = reader.DEFAULT_KEEP, -1.0
    for t in KEEP_GRID:
        tp = fp = 0
        for item, (_, keep, _) in zip(items, scores, strict=True):
            for slug, p in keep.items():
                if p >= t:
                    tp += slug in item["situations"]
                    fp += slug not in item["situations"]
        f = _fbeta(tp, fp, gold_total - tp, KEEP_BETA)
        if f > best_f:
            best_keep, best_f = t, f
    add: dict[str, float] = {}
    for slug in SITUATIONS:
        add[slug] = reader.NEVER
        for t in ADD_GRID:
            tp = fp = 0
            for item, (reading, keep, probabilities) in zip(items, scores, strict=True):
                if slug in keep or reading.vetoed.get(slug) in vetoes:
                    continue
                if probabilities[slug] >= t:
                    tp += slug in item["situations"]
                    fp += slug not in item["situations"]
            if (
                tp + fp >= MIN_ADDED
                and tp / (tp + fp) >= TARGET_PRECISION
                and (wilson_lower(tp, tp + fp) >= LOWER_BOUND)
            ):
                add[slug] = t
                break
    return best_keep, add


def score(items: list[dict[str, Any]], got: list[set[str]]) -> dict[str, float]:
    """Micro precision and recall, and exact matches."""
    tp = fp = fn = exact = 0
    for item, found in zip(items, got, strict=True):
        gold = set(item["situations"])
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        exact += gold == found
    return {
        "precision": round(tp / (tp + fp) if tp + fp else 1.0, 3),
        "recall": round(tp / (tp + fn) if tp + fn else 1.0, 3),
        "exact": round(exact / len(items), 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def nested_cv(
    items: list[dict[str, Any]],
    folds: int,
    vetoes: frozenset[str],
    fixed: list[dict[str, Any]] | None = None,
) -> dict[str, float]:
    """Outer k-fold over ``items`` (``fixed`` always trains); thresholds by an inner k-fold."""
    got: list[set[str]] = [set() for _ in items]
    splitter = KFold(n_splits=folds, shuffle=True, random_state=SEED + 1)
    for train, test in splitter.split(items):
        part = [items[i] for i in train]
        everything = [*(fixed or []), *part]
        keep, add = choose(everything, out_of_fold(everything, folds), vetoes)
        model = reader.SituationModel.train(everything, keep, add)
        model.vetoes = vetoes
        for index in test:
            got[index] = {f.situation for f in model.read(items[index]["text"])}
    return score(items, got)


def main() -> int:
    """Print the figures; with --write, save the thresholds chosen on the whole pool."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--no-vetoes", action="store_true")
    parser.add_argument("--no-cv", action="store_true", help="only choose the thresholds")
    args = parser.parse_args()
    vetoes = frozenset() if args.no_vetoes else reader.VETOES
    paths = reader.training_paths()
    items = reader.load_items(paths)
    fresh = reader.load_items([p for p in paths if p.name == FRESH])
    tuned = reader.load_items([p for p in paths if p.name != FRESH])
    print(f"pool: {len(items)} messages ({', '.join(p.name for p in paths)})")
    print(f"rules alone, pool: {score(items, [set(rule_situations(i['text'])) for i in items])}")
    if fresh:
        rules = score(fresh, [set(rule_situations(i["text"])) for i in fresh])
        print(f"rules alone, {FRESH}: {rules}")
    if not args.no_cv:
        cv = nested_cv(items, args.folds, vetoes)
        print(f"learnt, {args.folds}-fold nested CV, pool: {cv}")
    if fresh and not args.no_cv:
        cv = nested_cv(fresh, args.folds, vetoes, fixed=tuned)
        print(f"learnt, {args.folds}-fold nested CV, {FRESH} (others always train): {cv}")
    keep, add = choose(items, out_of_fold(items, args.folds), vetoes)
    print(f"keep threshold {keep}; add thresholds {add}")
    if args.write:
        path = CONTENT_DIR / reader.DATA_DIR / reader.THRESHOLDS_FILE
        header = (
            "# Thresholds of the learnt situation reader (coach/nlp/situations.py), chosen by\n"
            f"# {args.folds}-fold cross-validation on content/situations/. Written by\n"
            f"# `python -m bench.situation_train --write` on {date.today().isoformat()}.\n"
            f"# keep: drop a situation the rules found below this; add: read one they did\n"
            f"# not find at or above this (precision >= {TARGET_PRECISION}, its Wilson lower\n"
            f"# bound >= {LOWER_BOUND}; {reader.NEVER} = never).\n"
        )
        body = {"data": reader.data_fingerprint(), "keep": keep, "add": add}
        path.write_text(header + yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
        print(f"wrote {path.relative_to(CONTENT_DIR.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
