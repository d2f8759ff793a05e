"""How did the tip go? Record the answer and adjust the plan.

Helped: kept, and the next step offered. Didn't help: replaced by the next best tip.
Didn't get to it: no judgment, and a reminder offered. A weekly check-in is asked
instead of the offer when one is due (one question at a time).
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import send_fitting
from actions.common import (
    FOLLOWUP_PENDING,
    FOLLOWUP_TIP,
    PLAN,
    PLAN_STEP,
    PLAN_TIP,
    TRIED,
    CoachingAction,
    answer_index,
    memory,
    slot_int,
    slot_list,
    store,
)
from actions.plan import candidates, profile, show_swap
from actions.reflection import ActionReflectFeelings
from actions.session import outcome_buttons
from actions.steps import after_step, mid_walk, plan_just_shown, reported_after_step
from coach import followup
from coach.answers import QUESTION_THRESHOLD
from coach.plan import swap

# The offer after acknowledging an outcome (``coach.followup.after_outcome``).
OFFERS = {"next_step": "utter_offer_next_step", "reminder": "utter_offer_reminder"}


def reported_outcome(tracker: Tracker) -> str | None:
    """How the tip went, from the latest message's ``outcome`` entity (None if it has none).

    A button sends the entity; ``components/outcome.py`` reads it from typed words.
    """
    return followup.reported(next(tracker.get_latest_entity_values("outcome"), None))


def ask_check_in(dispatcher: CollectingDispatcher) -> None:
    """The weekly question (its 1 to 10 buttons are in the response)."""
    dispatcher.utter_message(response="utter_ask_check_in")


def own_words(tracker: Tracker) -> str | None:
    """What the person wrote, unless they pressed a button."""
    text = str(tracker.latest_message.get("text") or "").strip()
    return None if not text or text.startswith("/") else text


class ActionAskFollowUp(CoachingAction):
    """Asks again how the tip went (someone says hello after the welcome-back question)."""

    def name(self) -> str:
        """The action's name."""
        return "action_ask_follow_up"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Ask about the tip in ``followup_tip``."""
        slug = tracker.get_slot(FOLLOWUP_TIP)
        tip = store().tip(slug) if isinstance(slug, str) else None
        if tip is None:
            dispatcher.utter_message(response="utter_greet")
            return [SlotSet(FOLLOWUP_PENDING, False)]
        dispatcher.utter_message(
            response="utter_ask_follow_up", title=tip.title, buttons=outcome_buttons()
        )
        return []


class ActionRecordFollowUp(CoachingAction):
    """Records how the tip went and adjusts the plan."""

    def name(self) -> str:
        """The action's name."""
        return "action_record_follow_up"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Record the outcome, then keep, replace or gently revisit the tip."""
        outcome = reported_outcome(tracker)
        if mid_walk(tracker) or plan_just_shown(tracker):
            # told straight after the step, or after the plan that lists it: on with it
            if outcome is None:
                report = reported_after_step(tracker)
                outcome = report.outcome if report else None
            carried_on = await after_step(dispatcher, tracker, outcome)
            return [SlotSet(FOLLOWUP_PENDING, False), SlotSet(FOLLOWUP_TIP, None), *carried_on]
        slugs = slot_list(tracker, PLAN)
        slug = tracker.get_slot(FOLLOWUP_TIP)
        if not isinstance(slug, str) or not slug:
            slug = slugs[min(slot_int(tracker, PLAN_TIP), len(slugs) - 1)] if slugs else None
        tip = store().tip(slug) if slug else None
        if tip is None:
            return [SlotSet(FOLLOWUP_PENDING, False), *await self._no_plan(dispatcher, tracker)]
        if outcome is None:  # unclear how it went: ask again, with the three answers
            dispatcher.utter_message(
                response="utter_ask_follow_up", title=tip.title, buttons=outcome_buttons()
            )
            return [SlotSet(FOLLOWUP_TIP, tip.slug), SlotSet(FOLLOWUP_PENDING, True)]
        memory().record_outcome(tracker.sender_id, tip.slug, outcome, own_words(tracker))
        events: list[EventType] = [SlotSet(FOLLOWUP_PENDING, False), SlotSet(FOLLOWUP_TIP, None)]
        move = followup.after_outcome(outcome, memory().check_in_due(tracker.sender_id))
        if move == "swap":
            return events + self.replace(dispatcher, tracker, tip.slug, tip.title)
        dispatcher.utter_message(response=f"utter_followup_{outcome}", title=tip.title)
        if move == "check_in":
            ask_check_in(dispatcher)
        else:
            dispatcher.utter_message(response=OFFERS[move])
        return events

    @staticmethod
    async def _no_plan(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """How something went, with no plan to record it against.

        "We talked and it turned into a fight" with no tip of the coach's behind it is a
        story: the store's answer when one fits it clearly, otherwise a reflection; a bare
        "it went well" is offered a plan.
        """
        text = own_words(tracker) or ""
        if len(text.split()) < 6:
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        found = answer_index().find(text)
        if found.answer is not None and found.answer.score >= QUESTION_THRESHOLD:
            events = send_fitting(dispatcher, tracker, found.answer)
            dispatcher.utter_message(response="utter_answer_next")
            return events
        return await ActionReflectFeelings().coach(dispatcher, tracker, {})

    @staticmethod
    def replace(
        dispatcher: CollectingDispatcher, tracker: Tracker, slug: str, title: str
    ) -> list[EventType]:
        """Swap the tip that didn't help for the next best one (it is never offered again)."""
        slugs = slot_list(tracker, PLAN) or [slug]
        tried = slot_list(tracker, TRIED)
        if slug not in tried:
            tried = [*tried, slug]
        dispatcher.utter_message(response="utter_followup_not_helped", title=title)
        who = profile(tracker).having_tried(tried)
        index = slugs.index(slug) if slug in slugs else 0
        result = swap(slugs, index, candidates(who, slugs), who)
        events: list[EventType] = [SlotSet(TRIED, tried)]
        if not show_swap(dispatcher, tracker, result):
            return events
        return [
            *events,
            SlotSet(PLAN, list(result.plan)),
            SlotSet(PLAN_TIP, index),
            SlotSet(PLAN_STEP, 1),
        ]
