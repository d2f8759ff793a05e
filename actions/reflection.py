"""The empathic reflection: what the person shared, said back to them."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import send_fitting
from actions.common import CoachingAction, answer_index, entity_values, last_response
from actions.interrupt import FORM
from actions.steps import told_how_step_went
from coach.answers import (
    CONCERN_IN_STORY,
    STATED_CONCERNS,
    Match,
    answer_in_description,
    is_question,
)
from coach.assessment import CAUSES, DURATIONS
from coach.reflection import cause_for, known, reflection_for


class ActionReflectFeelings(CoachingAction):
    """Reflects back the situations the message stated, normalises, offers questions.

    One situation gets its own reflection, two or more one that names them together, none
    a warm general one. Nothing the person did not say is added: no duration, no cause.
    """

    def name(self) -> str:
        """The action's name."""
        return "action_reflect_feelings"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Reply with empathy that uses what was understood, then offer a few questions.

        When the questions were just offered and the person went on with their story
        instead of saying yes or no, the offer is not made twice: what is new is reflected
        (nothing, if nothing new was named) and the questions begin, skipping any the
        story answered.
        """
        told = await told_how_step_went(dispatcher, tracker)
        if told is not None:  # "we did it last night, it was nice": how the step went
            return told
        situations = known(entity_values(tracker, "situation"))
        text = str(tracker.latest_message.get("text") or "")
        answer = answer_in_description(text, answer_index()) if text else None
        if answer is not None and self._offered_just_now(tracker):
            answer = answer if self._asks_or_states(text, answer) else None
        events: list[EventType] = []
        if answer is None and self._offered_just_now(tracker):
            earlier = known(tracker.get_slot("situations") or [])
            new = [s for s in situations if s not in earlier]
            if new:
                response, values = reflection_for(new)
                dispatcher.utter_message(response=response, **values)
            dispatcher.utter_message(response="utter_questions_start_after_answer")
            return [*self._understood(tracker, situations), FollowupAction(FORM)]
        response, values = reflection_for(situations)
        dispatcher.utter_message(response=response, **values)
        if answer is not None:
            # A concern or a question asked inside the story is answered, not left for later.
            events += send_fitting(dispatcher, tracker, answer)
        else:
            dispatcher.utter_message(response="utter_normalise")
        if tracker.get_slot("plan"):
            dispatcher.utter_message(response="utter_offer_plan_again")
        else:
            dispatcher.utter_message(response="utter_offer_questions")
        return events + self._understood(tracker, situations)

    @staticmethod
    def _asks_or_states(text: str, answer: Match) -> bool:
        """Whether a story going on after the offer asks, or states a concern, for its answer.

        A situation the store matches very clearly is answered beside its first reflection;
        told after the questions were offered, it is more of the story, and the questions
        begin as before.
        """
        stated = (
            answer.tip.kind == "answer"
            and answer.tip.concern in STATED_CONCERNS
            and answer.score >= CONCERN_IN_STORY
        )
        return is_question(text) or stated

    @staticmethod
    def _offered_just_now(tracker: Tracker) -> bool:
        """Whether the coach's last message offered the questions (and no plan is held)."""
        return last_response(tracker) == "utter_offer_questions" and not tracker.get_slot("plan")

    @staticmethod
    def _understood(tracker: Tracker, situations: list[str]) -> list[EventType]:
        """The situations, cause and duration the message told, kept for the questions."""
        events: list[EventType] = []
        if situations:
            earlier = known(tracker.get_slot("situations") or [])
            events.append(SlotSet("situations", known(earlier + situations)))
        causes = [c for c in entity_values(tracker, "cause") if c in CAUSES]
        cause = causes[0] if causes else cause_for(situations)
        if cause in CAUSES:
            events.append(SlotSet("cause", cause))
        durations = [d for d in entity_values(tracker, "duration") if d in DURATIONS]
        if durations:
            events.append(SlotSet("duration", durations[0]))
        return events
