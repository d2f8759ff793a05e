"""The plan the store remembers (``Memory.save_plan``) is the one a returning person is
asked about when their conversation no longer holds it, and it follows every move."""

from __future__ import annotations

import uuid

from actions.common import memory
from actions.plan import ActionGoBack, ActionProposePlan
from actions.session import ActionSessionStart
from tests.dialogue.conftest import responses, slot_events, tracker

PROFILE = {"cause": "new_baby", "feels_safe": "yes", "partner_open": "yes"}
SESSION_DOMAIN = {"session_config": {"carry_over_slots_to_new_session": True}}


async def proposed(dispatcher, domain, who: str) -> list[str]:
    events = await ActionProposePlan().run(dispatcher, tracker(PROFILE, sender_id=who), domain)
    dispatcher.messages.clear()
    return slot_events(events)["plan"]


async def test_a_conversation_without_its_plan_is_asked_about_the_remembered_one(
    coach_store, dispatcher, domain
):
    who = f"remembered-{uuid.uuid4().hex[:10]}"
    plan = await proposed(dispatcher, domain, who)
    memory().save_plan(who, plan, 2)
    events = await ActionSessionStart().run(
        dispatcher, tracker({}, sender_id=who), {**domain, **SESSION_DOMAIN}
    )
    assert responses(dispatcher) == ["utter_welcome_back_followup"]
    assert dispatcher.messages[0]["title"] == coach_store.tip(plan[2]).title
    assert slot_events(events)["followup_tip"] == plan[2]


async def test_the_carried_plan_comes_first(coach_store, dispatcher, domain):
    who = f"remembered-{uuid.uuid4().hex[:10]}"
    plan = await proposed(dispatcher, domain, who)  # remembered at its first tip
    slots = {**PROFILE, "plan": plan, "plan_tip": 1}
    events = await ActionSessionStart().run(
        dispatcher, tracker(slots, sender_id=who), {**domain, **SESSION_DOMAIN}
    )
    assert slot_events(events)["followup_tip"] == plan[1]


async def test_going_back_to_the_previous_tip_is_remembered(coach_store, dispatcher, domain):
    who = f"remembered-{uuid.uuid4().hex[:10]}"
    plan = await proposed(dispatcher, domain, who)
    memory().save_plan(who, plan, 1)
    slots = {**PROFILE, "plan": plan, "plan_tip": 1, "plan_step": 1}
    events = await ActionGoBack().run(dispatcher, tracker(slots, sender_id=who), domain)
    assert slot_events(events)["plan_tip"] == 0
    remembered = memory().plan(who)
    assert remembered is not None and remembered.current_tip == 0
