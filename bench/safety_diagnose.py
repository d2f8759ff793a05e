"""Which part of the safety screen fires on development messages (a report, not a test).

For every development set it names the source of each safety reply: a certain rule, a
``check: true`` rule, a certain rule turned into a check by the full-reply floor, or the
sentence classifier alone, and then which part of the message passed the threshold (one
sentence, or only the whole message of several sentences), with the probability. Ordinary
messages are split into short ones and long stories (four sentences or more) ending in a
question. The classifier is the one of ``bench/safety_dev.py``: each ``data/safety/`` set
and each measured blind batch is scored by a classifier trained without it (leave one set
out); the development held-out sets 2-5 and ``tests/data/safety_dev_15.yml`` (if present and
not in ``data/safety/``) by a classifier trained on everything (never learnt). Sealed sets
are never read.

Usage: python -m coach.env .venv/bin/python bench/safety_diagnose.py [--crisis X] [--abuse Y]
           [--sets heldout,blind,cv,dev15] [--show]
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bench.safety_dev import (
    BLIND,
    ROOT,
    inputs,
    screen_config,
    trained,
)
from bench.safety_eval import ordinary_items
from coach.safety.detector import most_severe
from components.entities import lowered, message_doc
from components.safety import _ENDS_IN_QUESTION, SafetyScreen, sentences
from scripts.build_safety_ordinary import MEASURED

HELD = [ROOT / "tests" / "data" / f"heldout_safety_{n}.yml" for n in (2, 3, 4, 5)]
DEV15 = ROOT / "tests" / "data" / "safety_dev_15.yml"


def is_story(text: str) -> bool:
    """A long message (four sentences or more) that ends in a question."""
    return len(sentences(text)) >= 5 and bool(_ENDS_IN_QUESTION.search(text))


def source(screen: SafetyScreen, model: Any, text: str) -> tuple[str, str]:
    """(reply kind, source) of one message: ``full``/``check``/``none`` and what fired."""
    message = Message(data={TEXT: text})
    doc = message_doc(message, model)
    screening = screen._detector_for(model).screen(doc)
    found = most_severe(screening.found)
    if found is not None:
        if found.category == "care":
            return "care", f"rule-care:{found.rule}"
        if found.subtype == "partner_addiction":
            return "addiction", f"rule-addiction:{found.rule}"
        if not found.certain:
            return "check", f"rule-check:{found.category}:{found.rule}"
        if not screen._confirmed(text, found.category):
            return "check", f"rule-floor:{found.category}:{found.rule}"
        return "full", f"rule:{found.category}:{found.rule}"
    category, p = screen.sentence_risk(text, screening.cleared, screening.ordinary)
    if category == "none":
        return "none", ""
    # which part passed: a body sentence, or only the whole message
    phrases = [lowered(o) for o in screening.ordinary if o]
    split = [lowered(s) for s in sentences(text)]
    body = split[:-1] if len(split) > 1 else split
    kept = [s for s in body if not any(o in s for o in phrases)]
    classifier = screen._classifier
    assert classifier is not None
    classes = list(classifier.classes_)
    column = classes.index(category)
    threshold = screen._config[f"{category}_threshold"] * screen.story_factor(text)
    sentence_ps = [float(r[column]) for r in classifier.predict_proba(kept)]
    part = "sentence" if max(sentence_ps) >= threshold else "whole-only"
    if len(body) == 1:
        part = "single"
    bucket = "<2x" if p < 2 * threshold else ("<4x" if p < 4 * threshold else ">=4x")
    return "check", f"clf:{category}:{part}:{bucket}"


def run(
    name: str,
    items: list[dict[str, Any]],
    screen: SafetyScreen,
    model: Any,
    show: bool,
    total: Counter,
) -> None:
    """Print one set's attribution."""
    counts: Counter = Counter()
    shown = []
    for item in items:
        label = str(item["label"])
        text = str(item["text"])
        reply, why = source(screen, model, text)
        kind = "story" if is_story(text) else "other"
        if label == "none":
            counts[("none", kind)] += 1
            if reply in ("full", "check"):
                counts[
                    (
                        "FA",
                        kind,
                        reply,
                        why.rsplit(":", 1)[0]
                        if why.startswith("clf")
                        else why.split(":")[0] + ":" + why.split(":")[-1],
                    )
                ] += 1
                counts[("FA", kind)] += 1
                shown.append(f"  FA {kind} {reply} [{why}]: {text[:300]}")
        elif label in ("crisis", "abuse", "risk"):
            counts[(label, "total")] += 1
            if reply in ("full", "check"):
                counts[
                    (
                        label,
                        "reached",
                        why.split(":")[0]
                        + (":" + why.split(":")[2] if why.startswith("clf") else ""),
                    )
                ] += 1
                if why.startswith("clf"):
                    counts[(label, "clf", kind, why.split(":")[2], why.split(":")[3])] += 1
            else:
                shown.append(f"  MISS {label}: {text[:300]}")
    total.update(counts)
    summary(name, counts)
    if show:
        print("\n".join(shown))


def summary(name: str, counts: Counter) -> None:
    """One set's lines."""
    print(
        f"== {name}: ordinary stories {counts[('none', 'story')]} (FA {counts[('FA', 'story')]}),"
        f" other {counts[('none', 'other')]} (FA {counts[('FA', 'other')]})"
    )
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        if key[0] == "FA" and len(key) == 4:
            print(f"     FA {key[1]:<5} {key[2]:<5} {key[3]}: {n}")
    for label in ("crisis", "abuse", "risk"):
        if counts[(label, "total")]:
            reached = {k[2]: v for k, v in counts.items() if k[0] == label and k[1] == "reached"}
            print(
                f"     {label} reached {sum(reached.values())}/{counts[(label, 'total')]} {reached}"
            )
            clf = {k[2:]: v for k, v in counts.items() if k[0] == label and k[1] == "clf"}
            print(f"       by classifier: {dict(sorted(clf.items()))}")


def main() -> int:
    """Score and attribute."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crisis", type=float)
    parser.add_argument("--abuse", type=float)
    parser.add_argument("--sets", default="heldout,blind,cv,dev15")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    overrides = {
        k: v
        for k, v in (("crisis_threshold", args.crisis), ("abuse_threshold", args.abuse))
        if v is not None
    }
    config = screen_config(overrides)
    model, nlu, sets, ordinary = inputs()
    chosen = set(args.sets.split(","))
    total: Counter = Counter()
    everything = [i for rest in sets.values() for i in rest] + ordinary
    if chosen & {"heldout", "dev15"}:
        screen = SafetyScreen(config, None, None, trained(nlu, everything))  # type: ignore[arg-type]
        if "heldout" in chosen:
            for path in HELD:
                run(path.name, ordinary_items(path), screen, model, args.show, total)
        if "dev15" in chosen and DEV15.is_file() and "safety_dev_15.yml" not in sets:
            run(
                "safety_dev_15 (not learnt)", ordinary_items(DEV15), screen, model, args.show, total
            )
    if "blind" in chosen:
        labelled = [i for rest in sets.values() for i in rest]
        for batch in MEASURED:
            paths = [BLIND / f"{kind}_{batch}.yml" for kind in ("questions", "dialogues")]
            items = [i for p in paths if p.is_file() for i in ordinary_items(p)]
            kept = [i for i in ordinary if str(i.get("set") or "").split("_", 1)[-1] != batch]
            screen = SafetyScreen(config, None, None, trained(nlu, labelled + kept))  # type: ignore[arg-type]
            run(f"blind {batch} (left out)", items, screen, model, args.show, total)
    if "cv" in chosen:
        for name, items in sets.items():
            others = [i for o, rest in sets.items() if o != name for i in rest] + ordinary
            screen = SafetyScreen(config, None, None, trained(nlu, others))  # type: ignore[arg-type]
            run(f"{name} (CV)", items, screen, model, args.show, total)
    summary("ALL", total)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
