"""A "yes", "ok" or "start" with no rule to answer it: do what the coach last asked."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    PLAN,
    QUESTIONS_PAUSED,
    CoachingAction,
    last_response,
    last_turns,
    slot_list,
)
from actions.interrupt import start_questions
from actions.plan import ActionNextStep, propose
from actions.safety import resume_after_safe
from coach.offers import agreed_to, standing_offer


class ActionAffirm(CoachingAction):
    """A yes or "start" outside any rule: the move the last question offered, or an ack.

    Each move is done here, not handed on as a follow-up action: the rule that ran this
    action then has the conversation listen, as after any reply (only the questions' form
    follows, and it asks the next question itself).
    """

    def name(self) -> str:
        """The action's name."""
        return "action_affirm"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Start the questions, resume after a safety check, propose or go on with the plan."""
        text = str(tracker.latest_message.get("text") or "")
        offer = standing_offer(last_turns(tracker))
        move = agreed_to(offer, text, bool(slot_list(tracker, PLAN)))
        if move == "questions":
            return start_questions(dispatcher)
        if move == "safe":
            return resume_after_safe(dispatcher, tracker)
        if move == "plan":
            return propose(dispatcher, tracker)
        if move == "plan_step":
            return await ActionNextStep().coach(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_affirm_ack")
        return [SlotSet(QUESTIONS_PAUSED, False)] if tracker.get_slot(QUESTIONS_PAUSED) else []


class ActionBeginQuestions(CoachingAction):
    """A yes after the reflection: the questions begin, or the plan goes on.

    The reflection offers the questions, or, when a plan is already made, to go back to it
    ("shall we carry on with your plan?"). A yes to the first begins the questions (the
    form asks the first one next); a yes to the second is the plan's next step, and the
    conversation then listens instead of starting the questions over.
    """

    def name(self) -> str:
        """The action's name."""
        return "action_begin_questions"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Say the questions begin, or take the plan's next step."""
        text = str(tracker.latest_message.get("text") or "")
        move = agreed_to(last_response(tracker), text, bool(slot_list(tracker, PLAN)))
        if move == "plan_step":
            events = await ActionNextStep().coach(dispatcher, tracker, domain)
            return [*events, FollowupAction("action_listen")]
        dispatcher.utter_message(response="utter_start_questions")
        return []
