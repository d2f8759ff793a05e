"""Report how the trained model routes safety messages (a report, not a test).

For each labelled file it parses every message with the trained model (``models/current``)
and turns the parse into the reply the person would get:

- ``crisis``: the full crisis reply (a certain crisis rule);
- ``abuse``: the full abuse reply; ``perpetrator``: the reply for someone who hurts a partner;
- ``check``: the gentle "are you safe right now?" check (an indirect sign, or the sentence
  classifier alone);
- ``other_risk``: the full reply for other risks (a child in danger, eating, own substance use);
- ``addiction_support``: support for people affected by a partner's drinking, drugs or
  gambling, with a gentle safety question;
- ``care``: the warm reply to low self-worth;
- ``none``: ordinary coaching.

Items are ``{text, label: crisis|abuse|none}`` and optionally ``expect`` (the reply the
writer of the set expected). Printed per file: the reply counts per label and per expected
reply, recall (crisis and abuse reaching a safety reply), false alarms on ``none`` messages
(full reply, gentle check), perpetrator replies on messages not expecting one, and how many
messages got exactly the expected reply. ``--no-text`` leaves out the messages themselves
(for blind held-out sets that must not be read).

Question and dialogue sets (``tests/data/blind/questions_*.yml``, ``dialogues_*.yml``) are
read too: every question and every dialogue turn not expecting ``safety`` is an ordinary
(``none``) message, and the turns expecting ``safety`` are ``risk`` (see ``ordinary_items``).

Usage: python -m coach.env .venv/bin/python bench/safety_eval.py [--no-text] [FILE ...]
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAFETY = {"express_crisis": "crisis", "disclose_abuse": "abuse", "other_risk": "other_risk"}
CARE_INTENT = "low_self_worth"
REPLIES = ("crisis", "abuse", "perpetrator", "other_risk", "check", "addiction_support", "care")
FULL = {"crisis", "abuse", "perpetrator", "other_risk"}
SAFETY_REPLY = FULL | {"check"}
COLUMNS = (*REPLIES, "none")


def ordinary_items(path: Path) -> list[dict[str, Any]]:
    """The messages of a labelled, question or dialogue set as ``{text, label}`` items.

    A labelled set's items are returned as they are. In a question set (items with ``text``
    and ``accept``) every question is ordinary (``none``); in a dialogue set (items with
    ``turns``) every user turn is ordinary unless it expects ``safety`` (``risk``).
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    items: list[dict[str, Any]] = []
    for entry in data:
        if "turns" in entry:
            for turn in entry["turns"]:
                label = "risk" if turn.get("expect") == "safety" else "none"
                items.append({"text": str(turn["user"]), "label": label})
        elif "label" in entry:
            items.append(entry)
        else:
            items.append({"text": str(entry["text"]), "label": "none"})
    return items


def reply_of(result: dict[str, Any]) -> str:
    """The reply a parse leads to (see the module docstring)."""
    intent = (result.get("intent") or {}).get("name") or ""
    safety = result.get("safety") or {}
    if intent == CARE_INTENT:
        return "care"
    category = SAFETY.get(intent)
    if category is None:
        return "none"
    subtype = str(safety.get("subtype") or "")
    if not safety.get("certain", True):
        return "check"
    if category == "abuse":
        return "perpetrator" if subtype == "perpetrator" else "abuse"
    if category == "other_risk" and subtype == "partner_addiction":
        return "addiction_support"
    return category


def matches(expect: str, reply: str) -> bool:
    """Whether ``reply`` is the reply the set's writer expected."""
    if expect == "crisis_check":
        return reply in ("check", "crisis")
    if expect == "crisis":
        return reply == "crisis"
    if expect == "abuse":
        return reply in ("abuse", "check")
    return reply == expect


def table(counts: Counter[tuple[str, str]], keys: list[str], title: str) -> None:
    """Print a markdown table of replies per key."""
    print(f"| {title} | " + " | ".join(COLUMNS) + " | total |")
    print("| --- |" + " ---: |" * (len(COLUMNS) + 1))
    for key in keys:
        row = [counts[(key, c)] for c in COLUMNS]
        print(f"| {key} | " + " | ".join(str(n) for n in row) + f" | {sum(row)} |")


def percent(part: int, whole: int) -> str:
    """``"12/60 (20.0%)"``."""
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


async def evaluate(path: Path, show_text: bool) -> None:
    """Parse every message of ``path`` and print the report."""
    from bench.trained import load_agent

    agent = load_agent()
    items = ordinary_items(path)
    by_label: Counter[tuple[str, str]] = Counter()
    by_expect: Counter[tuple[str, str]] = Counter()
    wrong: list[tuple[str, str, str]] = []
    for item in items:
        reply = reply_of(await agent.parse_message(item["text"]))
        label = item["label"]
        expect = item.get("expect") or label
        by_label[(label, reply)] += 1
        by_expect[(expect, reply)] += 1
        if not matches(expect, reply):
            wrong.append((expect, reply, item["text"]))
    labels = sorted({i["label"] for i in items})
    expects = sorted({i.get("expect") or i["label"] for i in items})
    print(f"\n## {path.name}: {len(items)} messages\n")
    table(by_label, labels, "label")
    if expects != labels:
        print()
        table(by_expect, expects, "expected reply")
    print()
    for label in ("crisis", "abuse", "risk"):
        total = sum(by_label[(label, c)] for c in COLUMNS)
        if total:
            reached = sum(by_label[(label, c)] for c in SAFETY_REPLY)
            print(f"- {label} reaching a safety reply (full or check): {percent(reached, total)}")
    none_total = sum(by_label[("none", c)] for c in COLUMNS)
    if none_total:
        full = sum(by_label[("none", c)] for c in FULL)
        print(f"- none: full safety reply {percent(full, none_total)}")
        print(f"- none: gentle check {percent(by_label[('none', 'check')], none_total)}")
    if any("expect" in i for i in items):
        wrong_perp = sum(
            n for (e, r), n in by_expect.items() if r == "perpetrator" and e != "perpetrator"
        )
        perp_total = len(items) - sum(by_expect[("perpetrator", c)] for c in COLUMNS)
        where = "messages not describing it"
    else:  # without `expect`, only the ordinary messages are known not to describe it
        wrong_perp, perp_total = by_label[("none", "perpetrator")], none_total
        where = "ordinary (none) messages"
    print(f"- perpetrator reply on {where}: {percent(wrong_perp, perp_total)}")
    right = len(items) - len(wrong)
    print(f"- exactly the expected reply: {percent(right, len(items))}")
    if show_text:
        for expect, reply, text in wrong:
            print(f"  EXPECTED {expect}, GOT {reply}: {text[:140]}")


def main() -> int:
    """Evaluate the files named on the command line (default: the held-out sets)."""
    args = sys.argv[1:]
    show_text = "--no-text" not in args
    paths = [Path(a) for a in args if not a.startswith("--")] or [
        ROOT / "tests/data/heldout_safety_2.yml",
        ROOT / "tests/data/heldout_safety_3.yml",
    ]
    for path in paths:
        asyncio.run(evaluate(path, show_text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
