"""Which variant of a reply to send, so the coach does not say the same thing twice.

Plain Python (no Rasa); ``components/nlg.py`` calls it with a response's variants already
filled in and the texts the coach has sent in this conversation.

- ``near_duplicate``: two texts that differ by at most three words count as the same, and
  so do two long texts that differ in only a fifth of their words.
- ``unused``: the variants that are not a near duplicate of anything already sent.
- ``choose``: one unused variant (at random), or None when every variant has been used.
- ``least_recent``: when every variant has been used, the one sent longest ago.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

MAX_WORDS_CHANGED = 3
# Long texts (a plan, the privacy answer) also count as the same when only a small share
# of their words differs ("Your plan:" before the same list).
LONG_WORDS = 30
LONG_SHARE = 0.2
_WORD = re.compile(r"[\w']+")


def words(text: str) -> list[str]:
    """The lowercase words of ``text`` (punctuation and spacing ignored)."""
    return _WORD.findall(text.lower())


def words_changed(a: str, b: str) -> int:
    """How many words must be inserted, deleted or replaced to turn ``a`` into ``b``."""
    left, right = words(a), words(b)
    changed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if tag != "equal":
            changed += max(i2 - i1, j2 - j1)
    return changed


def near_duplicate(a: str, b: str, limit: int = MAX_WORDS_CHANGED) -> bool:
    """Whether ``a`` and ``b`` are the same message, or differ by at most ``limit`` words."""
    left, right = words(a), words(b)
    if not left or not right:
        return a.strip() == b.strip()
    changed = words_changed(a, b)
    if changed <= limit:
        return True
    shorter = min(len(left), len(right))
    return shorter >= LONG_WORDS and changed <= LONG_SHARE * max(len(left), len(right))


def unused(candidates: Sequence[str], sent: Sequence[str]) -> list[int]:
    """Indexes of the candidate texts that repeat nothing in ``sent``."""
    return [
        i for i, text in enumerate(candidates) if not any(near_duplicate(text, s) for s in sent)
    ]


def choose(
    candidates: Sequence[str], sent: Sequence[str], rng: random.Random | None = None
) -> int | None:
    """An index of an unused candidate (random among them), or None if all were used."""
    fresh = unused(candidates, sent)
    if not fresh:
        return None
    return (rng or random).choice(fresh)


def least_recent(candidates: Sequence[str], sent: Sequence[str]) -> int:
    """The candidate whose last use is furthest back (never used counts as furthest)."""

    def last_use(i: int) -> int:
        for back, text in enumerate(reversed(sent)):
            if near_duplicate(candidates[i], text):
                return -back
        return -len(sent) - 1

    return min(range(len(candidates)), key=lambda i: (last_use(i), i))
