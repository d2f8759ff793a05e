"""Direct questions: tips on a topic, or what emotional intimacy is, answered from the store."""

from __future__ import annotations

from dataclasses import replace

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    OFFERED_TIP,
    PLAN,
    CoachingAction,
    answer_index,
    entity_values,
    previous_action,
    safe_only,
    safety_question_pending,
    slot_list,
    store,
)
from actions.interrupt import ActionExplainQuestion
from actions.plan import PlanAction, profile, propose
from actions.steps import told_how_step_went
from coach.answers import ANSWER_THRESHOLD, Match
from coach.assessment import (
    QUESTIONS_ABOUT,
    QUESTIONS_SKIP,
    REQUEST_TIPS,
    questions_request,
    request_kind,
)
from coach.plan import CAUSE_TOPICS, rank

ANSWERED_TIP = "answered_tip"

# Which checklist point answers which question intent.
QUESTION_POINTS = {
    "ask_what_is_intimacy": "U1",
    "ask_intimacy_vs_sex": "U4",
    "ask_how_long": "U9",
}


class ActionAnswerTopic(CoachingAction):
    """Answers a request for tips: on a named topic, a tip from that topic; otherwise a plan."""

    def name(self) -> str:
        """The action's name."""
        return "action_answer_topic"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Offer the best tip on the topic, or a whole plan when no topic was named."""
        topics = entity_values(tracker, "topic") + [
            CAUSE_TOPICS[c] for c in entity_values(tracker, "cause") if c in CAUSE_TOPICS
        ]
        text = str(tracker.latest_message.get("text") or "")
        if not topics or questions_request(text) == QUESTIONS_SKIP:
            # "can we skip the 20 questions, baby's gonna wake any sec. just tell me what to
            # do": a plan, not tips on the topic a word named in passing (set 13, d18)
            return propose(dispatcher, tracker)
        topic = topics[0]
        who = profile(tracker, topic=topic)
        found = store().plan_candidates(
            topic=topic,
            cause=who.cause,
            safe_only=who.safe_only,
            exclude=[*who.tried, *slot_list(tracker, PLAN)],
        )
        ranked = rank([t for t in found if topic in t.topics], who, size=1)
        if not ranked and safety_question_pending(tracker):
            # "give me some small romantic ideas": the store has them, but each is for the
            # two of you and waits for the safety question. Saying "I don't have guidance on
            # that" would be untrue. What the store answers clearly is answered (and held, if
            # it is for two); else the topic's best practice is held; the questions come next.
            match = answer_index().find_asked(text).answer if text else None
            if match is not None and match.score >= ANSWER_THRESHOLD:
                answered = await ActionAnswerOpen().coach(dispatcher, tracker, domain)
                return [SlotSet("topic", topic), SlotSet(OFFERED_TIP, None), *answered]
            held = store().plan_candidates(
                topic=topic, cause=who.cause, exclude=[*who.tried, *slot_list(tracker, PLAN)]
            )
            later = replace(who, safe_only=False)  # ranked as they will be once asked
            waiting = rank([t for t in held if topic in t.topics], later, size=1)
            if waiting:
                events = send_held(dispatcher, Match(waiting[0].tip, 1.0))
                if not tracker.active_loop.get("name"):
                    dispatcher.utter_message(response="utter_answer_held_next")
                return [SlotSet("topic", topic), SlotSet(OFFERED_TIP, None), *events]
        if not ranked:
            dispatcher.utter_message(response="utter_topic_none")
            return []
        tip = ranked[0].tip
        dispatcher.utter_message(
            response="utter_topic_tip",
            title=tip.title,
            summary=tip.summary,
            first_step=tip.steps[0] if tip.steps else tip.summary,
            credits=tip.credits,
            answer=_answer_metadata(Match(tip, 1.0)),
        )
        dispatcher.utter_message(response="utter_topic_tip_question")
        return [SlotSet("topic", topic), SlotSet(OFFERED_TIP, tip.slug)]


class ActionAnswerQuestion(CoachingAction):
    """Answers "what is emotional intimacy?", "is it the same as sex?", "how long will it take?"."""

    def name(self) -> str:
        """The action's name."""
        return "action_answer_question"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Answer from the store's explanation of that point, naming its source."""
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        point = QUESTION_POINTS.get(intent, "U1")
        found = [t for t in store().covering(point) if t.kind == "understanding"]
        if not found:
            dispatcher.utter_message(response="utter_topic_none")
            return []
        tip = found[0]
        dispatcher.utter_message(
            response="utter_answer_question",
            summary=tip.summary,
            why=tip.why,
            credits=tip.credits,
            answer=_answer_metadata(Match(tip, 1.0)),
        )
        return [SlotSet(OFFERED_TIP, tip.slug)]


def _answer_metadata(match: Match) -> dict[str, object]:
    """What the answer was, for evaluation tools reading the tracker (bot message metadata)."""
    tip = match.tip
    return {
        "slug": tip.slug,
        "kind": tip.kind,
        "concern": tip.concern,
        "covers": list(tip.covers),
        "score": round(match.score, 3),
    }


def send_answer(dispatcher: CollectingDispatcher, match: Match) -> list[EventType]:
    """An answer from the store in its own words, with its credit (or as the coach's own)."""
    tip = match.tip
    dispatcher.utter_message(
        response="utter_answer_open_own" if tip.own_guidance else "utter_answer_open",
        title=tip.title,
        summary=tip.summary,
        first_step=tip.steps[0] if tip.steps else tip.why,
        credits=tip.credits,
        answer=_answer_metadata(match),
    )
    return [SlotSet(ANSWERED_TIP, tip.slug)]


def send_held(dispatcher: CollectingDispatcher, match: Match) -> list[EventType]:
    """What a practice for two is, with its credit, but not yet how to try it."""
    tip = match.tip
    dispatcher.utter_message(
        response="utter_answer_open_held",
        title=tip.title,
        summary=tip.summary,
        credits=tip.credits,
        answer=_answer_metadata(match),
    )
    return [SlotSet(ANSWERED_TIP, tip.slug)]


def answers_given(tracker: Tracker) -> set[str]:
    """The store items already given as answers in this conversation (from the bot's messages)."""
    given: set[str] = set()
    for event in tracker.events:
        if event.get("event") != "bot":
            continue
        answer = (event.get("metadata") or {}).get("answer")
        if isinstance(answer, dict) and isinstance(answer.get("slug"), str):
            given.add(answer["slug"])
    return given


def send_fitting(
    dispatcher: CollectingDispatcher, tracker: Tracker, match: Match
) -> list[EventType]:
    """The answer, or only what it is while advice for two waits for the safety question."""
    if match.tip.needs_safe_relationship and safe_only(tracker):
        return send_held(dispatcher, match)
    return send_answer(dispatcher, match)


class ActionAnswerOpen(CoachingAction):
    """Answers an open question from the guidance store, or says honestly it cannot."""

    def name(self) -> str:
        """The action's name."""
        return "action_answer_open"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The best answer with its source and a next move; one clarifying question if none."""
        text = str(tracker.latest_message.get("text") or "")
        if text.strip() and not any(ch.isalnum() for ch in text):
            dispatcher.utter_message(response="utter_ask_in_words")
            return []
        request = questions_request(text)
        if request == QUESTIONS_SKIP and request_kind(text) == REQUEST_TIPS:
            # "i'd rather not answer questions tbh. just tell me what to try": the plan,
            # for the person alone until the safety question is answered.
            return propose(dispatcher, tracker)
        if request == QUESTIONS_ABOUT:
            # "why are you asking all this?": what the questions are for, not a tip
            return await ActionExplainQuestion().run(dispatcher, tracker, domain)
        told = await told_how_step_went(dispatcher, tracker)
        if told is not None:  # "we tried it sunday, he laughed. what's next?": a report
            return told
        found = answer_index().find_asked(text)
        # Until the person has said they feel safe, only guidance that looks after them.
        allowed = [
            m
            for m in ([found.answer] if found.answer else [])
            + [c for c in found.candidates if found.answer and c.score >= found.answer.score * 0.8]
            if not (m.tip.needs_safe_relationship and safe_only(tracker))
        ]
        if not allowed and found.answer is not None:
            return self._held(dispatcher, tracker, found.answer)
        if not allowed:
            dispatcher.utter_message(response="utter_answer_clarify")
            return []
        given = answers_given(tracker)
        fresh = [m for m in allowed if m.tip.slug not in given]
        if not fresh:
            # Asked again in other words: point back to it, never the same answer twice.
            again = allowed[0]
            brief = bool(tracker.active_loop.get("name"))  # the questions ask next
            dispatcher.utter_message(
                response="utter_answer_again_brief" if brief else "utter_answer_again",
                title=again.tip.title,
                answer=_answer_metadata(again),
            )
            return [SlotSet(ANSWERED_TIP, again.tip.slug)]
        match = fresh[0]
        tip = match.tip
        events = send_answer(dispatcher, match)
        if tracker.active_loop.get("name"):
            return events  # the questions carry on: their next question is the next move
        if tip.kind == "practice" and tip.slug not in slot_list(tracker, PLAN):
            dispatcher.utter_message(response="utter_answer_next_tip")
            events.append(SlotSet(OFFERED_TIP, tip.slug))
        else:
            dispatcher.utter_message(response="utter_answer_next")
        return events

    @staticmethod
    def _held(dispatcher: CollectingDispatcher, tracker: Tracker, match: Match) -> list[EventType]:
        """A practice for the two of you, asked about before the safety question.

        What it is, with its source, but not how to try it: that waits for the questions
        (one of them is the safety question), which the person is offered next.
        """
        events = send_held(dispatcher, match)
        if not tracker.active_loop.get("name"):
            dispatcher.utter_message(response="utter_answer_held_next")
        return events


class ActionSuggestWords(PlanAction):
    """Example words for the tip in progress ("what would I actually say?"), from the store.

    With no plan and no tip just offered or answered, the question is answered from the
    store like any open question (how to bring it up, openers).
    """

    def name(self) -> str:
        """The action's name."""
        return "action_suggest_words"

    ANSWER = "action_answer_open"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Words for the current tip, the one just offered, or an answer from the store."""
        tips, pos = self.current(tracker)
        tip = tips[pos.tip] if tips else None
        # The tip just answered or offered comes before the plan's current one.
        just = tracker.get_slot("answered_tip") if previous_action(tracker) == self.ANSWER else None
        just = just or tracker.get_slot(OFFERED_TIP)
        if isinstance(just, str):
            tip = store().tip(just) or tip
        if tip is None:
            return await ActionAnswerOpen().coach(dispatcher, tracker, domain)
        if not tip.say:
            dispatcher.utter_message(response="utter_suggest_words_none", title=tip.title)
            return []
        dispatcher.utter_message(
            response="utter_suggest_words",
            title=tip.title,
            words="\n".join(f"“{line}”" for line in tip.say),
        )
        return []
