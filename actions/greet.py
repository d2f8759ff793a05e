"""Hello: the coach introduces itself once per conversation, then just says hello again."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

GREETED = "greeted"


class ActionGreet(Action):
    """``utter_greet`` (the introduction) the first time, ``utter_greet_again`` after."""

    def name(self) -> str:
        """The action's name."""
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Greet, and remember that the coach has introduced itself."""
        if tracker.get_slot(GREETED):
            dispatcher.utter_message(response="utter_greet_again")
            return []
        dispatcher.utter_message(response="utter_greet")
        return [SlotSet(GREETED, True)]
