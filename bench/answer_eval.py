"""How well the guidance store answers open questions (a report, not a test).

Reads a labelled question set (``- text: ..., accept: [concern or checklist ids]``; an
``accept: [clarify]`` item is right when the coach asks instead of answering), looks each
question up in the answer index built from the seeded store, and prints the share answered
right, answered wrong and clarified, with every miss. With ``--nlu`` it also plays the
conversation's decision: the trained model's intent first, then
:func:`coach.answers.answers_instead`, as the ``OpenQuestionRouter`` component does.

Usage: python -m coach.env .venv/bin/python bench/answer_eval.py FILE [--nlu] [--threshold X]
[--no-pairs]
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from coach.answers import ANSWER_THRESHOLD, NAMED_ENTITIES, AnswerIndex, question_pairs
from coach.store.queries import GuidanceStore, TipView


def is_right(tip: TipView, accept: list[str]) -> bool:
    """Whether answering with ``tip`` is one of the accepted answers."""
    return (tip.concern in accept) or bool(set(tip.covers) & set(accept))


KINDS = ("right", "wrong", "clarified")


def score(items: list[dict[str, Any]], index: AnswerIndex, threshold: float) -> dict[str, Any]:
    """Right / wrong / clarified counts and the misses."""
    counts: Counter[str] = Counter()
    misses = []
    for item in items:
        accept = [str(a) for a in item.get("accept") or []]
        found = index.find(item["text"], threshold)
        if found.answer is None:
            outcome = "right" if "clarify" in accept else "clarified"
        elif "clarify" in accept:
            outcome = "wrong"
        else:
            outcome = "right" if is_right(found.answer.tip, accept) else "wrong"
        counts[outcome] += 1
        if outcome != "right":
            best = found.candidates[0] if found.candidates else None
            misses.append(
                (
                    outcome,
                    item["text"][:90],
                    accept,
                    f"{best.tip.slug} {best.score:.2f}" if best else "-",
                )
            )
    return {"counts": counts, "misses": misses, "total": len(items)}


# Question intents the coach answers with a fixed explanation (their checklist point).
QUESTION_POINTS = {"ask_what_is_intimacy": "U1", "ask_intimacy_vs_sex": "U4", "ask_how_long": "U9"}


async def pipeline(
    items: list[dict[str, Any]], index: AnswerIndex, threshold: float
) -> tuple[Counter[str], list[tuple[str, str, list[str], str]]]:
    """The conversation's decision for each question: the intent, then the store's answer."""
    from bench.trained import load_agent
    from coach.answers import answers_instead

    agent = load_agent()
    counts: Counter[str] = Counter()
    misses = []
    for item in items:
        accept = [str(a) for a in item.get("accept") or []]
        parsed = await agent.parse_message(item["text"])
        intent = parsed["intent"]["name"]
        found = index.find(item["text"], threshold)
        topic = any(e["entity"] in NAMED_ENTITIES for e in parsed.get("entities") or [])
        if answers_instead(item["text"], intent, found, topic) and found.answer is not None:
            tip = found.answer.tip
            ok = "clarify" not in accept and is_right(tip, accept)
            outcome, got = ("right" if ok else "wrong"), f"answer {tip.slug}"
        elif intent in QUESTION_POINTS:
            ok = QUESTION_POINTS[intent] in accept
            outcome, got = ("right" if ok else "wrong"), f"intent {intent}"
        elif intent in ("nlu_fallback", "ask_question"):
            outcome = "right" if "clarify" in accept else "clarified"
            got = f"clarify ({intent})"
        else:
            outcome, got = "wrong", f"intent {intent}"
        counts[outcome] += 1
        if outcome != "right":
            misses.append((outcome, item["text"][:90], accept, got))
    return counts, misses


def main() -> None:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--threshold", type=float, default=ANSWER_THRESHOLD)
    parser.add_argument("--nlu", action="store_true", help="also report the intents")
    parser.add_argument("--quiet", action="store_true", help="no list of misses")
    parser.add_argument(
        "--no-pairs", action="store_true", help="without the labelled questions of data/answers/"
    )
    args = parser.parse_args()
    items = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    index = AnswerIndex(GuidanceStore().all_tips(), None if args.no_pairs else question_pairs())
    result = score(items, index, args.threshold)
    total = result["total"]
    counts = result["counts"]
    if not args.quiet:
        for miss in result["misses"]:
            print(f"{miss[0]:9} {miss[1]!r} want {miss[2]} got {miss[3]}")
    print(
        f"{args.file.name}: {total} questions, threshold {args.threshold:.2f}: "
        + ", ".join(
            f"{k} {counts[k]} ({counts[k] / total:.0%})" for k in ("right", "wrong", "clarified")
        )
    )
    if args.nlu:
        counts, misses = asyncio.run(pipeline(items, index, args.threshold))
        if not args.quiet:
            for miss in misses:
                print(f"{miss[0]:9} {miss[1]!r} want {miss[2]} got {miss[3]}")
        print(
            "with the intent classifier: "
            + ", ".join(
                f"{k} {counts[k]} ({counts[k] / total:.0%})"
                for k in ("right", "wrong", "clarified")
            )
        )


if __name__ == "__main__":
    main()
