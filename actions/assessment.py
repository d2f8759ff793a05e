"""Listening and understanding: the empathic reflection and the assessment form."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import entity_values, helplines
from coach.assessment import (
    CAUSES,
    SKIPPED,
    UNKNOWN,
    is_skip,
    parse_cause,
    parse_duration,
    parse_feels_safe,
    parse_pulled_away,
    parse_yes_no,
)


class ValidateAssessmentForm(FormValidationAction):
    """Validates the assessment answers: buttons or free text, skips, several at once."""

    def name(self) -> str:
        """The form validation action's name."""
        return "validate_assessment_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Skip the partner question when the person did not clearly say they feel safe."""
        if tracker.get_slot("crisis_active"):
            return []
        if tracker.get_slot("feels_safe") in ("not_always", SKIPPED) or tracker.get_slot(
            "abuse_disclosed"
        ):
            return [s for s in domain_slots if s != "partner_open"]
        return domain_slots

    @staticmethod
    def _text(tracker: Tracker) -> str:
        return str(tracker.latest_message.get("text") or "")

    def _also(self, tracker: Tracker, skip: str) -> dict[str, Any]:
        """Other answers given in the same message (a cause or duration named in passing)."""
        extra: dict[str, Any] = {}
        for slot in ("duration", "cause"):
            if slot == skip or tracker.get_slot(slot) not in (None, UNKNOWN):
                continue
            values = entity_values(tracker, slot)
            if values:
                extra[slot] = values[0]
        return extra

    def validate_duration(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept "about a year", "6 months", a button, or a skip."""
        found = entity_values(tracker, "duration")
        parsed = found[0] if found else parse_duration(str(value or ""))
        if parsed is None:
            dispatcher.utter_message(response="utter_answer_unclear")
            return {"duration": None}
        return {"duration": parsed, **self._also(tracker, "duration")}

    def validate_cause(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept a named cause, "I don't know", or anything else as "other"."""
        found = [c for c in entity_values(tracker, "cause") if c in CAUSES]
        parsed = found[0] if found else parse_cause(str(value or ""))
        if parsed is None and entity_values(tracker, "duration"):
            # An answer to another question ("about a year"): keep it, ask this one again.
            return {"cause": None, **self._also(tracker, "cause")}
        return {"cause": parsed or "other", **self._also(tracker, "cause")}

    def validate_pulled_away(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept me, my partner, both, not sure (buttons or free text)."""
        parsed = parse_pulled_away(str(value or ""))
        if parsed is None:
            dispatcher.utter_message(response="utter_answer_unclear")
            return {"pulled_away": None}
        return {"pulled_away": parsed, **self._also(tracker, "pulled_away")}

    def validate_feels_safe(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only a clear yes counts as safe; anything else gets the abuse resources gently."""
        parsed = parse_feels_safe(str(value or "")) or "not_always"
        if parsed != "yes":
            dispatcher.utter_message(response="utter_safety_not_sure_safe", **helplines(tracker))
        return {"feels_safe": parsed}

    def validate_partner_open(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept yes, no, not sure (buttons or free text)."""
        text = str(value or "")
        parsed = UNKNOWN if is_skip(text) else parse_yes_no(text)
        if parsed is None:
            dispatcher.utter_message(response="utter_answer_unclear")
            return {"partner_open": None}
        return {"partner_open": parsed}
