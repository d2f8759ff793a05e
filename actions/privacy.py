"""Privacy: delete what the coach holds about a person, and say honestly what it keeps."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import store
from coach.privacy import forget_sender
from coach.settings import retention_days

logger = logging.getLogger(__name__)

# Seen by stores/tracker.py, which then deletes the conversation itself.
DELETION_MARKER = "data_deleted"


class ActionDeleteData(Action):
    """Delete the person's rows in the coach's own tables, then mark the conversation.

    Runs after the person confirmed. Works during a crisis check-in too: deleting is the
    person's right at any time. If the store fails nothing is marked, and the person is
    told that nothing was deleted yet.
    """

    def name(self) -> str:
        """The action's name, as in the domain."""
        return "action_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Delete, confirm, and mark the conversation for the tracker store."""
        try:
            counts = forget_sender(store().engine, tracker.sender_id)
        except SQLAlchemyError:
            logger.exception("privacy: could not delete a person's rows from the coach's store")
            dispatcher.utter_message(response="utter_delete_failed")
            return []
        logger.info("privacy: deleted %d row(s) at the person's request", sum(counts.values()))
        dispatcher.utter_message(response="utter_data_deleted")
        return [SlotSet(DELETION_MARKER, True)]


class ActionExplainData(Action):
    """Tell the person what is kept, where, for how long, and how to delete it."""

    def name(self) -> str:
        """The action's name, as in the domain."""
        return "action_explain_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """One honest answer, with the configured retention period."""
        dispatcher.utter_message(response="utter_data_kept", retention_days=retention_days())
        return []
