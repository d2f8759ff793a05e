"""Memory across conversations: session start, follow-ups, check-ins, progress, reminders."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from actions.checkin import ActionRecordCheckIn, ActionShowProgress
from actions.common import memory
from actions.followup import ActionAskFollowUp, ActionRecordFollowUp
from actions.plan import ActionProposePlan
from actions.reminders import (
    ActionCancelReminders,
    ActionScheduleReminder,
    ActionSendNudge,
    outbox,
)
from actions.session import ActionSessionStart
from tests.dialogue.conftest import responses, slot_events, tracker

PROFILE = {
    "cause": "new_baby",
    "duration": "year_plus",
    "pulled_away": "both",
    "feels_safe": "yes",
    "partner_open": "unsure",
}
SESSION_DOMAIN = {"session_config": {"carry_over_slots_to_new_session": True}}


def outcome(value: str) -> list[dict[str, str]]:
    """The entity a follow-up answer carries (a button's value, or read from words)."""
    return [{"entity": "outcome", "value": value}]


def sender() -> str:
    return f"mem-{uuid.uuid4().hex[:10]}"


async def plan_for(dispatcher, domain, who: str) -> list[str]:
    events = await ActionProposePlan().run(dispatcher, tracker(PROFILE, sender_id=who), domain)
    dispatcher.messages.clear()
    return slot_events(events)["plan"]


# --- session start ----------------------------------------------------------------------


async def test_session_start_for_a_new_person_is_rasas_default(coach_store, dispatcher, domain):
    events = await ActionSessionStart().run(
        dispatcher, tracker({}, sender_id=sender()), {**domain, **SESSION_DOMAIN}
    )
    assert events == [
        {"event": "session_started", "timestamp": None},
        {
            "event": "action",
            "name": "action_listen",
            "policy": None,
            "confidence": None,
            "timestamp": None,
        },
    ]
    assert dispatcher.messages == []


async def test_session_start_carries_slots_and_asks_about_the_tip(coach_store, dispatcher, domain):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    slots = {**PROFILE, "plan": plan, "plan_tip": 1, "plan_step": 2, "requested_slot": "cause"}
    events = await ActionSessionStart().run(
        dispatcher, tracker(slots, sender_id=who), {**domain, **SESSION_DOMAIN}
    )
    assert events[0]["event"] == "session_started"
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"
    carried = slot_events(events)
    assert carried["plan"] == plan and carried["cause"] == "new_baby"
    assert "requested_slot" not in carried  # a half-asked question never resumes
    assert carried["followup_tip"] == plan[1] and carried["followup_pending"] is True
    assert responses(dispatcher) == ["utter_welcome_back_followup"]
    msg = dispatcher.messages[0]
    assert msg["title"] == coach_store.tip(plan[1]).title
    assert [b["payload"] for b in msg["buttons"]] == [
        '/report_outcome{"outcome": "helped"}',
        '/report_outcome{"outcome": "not_helped"}',
        '/report_outcome{"outcome": "not_done"}',
    ]


async def test_session_start_offers_the_weekly_check_in_to_someone_who_checked_in_before(
    coach_store, dispatcher, domain
):
    who = sender()
    memory().record_check_in(who, 5, datetime.now(timezone.utc) - timedelta(days=8))
    events = await ActionSessionStart().run(
        dispatcher, tracker({"cause": "stress"}, sender_id=who), {**domain, **SESSION_DOMAIN}
    )
    assert responses(dispatcher) == ["utter_ask_check_in"]
    assert [e["event"] for e in events] == ["session_started", "slot", "action"]


async def test_session_start_skips_a_check_in_done_this_week(coach_store, dispatcher, domain):
    who = sender()
    memory().record_check_in(who, 5, datetime.now(timezone.utc) - timedelta(days=2))
    await ActionSessionStart().run(
        dispatcher, tracker({}, sender_id=who), {**domain, **SESSION_DOMAIN}
    )
    assert dispatcher.messages == []


async def test_session_start_without_carry_over_starts_empty(coach_store, dispatcher, domain):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    no_carry = {**domain, "session_config": {"carry_over_slots_to_new_session": False}}
    events = await ActionSessionStart().run(
        dispatcher, tracker({"plan": plan}, sender_id=who), no_carry
    )
    assert [e["event"] for e in events] == ["session_started", "action"]
    assert dispatcher.messages == []


async def test_session_start_in_crisis_checks_safety_not_the_plan(coach_store, dispatcher, domain):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    slots = {"plan": plan, "plan_tip": 0, "crisis_active": True}
    events = await ActionSessionStart().run(
        dispatcher, tracker(slots, sender_id=who), {**domain, **SESSION_DOMAIN}
    )
    assert responses(dispatcher) == ["utter_safety_check_in"]
    assert "followup_pending" not in slot_events(events)
    assert slot_events(events)["crisis_active"] is True


# --- follow-up answers ------------------------------------------------------------------


async def test_helped_keeps_the_tip_records_it_and_asks_the_weekly_check_in(
    coach_store, dispatcher, domain
):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    slots = {
        **PROFILE,
        "plan": plan,
        "plan_tip": 0,
        "followup_tip": plan[0],
        "followup_pending": True,
    }
    events = await ActionRecordFollowUp().run(
        dispatcher,
        tracker(slots, "report_outcome", "we loved it", outcome("helped"), sender_id=who),
        domain,
    )
    assert events == [
        {"event": "slot", "name": "followup_pending", "value": False, "timestamp": None},
        {"event": "slot", "name": "followup_tip", "value": None, "timestamp": None},
    ]
    assert responses(dispatcher) == ["utter_followup_helped", "utter_ask_check_in"]
    [recorded] = memory().outcomes(who)
    assert (recorded.tip_slug, recorded.outcome, recorded.note) == (
        plan[0],
        "helped",
        "we loved it",
    )


async def test_helped_after_a_recent_check_in_offers_the_next_step(coach_store, dispatcher, domain):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    memory().record_check_in(who, 6)
    slots = {**PROFILE, "plan": plan, "followup_tip": plan[0], "followup_pending": True}
    await ActionRecordFollowUp().run(
        dispatcher,
        tracker(
            slots,
            "report_outcome",
            '/report_outcome{"outcome": "helped"}',
            outcome("helped"),
            sender_id=who,
        ),
        domain,
    )
    assert responses(dispatcher) == ["utter_followup_helped", "utter_offer_next_step"]
    assert memory().outcomes(who)[0].note is None  # a button press is not a note


async def test_not_helped_replaces_the_tip(coach_store, dispatcher, domain):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    slots = {
        **PROFILE,
        "plan": plan,
        "plan_tip": 1,
        "followup_tip": plan[1],
        "followup_pending": True,
    }
    events = await ActionRecordFollowUp().run(
        dispatcher,
        tracker(
            slots,
            "report_outcome",
            '/report_outcome{"outcome": "not_helped"}',
            outcome("not_helped"),
            sender_id=who,
        ),
        domain,
    )
    changed = slot_events(events)
    assert changed["followup_pending"] is False
    assert changed["tried"] == [plan[1]]
    assert changed["plan"][0] == plan[0] and changed["plan"][2] == plan[2]
    assert changed["plan"][1] not in plan
    assert (changed["plan_tip"], changed["plan_step"]) == (1, 1)
    assert responses(dispatcher) == [
        "utter_followup_not_helped",
        "utter_tip_swapped",
        "utter_plan_step",
    ]
    remembered = memory().plan(who)
    assert remembered is not None and list(remembered.tips) == changed["plan"]
    assert memory().latest_outcomes(who) == {plan[1]: "not_helped"}


async def test_not_done_is_recorded_without_judgment(coach_store, dispatcher, domain):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    memory().record_check_in(who, 5)
    slots = {**PROFILE, "plan": plan, "followup_tip": plan[0], "followup_pending": True}
    events = await ActionRecordFollowUp().run(
        dispatcher,
        tracker(slots, "report_outcome", "no time, sorry", outcome("not_done"), sender_id=who),
        domain,
    )
    assert slot_events(events) == {"followup_pending": False, "followup_tip": None}
    assert responses(dispatcher) == ["utter_followup_not_done", "utter_offer_reminder"]
    assert memory().latest_outcomes(who) == {plan[0]: "not_done"}


async def test_an_unclear_outcome_is_asked_again_with_the_three_answers(
    coach_store, dispatcher, domain
):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    slots = {**PROFILE, "plan": plan, "followup_tip": plan[0], "followup_pending": True}
    events = await ActionRecordFollowUp().run(
        dispatcher, tracker(slots, "report_outcome", "hmm", sender_id=who), domain
    )
    assert slot_events(events) == {"followup_tip": plan[0], "followup_pending": True}
    assert responses(dispatcher) == ["utter_ask_follow_up"]
    assert len(dispatcher.messages[0]["buttons"]) == 3
    assert memory().outcomes(who) == []


async def test_follow_up_without_a_plan_offers_one(coach_store, dispatcher, domain):
    events = await ActionRecordFollowUp().run(
        dispatcher,
        tracker({}, "report_outcome", "it helped", outcome("helped"), sender_id=sender()),
        domain,
    )
    assert slot_events(events) == {"followup_pending": False}
    assert responses(dispatcher) == ["utter_no_plan_yet"]


async def test_hello_while_a_follow_up_waits_asks_again(coach_store, dispatcher, domain):
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    events = await ActionAskFollowUp().run(
        dispatcher,
        tracker({"followup_tip": plan[0], "followup_pending": True}, sender_id=who),
        domain,
    )
    assert events == []
    assert responses(dispatcher) == ["utter_ask_follow_up"]


async def test_follow_up_in_crisis_is_a_safety_check(coach_store, dispatcher, domain):
    events = await ActionRecordFollowUp().run(
        dispatcher,
        tracker(
            {"crisis_active": True},
            "report_outcome",
            "it helped",
            outcome("helped"),
            sender_id=sender(),
        ),
        domain,
    )
    assert events == [] and responses(dispatcher) == ["utter_safety_check_in"]


# --- check-ins and progress -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entities", "score"),
    [("/check_in", [{"entity": "score", "value": "7"}], 7), ("about a 6, I think", [], 6)],
)
async def test_check_in_is_recorded(coach_store, dispatcher, domain, text, entities, score):
    who = sender()
    events = await ActionRecordCheckIn().run(
        dispatcher, tracker({}, "check_in", text, entities=entities, sender_id=who), domain
    )
    assert events == []
    assert responses(dispatcher) == ["utter_check_in_thanks"]
    assert dispatcher.messages[0]["score"] == score
    assert [s.score for s in memory().check_ins(who)] == [score]


async def test_check_in_out_of_range_asks_again(coach_store, dispatcher, domain):
    who = sender()
    await ActionRecordCheckIn().run(
        dispatcher, tracker({}, "check_in", "42", sender_id=who), domain
    )
    assert responses(dispatcher) == ["utter_check_in_unclear", "utter_ask_check_in"]
    assert memory().check_ins(who) == []


async def test_progress_when_nothing_is_tracked(coach_store, dispatcher, domain):
    await ActionShowProgress().run(
        dispatcher, tracker({}, "ask_progress", sender_id=sender()), domain
    )
    assert responses(dispatcher) == ["utter_progress_empty", "utter_ask_check_in"]


async def seeded_progress(dispatcher, domain) -> tuple[str, list[str]]:
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    start = datetime.now(timezone.utc) - timedelta(days=15)
    for days, score in ((0, 4), (7, 5), (14, 7)):
        memory().record_check_in(who, score, start + timedelta(days=days))
    memory().record_outcome(who, plan[0], "helped")
    memory().record_outcome(who, plan[1], "not_done")
    return who, plan


async def test_progress_in_rest_is_text_only(coach_store, dispatcher, domain):
    who, plan = await seeded_progress(dispatcher, domain)
    await ActionShowProgress().run(
        dispatcher,
        tracker({}, "ask_progress", "how am I doing?", sender_id=who, channel="rest"),
        domain,
    )
    assert responses(dispatcher) == ["utter_progress_check_ins", "utter_progress_tried"]
    numbers = dispatcher.messages[0]["numbers"]
    assert numbers.count("→") == 2 and numbers.startswith("4 (") and "7 (" in numbers
    assert "going up" in dispatcher.messages[0]["trend"]
    tried = dispatcher.messages[1]["tried"]
    assert f"{coach_store.tip(plan[0]).title}: helped" in tried
    assert f"{coach_store.tip(plan[1]).title}: not tried yet" in tried
    assert all(not m.get("image") for m in dispatcher.messages)


@pytest.mark.parametrize("channel", ["socketio", "telegram"])
async def test_progress_on_push_channels_adds_the_chart(
    coach_store, dispatcher, domain, channel, monkeypatch
):
    monkeypatch.setenv("COACH_PUBLIC_URL", "https://coach.example")
    monkeypatch.setenv("COACH_CHART_SECRET", "s3cret")
    who, _ = await seeded_progress(dispatcher, domain)
    await ActionShowProgress().run(
        dispatcher,
        tracker({}, "ask_progress", "how am I doing?", sender_id=who, channel=channel),
        domain,
    )
    assert responses(dispatcher) == [
        "utter_progress_check_ins",
        "utter_progress_chart",
        "utter_progress_tried",
    ]
    image = dispatcher.messages[1]["image"]
    assert image.startswith("https://coach.example/webhooks/charts/") and image.endswith(".png")
    assert who not in image
    token = image.rsplit("/", 1)[1].removesuffix(".png")
    assert memory().sender_for_token(token, "s3cret") == who


# --- reminders --------------------------------------------------------------------------


async def test_reminder_is_scheduled_outside_quiet_hours(
    coach_store, dispatcher, domain, monkeypatch
):
    monkeypatch.setenv("COACH_QUIET_HOURS", "off")
    who = sender()
    events = await ActionScheduleReminder().run(
        dispatcher,
        tracker({}, "ask_reminder", "remind me in 2 hours", channel="socketio", sender_id=who),
        domain,
    )
    assert events == []  # no Rasa reminder: a row in the outbox
    [row] = outbox().pending(who)
    assert row.kind == "reminder" and row.intent == "EXTERNAL_reminder"
    assert row.channel == "socketio" and row.state == "pending"
    assert timedelta(hours=1, minutes=59) < row.due_at - outbox().now() <= timedelta(hours=2)
    assert responses(dispatcher) == ["utter_reminder_set"]
    assert dispatcher.messages[0]["when"] == "in 2 hours"
    assert outbox().pending(sender()) == []  # nobody else's


async def test_a_new_reminder_replaces_the_last(coach_store, dispatcher, domain, monkeypatch):
    monkeypatch.setenv("COACH_QUIET_HOURS", "off")
    who = sender()
    for text in ("remind me in 2 hours", "remind me in 3 hours"):
        await ActionScheduleReminder().run(
            dispatcher, tracker({}, "ask_reminder", text, channel="telegram", sender_id=who), domain
        )
    [row] = outbox().pending(who)
    assert timedelta(hours=2, minutes=59) < row.due_at - outbox().now() <= timedelta(hours=3)


async def test_reminder_in_quiet_hours_moves_and_rest_is_warned(
    coach_store, dispatcher, domain, monkeypatch
):
    monkeypatch.setenv("COACH_TIMEZONE", "UTC")
    monkeypatch.setenv("COACH_QUIET_HOURS", "00:00-23:59")  # always quiet but the last minute
    who = sender()
    events = await ActionScheduleReminder().run(
        dispatcher,
        tracker({}, "ask_reminder", "/ask_reminder", channel="rest", sender_id=who),
        domain,
    )
    assert events == []
    [row] = outbox().pending(who)
    assert (row.due_at.hour, row.due_at.minute) == (23, 59)
    assert responses(dispatcher) == ["utter_reminder_set_quiet", "utter_reminder_channel_note"]


async def test_stop_reminders_cancels_every_nudge(coach_store, dispatcher, domain, monkeypatch):
    monkeypatch.setenv("COACH_QUIET_HOURS", "off")
    who, other = sender(), sender()
    for person in (who, other):
        await ActionScheduleReminder().run(
            dispatcher, tracker({}, "ask_reminder", "remind me in 1 hour", sender_id=person), domain
        )
    dispatcher.messages.clear()
    events = await ActionCancelReminders().run(
        dispatcher, tracker({}, "stop_reminders", sender_id=who), domain
    )
    assert events == []
    assert outbox().pending(who) == [] and len(outbox().pending(other)) == 1
    assert responses(dispatcher) == ["utter_reminders_stopped"]


async def test_nudge_names_the_tip(coach_store, dispatcher, domain, monkeypatch):
    monkeypatch.setenv("COACH_QUIET_HOURS", "off")
    who = sender()
    plan = await plan_for(dispatcher, domain, who)
    events = await ActionSendNudge().run(
        dispatcher,
        tracker({"plan": plan, "plan_tip": 0}, "EXTERNAL_reminder", sender_id=who),
        domain,
    )
    assert events == [] and responses(dispatcher) == ["utter_nudge"]
    assert dispatcher.messages[0]["title"] == coach_store.tip(plan[0]).title


async def test_nudge_in_crisis_is_a_safety_check(coach_store, dispatcher, domain):
    events = await ActionSendNudge().run(
        dispatcher, tracker({"crisis_active": True}, "EXTERNAL_reminder"), domain
    )
    assert events == [] and responses(dispatcher) == ["utter_safety_check_in"]


async def test_a_story_of_how_talking_went_without_a_plan_gets_an_answer(
    coach_store, dispatcher, domain
):
    text = "we tried talking about it last night and it turned into a massive fight"
    events = await ActionRecordFollowUp().run(
        dispatcher,
        tracker({}, "report_outcome", text, outcome("not_helped"), sender_id=sender()),
        domain,
    )
    assert responses(dispatcher) == ["utter_answer_open", "utter_answer_next"]
    assert dispatcher.messages[0]["answer"]["concern"] == "tried_and_fought"
    assert slot_events(events)["followup_pending"] is False
