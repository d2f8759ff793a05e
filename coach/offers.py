"""What a "yes" agrees to: the coach's last question, named by the response that asked it.

A short "yes", "ok", "go on" or "start" means nothing alone. Rules answer it where the
conversation's last action says what was offered; everywhere else the coach looks at the
last thing it asked and does that, instead of asking "what would you like to do next?".
Plain Python, no Rasa: ``actions/affirm.py`` reads the last response and acts on the move.
"""

from __future__ import annotations

import re
from typing import Literal

Move = Literal["questions", "safe", "plan", "plan_step"]

# The responses that ask a yes/no question, and what a yes to each of them agrees to.
YES_TO: dict[str, Move] = {
    # "Before I suggest how to try it, may I ask a few questions?"
    "utter_answer_held_next": "questions",
    "utter_offer_questions": "questions",
    # "Can I check something before we go on: are you safe right now?"
    "utter_safety_check": "safe",
    # "Would it help to talk about where these feelings come from, or about small ways to
    # feel closer?" after low self-worth: the questions lead to those small ways.
    "utter_safety_care": "questions",
    # Support for a partner's drinking or gambling, ending "do you feel safe at home when
    # they've been drinking?": "ok", "go ahead" is no answer to that (the questions ask it
    # again in its turn) but a wish to go on.
    "utter_safety_addiction": "questions",
    # "We haven't made a plan yet. Would you like one?"
    "utter_no_plan_yet": "plan",
    # "Whenever you're ready, we can go back to your plan." / "Shall we carry on?"
    "utter_back_to_plan": "plan_step",
    "utter_offer_plan_again": "plan_step",
    "utter_plan_start_question": "plan_step",
    "utter_offer_next_step": "plan_step",
    # The plan given before the safety question ("These are things you can do for
    # yourself..."): a yes starts its first step.
    "utter_plan_safety_pending": "plan_step",
}

# "start", "ok let's begin", "go on then": a request to get going, whatever was asked last.
_START = re.compile(
    r"^\W*((ok(ay)?|yes|yeah|ya|sure|right|alright|fine)\W+)?(so\W+)?(let'?s\W+|lets\W+)?"
    r"(start|begin|go|get (started|going)|do (it|this))(\W+(then|now|pls|please|already))*\W*$",
    re.IGNORECASE,
)


# Replies to a side request ("is this chat saved?", a question answered on the way): the
# offer made just before them still stands, so a yes after them agrees to that offer.
ASIDE = frozenset(
    {
        "utter_data_kept",
        "utter_answer_open",
        "utter_answer_open_own",
        "utter_answer_question",
        "utter_answer_again",
        "utter_answer_again_brief",
    }
)


def standing_offer(turns: list[list[str]]) -> str | None:
    """The response a yes answers, from the coach's last turns (newest first).

    The last response of the last turn, unless that turn only answered a side request:
    then the last response of the turn before it (one step back, no further).
    """
    if not turns or not turns[0]:
        return None
    if all(name in ASIDE for name in turns[0]) and len(turns) > 1 and turns[1]:
        return turns[1][-1]
    return turns[0][-1]


def agreed_to(last_response: str | None, text: str, has_plan: bool) -> Move | None:
    """What a yes agrees to after ``last_response`` (None: nothing it can be tied to).

    A yes to a question the coach asked does what the question offered; "start" with no
    such question begins the plan if there is one, or else the questions that lead to it.
    """
    move = YES_TO.get(last_response or "")
    if move is not None:
        return move
    if _START.match(text or ""):
        return "plan_step" if has_plan else "questions"
    return None


Resume = Literal["questions", "offer_questions", "plan"]


def after_safe(questions_interrupted: bool, has_plan: bool) -> Resume:
    """Where to pick up once the person says they are safe after a gentle check.

    The questions go on if the check interrupted them; with a plan the plan is next; with
    neither, the questions are offered.
    """
    if questions_interrupted:
        return "questions"
    return "plan" if has_plan else "offer_questions"
