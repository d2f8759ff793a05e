"""The empathic reflection: what the person shared, said back to them."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import CoachingAction, entity_values
from coach.assessment import CAUSES

HOW_LONG = {
    "weeks": " for the past few weeks",
    "months": " for months now",
    "year_plus": " for a long time now",
}


def how_long_phrase(duration: str | None) -> str:
    """A short phrase for a duration slug, or an empty string."""
    return HOW_LONG.get(duration or "", "")


class ActionReflectFeelings(CoachingAction):
    """Reflects back what the person shared (cause, how long), normalises, offers questions."""

    def name(self) -> str:
        """The action's name."""
        return "action_reflect_feelings"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply with empathy that uses what was understood, then offer a few questions."""
        causes = [c for c in entity_values(tracker, "cause") if c in CAUSES]
        cause = causes[0] if causes else tracker.get_slot("cause")
        duration = (entity_values(tracker, "duration") or [tracker.get_slot("duration")])[0]
        how_long = how_long_phrase(duration)
        if cause in CAUSES:
            dispatcher.utter_message(response=f"utter_reflect_{cause}", how_long=how_long)
        else:
            dispatcher.utter_message(response="utter_reflect_general", how_long=how_long)
        dispatcher.utter_message(response="utter_normalise")
        if tracker.get_slot("plan"):
            dispatcher.utter_message(response="utter_offer_plan_again")
        else:
            dispatcher.utter_message(response="utter_offer_questions")
        events: list[EventType] = []
        if cause in CAUSES:
            events.append(SlotSet("cause", cause))
        if duration in HOW_LONG:
            events.append(SlotSet("duration", duration))
        return events
