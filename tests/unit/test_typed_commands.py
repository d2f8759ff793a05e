"""Typed Rasa syntax: bare known commands pass, everything else becomes plain text."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.commands import TypedCommandGuard, decide, neutralised

KNOWN = frozenset(
    {
        "affirm",
        "deny",
        "next_step",
        "feel_safe",
        "inform",
        "express_crisis",
        "check_in",
        "report_outcome",
    }
)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("/affirm", "pass"),
        ("  /next_step ", "pass"),
        ("/restart", "pass"),
        ("/feel_safe", "pass"),
        ('/inform{"feels_safe":"yes"}', "block"),
        ('/feel_safe{"crisis_active": false}', "block"),
        ("/affirm@1.0", "block"),
        ("/no_such_intent", "block"),
        ("/session_start", "block"),
        ("/nlu_fallback", "block"),
        ("/", "block"),
        ("//", "block"),
        ("/affirm and also something", "block"),
        ("hello /affirm", ""),
        ("", ""),
        ("a/b", ""),
        # the check-in buttons' own payloads, and nothing beside them
        ('/check_in{"score": "7"}', "pass"),
        ('/check_in{"score": "10"}', "pass"),
        ('/check_in{"score": "11"}', "block"),
        ('/check_in{"score": "0"}', "block"),
        ('/check_in{"score": 7}', "block"),
        ('/check_in{"score": "7", "crisis_active": "false"}', "block"),
        ('/check_in{"feels_safe": "yes"}', "block"),
        ('/check_in{"score": "7"', "block"),
        ('/check_in["7"]', "block"),
        ('/inform{"score": "7"}', "block"),
        # the follow-up buttons' payloads ("how did it go?"), and nothing beside them
        ('/report_outcome{"outcome": "helped"}', "pass"),
        ('/report_outcome{"outcome": "not_helped"}', "pass"),
        ('/report_outcome{"outcome": "not_done"}', "pass"),
        ('/report_outcome{"outcome": "great"}', "block"),
        ('/report_outcome{"outcome": "helped", "crisis_active": "false"}', "block"),
    ],
)
def test_decide(text, verdict):
    assert decide(text, KNOWN) == verdict


def test_neutralised_drops_only_the_leading_slashes():
    assert neutralised(' //inform{"a": "b"} ') == 'inform{"a": "b"}'
    assert neutralised("/") == "?"


def guard() -> TypedCommandGuard:
    return TypedCommandGuard(None, None, KNOWN)  # type: ignore[arg-type]


def message(text: str, intent: str = "greet", **extra) -> Message:
    m = Message(data={TEXT: text})
    m.set(INTENT, {"name": intent, "confidence": 0.9})
    m.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.9}])
    m.set(ENTITIES, [{"entity": "cause", "value": "new_baby"}])
    for key, value in extra.items():
        m.set(key, value)
    return m


def test_blocked_command_becomes_a_fallback_without_entities():
    m = message('/inform{"feels_safe":"yes"}', "feel_safe")
    guard().process([m])
    assert m.get(TEXT) == 'inform{"feels_safe":"yes"}'  # Rasa's handler no longer unpacks it
    assert m.get(INTENT) == {"name": "nlu_fallback", "confidence": 1.0}
    assert m.get(INTENT_RANKING_KEY) == [{"name": "nlu_fallback", "confidence": 1.0}]
    assert m.get(ENTITIES) == []
    assert m.get("typed_command") == "blocked"


def test_a_safety_finding_in_a_blocked_command_stands():
    safety = {"category": "crisis", "subtype": "", "rule": "x", "certain": True}
    m = message('/greet{"note":"I want to end my life"}', "express_crisis", safety=safety)
    guard().process([m])
    assert m.get(INTENT)["name"] == "express_crisis"
    assert m.get(ENTITIES) == []
    assert not m.get(TEXT).startswith("/")


def test_allowed_commands_and_plain_text_are_untouched():
    for text in ("/next_step", "we feel like roommates"):
        m = message(text)
        guard().process([m])
        assert m.get(TEXT) == text
        assert m.get(INTENT)["name"] == "greet"
        assert m.get(ENTITIES) == [{"entity": "cause", "value": "new_baby"}]
