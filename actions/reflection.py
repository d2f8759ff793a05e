"""The empathic reflection: what the person shared, said back to them."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import send_answer
from actions.common import CoachingAction, answer_index, entity_values
from coach.answers import concern_in_description
from coach.assessment import CAUSES, DURATIONS
from coach.reflection import cause_for, known, reflection_for


class ActionReflectFeelings(CoachingAction):
    """Reflects back the situations the message stated, normalises, offers questions.

    One situation gets its own reflection, two or more one that names them together, none
    a warm general one. Nothing the person did not say is added: no duration, no cause.
    """

    def name(self) -> str:
        """The action's name."""
        return "action_reflect_feelings"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply with empathy that uses what was understood, then offer a few questions."""
        situations = known(entity_values(tracker, "situation"))
        response, values = reflection_for(situations)
        dispatcher.utter_message(response=response, **values)
        events: list[EventType] = []
        text = str(tracker.latest_message.get("text") or "")
        concern = concern_in_description(text, answer_index().find(text)) if text else None
        if concern is not None:
            # A concern asked inside the story is answered, not left for later.
            events += send_answer(dispatcher, concern)
        else:
            dispatcher.utter_message(response="utter_normalise")
        if tracker.get_slot("plan"):
            dispatcher.utter_message(response="utter_offer_plan_again")
        else:
            dispatcher.utter_message(response="utter_offer_questions")
        if situations:
            earlier = known(tracker.get_slot("situations") or [])
            events.append(SlotSet("situations", known(earlier + situations)))
        causes = [c for c in entity_values(tracker, "cause") if c in CAUSES]
        cause = causes[0] if causes else cause_for(situations)
        if cause in CAUSES:
            events.append(SlotSet("cause", cause))
        durations = [d for d in entity_values(tracker, "duration") if d in DURATIONS]
        if durations:
            events.append(SlotSet("duration", durations[0]))
        return events
