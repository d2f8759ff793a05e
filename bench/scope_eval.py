"""Scope on a labelled set: how many other-life-area messages get the honest reply, and
how many relationship messages stay in scope.

Usage: ``python bench/scope_eval.py tests/data/scope_heldout.yml [--errors]``. The file has
two lists, ``out_of_scope`` and ``in_scope``. The model is trained as ``rasa train`` trains
it (coach.nlp.scope.ScopeModel.default: content/scope/ and data/nlu/), never on these sets.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from coach.nlp.scope import ScopeModel


def main() -> int:
    """Print the two rates (and the misjudged messages with --errors)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    data = yaml.safe_load(Path(args.path).read_text(encoding="utf-8"))
    model = ScopeModel.default()
    out = data.get("out_of_scope") or []
    inside = data.get("in_scope") or []
    caught = [t for t in out if model.out_of_scope(t)]
    kept = [t for t in inside if not model.out_of_scope(t)]
    print(
        f"out_of_scope: {len(caught)}/{len(out)} get the honest reply "
        f"({len(caught) / max(len(out), 1):.1%}); in_scope: {len(kept)}/{len(inside)} stay "
        f"in scope ({len(kept) / max(len(inside), 1):.1%})"
    )
    if args.errors:
        for t in out:
            if t not in caught:
                print(f"  missed ({model.probability_out(t):.2f}): {t}")
        for t in inside:
            if t not in kept:
                print(f"  swallowed ({model.probability_out(t):.2f}): {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
