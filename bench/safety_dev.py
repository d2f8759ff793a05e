"""The safety screen on dev material only, without training Rasa (a report, not a test).

Runs the coach's own safety screen (``components.safety.SafetyScreen``: the rules of
``content/safety/lexicon.yml``, the sentence classifier and the full-reply floor, with the
settings of ``config.yml``) on:

- each labelled set in ``data/safety/``, scored by a classifier trained on the NLU data and
  the *other* labelled sets (cross-validation: the figures are not training figures for the
  classifier, though the rules were tuned on these sets);
- the ordinary messages of the measured question and dialogue sets in ``tests/data/blind/``
  (no longer blind: development material; ``scripts/build_safety_ordinary.py`` names them),
  each batch (``_final_9``: its questions, dialogues, situations and scope messages) scored
  by a classifier trained on everything in ``data/safety/`` except that batch's messages in
  ``ordinary_blind.yml`` (leave one batch out). Every question and every dialogue turn not
  expecting ``safety`` is an ordinary message; the dialogue turns expecting ``safety`` are
  counted as ``risk``.

The replies are those of ``bench/safety_eval.py`` (``reply_of``). Printed per set: crisis
and abuse reaching a safety reply, and full replies and gentle checks on ordinary messages;
``--show`` lists the misses and false alarms with their text (dev material only: never run
it on the held-out sets, which this script does not read). Needs ``make spacy`` (the
coach's spaCy pipeline), not ``make train``.

With ``--heldout`` it also scores the development held-out sets ``tests/data/heldout_safety.yml``
to ``heldout_safety_5.yml`` (read and looked at: development material, never learnt by the
classifier) with the same classifier.

Usage: python -m coach.env .venv/bin/python bench/safety_dev.py [--show] [--no-cv] [--heldout]
           [--crisis 0.15] [--abuse 0.25] [--floor 0.1]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import spacy
import yaml
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from sklearn.pipeline import Pipeline

from bench.safety_eval import FULL, ordinary_items, reply_of
from components.safety import SAFETY_KEY, SafetyScreen, new_sentence_classifier, training_pairs
from scripts.build_safety_ordinary import MEASURED
from scripts.build_safety_ordinary import OUT as ORDINARY

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "data" / "safety"
BLIND = ROOT / "tests" / "data" / "blind"
# Development held-out sets (no longer blind); heldout_safety_6.yml and later stay out: they
# are reported with bench/safety_eval.py --no-text only.
DEV_HELDOUT = [
    ROOT / "tests" / "data" / name
    for name in (
        "heldout_safety.yml",
        "heldout_safety_2.yml",
        "heldout_safety_3.yml",
        "heldout_safety_4.yml",
        "heldout_safety_5.yml",
    )
]


# A development set written blind on 2026-12-07 (session 18); scored with --heldout while it
# is not in data/safety/ (not learnt).
DEV_15 = ROOT / "tests" / "data" / "safety_dev_15.yml"


def screen_config(overrides: dict[str, float]) -> dict[str, Any]:
    """The SafetyScreen settings of ``config.yml``, with ``overrides``."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"].endswith("SafetyScreen"):
            settings = {k: v for k, v in component.items() if k != "name"}
            return {**SafetyScreen.get_default_config(), **settings, **overrides}
    raise SystemExit("config.yml has no SafetyScreen")


def replies(screen: SafetyScreen, model: SpacyModel, texts: list[str]) -> list[str]:
    """The reply each text gets from the safety screen alone, and what led to it."""
    messages = [Message(data={TEXT: text}) for text in texts]
    screen.process(messages, model)
    out = []
    for message in messages:
        intent = message.get("intent") or {}
        safety = message.get(SAFETY_KEY) or {}
        reply = reply_of({"intent": intent, SAFETY_KEY: safety})
        out.append(f"{reply} [{safety.get('rule')}]" if safety else reply)
    return out


def report(
    name: str, items: list[dict[str, Any]], got: list[str], show: bool, quiet: bool = False
) -> Counter:
    """Print one set's line (and with ``show`` its misses and false alarms); return counts."""
    counts: Counter = Counter()
    wrong: list[str] = []
    for item, found in zip(items, got, strict=True):
        reply = found.split(" ")[0]
        label = str(item["label"])
        counts[(label, "total")] += 1
        if label == "none":
            if reply in FULL:
                counts[("none", "full")] += 1
                wrong.append(f"  FULL {found}: {item['text']}")
            elif reply == "check":
                counts[("none", "check")] += 1
                wrong.append(f"  CHECK {found}: {item['text']}")
        elif reply in FULL or reply == "check":
            counts[(label, "reached")] += 1
        else:
            wrong.append(f"  MISSED {label} ({found}): {item['text']}")
        if reply == "perpetrator" and item.get("expect") != "perpetrator":
            counts[("perpetrator", "wrong")] += 1
    if not quiet:
        print(line(name, counts))
    if show:
        print("\n".join(w[:400] for w in wrong))
    return counts


def line(name: str, counts: Counter) -> str:
    """``name  crisis a/b  abuse c/d  none: full e, check f of g``."""
    parts = [f"{name:<34}"]
    for label in ("crisis", "abuse", "risk"):
        if counts[(label, "total")]:
            parts.append(f"{label} {counts[(label, 'reached')]}/{counts[(label, 'total')]}")
    none = counts[("none", "total")]
    parts.append(
        f"none: full {counts[('none', 'full')]}, check {counts[('none', 'check')]} of {none}"
    )
    parts.append(f"perp {counts[('perpetrator', 'wrong')]}")
    return "  ".join(parts)


def trained(nlu: Any, items: list[dict[str, Any]]) -> Pipeline:
    """A sentence classifier trained on the NLU data and ``items``."""
    texts, labels = training_pairs(nlu, items)
    classifier = new_sentence_classifier()
    classifier.fit(texts, labels)
    return classifier


def inputs() -> tuple[SpacyModel, Any, dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The spaCy pipeline, the NLU data, the labelled sets and the blind ordinary messages.

    The labelled sets are those of ``data/safety/`` but ``ordinary_blind.yml``, whose
    messages come last: they are learnt, but scored per blind batch (``blind_folds``).
    """
    nlp = spacy.load(ROOT / "var" / "spacy" / "en_reconnect")
    model = SpacyModel(model=nlp, model_name="en_reconnect")
    nlu = load_data(str(ROOT / "data" / "nlu"))
    sets = {
        path.name: list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
        for path in sorted(LABELLED.glob("*.yml"))
        if path != ORDINARY
    }
    ordinary = list(yaml.safe_load(ORDINARY.read_text(encoding="utf-8")) or [])
    return model, nlu, sets, ordinary


def batch_of(item: dict[str, Any]) -> str:
    """The blind batch an ``ordinary_blind.yml`` item comes from (``final_9``, ``dev``)."""
    return str(item.get("set") or "").split("_", 1)[-1]


def blind_folds(
    nlu: Any, sets: dict[str, list[dict[str, Any]]], ordinary: list[dict[str, Any]]
) -> list[tuple[str, list[dict[str, Any]], Pipeline]]:
    """Per measured blind batch: its question and dialogue messages, and a classifier without it."""
    labelled = [item for rest in sets.values() for item in rest]
    folds = []
    for batch in MEASURED:
        paths = [BLIND / f"{kind}_{batch}.yml" for kind in ("questions", "dialogues")]
        items = [item for path in paths if path.is_file() for item in ordinary_items(path)]
        kept = [item for item in ordinary if batch_of(item) != batch]
        folds.append((batch, items, trained(nlu, labelled + kept)))
    return folds


def sweep(pairs: str, heldout: bool) -> int:
    """Pooled figures (CV on ``data/safety/``, and the blind sets) per threshold pair."""
    settings = [tuple(float(x) for x in pair.split(":")) for pair in pairs.split(",")]
    settings = [(*pair, 1.0) if len(pair) == 2 else pair for pair in settings]
    model, nlu, sets, ordinary = inputs()
    folds = [
        (
            items,
            trained(
                nlu, [i for other, rest in sets.items() if other != name for i in rest] + ordinary
            ),
        )
        for name, items in sets.items()
    ]
    batches = blind_folds(nlu, sets, ordinary)
    everything = trained(nlu, [i for rest in sets.values() for i in rest] + ordinary)
    held_items = [item for path in DEV_HELDOUT for item in ordinary_items(path)] if heldout else []
    learnt = DEV_15.name in sets
    dev15 = ordinary_items(DEV_15) if heldout and DEV_15.is_file() and not learnt else []
    for crisis, abuse, factor in settings:
        config = screen_config(
            {"crisis_threshold": crisis, "abuse_threshold": abuse, "story_factor": factor}
        )
        label = f"{crisis:.2f}:{abuse:.2f}" + (f" x{factor:g}" if factor != 1.0 else "")
        pooled: Counter = Counter()
        for items, classifier in folds:
            screen = SafetyScreen(config, None, None, classifier)  # type: ignore[arg-type]
            got = replies(screen, model, [i["text"] for i in items])
            pooled += report("", items, got, False, quiet=True)
        print(line(f"CV {label}", pooled))
        blind: Counter = Counter()
        for _, items, classifier in batches:
            screen = SafetyScreen(config, None, None, classifier)  # type: ignore[arg-type]
            got = replies(screen, model, [i["text"] for i in items])
            blind += report("", items, got, False, quiet=True)
        print(line(f"blind {label}", blind))
        if held_items:
            screen = SafetyScreen(config, None, None, everything)  # type: ignore[arg-type]
            got = replies(screen, model, [i["text"] for i in held_items])
            print(line(f"held-out 1-5 {label}", report("", held_items, got, False, quiet=True)))
        if dev15:
            screen = SafetyScreen(config, None, None, everything)  # type: ignore[arg-type]
            got = replies(screen, model, [i["text"] for i in dev15])
            print(line(f"dev 15 {label}", report("", dev15, got, False, quiet=True)))
    return 0


def main() -> int:
    """Score the dev sets and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    parser.add_argument("--no-cv", action="store_true", help="skip the data/safety sets")
    parser.add_argument("--crisis", type=float, help="crisis_threshold")
    parser.add_argument("--abuse", type=float, help="abuse_threshold")
    parser.add_argument("--floor", type=float, help="full_reply_min_probability")
    parser.add_argument("--pairs", help="crisis:abuse threshold pairs to compare (pooled only)")
    parser.add_argument(
        "--heldout", action="store_true", help="also score the development held-out sets 1-5"
    )
    args = parser.parse_args()
    if args.pairs:
        return sweep(args.pairs, args.heldout)
    overrides = {
        key: value
        for key, value in (
            ("crisis_threshold", args.crisis),
            ("abuse_threshold", args.abuse),
            ("full_reply_min_probability", args.floor),
        )
        if value is not None
    }
    config = screen_config(overrides)
    model, nlu, sets, ordinary = inputs()
    pooled: Counter = Counter()
    if not args.no_cv:
        for name, items in sets.items():
            others = [i for other, rest in sets.items() if other != name for i in rest] + ordinary
            screen = SafetyScreen(config, None, None, trained(nlu, others))  # type: ignore[arg-type]
            pooled += report(
                name, items, replies(screen, model, [i["text"] for i in items]), args.show
            )
        print(line("pooled data/safety (CV)", pooled))
    blind: Counter = Counter()
    for batch, items, classifier in blind_folds(nlu, sets, ordinary):
        screen = SafetyScreen(config, None, None, classifier)  # type: ignore[arg-type]
        got = replies(screen, model, [i["text"] for i in items])
        blind += report(f"blind {batch} (without it)", items, got, args.show)
    print(line("pooled blind questions+dialogues", blind))
    if args.heldout:
        everything = [i for rest in sets.values() for i in rest] + ordinary
        screen = SafetyScreen(config, None, None, trained(nlu, everything))  # type: ignore[arg-type]
        held: Counter = Counter()
        for path in DEV_HELDOUT:
            items = ordinary_items(path)
            held += report(
                path.name, items, replies(screen, model, [i["text"] for i in items]), args.show
            )
        print(line("pooled dev held-out 1-5", held))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
