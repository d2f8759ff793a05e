"""Turn labelled question sets into question/answer pairs the answer index learns from.

A question set labels each question with every concern or checklist point that would be a
right answer (``accept``). The index learns best from one item per question, so each
question is paired with the accepted item the index (without these pairs) ranks highest,
preferring the store's answer to a named concern. Questions labelled ``clarify`` are left
out. Only development sets belong here: a set paired into the index is no longer blind.

A dialogue set (``- id: ..., turns: [...]``) gives its answer turns.

Usage: python -m coach.env .venv/bin/python bench/answer_pairs.py SET.yml [SET.yml ...] \\
    > data/answers/questions.yml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from bench.answer_eval import is_right
from coach.answers import AnswerIndex
from coach.store.queries import GuidanceStore


def pair(text: str, accept: list[str], index: AnswerIndex) -> str | None:
    """The slug of the accepted item that best answers ``text`` (None if none is accepted)."""
    right = [tip for tip in index.tips if is_right(tip, accept)]
    concerns = [tip for tip in right if tip.concern in accept]
    pool = {tip.slug for tip in concerns or right}
    for match in index.ranked(text, limit=len(index.tips)):
        if match.tip.slug in pool:
            return match.tip.slug
    return min(pool) if pool else None


def questions(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A question set's items, or a dialogue set's answer turns (``expect: answer``)."""
    found = []
    for item in items:
        if "turns" not in item:
            found.append(item)
            continue
        for turn in item.get("turns") or []:
            if turn.get("expect") == "answer" and turn.get("accept"):
                found.append({"text": turn["user"], "accept": turn["accept"]})
    return found


def main() -> None:
    """Print the pairs as YAML."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", type=Path, nargs="+")
    args = parser.parse_args()
    index = AnswerIndex(GuidanceStore().all_tips())
    pairs = []
    for path in args.sets:
        for item in questions(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            accept = [str(a) for a in item.get("accept") or []]
            if "clarify" in accept:
                continue
            slug = pair(str(item["text"]), accept, index)
            if slug:
                pairs.append({"text": str(item["text"]), "answer": slug})
    sys.stdout.write(
        "# Questions written by people who never saw the store, each paired with the item\n"
        "# that answers it (bench/answer_pairs.py). The answer index learns from them.\n"
    )
    sys.stdout.write(yaml.safe_dump(pairs, allow_unicode=True, sort_keys=False, width=100))


if __name__ == "__main__":
    main()
