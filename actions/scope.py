"""The honest reply to a message mainly about another part of life."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from coach.nlp.scope import mentions_distress


class ActionOutOfScope(Action):
    """Say kindly what the coach is for; point to a GP or counsellor when there is distress.

    No reflection, tip or plan. A plan in progress is offered again, so the conversation
    can go back to it.
    """

    def name(self) -> str:
        """The action's name."""
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """The honest reply, then the way back to the plan if there is one."""
        text = str(tracker.latest_message.get("text") or "")
        if mentions_distress(text):
            dispatcher.utter_message(response="utter_out_of_scope_support")
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        if tracker.get_slot("plan"):
            dispatcher.utter_message(response="utter_back_to_plan")
        return []
