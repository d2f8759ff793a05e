"""What the reflection says back: the situations a message stated, named together.

Plain Python (no Rasa). Names come from ``content/situations.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import yaml

from coach.nlp.situations import CAUSE_FOR, SITUATIONS
from coach.settings import CONTENT_DIR

MAX_NAMED = 5


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Situation slug -> how the coach names it."""
    path = CONTENT_DIR / "situations.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("names") or {}).items()}


def known(values: Iterable[object]) -> list[str]:
    """The known situation slugs in ``values``, first occurrence kept, in order."""
    seen: list[str] = []
    for value in values:
        if isinstance(value, str) and value in SITUATIONS and value not in seen:
            seen.append(value)
    return seen


def join_names(situations: Iterable[str]) -> str:
    """The names joined: a move, a change at work and money worries (at most MAX_NAMED)."""
    named = [names()[s] for s in known(situations) if s in names()][:MAX_NAMED]
    if len(named) <= 1:
        return "".join(named)
    return ", ".join(named[:-1]) + " and " + named[-1]


def reflection_for(situations: Iterable[str]) -> tuple[str, dict[str, str]]:
    """The response to send and its values: one situation, several, or none."""
    found = known(situations)
    if not found:
        return "utter_reflect_general", {}
    if len(found) == 1:
        return f"utter_reflect_{found[0]}", {}
    return "utter_reflect_several", {"situations": join_names(found)}


def cause_for(situations: Iterable[str]) -> str | None:
    """The guidance store's cause for the first situation that has one (plan ranking)."""
    for situation in known(situations):
        if situation in CAUSE_FOR:
            return CAUSE_FOR[situation]
    return None
