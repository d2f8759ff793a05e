"""The two-stage fallback's "did you mean ...?" question, with human-readable intent names."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import FOLLOWUP_PENDING, OFFERED_TIP, PLAN, button
from coach import words
from coach.answers import asks_real_question
from coach.clarify import Moment, best_guess

# What each intent means, in the person's words (content/words.yml).
INTENT_DESCRIPTIONS = words.section("intent_descriptions")
NEVER_GUESS = {
    "nlu_fallback",
    "out_of_scope",
    "affirm",
    "deny",
    "skip_question",
    "insult",
    "inform",
}
# A real question this long that nothing understood is asked about honestly, not guessed at
# (unless the guess is one of the coach's own features: "can i see the plan again?").
QUESTION_WORDS = 6
GUESSES_FOR_QUESTIONS = frozenset(
    {
        "ask_how_long",
        "ask_what_is_intimacy",
        "ask_intimacy_vs_sex",
        "request_tips",
        "feel_disconnected",
        "ask_question",
    }
)


class ActionDefaultAskAffirmation(Action):
    """Asks whether the person meant the most likely intent, in plain words."""

    def name(self) -> str:
        """Rasa's name for the first stage of the two-stage fallback."""
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Ask about a real question honestly; else offer the best guess, or ask to rephrase."""
        text = tracker.latest_message.get("text") or ""
        if text.strip() and not any(ch.isalnum() for ch in text):
            # Only emoji or symbols: no guess would be fair to what they feel.
            dispatcher.utter_message(response="utter_ask_in_words")
            return []
        ranking = tracker.latest_message.get("intent_ranking") or []
        moment = Moment(
            has_plan=bool(tracker.get_slot(PLAN)),
            offered_tip=bool(tracker.get_slot(OFFERED_TIP)),
            follow_up_pending=bool(tracker.get_slot(FOLLOWUP_PENDING)),
        )
        guess = best_guess(
            (str(r.get("name")) for r in ranking),
            text,
            moment,
            set(INTENT_DESCRIPTIONS) - NEVER_GUESS,
        )
        if (guess is None or guess in GUESSES_FOR_QUESTIONS) and self._real_question(text):
            # "Is it usual for the spark to go after the honeymoon period or have we done
            # something wrong?" got "Did you want to know how long it takes?": a question
            # nothing answered gets one honest question back (issue 17), not a guess.
            dispatcher.utter_message(response="utter_answer_clarify")
            return []
        if guess is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        titles = words.section("buttons")
        dispatcher.utter_message(
            response="utter_ask_affirmation",
            meaning=INTENT_DESCRIPTIONS[guess],
            buttons=[
                button(titles["affirm"], f"/{guess}"),
                button(titles["deny"], "/out_of_scope"),
            ],
        )
        return []

    @staticmethod
    def _real_question(text: str) -> bool:
        """A question of some length that ends with, or opens with, what it asks."""
        return len(text.split()) >= QUESTION_WORDS and asks_real_question(text)
