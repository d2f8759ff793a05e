"""How a step went, told straight after it, whatever the intent classifier made of it."""

from __future__ import annotations

import uuid

import pytest

from actions.answers import ActionAnswerOpen
from actions.common import memory
from actions.followup import ActionRecordFollowUp
from actions.plan import ActionProposePlan
from actions.reflection import ActionReflectFeelings
from tests.dialogue.conftest import responses, slot_events, tracker

PROFILE = {
    "cause": "new_baby",
    "duration": "year_plus",
    "pulled_away": "both",
    "feels_safe": "yes",
    "partner_open": "yes",
}


def after_a_step(text: str, intent: str, slots: dict, who: str, entities=None):
    """The person's message right after the coach sent step 1 of the first tip."""
    events = [
        {"event": "bot", "text": "Step 1 of 3", "metadata": {"utter_action": "utter_plan_step"}},
        {"event": "user", "text": text},
    ]
    return tracker(
        {**PROFILE, **slots, "plan_tip": 0, "plan_step": 1},
        intent,
        text,
        entities=entities,
        events=events,
        sender_id=who,
    )


async def plan_for(dispatcher, domain, who: str) -> list[str]:
    events = await ActionProposePlan().run(dispatcher, tracker(PROFILE, sender_id=who), domain)
    dispatcher.messages.clear()
    return slot_events(events)["plan"]


@pytest.mark.parametrize(
    ("action", "intent", "text"),
    [
        (ActionAnswerOpen, "ask_question", "we tried it sunday, he actually laughed. whats next"),
        (ActionReflectFeelings, "feel_disconnected", "we managed a drive to the coast, lovely"),
        (ActionRecordFollowUp, "report_outcome", "we did 10 mins after she went down, nice"),
    ],
)
async def test_a_report_after_a_step_is_remembered_and_the_next_step_follows(
    coach_store, dispatcher, domain, action, intent, text
):
    who = f"step-{uuid.uuid4().hex[:8]}"
    plan = await plan_for(dispatcher, domain, who)
    events = await action().run(dispatcher, after_a_step(text, intent, {"plan": plan}, who), domain)
    assert responses(dispatcher) == ["utter_followup_step_helped", "utter_plan_step"]
    assert slot_events(events)["plan_step"] == 2
    assert "utter_ask_check_in" not in responses(dispatcher)  # the check-in waits for a return
    assert [o.outcome for o in memory().outcomes(who)] == ["helped"]


async def test_a_report_with_no_verdict_goes_on_without_recording_one(
    coach_store, dispatcher, domain
):
    who = f"step-{uuid.uuid4().hex[:8]}"
    plan = await plan_for(dispatcher, domain, who)
    t = after_a_step(
        "we made the list of things we used to love", "feel_disconnected", {"plan": plan}, who
    )
    await ActionReflectFeelings().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_followup_step_tried", "utter_plan_step"]
    assert memory().outcomes(who) == []


async def test_a_step_that_went_badly_is_swapped(coach_store, dispatcher, domain):
    who = f"step-{uuid.uuid4().hex[:8]}"
    plan = await plan_for(dispatcher, domain, who)
    text = "we did it but it turned into a row about money"
    events = await ActionAnswerOpen().run(
        dispatcher, after_a_step(text, "ask_question", {"plan": plan}, who), domain
    )
    assert responses(dispatcher)[0] == "utter_followup_not_helped"
    assert plan[0] in slot_events(events)["tried"]


async def test_a_question_after_a_step_is_still_answered(coach_store, dispatcher, domain):
    who = f"step-{uuid.uuid4().hex[:8]}"
    plan = await plan_for(dispatcher, domain, who)
    text = "what if he says he doesn't want to talk?"
    await ActionAnswerOpen().run(
        dispatcher, after_a_step(text, "ask_question", {"plan": plan}, who), domain
    )
    assert "utter_plan_step" not in responses(dispatcher)
    assert "utter_followup_step_helped" not in responses(dispatcher)


async def test_a_report_long_after_a_step_is_the_usual_follow_up(coach_store, dispatcher, domain):
    # Not straight after a step (a return, say): how it went is recorded and the weekly
    # check-in may still be asked, as before.
    who = f"step-{uuid.uuid4().hex[:8]}"
    plan = await plan_for(dispatcher, domain, who)
    t = tracker(
        {**PROFILE, "plan": plan, "plan_tip": 0, "followup_tip": plan[0]},
        "report_outcome",
        "it helped",
        entities=[{"entity": "outcome", "value": "helped"}],
        sender_id=who,
    )
    await ActionRecordFollowUp().run(dispatcher, t, domain)
    assert responses(dispatcher)[0] == "utter_followup_helped"
    assert "utter_plan_step" not in responses(dispatcher)


async def test_a_report_right_after_the_plan_goes_on_to_its_step(coach_store, dispatcher, domain):
    """'done the first one, it was weird but good' after "shall we start with the first?":
    the plan lists what to do, so it is how the first went; no check-in (set 10, d29)."""
    who = f"step-{uuid.uuid4().hex[:8]}"
    plan = await plan_for(dispatcher, domain, who)
    text = "done the first one, it was weird but good"
    events = [
        {
            "event": "bot",
            "text": "Shall we start?",
            "metadata": {"utter_action": "utter_plan_start_question"},
        },
        {"event": "user", "text": text},
    ]
    t = tracker(
        {**PROFILE, "plan": plan, "plan_tip": 0, "plan_step": 0},
        "report_outcome",
        text,
        events=events,
        sender_id=who,
    )
    got = slot_events(await ActionRecordFollowUp().run(dispatcher, t, domain))
    assert responses(dispatcher)[-1] == "utter_plan_step"
    assert "utter_ask_check_in" not in responses(dispatcher)
    assert got["plan_step"] == 1
