"""Shared glue for the coach's actions: the store, slot names, buttons and the safety guard."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from coach import assessment, words
from coach.answers import AnswerIndex, question_pairs
from coach.memory import Memory
from coach.safety.resources import default_resources, response_parts
from coach.settings import get_settings
from coach.store.queries import GuidanceStore

logger = logging.getLogger(__name__)

# Slots holding the person's plan and progress (kept in the tracker store).
PLAN = "plan"
PLAN_TIP = "plan_tip"
PLAN_STEP = "plan_step"
TRIED = "tried"
OFFERED_TIP = "offered_tip"
CRISIS_ACTIVE = "crisis_active"
ABUSE_DISCLOSED = "abuse_disclosed"
COUNTRY = "country"

Button = dict[str, str]


_store: GuidanceStore | None = None


def store() -> GuidanceStore:
    """The guidance store of this action-server process (one engine and pool per process)."""
    global _store
    if _store is None:
        _store = GuidanceStore()
    return _store


def use_store(replacement: GuidanceStore | None) -> None:
    """Use another store (tests point the actions at a temporary database)."""
    global _store, _answers
    _store = replacement
    _answers = None


_answers: AnswerIndex | None = None


def answer_index() -> AnswerIndex:
    """The answer index over this process's store (built once, on first use)."""
    global _answers
    if _answers is None:
        _answers = AnswerIndex(store().all_tips(), question_pairs())
    return _answers


def button(title: str, payload: str | None = None) -> Button:
    """A quick reply; its payload is plain text so it reads the same as typing it."""
    return {"title": title, "payload": payload if payload is not None else title}


def step_buttons() -> list[Button]:
    """The quick replies under a plan step."""
    titles = words.section("buttons")
    return [
        button(titles["next_step"], "/next_step"),
        button(titles["ask_why"], "/ask_why"),
        button(titles["request_alternative"], "/request_alternative"),
        button(titles["ask_reminder"], "/ask_reminder"),
    ]


def slot_list(tracker: Tracker, name: str) -> list[str]:
    """A list slot's value, tolerant of a missing or malformed value."""
    value = tracker.get_slot(name)
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str)]
    return []


def slot_text(tracker: Tracker, name: str) -> str | None:
    """A text slot's value, or None when it holds anything else (a list, a number)."""
    value = tracker.get_slot(name)
    return value if isinstance(value, str) else None


def slot_int(tracker: Tracker, name: str) -> int:
    """A numeric slot's value as a whole number (0 when unset or malformed)."""
    value = tracker.get_slot(name)
    try:
        return max(0, int(float(value)))
    except (TypeError, ValueError):
        return 0


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    """Values of one entity type in the latest message, in order, without repeats."""
    values: list[str] = []
    for value in tracker.get_latest_entity_values(entity):
        if isinstance(value, str) and value not in values:
            values.append(value)
    return values


def situations_said(tracker: Tracker) -> list[str]:
    """Every situation the person stated in this session, in order.

    The ``situations`` slot, and the ``situation`` entity of each of their messages
    (answers to the questions too).
    """
    found: list[str] = [s for s in tracker.get_slot("situations") or [] if isinstance(s, str)]
    events = tracker.events or []
    start = max((i for i, e in enumerate(events) if e.get("event") == "session_started"), default=0)
    for event in events[start:]:
        if event.get("event") != "user":
            continue
        for entity in (event.get("parse_data") or {}).get("entities") or []:
            value = entity.get("value")
            if (
                entity.get("entity") == "situation"
                and isinstance(value, str)
                and value not in found
            ):
                found.append(value)
    return found


def country_of(tracker: Tracker) -> str:
    """The person's country: what they told us, else the configured default."""
    value = tracker.get_slot(COUNTRY)
    return value if isinstance(value, str) and value else get_settings().country


def resource_texts(country: str) -> dict[str, str]:
    """The helpline texts the safety responses embed ({emergency}, {crisis_line}, ...)."""
    parts = response_parts(default_resources().for_country(country))
    return {
        "country_name": parts["country"],
        "emergency": parts["emergency"],
        "crisis_line": parts["crisis"],
        "abuse_line": parts["abuse"],
    }


def helplines(tracker: Tracker) -> dict[str, str]:
    """The helpline texts for the person's country."""
    return resource_texts(country_of(tracker))


def in_crisis(tracker: Tracker) -> bool:
    """Whether the person disclosed a crisis and has not yet said they are safe."""
    return bool(tracker.get_slot(CRISIS_ACTIVE))


def previous_action(tracker: Tracker) -> str | None:
    """The last action the coach ran before the person's latest message (None at the start)."""
    after_user = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            after_user = True
        elif after_user and kind == "action" and event.get("name") != "action_listen":
            return str(event.get("name"))
    return None


# Set when a gentle safety check stopped the questions: a yes to it picks them up again.
QUESTIONS_PAUSED = "questions_paused"


def last_response(tracker: Tracker) -> str | None:
    """The response name of the coach's last message before the person's latest one."""
    seen_user = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_user:
                return None
            seen_user = True
        elif kind == "bot" and seen_user:
            name = (event.get("metadata") or {}).get("utter_action")
            return str(name) if name else None
    return None


def last_turns(tracker: Tracker, count: int = 2) -> list[list[str]]:
    """The response names of the coach's last ``count`` turns before the latest message.

    Newest turn first, each turn's responses in the order they were sent.
    """
    turns: list[list[str]] = []
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if len(turns) == count:
                break
            turns.append([])
        elif kind == "bot" and turns:
            name = (event.get("metadata") or {}).get("utter_action")
            if name:
                turns[-1].insert(0, str(name))
    return turns


def story_before(tracker: Tracker, loop: str) -> list[str]:
    """The person's messages of this session before ``loop`` first ran, while it starts.

    Empty once the person has written anything since ``loop`` began (the questions resumed
    or restarted: the story was read when they first started).
    """
    texts: list[str] = []
    started = False
    for event in tracker.events:
        kind = event.get("event")
        if kind in ("session_started", "restart"):
            texts, started = [], False
        elif kind == "user" and not started:
            texts.append(str(event.get("text") or ""))
        elif kind == "user":
            return []
        elif (kind == "action" and event.get("name") == loop) or (
            kind == "active_loop" and event.get("name") == loop
        ):
            started = True
    return [t for t in texts if t and not t.startswith("/")]


def safe_only(tracker: Tracker) -> bool:
    """Whether only individual guidance may be offered (``coach.assessment.safe_only``)."""
    return assessment.safe_only(
        slot_text(tracker, "feels_safe"), bool(tracker.get_slot(ABUSE_DISCLOSED))
    )


def safety_question_pending(tracker: Tracker) -> bool:
    """Whether the safety question is still to come (not answered, nothing disclosed)."""
    return tracker.get_slot("feels_safe") is None and not tracker.get_slot(ABUSE_DISCLOSED)


class CoachingAction(Action, ABC):
    """Base of every coaching action: holds back advice while a crisis is open.

    Subclasses implement :meth:`coach`; while ``crisis_active`` is set they do not
    carry on with coaching but check in gently instead. A failing store gives a kind
    reply instead of an error.
    """

    @abstractmethod
    def name(self) -> str:
        """The action's name, as in the domain."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Run the coaching step, unless a crisis is open or the store is down."""
        if in_crisis(tracker):
            dispatcher.utter_message(response="utter_safety_check_in", **helplines(tracker))
            return []
        try:
            return await self.coach(dispatcher, tracker, domain)
        except SQLAlchemyError:
            logger.exception("guidance store query failed in %s", self.name())
            dispatcher.utter_message(response="utter_store_unavailable")
            return []

    @abstractmethod
    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """The action's own work (see subclasses)."""


# --- Memory across conversations ------------------------------------------------------
FOLLOWUP_TIP = "followup_tip"
FOLLOWUP_PENDING = "followup_pending"
# Channels that can receive a message the person did not just ask for (reminders) and
# show images (charts). REST answers only the request it is given; `rasa shell` is a terminal.
PUSH_CHANNELS = frozenset({"socketio", "telegram"})

_memory: Memory | None = None


def memory() -> Memory:
    """The memory service of this action-server process (shares the store's engine)."""
    global _memory
    if _memory is None:
        _memory = Memory()
    return _memory


def use_memory(replacement: Memory | None) -> None:
    """Use another memory (tests point the actions at a temporary database)."""
    global _memory
    _memory = replacement


def remember_plan(tracker: Tracker, slugs: list[str], current_tip: int) -> None:
    """Keep the plan in the store too; a failing store never breaks the conversation."""
    try:
        memory().save_plan(tracker.sender_id, slugs, current_tip)
    except SQLAlchemyError:
        logger.exception("could not remember the plan")


def channel_of(tracker: Tracker) -> str:
    """The channel the person last wrote from ("socketio", "telegram", "rest", "cmdline")."""
    return str(tracker.get_latest_input_channel() or "")
