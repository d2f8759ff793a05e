"""The two-stage fallback's "did you mean ...?" question, with human-readable intent names."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import FOLLOWUP_PENDING, OFFERED_TIP, PLAN, button
from coach.clarify import Moment, best_guess

# What each intent means, in the person's words (for "Did you mean ...?").
INTENT_DESCRIPTIONS = {
    "greet": "say hello",
    "goodbye": "say goodbye",
    "thank": "say thanks",
    "bot_challenge": "ask whether I'm a person",
    "feel_disconnected": "tell me you feel distant from your partner",
    "inform": "answer my question",
    "request_tips": "get some ideas to try",
    "ask_what_is_intimacy": "ask what emotional intimacy is",
    "ask_intimacy_vs_sex": "ask whether emotional intimacy is the same as sex",
    "ask_how_long": "ask how long this can take",
    "next_step": "go to the next step",
    "ask_why": "ask why this helps",
    "tell_more": "hear more about this tip",
    "request_alternative": "try something different",
    "already_tried": "tell me you've already tried this",
    "go_back": "go back a step",
    "show_plan": "see your plan",
    "add_to_plan": "add this to your plan",
    "stop": "stop for now",
    "ask_resources": "see the helpline numbers",
    "set_country": "tell me which country you're in",
    "feel_safe": "tell me you're safe",
    "ask_progress": "see how you've been doing",
    "check_in": "tell me how connected you feel this week",
    "ask_reminder": "set a reminder",
    "stop_reminders": "stop your reminders",
    "ask_data_kept": "know what I keep about you",
    "delete_data": "delete what you've told me",
    "report_outcome": "tell me how the tip went",
}
NEVER_GUESS = {
    "nlu_fallback",
    "out_of_scope",
    "affirm",
    "deny",
    "skip_question",
    "insult",
    "inform",
}


class ActionDefaultAskAffirmation(Action):
    """Asks whether the person meant the most likely intent, in plain words."""

    def name(self) -> str:
        """Rasa's name for the first stage of the two-stage fallback."""
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Offer the best guess as a yes/no question, or ask to rephrase."""
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
        if guess is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        dispatcher.utter_message(
            response="utter_ask_affirmation",
            meaning=INTENT_DESCRIPTIONS[guess],
            buttons=[button("Yes", f"/{guess}"), button("No", "/out_of_scope")],
        )
        return []
