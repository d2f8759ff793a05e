"""Following up on a tip: what the coach does after "how did it go?", and on a person's return.

Plain Python, no Rasa; ``actions/followup.py`` and ``actions/session.py`` turn the moves
into responses and events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from coach.vocabulary import OUTCOMES

# What follows the acknowledgement of an outcome, unless the weekly check-in is due.
Then = Literal["swap", "next_step", "reminder", "check_in"]
AFTER_OUTCOME: dict[str, Then] = {
    "not_helped": "swap",  # replaced by the next best tip (never offered again)
    "helped": "next_step",  # kept, and the next step offered
    "not_done": "reminder",  # no judgment, and a reminder offered
}


def reported(value: object) -> str | None:
    """An outcome (``helped``, ``not_helped``, ``not_done``), or None for anything else."""
    return value if isinstance(value, str) and value in OUTCOMES else None


def after_outcome(outcome: str, check_in_due: bool) -> Then:
    """The move after acknowledging ``outcome``.

    One question at a time: a due weekly check-in takes the place of the offer (a swap
    always happens).
    """
    move = AFTER_OUTCOME[outcome]
    return "check_in" if check_in_due and move != "swap" else move


@dataclass(frozen=True)
class Return:
    """What to say to a person whose conversation comes back after a while.

    ``kind``: ``safety`` (a crisis is still open: the gentle safety check, no plan talk),
    ``follow_up`` (ask how the tip ``slug`` went), or ``check_in`` (no plan to ask about:
    this week's check-in, if they checked in before and one is due).
    """

    kind: Literal["safety", "follow_up", "check_in"]
    slug: str | None = None


def on_return(in_crisis: bool, plan: Sequence[str], current_tip: int) -> Return:
    """The first move for a returning person, from their plan and where they are in it."""
    if in_crisis:
        return Return("safety")
    if not plan:
        return Return("check_in")
    return Return("follow_up", plan[min(max(current_tip, 0), len(plan) - 1)])


def weekly_check_in(checked_in_before: bool, due: bool) -> bool:
    """Whether a returning person without a plan is asked this week's check-in."""
    return checked_in_before and due
