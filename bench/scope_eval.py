"""Scope on a labelled set: how many other-life-area messages get the honest reply, and
how many relationship messages stay in scope.

Usage: ``python -m bench.scope_eval tests/data/scope_heldout.yml [--errors] [--parsed]``.
The file has two lists, ``out_of_scope`` and ``in_scope``. The model is trained as ``rasa
train`` trains it (coach.nlp.scope.ScopeModel.default: content/scope/ and data/nlu/), never on
these sets. With ``--parsed`` the whole trained NLU pipeline (``models/current``: the intent
classifier, then the scope classifier) decides instead, short messages included: a message
leaves scope when its parsed intent is ``out_of_scope``.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path

import yaml

from coach.nlp.scope import OUT, ScopeModel


def parsed_judge(texts: list[str]) -> tuple[Callable[[str], bool], Callable[[str], str]]:
    """Whether the trained pipeline parses each text as ``out_of_scope``, and its intent."""
    from bench.trained import load_agent

    agent = load_agent()

    async def parse_all() -> dict[str, str]:
        found = {}
        for text in texts:
            parsed = await agent.parse_message(text)
            found[text] = str(parsed["intent"]["name"])
        return found

    intents = asyncio.run(parse_all())
    return (lambda t: intents[t] == OUT), (lambda t: intents[t])


def main() -> int:
    """Print the two rates (and the misjudged messages with --errors)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--parsed", action="store_true", help="judge by the trained pipeline")
    args = parser.parse_args()
    data = yaml.safe_load(Path(args.path).read_text(encoding="utf-8"))
    out = data.get("out_of_scope") or []
    inside = data.get("in_scope") or []
    if args.parsed:
        judge, why = parsed_judge(out + inside)
    else:
        model = ScopeModel.default()
        judge = model.out_of_scope

        def why(text: str) -> str:
            return f"{model.probability_out(text):.2f}"

    caught = [t for t in out if judge(t)]
    kept = [t for t in inside if not judge(t)]
    print(
        f"out_of_scope: {len(caught)}/{len(out)} get the honest reply "
        f"({len(caught) / max(len(out), 1):.1%}); in_scope: {len(kept)}/{len(inside)} stay "
        f"in scope ({len(kept) / max(len(inside), 1):.1%})"
    )
    if args.errors:
        for t in out:
            if t not in caught:
                print(f"  missed ({why(t)}): {t}")
        for t in inside:
            if t not in kept:
                print(f"  swallowed ({why(t)}): {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
