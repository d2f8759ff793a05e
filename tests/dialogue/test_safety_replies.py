"""Issue 22: replies that fit the risk, and the right country at once (exact events)."""

import pytest

from actions.safety import (
    ActionSafetyAbuse,
    ActionSafetyCare,
    ActionSafetyCrisis,
    ActionSafetyOtherRisk,
    ActionSafetyResources,
)
from tests.dialogue.conftest import responses, slot_events, tracker


def with_signal(t, category, subtype, certain=True):
    t.latest_message["safety"] = {"category": category, "subtype": subtype, "certain": certain}
    return t


async def test_partner_addiction_gets_support_and_a_gentle_safety_question(dispatcher, domain):
    t = with_signal(tracker({}, "other_risk", "his drinking"), "other_risk", "partner_addiction")
    events = await ActionSafetyOtherRisk().run(dispatcher, t, domain)
    assert slot_events(events) == {"requested_slot": None}
    assert responses(dispatcher) == ["utter_safety_addiction"]
    message = dispatcher.messages[0]
    assert "al-anon.org" in message["addiction_line"]
    assert "988" not in message["addiction_line"]


def test_addiction_reply_asks_about_safety_and_names_no_suicide_line(domain):
    for variant in domain["responses"]["utter_safety_addiction"]:
        text = variant["text"]
        assert "{addiction_line}" in text and "safe" in text
        assert "{crisis_line}" not in text and "suicid" not in text.lower()


async def test_own_substance_crisis_still_gets_the_other_risk_reply(dispatcher, domain):
    t = with_signal(tracker({}, "other_risk", "I overdosed"), "other_risk", "substance")
    await ActionSafetyOtherRisk().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_safety_other_risk"]


async def test_other_risk_from_the_classifier_alone_is_a_check(dispatcher, domain):
    t = with_signal(tracker({}, "other_risk", "..."), "other_risk", "", certain=False)
    await ActionSafetyOtherRisk().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_safety_check"]


@pytest.mark.parametrize(
    ("subtype", "response"),
    [
        ("perpetrator", "utter_safety_abuse_perpetrator"),
        ("emotional", "utter_safety_abuse"),
        ("control", "utter_safety_abuse"),
        ("threat", "utter_safety_abuse"),
    ],
)
async def test_perpetrator_reply_only_for_the_perpetrator_subtype(
    dispatcher, domain, subtype, response
):
    t = with_signal(tracker({}, "disclose_abuse", "..."), "abuse", subtype)
    await ActionSafetyAbuse().run(dispatcher, t, domain)
    assert responses(dispatcher) == [response]


async def test_low_self_worth_gets_care_and_coaching_carries_on(dispatcher, domain):
    t = tracker({}, "low_self_worth", "I've let myself go and feel bad about myself")
    events = await ActionSafetyCare().run(dispatcher, t, domain)
    assert events == []
    assert responses(dispatcher) == ["utter_safety_care"]


async def test_low_self_worth_that_asks_whose_fault_it_is_gets_care_and_the_answer(
    dispatcher, domain, coach_store
):
    t = tracker({}, "low_self_worth", "I feel like such a failure as a wife, is it my fault?")
    events = await ActionSafetyCare().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_safety_care_brief", "utter_answer_open"]
    assert dispatcher.messages[1]["answer"]["concern"] == "self_blame"
    assert slot_events(events) == {"answered_tip": dispatcher.messages[1]["answer"]["slug"]}


def test_care_reply_is_warm_not_a_crisis_check(domain):
    for variant in (
        domain["responses"]["utter_safety_care"] + domain["responses"]["utter_safety_care_brief"]
    ):
        text = variant["text"].lower()
        assert "safe" not in text and "crisis" not in text and "{" not in text


async def test_indirect_crisis_gets_the_check_worded_as_a_question(dispatcher, domain):
    t = with_signal(tracker({}, "express_crisis", "no point"), "crisis", "hopeless", False)
    events = await ActionSafetyCrisis().run(dispatcher, t, domain)
    assert slot_events(events) == {"requested_slot": None}  # no crisis assumed
    assert responses(dispatcher) == ["utter_safety_check"]


def test_crisis_check_asks_rather_than_assumes(domain):
    for variant in domain["responses"]["utter_safety_check"]:
        text = variant["text"]
        assert "are you safe right now?" in text
        # the helplines are offered conditionally, never as if a crisis were certain
        assert "If you're" in text and "you're in crisis" not in text


@pytest.mark.parametrize(
    ("text", "code", "emergency", "crisis"),
    [
        ("I live in Toronto. Who would I call if I ever needed help?", "ca", "911", "9-8-8"),
        ("we moved to Melbourne last year, who can I call?", "au", "000", "13 11 14"),
        ("I'm in Glasgow and he hits me", "uk", "999", "116 123"),
        ("I'm from Dublin and I want to die", "ie", "112", "116 123"),
    ],
)
async def test_a_named_country_or_city_sets_the_resources_of_the_same_reply(
    dispatcher, domain, text, code, emergency, crisis
):
    t = tracker({}, "ask_resources", text)
    events = await ActionSafetyResources().run(dispatcher, t, domain)
    assert slot_events(events) == {"country": code}
    message = dispatcher.messages[0]
    assert emergency in message["emergency"] and crisis in message["crisis_line"]


async def test_the_named_country_is_used_in_a_crisis_reply_and_remembered(dispatcher, domain):
    t = tracker({}, "express_crisis", "I'm in Sydney and I want to end it all")
    events = await ActionSafetyCrisis().run(dispatcher, t, domain)
    assert slot_events(events) == {"requested_slot": None, "crisis_active": True, "country": "au"}
    assert "000" in dispatcher.messages[0]["emergency"]


async def test_the_remembered_country_is_kept_when_none_is_named(dispatcher, domain):
    t = tracker({"country": "uk"}, "ask_resources", "who can I call?")
    events = await ActionSafetyResources().run(dispatcher, t, domain)
    assert events == []
    assert "999" in dispatcher.messages[0]["emergency"]


async def test_naming_the_remembered_country_again_sets_nothing(dispatcher, domain):
    t = tracker({"country": "uk"}, "ask_resources", "I'm in London")
    assert await ActionSafetyResources().run(dispatcher, t, domain) == []
