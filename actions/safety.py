"""The safety layer's actions: crisis, abuse and other risks come before any advice.

Every reply here uses a response named with ``safety``, so conversations can be audited.
Helpline facts live in ``content/safety/resources.yml`` and are filled into the responses.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import send_answer
from actions.common import (
    ABUSE_DISCLOSED,
    COUNTRY,
    CRISIS_ACTIVE,
    PLAN,
    QUESTIONS_PAUSED,
    answer_index,
    country_of,
    entity_values,
    resource_texts,
    slot_list,
)
from actions.interrupt import FORM
from coach.answers import care_concern
from coach.logtext import announce, text_note
from coach.offers import after_safe
from coach.safety.resources import (
    country_asked_for,
    country_from_text,
    default_resources,
    format_addiction,
)

logger = logging.getLogger(__name__)
announce(logger)


def named_country(tracker: Tracker) -> str | None:
    """The supported country (or ``intl``) the latest message names, if any.

    A country or a well-known city or region anywhere in the message counts ("I live in
    Toronto" -> ``"ca"``), so the resources in the same reply are the right ones.
    """
    resources = default_resources()
    for value in entity_values(tracker, "country"):
        code = resources.normalise_code(value)
        if code:
            return code
    return country_from_text(str(tracker.latest_message.get("text") or ""), resources)


def local_helplines(tracker: Tracker) -> tuple[dict[str, str], list[EventType]]:
    """Helpline texts for the person's country, and the event remembering a newly named one.

    The country named in the latest message wins over the remembered one (and is then
    remembered); otherwise the ``country`` slot, else the configured default.
    """
    named = named_country(tracker)
    code = named or country_of(tracker)
    texts = resource_texts(code)
    texts["addiction_line"] = format_addiction(default_resources().addiction_lines(code))
    events: list[EventType] = []
    if named and named != tracker.get_slot(COUNTRY):
        events.append(SlotSet(COUNTRY, named))
    return texts, events


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
    texts, events = local_helplines(tracker)
    dispatcher.utter_message(response="utter_safety_check", **texts)
    if tracker.active_loop.get("name") == FORM:
        # A yes to the check ("yes, I'm safe") picks the questions up again.
        events.append(SlotSet(QUESTIONS_PAUSED, True))
    return [*stop_form(tracker), *events]


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
        texts, events = local_helplines(tracker)
        dispatcher.utter_message(response="utter_safety_crisis", **texts)
        return [*stop_form(tracker), SlotSet(CRISIS_ACTIVE, True), *events]


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
        texts, events = local_helplines(tracker)
        dispatcher.utter_message(response=response, **texts)
        # also for someone who hurts their partner: no couple exercises from now on
        return [*stop_form(tracker), SlotSet(ABUSE_DISCLOSED, True), *events]


class ActionSafetyOtherRisk(Action):
    """Other risks (a child in danger, eating disorders, substances): a resource, not tips.

    A partner's drinking, drug use or gambling (``partner_addiction``) gets support for the
    person affected and a gentle question about their safety, not the crisis line; a signal
    from the sentence classifier alone gets the gentle safety check.
    """

    def name(self) -> str:
        """The action's name."""
        return "action_safety_other_risk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply with a relevant resource."""
        _, subtype = signal(tracker)
        if subtype == "partner_addiction":
            texts, events = local_helplines(tracker)
            dispatcher.utter_message(response="utter_safety_addiction", **texts)
            return [*stop_form(tracker), *events]
        if not confirmed(tracker):
            return check_in(dispatcher, tracker)
        texts, events = local_helplines(tracker)
        dispatcher.utter_message(response="utter_safety_other_risk", **texts)
        return [*stop_form(tracker), *events]


class ActionSafetyCare(Action):
    """Low self-worth without risk words: a warm reply, not a crisis check; coaching goes on."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_care"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Answer warmly; the conversation (and any questions) carry on.

        When the message also asks one of the concerns the store answers for such feelings
        ("is it my fault?", "is this normal?"), a shorter warm line comes first and then the
        store's answer to it, instead of the general reply that asks what to look at.
        """
        text = str(tracker.latest_message.get("text") or "")
        concern = care_concern(text, answer_index().find(text)) if text.strip() else None
        if concern is None:
            dispatcher.utter_message(response="utter_safety_care")
            return []
        dispatcher.utter_message(response="utter_safety_care_brief")
        return send_answer(dispatcher, concern)


class ActionSafetyResources(Action):
    """Gives the helplines again, for the person's country."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_resources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """List every resource for the country (the one named in the message, if any)."""
        texts, events = local_helplines(tracker)
        dispatcher.utter_message(response="utter_safety_resources", **texts)
        return events


class ActionSafetySetCountry(Action):
    """Switches the helplines to the person's country ("I'm in the UK")."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_set_country"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set the country from the message, then list its resources."""
        code = named_country(tracker) or country_asked_for(
            str(tracker.latest_message.get("text") or ""), default_resources()
        )
        if code is None:
            dispatcher.utter_message(response="utter_safety_ask_country")
            return []
        texts = resource_texts(code)
        texts["addiction_line"] = format_addiction(default_resources().addiction_lines(code))
        dispatcher.utter_message(response="utter_safety_resources", **texts)
        return [SlotSet(COUNTRY, code)]


class ActionSafetyResume(Action):
    """The person says they are safe: coaching may resume."""

    def name(self) -> str:
        """The action's name."""
        return "action_safety_resume"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Close the crisis, say so warmly, and pick up where the conversation was."""
        if tracker.get_slot(CRISIS_ACTIVE):
            dispatcher.utter_message(response="utter_safety_resume")
            return [SlotSet(CRISIS_ACTIVE, False)]
        return resume_after_safe(dispatcher, tracker)


def resume_after_safe(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Say "I'm safe" is heard (no crisis open) and pick up where the conversation was."""
    dispatcher.utter_message(response="utter_safety_resume_plain")
    paused = bool(tracker.get_slot(QUESTIONS_PAUSED))
    move = after_safe(paused, bool(slot_list(tracker, PLAN)))
    events: list[EventType] = [SlotSet(QUESTIONS_PAUSED, False)] if paused else []
    if move == "questions":
        return [*events, FollowupAction(FORM)]
    if move == "plan":
        dispatcher.utter_message(response="utter_back_to_plan")
    else:
        dispatcher.utter_message(response="utter_offer_questions")
    return events
