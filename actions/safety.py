"""The safety layer's actions: crisis, abuse and other risks come before any advice.

Every reply here uses a response named with ``safety``, so conversations can be audited.
Helpline facts live in ``content/safety/resources.yml`` and are filled into the responses.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    ABUSE_DISCLOSED,
    COUNTRY,
    CRISIS_ACTIVE,
    entity_values,
    helplines,
    resource_texts,
)
from coach.logtext import announce, text_note
from coach.safety.resources import country_from_text

logger = logging.getLogger(__name__)
announce(logger)


def confirmed(tracker: Tracker) -> bool:
    """Whether the safety signal is certain: the rule-based screen matched, or a button said so.

    A safety intent predicted by the classifier alone (``certain: false``) is not confirmed.
    """
    text = str(tracker.latest_message.get("text") or "")
    found = tracker.latest_message.get("safety")
    if text.startswith("/"):  # an explicit "I'm not safe" button
        return True
    return not isinstance(found, dict) or bool(found.get("certain", True))


def check_in(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """A gentle safety check with every helpline, when the signal is not confirmed."""
    logger.info(
        "safety: unconfirmed signal, checking in (conversation %s)%s",
        tracker.sender_id,
        text_note(tracker.latest_message.get("text")),
    )
    dispatcher.utter_message(response="utter_safety_check", **helplines(tracker))
    return stop_form(tracker)


def signal(tracker: Tracker) -> tuple[str, str]:
    """The safety screen's finding in the latest message: (category, subtype)."""
    found = tracker.latest_message.get("safety")
    if isinstance(found, dict):
        return str(found.get("category") or ""), str(found.get("subtype") or "")
    return "", ""


def stop_form(tracker: Tracker) -> list[EventType]:
    """Events that end any active form, so coaching questions do not simply continue."""
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionSafetyCrisis(Action):
    """Crisis: a calm reply with the emergency number and a crisis line; coaching pauses."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply with resources and mark the crisis as open."""
        if not confirmed(tracker):
            return check_in(dispatcher, tracker)
        logger.info(
            "safety: crisis path (conversation %s)%s",
            tracker.sender_id,
            text_note(tracker.latest_message.get("text")),
        )
        dispatcher.utter_message(response="utter_safety_crisis", **helplines(tracker))
        return [*stop_form(tracker), SlotSet(CRISIS_ACTIVE, True)]


class ActionSafetyAbuse(Action):
    """Abuse: names it without judgment, gives the abuse line; no couple work from now on."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_abuse"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply for the person's situation (target, someone else, or the one hurting)."""
        if not confirmed(tracker):
            return check_in(dispatcher, tracker)
        _, subtype = signal(tracker)
        response = {
            "perpetrator": "utter_safety_abuse_perpetrator",
            "third_party": "utter_safety_abuse_third_party",
        }.get(subtype, "utter_safety_abuse")
        logger.info(
            "safety: abuse path (%s) (conversation %s)%s",
            response,
            tracker.sender_id,
            text_note(tracker.latest_message.get("text")),
        )
        dispatcher.utter_message(response=response, **helplines(tracker))
        return [*stop_form(tracker), SlotSet(ABUSE_DISCLOSED, True)]


class ActionSafetyOtherRisk(Action):
    """Other risks (a child in danger, eating disorders, substances): a resource, not tips."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_other_risk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply with a relevant resource."""
        dispatcher.utter_message(response="utter_safety_other_risk", **helplines(tracker))
        return stop_form(tracker)


class ActionSafetyResources(Action):
    """Gives the helplines again, for the person's country."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_resources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """List every resource for the country."""
        dispatcher.utter_message(response="utter_safety_resources", **helplines(tracker))
        return []


class ActionSafetySetCountry(Action):
    """Switches the helplines to the person's country ("I'm in the UK")."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_set_country"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set the country from the message, then list its resources."""
        found = entity_values(tracker, "country")
        code = found[0] if found else country_from_text(tracker.latest_message.get("text") or "")
        text = (tracker.latest_message.get("text") or "").lower()
        if code is None and not any(w in text for w in ("else", "other", "another")):
            dispatcher.utter_message(response="utter_safety_ask_country")
            return []
        code = code or "intl"
        dispatcher.utter_message(response="utter_safety_resources", **resource_texts(code))
        return [SlotSet(COUNTRY, code)]


class ActionSafetyResume(Action):
    """The person says they are safe: coaching may resume."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_resume"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Close the crisis, and say so warmly."""
        if tracker.get_slot(CRISIS_ACTIVE):
            dispatcher.utter_message(response="utter_safety_resume")
            return [SlotSet(CRISIS_ACTIVE, False)]
        dispatcher.utter_message(response="utter_safety_resume_plain")
        return []
