"""Leave-one-set-out cross-validation of the answer index (a development report, not a test).

Each labelled question set in turn is held out: the index learns the question/answer pairs of
every other set (question sets and dialogue sets' answer turns, paired as
``bench/answer_pairs.py`` pairs them) and answers the held-out set's questions. The report
gives, per held-out set and in total, the share whose best-ranked item is right (before any
threshold) and right / wrong / clarified at each threshold. Sealed blind sets must not be
passed here: a set used to choose settings is development data from then on.

With ``--nlu`` it also plays the conversation's decision for each held-out question, as
``answer_eval.py --nlu`` does but with the held-out index: the trained model's intent (the
intent before the router, cached in ``var/cache/answer_cv_parses.json`` per model), then
:func:`coach.answers.answers_instead`, or, for a description, the answer the reflection gives
beside it (:func:`coach.answers.answer_in_description`). Any other reply counts as ``other``.

Usage: python -m coach.env .venv/bin/python bench/answer_cv.py SET.yml [SET.yml ...]
[--thresholds 0.3,0.35,0.4] [--nlu] [--misses]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bench.answer_eval import is_right
from bench.answer_pairs import pair, questions
from coach.answers import (
    DESCRIPTIONS,
    NAMED_ENTITIES,
    ROUTED_FROM,
    AnswerIndex,
    answer_in_description,
    answers_instead,
)
from coach.store.queries import GuidanceStore, TipView


def load(path: Path) -> list[dict[str, Any]]:
    """The labelled questions of a question or dialogue set."""
    return questions(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def paired(items: list[dict[str, Any]], plain: AnswerIndex) -> dict[str, list[str]]:
    """Slug -> questions for the answerable items of ``items``."""
    pairs: dict[str, list[str]] = {}
    for item in items:
        accept = [str(a) for a in item.get("accept") or []]
        if "clarify" in accept:
            continue
        slug = pair(str(item["text"]), accept, plain)
        if slug:
            pairs.setdefault(slug, []).append(str(item["text"]))
    return pairs


def outcome(item: dict[str, Any], best: TipView | None) -> str:
    """Right, wrong or clarified for one question given the answer (None: clarified)."""
    accept = [str(a) for a in item.get("accept") or []]
    if best is None:
        return "right" if "clarify" in accept else "clarified"
    if "clarify" in accept:
        return "wrong"
    return "right" if is_right(best, accept) else "wrong"


def evaluate(
    held: list[dict[str, Any]], index: AnswerIndex, thresholds: list[float]
) -> dict[str, Counter[str]]:
    """Counts per threshold, and ``top1``: the best-ranked item right, answerable ones only."""
    counts: dict[str, Counter[str]] = {"top1": Counter()}
    for item in held:
        found = index.find(str(item["text"]), 0.0)
        best = found.candidates[0] if found.candidates else None
        if "clarify" not in [str(a) for a in item.get("accept") or []]:
            counts["top1"]["n"] += 1
            counts["top1"]["right"] += bool(best and outcome(item, best.tip) == "right")
        for t in thresholds:
            answer = best.tip if best and best.score >= t and found.answer is not None else None
            counts.setdefault(f"{t:.2f}", Counter())[outcome(item, answer)] += 1
    return counts


PARSES = Path(__file__).resolve().parent.parent / "var" / "cache" / "answer_cv_parses.json"


def parses(texts: list[str]) -> dict[str, dict[str, Any]]:
    """Each text's intent before the router and whether it names a topic (cached per model)."""
    from bench.trained import ROOT

    model = (ROOT / "models/current").read_text().strip()
    cache: dict[str, Any] = json.loads(PARSES.read_text()) if PARSES.exists() else {}
    known: dict[str, dict[str, Any]] = cache.get(model, {})
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        from bench.trained import load_agent

        agent = load_agent()

        async def parse_all() -> None:
            for text in missing:
                parsed = await agent.parse_message(text)
                intent = parsed["intent"]
                known[text] = {
                    "intent": intent.get(ROUTED_FROM) or intent["name"],
                    "topic": any(
                        e["entity"] in NAMED_ENTITIES for e in parsed.get("entities") or []
                    ),
                }

        asyncio.run(parse_all())
        PARSES.parent.mkdir(parents=True, exist_ok=True)
        PARSES.write_text(json.dumps({model: known}, indent=0))
    return known


def decide(text: str, parsed: dict[str, Any], index: AnswerIndex) -> TipView | str | None:
    """The item the conversation answers with, None for no answer, "other" for another reply."""
    intent = parsed["intent"]
    found = index.find_asked(text)  # as the router looks it up
    if answers_instead(text, intent, found, parsed["topic"]) and found.answer is not None:
        return found.answer.tip
    if intent in DESCRIPTIONS:
        match = answer_in_description(text, index)
        return match.tip if match is not None else "other"
    if intent in ("nlu_fallback", "ask_question", "out_of_scope"):
        return None
    return "other"


def pipeline(
    held: list[dict[str, Any]], index: AnswerIndex, known: dict[str, dict[str, Any]]
) -> tuple[Counter[str], list[str]]:
    """Right / wrong / clarified / other for the conversation's decision, with the misses."""
    counts: Counter[str] = Counter()
    misses = []
    for item in held:
        text = str(item["text"])
        got = decide(text, known[text], index)
        result = "other" if got == "other" else outcome(item, got if got else None)  # type: ignore[arg-type]
        counts[result] += 1
        if result != "right":
            name = got if isinstance(got, str) else (got.slug if got else "-")
            misses.append(f"{result:9} {known[text]['intent']:18} {name:28} {text[:100]!r}")
    return counts, misses


def main() -> None:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", type=Path, nargs="+")
    parser.add_argument("--thresholds", default="0.3,0.35,0.4,0.45,0.5")
    parser.add_argument("--nlu", action="store_true", help="the conversation's decision too")
    parser.add_argument("--misses", action="store_true", help="print the --nlu misses")
    parser.add_argument(
        "--train-only", type=Path, nargs="*", default=[], help="sets only ever learnt from"
    )
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    tips = GuidanceStore().all_tips()
    plain = AnswerIndex(tips)
    sets = {path: load(path) for path in args.sets}
    extra = [item for path in args.train_only for item in load(path)]
    known = parses([str(i["text"]) for held in sets.values() for i in held]) if args.nlu else {}
    total: dict[str, Counter[str]] = {}
    for path, held in sets.items():
        train = [item for other, items in sets.items() if other != path for item in items]
        index = AnswerIndex(tips, paired(train + extra, plain))
        counts = evaluate(held, index, thresholds)
        if args.nlu:
            counts["nlu"], misses = pipeline(held, index, known)
            if args.misses:
                print("\n".join(misses))
        for key, c in counts.items():
            total.setdefault(key, Counter()).update(c)
        report(path.name, counts)
    report("all", total)


def report(name: str, counts: dict[str, Counter[str]]) -> None:
    """One line per held-out set: top-1 and each threshold's right/wrong/clarified."""
    top = counts["top1"]
    parts = [f"top1 {100 * top['right'] / max(1, top['n']):.1f}%"]
    for key, c in counts.items():
        if key == "top1":
            continue
        n = sum(c.values())
        right, wrong, clarified = (100 * c[k] / n for k in ("right", "wrong", "clarified"))
        share = f"{right:.1f}/{wrong:.1f}/{clarified:.1f}"
        if key == "nlu":
            parts.append(f"nlu {share}/{100 * c['other'] / n:.1f}")
        else:
            parts.append(f"@{key} {share}")
    print(f"{name:34} " + "  ".join(parts))


if __name__ == "__main__":
    main()
