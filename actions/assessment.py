"""Listening and understanding: the empathic reflection and the assessment form."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (
    ABUSE_DISCLOSED,
    entity_values,
    helplines,
    situations_said,
    story_before,
)
from actions.interrupt import ANSWERS_GIVEN, FORM, START_ASKED, asks_so_far
from coach.answers import guessed_question, is_question
from coach.assessment import (
    CAUSE_LABELS,
    CAUSES,
    DATA_KEPT,
    DURATIONS,
    FEELS_SAFE,
    PARTNER_OPEN,
    PULLED_AWAY,
    QUESTIONS,
    REQUEST_TIPS,
    SKIP,
    SKIPPED,
    TELL_MORE,
    UNKNOWN,
    UNSURE,
    WHY_ASKING,
    Reading,
    answer_before_question,
    answers_beside_safe,
    answers_out_of_order,
    asks_something,
    cause_slot,
    read,
    read_reply,
    request_kind,
    said_not_safe,
    set_aside,
    story_cause,
    story_duration,
    story_pulled_away,
)
from coach.reflection import cause_for
from coach.settings import retention_days

SAFETY_INTENTS = frozenset({"express_crisis", "disclose_abuse", "other_risk"})
# Low self-worth ("I feel like a failure"): the care reply comes first, like a safety
# signal, and is never read as the answer to the pending question (data/rules/safety.yml
# then asks the question again in other words).
CARE_INTENTS = frozenset({"low_self_worth"})
# Requests with a rule of their own during the questions (data/rules/*.yml): the form
# steps aside for them, answers them, and asks the pending question again in other words.
REQUEST_INTENTS = frozenset(
    {
        "ask_question",
        "ask_what_to_say",
        "ask_why",
        "tell_more",
        "show_plan",
        "ask_reminder",
        "stop_reminders",
        "delete_data",
        "ask_data_kept",
        "request_tips",
        "start_questions",
        "minimise_abuse",
        "stop",
        "ask_resources",
        "set_country",
        "bot_challenge",
        "ask_what_is_intimacy",
        "ask_intimacy_vs_sex",
        "ask_how_long",
        "ask_progress",
    }
)
# An answer is sometimes taken for a request, or for something out of scope ("the baby
# obvs. no sleep" at "what changed?"): when the pending question's reader finds an answer
# in the text, it is one (a digression that asks something is left to its own rule).
# "yes, he's a good man, that's not the issue at all" at the safety question reads as
# `not_understood`; "thanks, about a year" as `thank`: the answer in them counts.
MISREAD_INTENTS = frozenset({"out_of_scope", "not_understood", "thank", "apologise"})
# Open questions, answered by a rule of their own: one asked after an answer to the pending
# question ("yes safe. can i ask something, is this my fault?") keeps the answer too.
QUESTION_INTENTS = frozenset(
    {
        "ask_question",
        "ask_what_to_say",
        "ask_what_is_intimacy",
        "ask_intimacy_vs_sex",
        "ask_how_long",
    }
)
CANONICAL = {
    "duration": frozenset(DURATIONS) | {SKIPPED, UNKNOWN},
    "cause": frozenset(CAUSES) | {SKIPPED, UNKNOWN, UNSURE, "other"},
    "pulled_away": frozenset(PULLED_AWAY) | {SKIPPED, UNKNOWN},
    "feels_safe": frozenset(FEELS_SAFE) | {SKIPPED},
    "partner_open": frozenset(PARTNER_OPEN) | {SKIPPED, UNKNOWN},
}


def open_questions(tracker: Tracker) -> list[str]:
    """The questions not answered yet (an unknown answer leaves one open)."""
    return [q for q in QUESTIONS if tracker.get_slot(q) in (None, UNKNOWN)]


def value_before_message(tracker: Tracker, slot: str) -> Any:
    """A slot's value just before the person's latest message (to undo an extraction)."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    value: Any = None
    for event in events[: max(last_user, 0)]:
        if event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
        elif event.get("event") in ("restart", "session_started"):
            value = None
    return value


class ValidateAssessmentForm(FormValidationAction):
    """Reads each reply with the service's readers (coach/assessment.py).

    An answer fills its slot; a reply that is not an answer leaves it empty, so the form
    asks again in other words (``action_ask_<slot>``). A safety signal, low self-worth or a
    request with a rule of its own makes the form step aside (rejected), undoing anything
    the message filled in passing; the rule answers, then the form asks the pending
    question again (a crisis or abuse reply stops the questions instead).
    """

    def name(self) -> str:
        """The form validation action's name."""
        return "validate_assessment_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Step aside for safety and for understood requests; otherwise validate."""
        if self._fresh_message(tracker):
            intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
            requested = tracker.get_slot("requested_slot")
            text = self._text(tracker)
            # "actually first, how do i forgive him for real? i said i did but ...": a message
            # that opens with its question is that question, whatever the rest reads as.
            first = re.split(r"(?<=[.!?])\s+", text.strip())[0]
            opens_asking = (
                intent in QUESTION_INTENTS and asks_something(first) and is_question(first)
            )
            misread = (intent in REQUEST_INTENTS and not opens_asking) or (
                intent in MISREAD_INTENTS and not is_question(text)
            )
            guessed = guessed_question(tracker.latest_message.get("intent"), text) or (
                # "i don't think he's ready. when i try he says he's fine" at the safety
                # question: no question in it, but another question's answer
                intent == "ask_question"
                and not asks_something(text)
                and self._answers_another(tracker, requested)
            )
            # "can we skip the rest and just get to the advice" taken for a question: the
            # reply's own reading (the rest skipped, the plan now) decides, not a rule.
            guessed = guessed or (intent == "ask_question" and request_kind(text) == REQUEST_TIPS)
            # "both of us. should i just leave?": answered, and asked too (below)
            asked_too = intent in QUESTION_INTENTS and bool(
                answer_before_question(str(requested), text)
            )
            if guessed or (misread and not asked_too and self._answers(tracker, requested)):
                # An answer the intent classifier took for a request: read it as the answer.
                validate = getattr(self, f"validate_{requested}")
                result = validate(self._text(tracker), dispatcher, tracker, domain)
                events: list[EventType] = [SlotSet(k, v) for k, v in result.items()]
                tracker.add_slots(events)
                next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
                return [*events, next_slot] if next_slot else events
            if intent in SAFETY_INTENTS or intent in CARE_INTENTS or intent in REQUEST_INTENTS:
                undo = {
                    slot: value_before_message(tracker, slot)
                    for slot in tracker.slots_to_validate()
                }
                if asked_too:
                    undo.update(self._answer_before_question(dispatcher, tracker, domain))
                return [*(SlotSet(k, v) for k, v in undo.items()), ActionExecutionRejected(FORM)]
        return await super().run(dispatcher, tracker, domain)

    def _answer_before_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The pending question's answer given before a question of the person's own.

        "both of us. should i just leave?": the answer is kept, the rule answers the
        question, and the form goes on to the next question instead of asking this one
        again. Nothing when the words before the question do not answer it.
        """
        requested = str(tracker.get_slot("requested_slot"))
        said = len(dispatcher.messages)
        result = getattr(self, f"validate_{requested}")(
            self._text(tracker), dispatcher, tracker, domain
        )
        if result.get(requested) is None:
            del dispatcher.messages[said:]
            return {}
        return result

    @staticmethod
    def _fresh_message(tracker: Tracker) -> bool:
        """Whether the form is reading a new message (not coming back after a request)."""
        if tracker.active_loop_name != FORM or tracker.get_slot("requested_slot") not in QUESTIONS:
            return False
        # The form runs its validation in a copy of the tracker that ends with the form's
        # own action: fresh when nothing but that lies between the message and now.
        for event in reversed(tracker.events):
            kind = event.get("event")
            if kind == "user":
                return True
            if kind == "action" and event.get("name") not in (FORM, "action_listen"):
                return False
        return False

    @staticmethod
    def _answers(tracker: Tracker, requested: Any) -> bool:
        """Whether the text is a plain answer to the pending question despite its intent."""
        text = str(tracker.latest_message.get("text") or "")
        if requested not in QUESTIONS or request_kind(text) or text.startswith("/"):
            return False
        return read(str(requested), text).answered

    @staticmethod
    def _answers_another(tracker: Tracker, requested: Any) -> bool:
        """Whether the text answers another open question (read as generously as a reply)."""
        text = str(tracker.latest_message.get("text") or "")
        if requested not in QUESTIONS or request_kind(text):
            return False
        return bool(
            answers_out_of_order(text, str(requested), open_questions(tracker), generous=True)
        )

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
        feels_safe = tracker.get_slot("feels_safe")
        if tracker.get_slot(START_ASKED) and feels_safe is None:
            # Asked to get going: the plan now (for the person alone), the safety question
            # when they come back to the questions.
            return [s for s in domain_slots if s not in ("feels_safe", "partner_open")]
        if said_not_safe(feels_safe, bool(tracker.get_slot(ABUSE_DISCLOSED))):
            return [s for s in domain_slots if s != "partner_open"]
        return domain_slots

    async def extract_duration(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """As the questions start, what the story and the reply to the offer already said.

        How long and what changed, when the person's story dated the change ("his mum moved
        in 6 months ago and ever since"), and who pulled away, when it said so in so many
        words ("he's the one who's pulled away"); and, when they answered
        instead of saying yes to the offer ("both a bit, he avoids me"), what that reply
        answers (read as generously as any reply to another question).
        """
        if tracker.get_slot("requested_slot"):
            return {}
        found: dict[str, Any] = {}
        story = story_before(tracker, FORM)
        for slot, reader in (("duration", story_duration), ("pulled_away", story_pulled_away)):
            value = reader(story) if tracker.get_slot(slot) is None else None
            if value:
                found[slot] = value
        labels = story_cause(story) if tracker.get_slot("cause") is None else ()
        if labels:
            found["cause"] = cause_slot(labels)  # its labels: validate_cause
        elif story and tracker.get_slot("cause") is None:
            # A situation named in a first message that got a safety or care reply instead
            # of the reflection ("my husband has a gambling problem ..."): the reflection
            # would have kept its cause; the questions do not ask what was told.
            situation_cause = cause_for(situations_said(tracker))
            if situation_cause in CAUSES:
                found["cause"] = situation_cause
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        open_questions = [q for q in QUESTIONS if tracker.get_slot(q) is None and q not in found]
        told = story
        if story and intent == "inform":
            # The reply given instead of a yes to the offer is read as a reply: how long
            # ("since our son was born, he's 3 now"), and the others, generously.
            reply, told = story[-1], story[:-1]
            duration = read("duration", reply)
            if "duration" in open_questions and duration.answered and duration.value != UNSURE:
                found["duration"] = duration.value
            open_questions = [q for q in open_questions if q not in found]
            found.update(answers_out_of_order(reply, "", open_questions, generous=True))
        # Said in passing in the story ("i think it's more me pulling away than her. i feel
        # safe and she's keen"): read as strictly as an answer given in passing in a reply.
        for message in told:
            open_questions = [q for q in open_questions if q not in found]
            found.update(answers_out_of_order(message, "", open_questions))
        return found

    @staticmethod
    def _text(tracker: Tracker) -> str:
        return str(tracker.latest_message.get("text") or "")

    def _reply_to(self, slot: str, value: Any, tracker: Tracker) -> str | None:
        """The person's reply to ``slot``'s question, when ``value`` is that reply."""
        text = self._text(tracker)
        if tracker.get_slot("requested_slot") != slot or not text:
            return None
        if str(value) == text or self._fresh_message(tracker):
            return text
        return None

    def _also(self, tracker: Tracker, skip: str, answered: bool = True) -> dict[str, Any]:
        """Other answers given in the same message (a cause or duration named in passing).

        A reply that did not answer ``skip`` is read generously for the other questions.
        """
        extra: dict[str, Any] = {}
        if self._fresh_message(tracker):
            extra.update(
                answers_out_of_order(
                    self._text(tracker), skip, open_questions(tracker), generous=not answered
                )
            )
        for slot in ("duration", "cause"):
            if slot == skip or tracker.get_slot(slot) not in (None, UNKNOWN):
                continue
            values = [v for v in entity_values(tracker, slot) if v in CANONICAL[slot]]
            if values:
                extra[slot] = values[0]
        return extra

    def _not_an_answer(
        self, slot: str, reading: Reading, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """A reply that is not an answer: answer the request it was, keep the slot empty."""
        if reading.kind == SKIP:
            dispatcher.utter_message(response="utter_questions_skipped")
            return {slot: SKIPPED}
        if reading.kind in (WHY_ASKING, TELL_MORE):
            dispatcher.utter_message(response=f"utter_why_{slot}")
        elif reading.kind == DATA_KEPT:
            # What is kept, asked in a reply the classifier did not take for that request.
            dispatcher.utter_message(response="utter_data_kept", retention_days=retention_days())
        elif reading.kind == REQUEST_TIPS:
            # "ugh just skip the rest and tell me what to do", "start", "first step please":
            # the words are not the answer (the slot may hold them from the form's
            # extraction), the rest is skipped and the plan follows now. Until the safety
            # question is answered it holds only ideas for the person alone, and says so
            # (``utter_plan_safety_pending``: the questions stay on offer).
            current = {slot: None if slot == "feels_safe" else SKIPPED}
            skipped = {
                s: SKIPPED
                for s in QUESTIONS
                if s not in ("feels_safe", slot) and tracker.get_slot(s) is None
            }
            return {**current, **skipped, START_ASKED: True}
        elif set_aside(asks_so_far(tracker, slot)):
            dispatcher.utter_message(response="utter_question_set_aside")
            return {slot: SKIPPED, **self._also(tracker, slot, answered=False)}
        return {slot: None, **self._also(tracker, slot, answered=False)}

    def _answered(self, slot: str, value: Any, tracker: Tracker) -> dict[str, Any]:
        given = tracker.get_slot(ANSWERS_GIVEN) or 0
        try:
            count = float(given) + 1
        except (TypeError, ValueError):
            count = 1.0
        return {slot: value, ANSWERS_GIVEN: count, **self._also(tracker, slot)}

    def _validate(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> tuple[Reading | None, dict[str, Any]]:
        """Read a fresh reply; keep a value the coach already understood as it is."""
        reply = self._reply_to(slot, value, tracker)
        entities = entity_values(tracker, "cause") if slot == "cause" else None
        if reply is None:
            if value in CANONICAL[slot] and value == tracker.get_slot(slot):
                return None, {slot: value}  # re-validated (activation, after a request)
            reading = read(slot, str(value or ""), entities)
        else:  # the person's reply to this question: words the readers don't know too
            reading = read_reply(slot, reply, entities, open_questions(tracker))
        if not reading.answered:
            return reading, self._not_an_answer(slot, reading, dispatcher, tracker)
        return reading, {}

    def validate_duration(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A span, a vague span, not sure, or a skip."""
        reading, result = self._validate("duration", value, dispatcher, tracker)
        if reading is None or not reading.answered:
            return result
        answer = self._answered("duration", reading.value, tracker)
        reply = self._reply_to("duration", value, tracker)
        if reply and tracker.get_slot("cause") is None and "cause" not in answer:
            # "since we moved to leeds in spring": what changed is told too, not asked
            labels = story_cause([reply])
            if labels:
                answer.update({"cause": cause_slot(labels), "cause_labels": list(labels)})
        return answer

    def validate_cause(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One or more causes (the slot keeps the one the plan ranks by), or nothing."""
        reading, result = self._validate("cause", value, dispatcher, tracker)
        if reading is None and not tracker.get_slot("requested_slot"):
            # Taken from the story as the questions start: keep all it named. (Read again
            # here: rasa_sdk drops a non-form slot an extract_ method returns.)
            told = story_cause(story_before(tracker, FORM))
            if told and cause_slot(told) == value and not tracker.get_slot("cause_labels"):
                return {**result, "cause_labels": list(told)}
        if reading is None or not reading.answered:
            return result
        labels = [v for v in reading.value or () if v in CAUSE_LABELS]
        return {
            **self._answered("cause", cause_slot(labels), tracker),
            "cause_labels": labels,
        }

    def validate_pulled_away(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Me, my partner, both or not sure, in any wording."""
        reading, result = self._validate("pulled_away", value, dispatcher, tracker)
        if reading is None or not reading.answered:
            return result
        return self._answered("pulled_away", reading.value, tracker)

    def validate_feels_safe(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only a clear yes counts as safe; a disclosure gets the abuse reply first.

        A reply that is not an answer is asked again (never taken as "not safe").
        """
        reading, result = self._validate("feels_safe", value, dispatcher, tracker)
        if reading is None or not reading.answered:
            return result
        answer = self._answered("feels_safe", reading.value, tracker)
        if reading.value == "disclosure":
            dispatcher.utter_message(response="utter_safety_abuse", **helplines(tracker))
            return {**answer, ABUSE_DISCLOSED: True}
        if reading.value != "yes":
            dispatcher.utter_message(response="utter_safety_not_sure_safe", **helplines(tracker))
            return answer
        if self._fresh_message(tracker):
            # A clear yes, and more said beside it ("both of us. and before you ask, yes I
            # feel safe and yes she wants to sort this too"): read as strictly as any
            # answer in passing, so the partner question is not asked after it was answered.
            others = [q for q in open_questions(tracker) if q != "feels_safe"]
            answer = {**answers_beside_safe(self._text(tracker), others), **answer}
        return answer

    def validate_partner_open(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes, probably, not sure, probably not or no."""
        reading, result = self._validate("partner_open", value, dispatcher, tracker)
        if reading is None or not reading.answered:
            return result
        return self._answered("partner_open", reading.value, tracker)
