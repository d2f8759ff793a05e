"""The safety actions: exact events, response names and the helplines they carry."""

import pytest

from actions.assessment import ValidateAssessmentForm
from actions.safety import (
    ActionSafetyAbuse,
    ActionSafetyCrisis,
    ActionSafetyOtherRisk,
    ActionSafetyResources,
    ActionSafetyResume,
    ActionSafetySetCountry,
)
from tests.dialogue.conftest import responses, slot_events, tracker

END_FORM = [
    {"event": "active_loop", "name": None, "timestamp": None},
    {"event": "slot", "name": "requested_slot", "value": None, "timestamp": None},
]


def strip(events):
    return [{k: v for k, v in e.items() if k != "timestamp"} for e in events]


async def test_crisis_gives_helplines_and_pauses_coaching(dispatcher, domain):
    t = tracker({}, "express_crisis", "I don't want to wake up", active_loop="assessment_form")
    events = await ActionSafetyCrisis().run(dispatcher, t, domain)
    assert strip(events) == strip(
        [*END_FORM, {"event": "slot", "name": "crisis_active", "value": True}]
    )
    assert responses(dispatcher) == ["utter_safety_crisis"]
    message = dispatcher.messages[0]
    assert "911" in message["emergency"] and "988" in message["crisis_line"]


@pytest.mark.parametrize(
    ("subtype", "response"),
    [
        ("physical", "utter_safety_abuse"),
        ("control", "utter_safety_abuse"),
        ("perpetrator", "utter_safety_abuse_perpetrator"),
        ("third_party", "utter_safety_abuse_third_party"),
    ],
)
async def test_abuse_reply_fits_who_is_hurt(dispatcher, domain, subtype, response):
    t = tracker({}, "disclose_abuse", "...")
    t.latest_message["safety"] = {"category": "abuse", "subtype": subtype}
    events = await ActionSafetyAbuse().run(dispatcher, t, domain)
    assert slot_events(events) == {"requested_slot": None, "abuse_disclosed": True}
    assert responses(dispatcher) == [response]
    assert "1-800-799-7233" in dispatcher.messages[0]["abuse_line"]


async def test_other_risk_and_resources(dispatcher, domain):
    await ActionSafetyOtherRisk().run(dispatcher, tracker({}, "other_risk"), domain)
    await ActionSafetyResources().run(dispatcher, tracker({}, "ask_resources"), domain)
    assert responses(dispatcher) == ["utter_safety_other_risk", "utter_safety_resources"]


@pytest.mark.parametrize(
    ("text", "entity", "code", "number"),
    [
        ("I'm in the UK", "uk", "uk", "999"),
        ("I live in Australia", "au", "au", "000"),
        ("we're in ireland", None, "ie", "112"),
        ("I'm somewhere else", None, "intl", None),
    ],
)
async def test_country_switches_the_helplines(dispatcher, domain, text, entity, code, number):
    ents = [{"entity": "country", "value": entity}] if entity else []
    events = await ActionSafetySetCountry().run(
        dispatcher, tracker({}, "set_country", text, entities=ents), domain
    )
    assert slot_events(events) == {"country": code}
    assert responses(dispatcher) == ["utter_safety_resources"]
    if number:
        assert number in dispatcher.messages[0]["emergency"]


async def test_country_question_when_none_named(dispatcher, domain):
    events = await ActionSafetySetCountry().run(
        dispatcher, tracker({}, "set_country", "which country?"), domain
    )
    assert events == [] and responses(dispatcher) == ["utter_safety_ask_country"]


async def test_country_slot_is_used_for_later_replies(dispatcher, domain):
    t = tracker({"country": "uk"}, "express_crisis")
    await ActionSafetyCrisis().run(dispatcher, t, domain)
    assert "999" in dispatcher.messages[0]["emergency"]
    assert "116 123" in dispatcher.messages[0]["crisis_line"]


async def test_resume_only_closes_an_open_crisis(dispatcher, domain):
    events = await ActionSafetyResume().run(dispatcher, tracker({"crisis_active": True}), domain)
    assert slot_events(events) == {"crisis_active": False}
    assert await ActionSafetyResume().run(dispatcher, tracker({}), domain) == []
    assert responses(dispatcher) == [
        "utter_safety_resume",
        "utter_safety_resume_plain",
        "utter_offer_questions",
    ]


async def test_safe_after_a_check_that_stopped_the_questions_picks_them_up(dispatcher, domain):
    t = tracker({"questions_paused": True, "duration": "months"}, "affirm", "yes im fine")
    events = await ActionSafetyResume().run(dispatcher, t, domain)
    assert strip(events) == [
        {"event": "slot", "name": "questions_paused", "value": False},
        {"event": "followup", "name": "assessment_form"},
    ]
    assert responses(dispatcher) == ["utter_safety_resume_plain"]


async def test_safe_after_a_check_with_a_plan_offers_the_plan_again(dispatcher, domain):
    t = tracker({"plan": ["daily-check-in"]}, "feel_safe", "yes i'm safe")
    assert await ActionSafetyResume().run(dispatcher, t, domain) == []
    assert responses(dispatcher) == ["utter_safety_resume_plain", "utter_back_to_plan"]


async def test_a_check_during_the_questions_marks_them_paused(dispatcher, domain):
    t = tracker({}, "express_crisis", "its all too much", active_loop="assessment_form")
    t.latest_message["safety"] = {"category": "crisis", "certain": False}
    events = await ActionSafetyCrisis().run(dispatcher, t, domain)
    assert slot_events(events) == {"requested_slot": None, "questions_paused": True}
    assert responses(dispatcher) == ["utter_safety_check"]


async def test_unclear_safety_answer_leads_to_the_abuse_line(dispatcher, domain):
    form = ValidateAssessmentForm()
    for answer, expected in [
        ("yes", "yes"),
        ("not always", "not_always"),
        ("I'd rather not say", "rather_not_say"),
        ("no", "no"),
        ("hmm", None),  # not an answer: asked again, never taken as "not safe"
    ]:
        got = form.validate_feels_safe(answer, dispatcher, tracker({}, "inform", answer), domain)
        assert got["feels_safe"] == expected
    assert responses(dispatcher) == ["utter_safety_not_sure_safe"] * 3


async def test_form_skips_partner_question_unless_clearly_safe(dispatcher, domain):
    form = ValidateAssessmentForm()
    slots = ["duration", "cause", "pulled_away", "feels_safe", "partner_open"]
    assert (
        await form.required_slots(slots, dispatcher, tracker({"feels_safe": "yes"}), domain)
        == slots
    )
    unsafe = tracker({"feels_safe": "not_always"})
    assert "partner_open" not in await form.required_slots(slots, dispatcher, unsafe, domain)
    crisis = tracker({"crisis_active": True})
    assert await form.required_slots(slots, dispatcher, crisis, domain) == []


async def test_unconfirmed_signal_gets_a_gentle_check_not_crisis_mode(dispatcher, domain):
    for action in (ActionSafetyCrisis(), ActionSafetyAbuse()):
        t = tracker({}, "express_crisis", "this is all too much")
        t.latest_message["safety"] = {"category": "crisis", "certain": False}
        events = await action.run(dispatcher, t, domain)
        assert slot_events(events) == {"requested_slot": None}  # no crisis mode, no abuse flag
    assert responses(dispatcher) == ["utter_safety_check", "utter_safety_check"]
    assert "988" in dispatcher.messages[0]["crisis_line"]


async def test_not_safe_button_confirms_the_crisis(dispatcher, domain):
    t = tracker({}, "express_crisis", "/express_crisis")
    events = await ActionSafetyCrisis().run(dispatcher, t, domain)
    assert slot_events(events)["crisis_active"] is True
    assert responses(dispatcher) == ["utter_safety_crisis"]
