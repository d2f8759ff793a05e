"""Which "did you mean ...?" guesses make sense where the conversation is (no Rasa).

The two-stage fallback offers the intent classifier's best guess as a yes/no question. A
guess must fit the moment: nothing about "this tip" when no tip was given, nothing about
what the coach keeps unless the message spoke of data or privacy, no check-in score
without a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Guesses about a plan step or an offered tip.
PLAN_INTENTS = frozenset(
    {"tell_more", "ask_why", "next_step", "go_back", "request_alternative", "already_tried"}
)
PRIVACY_INTENTS = frozenset({"ask_data_kept", "delete_data"})
_PRIVACY_WORDS = re.compile(
    r"\b(data|keep|kept|store[sd]?|storing|delete|erase|remove|forget|privacy|private|"
    r"record(s|ed)?|remember|train(ing)?|ai|info|information|history|save[sd]?|log(s|ged)?)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b(10|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
_REMINDER = re.compile(r"\bremind", re.IGNORECASE)


@dataclass(frozen=True)
class Moment:
    """What the conversation holds right now."""

    has_plan: bool = False
    offered_tip: bool = False
    follow_up_pending: bool = False


def makes_sense(intent: str, text: str, moment: Moment) -> bool:
    """Whether guessing ``intent`` for ``text`` is sensible at this ``moment``."""
    if intent in PLAN_INTENTS:
        return moment.has_plan or moment.offered_tip
    if intent == "add_to_plan":
        return moment.offered_tip
    if intent == "report_outcome":
        return moment.follow_up_pending
    if intent in PRIVACY_INTENTS:
        return bool(_PRIVACY_WORDS.search(text))
    if intent == "check_in":
        return bool(_NUMBER.search(text))
    if intent == "stop_reminders":
        return bool(_REMINDER.search(text))
    return True


def best_guess(ranking: Iterable[str], text: str, moment: Moment, allowed: set[str]) -> str | None:
    """The most likely intent in ``allowed`` that makes sense here, or None."""
    return next(
        (name for name in ranking if name in allowed and makes_sense(name, text, moment)), None
    )
