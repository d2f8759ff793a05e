"""Following up on a tip: what the coach does after "how did it go?", and on a person's return.

Plain Python, no Rasa; ``actions/followup.py`` and ``actions/session.py`` turn the moves
into responses and events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from coach.vocabulary import OUTCOMES

# What follows the acknowledgement of an outcome, unless the weekly check-in is due.
Then = Literal["swap", "next_step", "reminder", "check_in", "step"]
AFTER_OUTCOME: dict[str, Then] = {
    "not_helped": "swap",  # replaced by the next best tip (never offered again)
    "helped": "next_step",  # kept, and the next step offered
    "not_done": "reminder",  # no judgment, and a reminder offered
}


def reported(value: object) -> str | None:
    """An outcome (``helped``, ``not_helped``, ``not_done``), or None for anything else."""
    return value if isinstance(value, str) and value in OUTCOMES else None


def after_outcome(outcome: str, check_in_due: bool, mid_walk: bool = False) -> Then:
    """The move after acknowledging ``outcome``.

    One question at a time: a due weekly check-in takes the place of the offer (a swap
    always happens). Told how a step went straight after it was given (``mid_walk``), a
    tip that helped goes on to the next step at once: the check-in waits for a return.
    """
    move = AFTER_OUTCOME[outcome]
    if mid_walk:
        return "step" if move == "next_step" else move
    return "check_in" if check_in_due and move != "swap" else move


# --- Telling how a step went, in any words -------------------------------------------
# "we did 10 mins after she went down", "We went for a walk along the canal", "tried it for
# 3 days", "i tried the sharing thing", "done!": the person says they did something.
_DID = re.compile(
    r"^(\W*(so|well|ok|okay|update|right|yeah|yes|omg|guess what|good news)\b\W*)*"
    r"((we|i|me and (him|her|my \w+))( both| finally| actually| just| kind of| sort of| even|"
    r" managed to| got to)? (did|tried|went|had|made|managed|held|gave|took|sat|spent|wrote|put|"
    r"got|told|read|kept|found|cooked|watched|walked|talked|shared|listened|asked|planned|"
    r"booked|hugged|cuddled|turned|switched|started|left|sent|played|\w{3,}ed)\b|"
    r"(tried|did|done) (it|that|this|the \w+( \w+)?)\b|done\b|tried\b)"
)
_NOT_DONE = re.compile(
    r"\b(didn'?t|did not|haven'?t|have not|never) (get|got|manage|have (the )?time|try|tried|"
    r"do|done|find (the )?time|get round|get around)\b|\bno time\b|\bforgot\b|\bnot yet\b"
)
_NOT_HELPED = re.compile(
    r"\b(row|fight|argument|argued|disaster|awful|terrible|backfired|went badly|worse|"
    r"didn'?t (work|help|go well)|did not (work|help)|(he|she|they) refused|turned into a|"
    r"ended (up )?(in|with)? ?(a )?(row|fight|argument|arguing|fighting|shouting)|"
    r"made (it|things) worse|waste of time|pointless)\b"
)
_HELPED = re.compile(
    r"\b(nice|nicer|good|great|lovely|helped|helping|helps|better|cute|sweet|fun|laughed|"
    r"laughing|smiled|enjoyed|loved|worked|works|felt (close|closer|good|nice|something)|"
    r"close(r)?|positive|progress|like something|first time in (ages|weeks|months|years)|"
    r"talked for (ages|hours|an hour)|more into it|listened|actually)\b"
)


@dataclass(frozen=True)
class StepReport:
    """How a step went, told in the person's words: ``outcome`` is None when unclear."""

    outcome: str | None


def step_report(text: str | None) -> StepReport | None:
    """Whether ``text`` tells how a step went (None if it does not), and how.

    Only a message that says the person did (or didn't get to) something counts: "we did 10
    mins after she went down, felt a bit forced but nice actually" helped, "we did it but it
    turned into a row" did not, "didn't get round to it" was not done, "i tried the sharing
    thing. idk how i feel about it" is unclear. A question, or a story of what keeps going
    wrong ("we went to bed at different times again, like every night"), is not a report.
    """
    t = " ".join((text or "").lower().replace("\u2019", "'").split())
    if not t:
        return None
    first = re.split(r"(?<=[.!?])\s+", t, maxsplit=1)[0]
    if _NOT_DONE.search(first) and re.search(r"\b(it|that|this|to|round|around|time)\b", first):
        return StepReport("not_done")
    if not _DID.search(t) or re.search(r"\b(again|always|every (night|day|time))\b", first):
        return None
    if _NOT_HELPED.search(t):
        return StepReport("not_helped")
    if _HELPED.search(t):
        return StepReport("helped")
    return StepReport(None)


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
