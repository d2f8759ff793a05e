"""How a step went, told straight after it was given, in the person's own words.

"we did 10 mins after she went down, felt a bit forced but nice actually", "We went for a
walk along the canal. Shall we carry on?", "tried it for 3 days, its helping a bit. more?":
told right after a plan step, these are how the step went, whatever the intent classifier
made of them (a feeling, a question, a report). The coach acknowledges it, remembers how
the tip went when that is clear, and goes on to the next step; a step that went badly is
swapped, and one not done yet gets no judgment and the offer of a reminder, as when asked
"how did it go?" on a return (``actions/followup.py``). Reading the words is
``coach.followup.step_report``.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import PLAN, PLAN_TIP, last_response, memory, slot_int, slot_list, store
from actions.plan import ActionNextStep
from coach import followup
from coach.followup import StepReport, step_report

STEP = "utter_plan_step"


# The last message of a plan just shown ("shall we start with the first?"): the steps are
# listed, so "done the first one, it was weird but good" tells how the first one went.
PLAN_SHOWN = frozenset({"utter_plan_start_question", "utter_plan_safety_pending"})


def mid_walk(tracker: Tracker) -> bool:
    """Whether the coach's last message was a plan step."""
    return last_response(tracker) == STEP and bool(slot_list(tracker, PLAN))


def plan_just_shown(tracker: Tracker) -> bool:
    """Whether the coach's last message ended a plan it has just shown (no step given yet)."""
    return last_response(tracker) in PLAN_SHOWN and bool(slot_list(tracker, PLAN))


def reported_after_step(tracker: Tracker) -> StepReport | None:
    """How the step just given went, when the latest message tells it (typed, not a button)."""
    text = str(tracker.latest_message.get("text") or "")
    if text.startswith("/") or not mid_walk(tracker):
        return None
    return step_report(text)


async def after_step(
    dispatcher: CollectingDispatcher, tracker: Tracker, outcome: str | None
) -> list[EventType]:
    """Acknowledge how the current tip's step went, remember it, and carry on.

    Helped, or tried with no verdict: on to the next step. Not done yet: the reminder
    offer. Didn't help: the tip is swapped (``ActionRecordFollowUp.replace``).
    """
    slugs = slot_list(tracker, PLAN)
    slug = slugs[min(slot_int(tracker, PLAN_TIP), len(slugs) - 1)]
    tip = store().tip(slug)
    text = str(tracker.latest_message.get("text") or "").strip() or None
    if tip is None:
        return await ActionNextStep().coach(dispatcher, tracker, {})
    if outcome is not None:
        memory().record_outcome(tracker.sender_id, tip.slug, outcome, text)
    move = followup.after_outcome(outcome or "helped", check_in_due=False, mid_walk=True)
    if move == "swap":
        from actions.followup import ActionRecordFollowUp  # it reflects; this module is used there

        return ActionRecordFollowUp.replace(dispatcher, tracker, tip.slug, tip.title)
    if move == "reminder":
        dispatcher.utter_message(response="utter_followup_not_done", title=tip.title)
        dispatcher.utter_message(response="utter_offer_reminder")
        return []
    response = "utter_followup_step_helped" if outcome == "helped" else "utter_followup_step_tried"
    dispatcher.utter_message(response=response, title=tip.title)
    return await ActionNextStep().coach(dispatcher, tracker, {})


async def told_how_step_went(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType] | None:
    """The reply to a message that tells how the step just given went (None if it doesn't)."""
    report = reported_after_step(tracker)
    if report is None:
        return None
    return await after_step(dispatcher, tracker, report.outcome)
