"""A yes outside any rule does what the coach last asked (actions/affirm.py)."""

from actions.affirm import ActionAffirm
from actions.common import last_response
from actions.plan import ActionAddToPlan, ActionExplainWhy
from tests.dialogue.conftest import responses, tracker


def bot(response):
    """A coach message sent with ``response``."""
    return {"event": "bot", "text": "…", "metadata": {"utter_action": response}}


def said(text, intent="affirm"):
    """A person's message."""
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def asked(response, text, intent="affirm"):
    """Events of a conversation whose last bot message was ``response``, then ``text``."""
    return [bot(response), {"event": "action", "name": "action_listen"}, said(text, intent)]


def strip(events):
    return [{k: v for k, v in e.items() if k != "timestamp"} for e in events]


def test_the_last_response_is_read_from_the_bot_message_before_the_user():
    assert last_response(tracker(events=asked("utter_safety_check", "yes"))) == "utter_safety_check"
    assert last_response(tracker(events=[{"event": "user", "text": "yes"}])) is None


async def test_yes_to_a_safety_check_resumes(dispatcher, domain):
    t = tracker({}, "affirm", "yes", events=asked("utter_safety_check", "yes"))
    assert await ActionAffirm().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_safety_resume_plain", "utter_offer_questions"]


async def test_yes_to_a_check_that_stopped_the_questions_goes_back_to_them(dispatcher, domain):
    slots = {"questions_paused": True, "duration": "months"}
    t = tracker(slots, "affirm", "yeah go for it", events=asked("utter_safety_check", "yeah"))
    events = await ActionAffirm().run(dispatcher, t, domain)
    assert strip(events) == [
        {"event": "slot", "name": "questions_paused", "value": False},
        {"event": "followup", "name": "assessment_form"},
    ]
    assert responses(dispatcher) == ["utter_safety_resume_plain"]


async def test_ok_start_after_no_plan_yet_proposes_one(dispatcher, domain, coach_store):
    t = tracker({}, "affirm", "ok start", events=asked("utter_no_plan_yet", "ok start"))
    events = await ActionAffirm().run(dispatcher, t, domain)
    assert "plan" in {e["name"] for e in events if e["event"] == "slot"}
    assert "utter_plan_list" in responses(dispatcher)


async def test_start_with_a_plan_goes_to_the_step(dispatcher, domain, coach_store):
    slots = {"plan": ["daily-check-in"], "plan_tip": 0, "plan_step": 0, "feels_safe": "yes"}
    t = tracker(slots, "affirm", "start", events=asked("utter_x", "start"))
    await ActionAffirm().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_plan_step"]


async def test_yes_to_may_i_ask_starts_the_questions(dispatcher, domain):
    t = tracker({}, "affirm", "ok fine ask", events=asked("utter_answer_held_next", "ok fine ask"))
    events = await ActionAffirm().run(dispatcher, t, domain)
    assert strip(events) == [{"event": "followup", "name": "assessment_form"}]
    assert responses(dispatcher) == ["utter_start_questions"]


async def test_a_yes_tied_to_nothing_is_acknowledged(dispatcher, domain):
    t = tracker({}, "affirm", "ok", events=asked("utter_reminders_stopped", "ok"))
    assert await ActionAffirm().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_affirm_ack"]


async def test_yes_after_a_held_answer_starts_the_questions_not_a_plan(
    dispatcher, domain, coach_store
):
    t = tracker(
        {"answered_tip": "daily-check-in"},
        "affirm",
        "ok fine ask",
        events=asked("utter_answer_held_next", "ok fine ask"),
    )
    events = await ActionAddToPlan().run(dispatcher, t, domain)
    assert strip(events) == [{"event": "followup", "name": "assessment_form"}]
    assert responses(dispatcher) == ["utter_start_questions"]


async def test_why_this_one_right_after_an_answer_explains_that_tip(
    dispatcher, domain, coach_store
):
    events = [
        {"event": "action", "name": "action_answer_open"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_answer_open_held"}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "why this one?"},
    ]
    t = tracker({"answered_tip": "daily-check-in"}, "ask_why", "why this one?", events=events)
    assert await ActionExplainWhy().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_tip_why"]
    assert dispatcher.messages[0]["why"] == coach_store.tip("daily-check-in").why


async def test_what_is_the_point_of_the_questions_is_about_the_questions_not_a_tip(
    dispatcher, domain, coach_store
):
    text = "whats the point of these questions"
    t = tracker({"offered_tip": "daily-check-in"}, "ask_why", text)
    assert await ActionExplainWhy().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_about_questions"]


async def test_why_are_you_asking_during_the_questions_explains_the_pending_one(
    dispatcher, domain, coach_store
):
    from actions.answers import ActionAnswerOpen

    text = "why are you asking all this, cant you just tell me what to do"
    t = tracker(
        {"requested_slot": "pulled_away"}, "ask_question", text, active_loop="assessment_form"
    )
    assert await ActionAnswerOpen().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_why_pulled_away"]


async def test_yes_after_a_reflection_that_offered_the_plan_goes_on_with_the_plan(
    dispatcher, domain, coach_store
):
    from actions.affirm import ActionBeginQuestions

    events = [
        {"event": "action", "name": "action_reflect_feelings"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_offer_plan_again"}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "ok lets start"},
    ]
    slots = {"plan": ["daily-check-in"], "plan_tip": 0, "plan_step": 0, "feels_safe": "yes"}
    t = tracker(slots, "affirm", "ok lets start", events=events)
    result = await ActionBeginQuestions().run(dispatcher, t, domain)
    # the plan's step, then the conversation listens: the questions do not start over
    assert responses(dispatcher) == ["utter_plan_step"]
    assert result[-1] == {"event": "followup", "name": "action_listen", "timestamp": None}


async def test_yes_after_a_reflection_that_offered_the_questions_begins_them(
    dispatcher, domain, coach_store
):
    from actions.affirm import ActionBeginQuestions

    events = [
        {"event": "action", "name": "action_reflect_feelings"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_offer_questions"}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "sure"},
    ]
    t = tracker({}, "affirm", "sure", events=events)
    assert await ActionBeginQuestions().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_start_questions"]


async def test_the_same_question_again_points_back_instead_of_repeating_the_answer(
    dispatcher, domain, coach_store
):
    from actions.answers import ActionAnswerOpen

    text = "is it normal to feel this distant from my husband?"
    first = tracker({}, "ask_question", text)
    await ActionAnswerOpen().run(dispatcher, first, domain)
    given = dispatcher.messages[0]
    assert given["response"] == "utter_answer_open"
    earlier = [
        {"event": "user", "text": text},
        {
            "event": "bot",
            "text": "…",
            "metadata": {"utter_action": "utter_answer_open", "answer": given["answer"]},
        },
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
    ]
    dispatcher.messages.clear()
    again = tracker({}, "ask_question", text, events=earlier)
    events = await ActionAnswerOpen().run(dispatcher, again, domain)
    assert responses(dispatcher) == ["utter_answer_again"]
    assert dispatcher.messages[0]["title"] == coach_store.tip(given["answer"]["slug"]).title
    assert events == [
        {
            "event": "slot",
            "name": "answered_tip",
            "value": given["answer"]["slug"],
            "timestamp": None,
        }
    ]


async def test_yes_after_a_side_question_agrees_to_the_offer_before_it(dispatcher, domain):
    # Offered the questions, asked "is this chat saved?", told what is kept, then "go ahead".
    events = [
        bot("utter_reflect_general"),
        bot("utter_offer_questions"),
        said("sure but quick question first, is this chat saved anywhere?", "ask_data_kept"),
        bot("utter_data_kept"),
        said("ok good to know. go ahead then"),
    ]
    t = tracker({}, "affirm", "ok good to know. go ahead then", events=events)
    got = strip(await ActionAffirm().run(dispatcher, t, domain))
    assert got == [{"event": "followup", "name": "assessment_form"}]
    assert responses(dispatcher) == ["utter_start_questions"]


async def test_yes_after_an_ordinary_reply_is_not_tied_to_an_older_offer(dispatcher, domain):
    # The offer two turns back is gone once the coach has said something of its own since.
    events = [
        bot("utter_offer_questions"),
        said("we argue all the time", "feel_disconnected"),
        bot("utter_reflect_arguing"),
        said("ok"),
    ]
    t = tracker({}, "affirm", "ok", events=events)
    await ActionAffirm().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_affirm_ack"]
