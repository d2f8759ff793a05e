"""The interruption mechanism's actions: the question in other words, a skip offer after
two replies that are not answers, explanations, tips now, the questions on request,
minimising, and plain-words confirmations."""

import itertools

from actions.interrupt import (
    ActionAskFeelsSafe,
    ActionExplainQuestion,
    ActionMinimising,
    ActionStartQuestions,
    ActionTipsNow,
    ask_response,
)
from actions.privacy import ActionAskDeleteData, ActionConfirm
from tests.dialogue.conftest import responses, slot_events, tracker


def test_never_the_same_words_twice_in_a_row_and_a_skip_from_the_third_time():
    said = [ask_response("duration", n) for n in range(1, 7)]
    assert said[0] == "utter_ask_duration"
    assert said[2] == "utter_ask_duration_skip"
    assert all(a != b for a, b in itertools.pairwise(said))


async def test_the_question_is_rephrased_when_asked_again(dispatcher, domain):
    action = ActionAskFeelsSafe()
    events = await action.run(dispatcher, tracker({"question_asks": "cause:3"}), domain)
    assert slot_events(events) == {"question_asks": "feels_safe:1"}
    events = await action.run(dispatcher, tracker({"question_asks": "feels_safe:1"}), domain)
    assert slot_events(events) == {"question_asks": "feels_safe:2"}
    events = await action.run(dispatcher, tracker({"question_asks": "feels_safe:2"}), domain)
    assert responses(dispatcher) == [
        "utter_ask_feels_safe",
        "utter_ask_feels_safe_again",
        "utter_ask_feels_safe_skip",
    ]
    for name in responses(dispatcher):
        assert name in domain["responses"]


async def test_why_during_the_questions_explains_the_pending_one(dispatcher, domain):
    t = tracker({"requested_slot": "feels_safe"}, "ask_why", "why", active_loop="assessment_form")
    assert await ActionExplainQuestion().run(dispatcher, t, domain) == []
    t = tracker({}, "tell_more", "tell me more")
    await ActionExplainQuestion().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_why_feels_safe", "utter_about_questions"]


async def test_tips_now_leaves_the_safety_question_open_for_later(dispatcher, domain):
    t = tracker({"duration": "weeks"}, "request_tips", "just give me tips")
    events = await ActionTipsNow().run(dispatcher, t, domain)
    assert slot_events(events) == {
        "cause": "skipped",
        "pulled_away": "skipped",
        "partner_open": "skipped",
        "start_asked": True,
    }
    assert responses(dispatcher) == []  # the plan follows, for the person alone


async def test_tips_now_after_the_safety_answer_goes_straight_to_the_plan(dispatcher, domain):
    t = tracker({"feels_safe": "yes"}, "request_tips", "just give me tips")
    events = await ActionTipsNow().run(dispatcher, t, domain)
    assert "feels_safe" not in slot_events(events)
    assert responses(dispatcher) == []


async def test_restart_the_questions_in_own_words(dispatcher, domain):
    t = tracker(
        {"duration": "weeks", "cause": "stress", "answers_given": 2},
        "start_questions",
        "do the questions again",
    )
    events = slot_events(await ActionStartQuestions().run(dispatcher, t, domain))
    assert events["duration"] is None and events["cause"] is None
    assert events["answers_given"] == 0
    assert responses(dispatcher) == ["utter_questions_restart"]


async def test_resume_and_start_the_questions_in_own_words(dispatcher, domain):
    t = tracker({"duration": "weeks"}, "start_questions", "ok ok. go back to the questions")
    await ActionStartQuestions().run(dispatcher, t, domain)
    t = tracker({}, "start_questions", "ok now the questions")
    await ActionStartQuestions().run(dispatcher, t, domain)
    t = tracker({}, "start_questions", "what kind of questions?")
    await ActionStartQuestions().run(dispatcher, t, domain)
    assert responses(dispatcher) == [
        "utter_questions_resume",
        "utter_questions_start",
        "utter_about_questions",
    ]


async def test_minimising_after_a_disclosure_is_taken_seriously(dispatcher, domain):
    t = tracker({"abuse_disclosed": True}, "minimise_abuse", "he's never hit me though")
    assert await ActionMinimising().run(dispatcher, t, domain) == []
    t = tracker({}, "minimise_abuse", "it's not that bad")
    await ActionMinimising().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_safety_minimising", "utter_minimising_general"]
    assert "{abuse_line}" in domain["responses"]["utter_safety_minimising"][0]["text"]


async def test_asking_to_delete_mid_questions_remembers_to_resume(dispatcher, domain):
    events = [
        {"event": "active_loop", "name": "assessment_form"},
        {"event": "user", "text": "delete my data"},
        {"event": "active_loop", "name": None},
    ]
    t = tracker({}, "delete_data", "delete my data", events=events)
    got = slot_events(await ActionAskDeleteData().run(dispatcher, t, domain))
    assert got == {"pending_confirmation": "delete_data:1", "resume_questions": True}
    assert responses(dispatcher) == ["utter_ask_delete_data"]


async def test_yes_in_plain_words_deletes(dispatcher, domain, coach_store):
    t = tracker({"pending_confirmation": "delete_data:1"}, "delete_data", "yes delete it")
    events = await ActionConfirm().run(dispatcher, t, domain)
    assert slot_events(events) == {"data_deleted": True, "pending_confirmation": None}
    assert responses(dispatcher) == ["utter_data_deleted"]


async def test_no_in_plain_words_keeps_everything_and_resumes_the_questions(dispatcher, domain):
    slots = {"pending_confirmation": "delete_data:1", "resume_questions": True}
    events = await ActionConfirm().run(dispatcher, tracker(slots, "deny", "no keep it"), domain)
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "assessment_form"}
    assert slot_events(events) == {"pending_confirmation": None, "resume_questions": False}
    assert responses(dispatcher) == ["utter_delete_cancelled"]


async def test_what_gets_deleted_is_answered_and_asked_again_in_other_words(dispatcher, domain):
    slots = {"pending_confirmation": "delete_data:1"}
    t = tracker(slots, "ask_data_kept", "wait, what gets deleted?")
    events = await ActionConfirm().run(dispatcher, t, domain)
    assert slot_events(events) == {"pending_confirmation": "delete_data:2"}
    t = tracker({"pending_confirmation": "delete_data:2"}, "inform", "hmm")
    await ActionConfirm().run(dispatcher, t, domain)
    assert responses(dispatcher) == [
        "utter_delete_what",
        "utter_ask_delete_data_again",
        "utter_confirm_unclear",
        "utter_ask_delete_data",
    ]


async def test_without_a_pending_question_the_message_is_handled_as_usual(dispatcher, domain):
    events = await ActionConfirm().run(dispatcher, tracker({}, "affirm", "yes"), domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_affirm"}]


async def test_no_without_questions_to_resume_hands_over_to_the_cancel_reply(dispatcher, domain):
    slots = {"pending_confirmation": "delete_data:1"}
    events = await ActionConfirm().run(dispatcher, tracker(slots, "deny", "actually no"), domain)
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "utter_delete_cancelled"}
    assert responses(dispatcher) == []
