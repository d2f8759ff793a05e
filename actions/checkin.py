"""Weekly check-ins ("how connected do you feel this week?") and "how am I doing?"."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import PUSH_CHANNELS, CoachingAction, channel_of, memory, store
from actions.followup import ask_check_in
from coach import words
from coach.memory import Score, parse_score, trend
from coach.settings import memory_settings


def numbers_text(scores: list[Score]) -> str:
    """The check-ins as text: "4 (3 Nov) → 6 (10 Nov)"."""
    return " → ".join(f"{s.score} ({s.created_at.strftime('%d %b')})" for s in scores[-8:])


def chart_url(sender_id: str) -> str:
    """Where the person's chart is served (an HMAC token, nothing readable)."""
    settings = memory_settings()
    token = memory().chart_token(sender_id, settings.chart_secret)
    return f"{settings.public_url}/webhooks/charts/{token}.png"


class ActionRecordCheckIn(CoachingAction):
    """Records a 1 to 10 check-in (from a button or from the words "about a 6")."""

    def name(self) -> str:
        """The action's name."""
        return "action_record_check_in"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Record the score, or ask again for one between 1 and 10."""
        values = list(tracker.get_latest_entity_values("score"))
        score = parse_score(values[0]) if values else None
        if score is None:
            score = parse_score(tracker.latest_message.get("text"))
        if score is None:
            dispatcher.utter_message(response="utter_check_in_unclear")
            ask_check_in(dispatcher)
            return []
        memory().record_check_in(tracker.sender_id, score)
        dispatcher.utter_message(response="utter_check_in_thanks", score=score)
        return []


class ActionShowProgress(CoachingAction):
    """Shows the check-in trend and what the person tried (a chart where the channel can)."""

    def name(self) -> str:
        """The action's name."""
        return "action_show_progress"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Numbers in text always; the chart image on socket.io and Telegram."""
        scores = memory().check_ins(tracker.sender_id)
        latest = memory().latest_outcomes(tracker.sender_id)
        if not scores and not latest:
            dispatcher.utter_message(response="utter_progress_empty")
            ask_check_in(dispatcher)
            return []
        titles = {t.slug: t.title for t in store().tips(list(latest))} if latest else {}
        how = words.section("progress_outcome")
        tried = "\n".join(
            f"• {titles.get(slug, slug)}: {how.get(outcome, outcome)}"
            for slug, outcome in latest.items()
        )
        if scores:
            dispatcher.utter_message(
                response="utter_progress_check_ins",
                numbers=numbers_text(scores),
                trend=words.section("progress_trend")[trend([s.score for s in scores])],
            )
            if channel_of(tracker) in PUSH_CHANNELS:
                dispatcher.utter_message(
                    response="utter_progress_chart", image=chart_url(tracker.sender_id)
                )
        if tried:
            dispatcher.utter_message(response="utter_progress_tried", tried=tried)
        if memory().check_in_due(tracker.sender_id):
            ask_check_in(dispatcher)
        return []
