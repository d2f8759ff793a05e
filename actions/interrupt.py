"""Interruptions: requests answered in between, the pending question asked in other words.

The questions also start, resume, restart or get skipped on request.

One mechanism for every state that asks something: the assessment form's questions
(``action_ask_<slot>``), a pending yes/no confirmation (``actions/privacy.py``), and the
rules in ``data/rules/coaching.yml`` that answer a request and hand back to the form.
The reading of replies lives in ``coach/assessment.py``; these actions only choose the
response and set slots.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import ABUSE_DISCLOSED, helplines
from coach.assessment import (
    QUESTIONS,
    QUESTIONS_ABOUT,
    QUESTIONS_RESTART,
    SKIPPED,
    is_minimising,
    questions_request,
)

QUESTION_ASKS = "question_asks"
START_ASKED = "start_asked"
ANSWERS_GIVEN = "answers_given"
FORM = "assessment_form"


def asks_so_far(tracker: Tracker, slot: str) -> int:
    """How many times in a row ``slot``'s question has been asked (0 if it is new)."""
    value = tracker.get_slot(QUESTION_ASKS)
    if isinstance(value, str) and ":" in value:
        name, _, count = value.rpartition(":")
        if name == slot and count.isdigit():
            return int(count)
    return 0


def ask_response(slot: str, times: int) -> str:
    """The response for the ``times``-th asking in a row.

    First the usual question, then other words, and from the third time on an offer to
    skip, alternating so that the same words never come twice in a row.
    """
    if times <= 1:
        return f"utter_ask_{slot}"
    if times % 2 == 1:
        return f"utter_ask_{slot}_skip"
    return f"utter_ask_{slot}_again"


class AskQuestion(Action, ABC):
    """``action_ask_<slot>``: asks the pending question, rephrased when asked again."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The form slot this action asks for."""

    def name(self) -> str:
        """The action's name (the form looks for ``action_ask_<slot>``)."""
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Ask, in the words that fit how many times it has been asked."""
        times = asks_so_far(tracker, self.slot) + 1
        dispatcher.utter_message(response=ask_response(self.slot, times))
        return [SlotSet(QUESTION_ASKS, f"{self.slot}:{times}")]


class ActionAskDuration(AskQuestion):
    """Asks how long it has felt this way."""

    slot = "duration"  # type: ignore[assignment]


class ActionAskCause(AskQuestion):
    """Asks what changed."""

    slot = "cause"  # type: ignore[assignment]


class ActionAskPulledAway(AskQuestion):
    """Asks who pulled away."""

    slot = "pulled_away"  # type: ignore[assignment]


class ActionAskFeelsSafe(AskQuestion):
    """Asks whether the person feels safe with their partner."""

    slot = "feels_safe"  # type: ignore[assignment]


class ActionAskPartnerOpen(AskQuestion):
    """Asks whether the partner is open to working on it."""

    slot = "partner_open"  # type: ignore[assignment]


def pending_question(tracker: Tracker) -> str | None:
    """The question the form is waiting on, if the questions are under way."""
    requested = tracker.get_slot("requested_slot")
    if tracker.active_loop_name == FORM and requested in QUESTIONS:
        return str(requested)
    return None


class ActionExplainQuestion(Action):
    """Why do you ask, or tell me more, during the questions: why this question matters.

    Outside the questions it says what the questions are and offers to start them.
    """

    def name(self) -> str:
        """The action's name."""
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Explain the pending question, or the questions as a whole."""
        slot = pending_question(tracker)
        if slot:
            dispatcher.utter_message(response=f"utter_why_{slot}")
        else:
            dispatcher.utter_message(response="utter_about_questions")
        return []


class ActionTipsNow(Action):
    """Just give me tips, during the questions: skip the rest, and the plan follows now.

    The unanswered questions other than "do you feel safe?" are marked skipped and the form
    ends (``required_slots`` leaves the safety question for later once tips are asked
    for); the plan then holds only ideas for the person alone until the safety question is
    answered, and says so (issue 19: "skip the questions and give me something to try" got
    the safety question).
    """

    def name(self) -> str:
        """The action's name."""
        return "action_tips_now"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Skip to the plan."""
        events: list[EventType] = [
            SlotSet(slot, SKIPPED)
            for slot in QUESTIONS
            if slot != "feels_safe" and tracker.get_slot(slot) is None
        ]
        # the plan follows now (at its first step once the safety question has a clear yes)
        events.append(SlotSet(START_ASKED, True))
        return events


def start_questions(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Begin the questions: a word that they start, then the form asks the first."""
    dispatcher.utter_message(response="utter_start_questions")
    return [FollowupAction(FORM)]


class ActionStartQuestions(Action):
    """The questions in the person's own words: start, resume, restart, or what they are."""

    def name(self) -> str:
        """The action's name."""
        return "action_start_questions"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reset the answers for a restart; say which it is. The form asks next."""
        text = str(tracker.latest_message.get("text") or "")
        request = questions_request(text)
        answered = [s for s in QUESTIONS if tracker.get_slot(s) is not None]
        if request == QUESTIONS_ABOUT and not pending_question(tracker):
            dispatcher.utter_message(response="utter_about_questions")
            return []
        if request == QUESTIONS_RESTART and answered:
            dispatcher.utter_message(response="utter_questions_restart")
            # The safety answer is kept: it was given in this conversation and still counts.
            keep = {"feels_safe"} if tracker.get_slot(ABUSE_DISCLOSED) else set()
            return [
                *[SlotSet(s, None) for s in QUESTIONS if s not in keep],
                SlotSet(QUESTION_ASKS, None),
                SlotSet(ANSWERS_GIVEN, 0),
                SlotSet("cause_labels", None),
            ]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if request is None and intent == "inform" and not pending_question(tracker):
            # An answer straight after the offer ("since she was born really"): a yes.
            dispatcher.utter_message(response="utter_questions_start_after_answer")
        elif answered and len(answered) < len(QUESTIONS):
            dispatcher.utter_message(response="utter_questions_resume")
        elif not pending_question(tracker):
            dispatcher.utter_message(response="utter_questions_start")
        return [SlotSet(QUESTION_ASKS, None)] if pending_question(tracker) else []


class ActionMinimising(Action):
    """Minimising after a disclosure ("he's never hit me though") is taken seriously.

    After an abuse disclosure (or an answer to the safety question that was not a clear
    yes) the reply says that control and fear are abuse too and keeps the safety path; the
    plan stays with tips that look after the person. Without a disclosure it is a gentle
    invitation to say more.
    """

    def name(self) -> str:
        """The action's name."""
        return "action_minimising"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply to the minimising message in context."""
        disclosed = bool(tracker.get_slot(ABUSE_DISCLOSED)) or tracker.get_slot("feels_safe") in (
            "no",
            "not_always",
            "disclosure",
        )
        text = str(tracker.latest_message.get("text") or "")
        if disclosed or (is_minimising(text) and _abuse_words(text)):
            dispatcher.utter_message(response="utter_safety_minimising", **helplines(tracker))
            return []
        dispatcher.utter_message(response="utter_minimising_general")
        return []


def _abuse_words(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("hit", "hurt", "abus", "scared", "afraid"))


def reset_events() -> list[EventType]:
    """Events that forget where the questions were (after a deletion)."""
    return [SlotSet(QUESTION_ASKS, None), SlotSet(ANSWERS_GIVEN, 0)]


def answered_any(tracker: Tracker) -> bool:
    """Whether the person answered at least one question (so thanks are due)."""
    value: Any = tracker.get_slot(ANSWERS_GIVEN)
    try:
        return float(value or 0) > 0
    except (TypeError, ValueError):
        return False
