"""Session start: carry the slots over, and greet someone coming back with their plan.

Rasa runs ``action_session_start`` before it reads the first message of a new session
(after ``session_expiration_time`` minutes of silence). A person with a plan is asked how
the tip they were on went (by its title, never by their name); someone whose crisis is
still open gets the gentle safety check instead; a new person gets Rasa's usual start.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import (
    FOLLOWUP_PENDING,
    FOLLOWUP_TIP,
    PLAN,
    PLAN_TIP,
    button,
    helplines,
    in_crisis,
    memory,
    slot_int,
    slot_list,
    store,
)
from coach import followup, words
from coach.vocabulary import OUTCOMES

logger = logging.getLogger(__name__)
# Never carried into a new session: a half-asked form question would resume out of the blue.
NOT_CARRIED = frozenset({"requested_slot"})


def outcome_buttons() -> list[dict[str, str]]:
    """The three answers to "how did it go?"."""
    titles = words.section("buttons")
    return [
        button(titles[outcome], f'/report_outcome{{"outcome": "{outcome}"}}')
        for outcome in OUTCOMES
    ]


def carries_over(domain: DomainDict) -> bool:
    """Whether the domain's ``session_config`` carries slots into a new session."""
    config: Any = domain.get("session_config") or {}
    return bool(config.get("carry_over_slots_to_new_session", True))


def carried_slots(tracker: Tracker, domain: DomainDict) -> list[EventType]:
    """``SlotSet`` events for every slot that was set (what Rasa's own action does).

    A slot still at its domain's initial value was never set: re-setting it would only
    add noise to the tracker (a new person would get ``crisis_active: false`` events).
    """
    slots: Any = domain.get("slots") or {}
    return [
        SlotSet(name, value)
        for name, value in tracker.slots.items()
        if value is not None
        and name not in NOT_CARRIED
        and value != (slots.get(name) or {}).get("initial_value")
    ]


def plan_to_follow(tracker: Tracker) -> tuple[list[str], int]:
    """The plan to ask about, and the tip the person was on.

    The carried slots, else the plan the store remembers (``Memory.save_plan``), for a
    conversation whose tracker no longer holds one. A failing store never breaks the
    session start.
    """
    slugs = slot_list(tracker, PLAN)
    if slugs:
        return slugs, slot_int(tracker, PLAN_TIP)
    try:
        saved = memory().plan(tracker.sender_id)
    except SQLAlchemyError:
        logger.exception("session start: the store failed; no remembered plan")
        return [], 0
    return (list(saved.tips), saved.current_tip) if saved is not None else ([], 0)


def welcome_back(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """The follow-up question for a returning person (events setting what it asked)."""
    crisis = in_crisis(tracker)  # safety first: no plan talk while a crisis is open
    move = followup.on_return(crisis, *(([], 0) if crisis else plan_to_follow(tracker)))
    if move.kind == "safety":
        dispatcher.utter_message(response="utter_safety_check_in", **helplines(tracker))
        return []
    if move.kind == "check_in" or move.slug is None:
        return weekly_check_in(dispatcher, tracker)
    try:
        tip = store().tip(move.slug)
    except SQLAlchemyError:
        logger.exception("session start: the store failed; starting without a follow-up")
        return []
    if tip is None:
        return []
    dispatcher.utter_message(
        response="utter_welcome_back_followup", title=tip.title, buttons=outcome_buttons()
    )
    return [SlotSet(FOLLOWUP_TIP, move.slug), SlotSet(FOLLOWUP_PENDING, True)]


def weekly_check_in(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Someone who checked in before, without a plan to ask about: this week's check-in."""
    try:
        done_before = bool(memory().check_ins(tracker.sender_id, limit=1))
        if followup.weekly_check_in(
            done_before, done_before and memory().check_in_due(tracker.sender_id)
        ):
            dispatcher.utter_message(response="utter_ask_check_in")
    except SQLAlchemyError:
        logger.exception("session start: the store failed; starting without a check-in")
    return []


class ActionSessionStart(Action):
    """Starts a session: ``SessionStarted``, carried slots, a follow-up, ``action_listen``."""

    def name(self) -> str:
        """The action's name (replaces Rasa's default)."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Start the new session (see the module docstring)."""
        events: list[EventType] = [SessionStarted()]
        if carries_over(domain):
            events.extend(carried_slots(tracker, domain))
            events.extend(welcome_back(dispatcher, tracker))
        events.append(ActionExecuted("action_listen"))
        return events
