"""Privacy: delete what the coach holds about a person, and say honestly what it keeps."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import store
from actions.interrupt import FORM
from coach.assessment import CONFIRM_ASK, CONFIRM_NO, CONFIRM_YES, read_confirmation
from coach.privacy import forget_sender
from coach.settings import retention_days

logger = logging.getLogger(__name__)

# Seen by stores/tracker.py, which then deletes the conversation itself.
DELETION_MARKER = "data_deleted"


PENDING = "pending_confirmation"
RESUME_QUESTIONS = "resume_questions"


def delete_everything(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Delete the person's rows, confirm, and mark the conversation for the tracker store."""
    try:
        counts = forget_sender(store().engine, tracker.sender_id)
    except SQLAlchemyError:
        logger.exception("privacy: could not delete a person's rows from the coach's store")
        dispatcher.utter_message(response="utter_delete_failed")
        return []
    logger.info("privacy: deleted %d row(s) at the person's request", sum(counts.values()))
    dispatcher.utter_message(response="utter_data_deleted")
    return [SlotSet(DELETION_MARKER, True), SlotSet(PENDING, None)]


def questions_interrupted(tracker: Tracker) -> bool:
    """Whether the questions were under way when the person's latest message came in."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    for event in reversed(events[: max(last_user, 0)]):
        if event.get("event") == "active_loop":
            return event.get("name") == FORM
        if event.get("event") in ("restart", "session_started"):
            return False
    return False


class ActionAskDeleteData(Action):
    """Delete my data, in any state: ask to confirm, remembering what it interrupted."""

    def name(self) -> str:
        """The action's name, as in the domain."""
        return "action_ask_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Ask the yes/no question; the reply goes to action_confirm."""
        dispatcher.utter_message(response="utter_ask_delete_data")
        resume = questions_interrupted(tracker) or (
            bool(tracker.get_slot(RESUME_QUESTIONS)) and bool(tracker.get_slot(PENDING))
        )
        return [SlotSet(PENDING, "delete_data:1"), SlotSet(RESUME_QUESTIONS, resume)]


# What a message means when no confirmation is waiting (action_confirm's rules also match
# the turn after a confirmation was settled): the action its intent normally leads to.
NOT_PENDING = {
    "affirm": "action_affirm",
    "deny": "utter_deny_ack",
    "delete_data": "action_ask_delete_data",
    "ask_data_kept": "action_explain_data",
    "ask_question": "action_answer_open",
    "inform": "action_reflect_feelings",
    "out_of_scope": "utter_out_of_scope",
    "not_understood": "utter_not_understood",
}


class ActionConfirm(Action):
    """A reply to a pending yes/no question, read in plain words (coach.assessment).

    "yes delete it", "yep go ahead", "sure, do it" confirm; "no keep it", "actually no"
    cancel, and the questions carry on if the confirmation interrupted them; "wait, what
    gets deleted?" is answered and the question asked again in other words; anything
    unclear is asked again in other words. Deletion never resumes anything.
    """

    def name(self) -> str:
        """The action's name, as in the domain."""
        return "action_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Settle the pending confirmation, or act on the message as usual."""
        pending = str(tracker.get_slot(PENDING) or "")
        kind, _, count = pending.partition(":")
        if kind != "delete_data":
            intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
            return [FollowupAction(NOT_PENDING.get(intent, "utter_answer_unclear"))]
        answer = read_confirmation(str(tracker.latest_message.get("text") or ""))
        if answer == CONFIRM_YES:
            return delete_everything(dispatcher, tracker)
        if answer == CONFIRM_NO:
            events: list[EventType] = [SlotSet(PENDING, None), SlotSet(RESUME_QUESTIONS, False)]
            if tracker.get_slot(RESUME_QUESTIONS):
                dispatcher.utter_message(response="utter_delete_cancelled")
                return [*events, FollowupAction(FORM)]
            # Said by its own action, so the rules that read replies after action_confirm
            # no longer apply to the next message.
            return [*events, FollowupAction("utter_delete_cancelled")]
        times = int(count) + 1 if count.isdigit() else 2
        if answer == CONFIRM_ASK:
            dispatcher.utter_message(response="utter_delete_what")
        else:
            dispatcher.utter_message(response="utter_confirm_unclear")
        # Never the same words twice in a row: the two wordings alternate.
        again = "utter_ask_delete_data_again" if times % 2 == 0 else "utter_ask_delete_data"
        dispatcher.utter_message(response=again)
        return [SlotSet(PENDING, f"delete_data:{times}")]


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
        return delete_everything(dispatcher, tracker)


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
