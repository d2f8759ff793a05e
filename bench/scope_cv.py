"""Scope thresholds chosen by leave-one-set-out cross-validation over the development sets.

Usage: ``python -m bench.scope_cv [--unlearnt]``. The classifier is trained as ``rasa
train`` trains it (content/scope/, content/situations/, data/nlu/), which includes the
development sets copied to ``content/scope/learnt/``: each set is scored by a classifier
trained without it (out of fold), so no set is scored by a classifier that learnt it. The
thresholds chosen for a left-out set come from the other sets' out-of-fold scores (those
classifiers did learn the left-out set: its labels shape the scores thresholds are chosen on,
not the scores it is measured by). ``--unlearnt`` trains once without any learnt set (the
classifier before they were learnt). The open questions and intent messages (guards) are
scored by the classifier trained on everything. Each message needs a score by what it says
about a couple (no partner, short, a partner named, a plain relationship cue:
``ScopeModel.needed``). For each development set in turn, the four thresholds are chosen on
the other sets (the most other-life messages caught while at least ``KEEP`` of their
relationship messages stay in scope, and ``KEEP_EACH`` of each set's; ties go to higher
thresholds) and measured on the set left out. The last line gives the thresholds chosen on
all of them, and how many open questions of ``tests/data/blind/questions_*.yml`` and
in-scope messages of ``tests/data/heldout_intents*.yml`` they would take out of scope.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

from coach.nlp.scope import ScopeModel, kind_of, learnt_sets
from coach.nlp.scope import judged as classified
from coach.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "tests" / "data"
SETS = [
    DATA / "scope_dev.yml",
    DATA / "scope_dev_2.yml",
    DATA / "scope_heldout.yml",
    DATA / "blind" / "scope_final_3.yml",
    DATA / "blind" / "scope_final_4.yml",
    DATA / "blind" / "scope_final_5.yml",
    DATA / "blind" / "scope_final_7.yml",
    DATA / "blind" / "scope_final_8.yml",
    DATA / "blind" / "scope_final_9.yml",
    DATA / "blind" / "scope_final_10.yml",
    DATA / "blind" / "scope_final_11.yml",
    DATA / "blind" / "scope_final_12.yml",
    DATA / "blind" / "scope_final_13.yml",
]
# Sets named with this are sealed (this session's final measurement): never read here.
SEALED = "_14"
INTENT_SETS = [DATA / f"heldout_intents{n}.yml" for n in ("", "_2", "_3")]
KEEP = 0.985
KEEP_EACH = 0.97
QUESTIONS_KEPT = 0.95
INTENTS_KEPT = 0.99
GRID = [round(0.05 * i, 2) for i in range(2, 21)]
KINDS = 4


@dataclass(frozen=True)
class Scored:
    """One message: its score, which threshold applies (``kind_of``) and whether it is out."""

    score: float
    kind: int
    out: bool


Limits = tuple[float, ...]


def judged(item: Scored, limits: Limits) -> bool:
    """Whether the message leaves scope under ``limits``."""
    return item.score >= limits[item.kind]


def rates(items: list[Scored], limits: Limits) -> tuple[int, int, int, int]:
    """(other-life caught, other-life total, relationship kept, relationship total)."""
    out = [i for i in items if i.out]
    inside = [i for i in items if not i.out]
    caught = sum(judged(i, limits) for i in out)
    kept = sum(not judged(i, limits) for i in inside)
    return caught, len(out), kept, len(inside)


def _counts(items: list[Scored], kind: int) -> list[int]:
    """For each threshold of ``GRID``: how many of ``items`` of ``kind`` reach it."""
    return [sum(i.kind == kind and i.score >= t for i in items) for t in GRID]


def choose(sets: list[list[Scored]], guards: list[tuple[list[Scored], float]]) -> Limits:
    """The thresholds catching the most other-life messages while keeping ``KEEP`` in scope.

    ``KEEP`` holds over all ``sets`` together and ``KEEP_EACH`` in each of them. Each guard
    (messages that must stay in scope, and the share of them that must) holds too: open
    questions (``QUESTIONS_KEPT``), the coach's own intents (``INTENTS_KEPT``). The
    counts add up over the kinds, so every combination of thresholds is tried.
    """
    items = [i for one in sets for i in one]
    out = [i for i in items if i.out]
    inside = [i for i in items if not i.out]
    caught = [_counts(out, k) for k in range(KINDS)]
    lost = [_counts(inside, k) for k in range(KINDS)]
    asked = [([_counts(kept, k) for k in range(KINDS)], share, len(kept)) for kept, share in guards]
    each = []
    for one in sets:
        kept_in = [i for i in one if not i.out]
        each.append(([_counts(kept_in, k) for k in range(KINDS)], len(kept_in)))
    best: tuple[tuple[int, int, float], Limits] | None = None
    for picks in itertools.product(range(len(GRID)), repeat=KINDS):
        if sum(lost[k][p] for k, p in enumerate(picks)) > (1 - KEEP) * len(inside):
            continue
        if any(
            sum(counts[k][p] for k, p in enumerate(picks)) > (1 - KEEP_EACH) * size
            for counts, size in each
        ):
            continue
        if any(
            sum(counts[k][p] for k, p in enumerate(picks)) > (1 - share) * size
            for counts, share, size in asked
        ):
            continue
        limits = tuple(GRID[p] for p in picks)
        hits = sum(caught[k][p] for k, p in enumerate(picks))
        key = (hits, -sum(lost[k][p] for k, p in enumerate(picks)), sum(limits))
        if best is None or key > best[0]:
            best = (key, limits)
    assert best is not None
    return best[1]


def _score(model: ScopeModel, text: str) -> float:
    """The classifier's score, or -1 for a message it never judges (``scope.judged``)."""
    return model.probability_out(text) if classified(text) else -1.0


def score(model: ScopeModel, path: Path) -> list[Scored]:
    """Every judged message of a labelled set, scored."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []
    for label, out in (("out_of_scope", True), ("in_scope", False)):
        for text in data.get(label) or []:
            found.append(Scored(_score(model, text), kind_of(text), out))
    return found


def main() -> int:
    """Print each left-out set's figures, then the thresholds chosen on all sets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--unlearnt",
        action="store_true",
        help="train without any learnt development set (as before they were learnt)",
    )
    args = parser.parse_args()
    learnt = frozenset(learnt_sets())
    model = ScopeModel.default(learnt if args.unlearnt else frozenset())
    scored = {}
    for path in SETS:
        # each set is scored by a classifier that did not learn it
        fold = model if args.unlearnt or path.name not in learnt else None
        scored[path] = score(fold or ScopeModel.default(frozenset({path.name})), path)
    questions = []
    for path in sorted((DATA / "blind").glob("questions_*.yml")):
        if SEALED in path.name:  # the session's final measurement: never a guard
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            text = str(item["text"])
            if classified(text):
                questions.append(Scored(_score(model, text), kind_of(text), False))
    intents = []
    for path in INTENT_SETS:  # the coach's own intents, written blind: in scope too
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            text = str(item["text"])
            if item["intent"] != "out_of_scope" and classified(text):
                intents.append(Scored(_score(model, text), kind_of(text), False))
    guards = [(questions, QUESTIONS_KEPT), (intents, INTENTS_KEPT)]
    total = [0, 0, 0, 0]
    for path in SETS:
        rest = [items for other, items in scored.items() if other != path]
        limits = choose(rest, guards)
        figures = rates(scored[path], limits)
        total = [a + b for a, b in zip(total, figures, strict=True)]
        print(
            f"{path.name}: thresholds {limits} -> other life {figures[0]}/{figures[1]}, "
            f"relationship kept {figures[2]}/{figures[3]}"
        )
    print(
        f"held-out total: other life {total[0]}/{total[1]} ({total[0] / total[1]:.1%}), "
        f"relationship kept {total[2]}/{total[3]} ({total[2] / total[3]:.1%})"
    )
    limits = choose(list(scored.values()), guards)
    taken = sum(judged(q, limits) for q in questions)
    lost = sum(judged(i, limits) for i in intents)
    print(
        f"chosen on all sets: {limits}; open questions taken out: {taken}/{len(questions)}, "
        f"in-scope intent messages: {lost}/{len(intents)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
