"""ScopeClassifier in the NLU pipeline: which intents it may change, and how."""

from typing import Any

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from coach.nlp.scope import ScopeModel
from components.entities import situation_entities
from components.scope import ScopeClassifier


@pytest.fixture(scope="module")
def classifier() -> ScopeClassifier:
    return ScopeClassifier(None, None, ScopeModel.default())  # type: ignore[arg-type]


def message(text: str, intent: str) -> Message:
    msg = Message({TEXT: text})
    msg.set(INTENT, {"name": intent, "confidence": 0.8})
    msg.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.8}])
    return msg


OTHER = "I've had insomnia for weeks and wake at 4am every night. What helps with sleep?"


def test_a_coaching_intent_on_another_topic_becomes_out_of_scope(classifier):
    (msg,) = classifier.process([message(OTHER, "request_tips")])
    assert msg.get(INTENT)["name"] == "out_of_scope"
    assert msg.get(INTENT_RANKING_KEY)[0]["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "intent",
    ["inform", "next_step", "report_outcome", "set_country", "ask_data_kept", "ask_resources"],
)
def test_commands_answers_privacy_and_helplines_are_never_changed(classifier, intent):
    (msg,) = classifier.process([message(OTHER, intent)])
    assert msg.get(INTENT)["name"] == intent


@pytest.mark.parametrize("intent", ["express_crisis", "disclose_abuse", "low_self_worth"])
def test_a_risk_guess_of_the_intent_classifier_is_judged_for_scope(classifier, intent):
    # the safety screen, which runs next, decides risk by its own rules and classifier
    (msg,) = classifier.process([message(OTHER, intent)])
    assert msg.get(INTENT)["name"] == "out_of_scope"
    about_us = "My husband and I haven't really talked in months and I feel so alone at home."
    (msg,) = classifier.process([message(about_us, intent)])
    assert msg.get(INTENT)["name"] == intent


def test_a_follow_up_leaves_scope_only_when_surely_about_something_else(classifier):
    (msg,) = classifier.process([message("explain how a tracker mortgage works", "tell_more")])
    assert msg.get(INTENT)["name"] == "out_of_scope"
    (msg,) = classifier.process([message("why would that work for us", "ask_why")])
    assert msg.get(INTENT)["name"] == "ask_why"
    (msg,) = classifier.process([message("how am I doing with all this so far", "ask_progress")])
    assert msg.get(INTENT)["name"] == "ask_progress"


def test_relationship_question_stays(classifier):
    text = "How can we talk more when my husband comes home from work exhausted every night?"
    (msg,) = classifier.process([message(text, "ask_question")])
    assert msg.get(INTENT)["name"] == "ask_question"


def test_a_clear_question_leaves_scope_only_when_surely_about_something_else(classifier):
    other = "My landlord still hasn't fixed the boiler after three weeks. What are my rights?"
    (msg,) = classifier.process([message(other, "ask_question")])
    assert msg.get(INTENT)["name"] == "out_of_scope"
    named = "My wife says the landlord should fix the boiler. What are our rights as tenants?"
    (msg,) = classifier.process([message(named, "ask_question")])
    assert msg.get(INTENT)["name"] == "out_of_scope"  # a partner named only in passing
    rows = "My husband and I keep arguing about the boiler the landlord won't fix. What do we do?"
    (msg,) = classifier.process([message(rows, "ask_question")])
    assert msg.get(INTENT)["name"] == "ask_question"
    leaving = "my mum keeps telling me to dump him. is it time?"
    (msg,) = classifier.process([message(leaving, "ask_question")])
    assert msg.get(INTENT)["name"] == "ask_question"


def test_untrained_changes_nothing():
    untrained = ScopeClassifier(None, None)  # type: ignore[arg-type]
    (msg,) = untrained.process([message(OTHER, "request_tips")])
    assert msg.get(INTENT)["name"] == "request_tips"


def test_default_config_tracks_the_scope_content():
    assert ScopeClassifier.get_default_config()["scope_data"]


def test_situation_spans_share_the_words_of_an_overlapping_entity():
    text = "since the baby came"
    others: list[dict[str, Any]] = [{"entity": "cause", "start": 10, "end": 14}]
    (found,) = situation_entities(text, others)
    assert (found["entity"], found["value"], found["start"], found["end"]) == (
        "situation",
        "new_baby",
        10,
        14,
    )
    assert found["text"] == "baby"


def test_a_coach_topic_or_relational_entity_keeps_scope_unless_surely_about_something_else(
    classifier,
):
    def tips(text: str, entity: dict[str, Any]) -> Message:
        msg = message(text, "request_tips")
        msg.set("entities", [entity])
        return msg

    raise_ = "My boyfriend says I should ask for a raise. How do I negotiate my salary at work?"
    (msg,) = classifier.process([tips(raise_, {"entity": "topic", "value": "communication"})])
    assert msg.get(INTENT)["name"] == "out_of_scope"
    ours = "how do we talk to each other without it turning into a row"
    (msg,) = classifier.process([tips(ours, {"entity": "topic", "value": "communication"})])
    assert msg.get(INTENT)["name"] == "request_tips"
    fights = "we keep fighting about chores, how do we stop"
    (msg,) = classifier.process([tips(fights, {"entity": "situation", "value": "arguing"})])
    assert msg.get(INTENT)["name"] == "request_tips"


@pytest.fixture(scope="module")
def twinned() -> ScopeClassifier:
    model, twin = ScopeModel.default(), ScopeModel.question_twin()
    return ScopeClassifier(None, None, model, twin)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["is magnesium ok to take every evening", "is five hours sleep enough before a long drive"],
)
def test_a_clear_question_naming_no_partner_leaves_when_both_classifiers_judge_it_out(
    twinned, text
):
    (msg,) = twinned.process([message(text, "ask_question")])
    assert msg.get(INTENT)["name"] == "out_of_scope"
    assert msg.get(INTENT_RANKING_KEY)[0]["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "is it my fault?",  # the classifier alone judges it out; its question twin does not
        "what kind of therapy helps with this",
        "should I tell him how I feel or wait",
        "how do i get my wife to open up to me",
    ],
)
def test_a_clear_question_about_the_couple_stays_with_the_twin(twinned, text):
    (msg,) = twinned.process([message(text, "ask_question")])
    assert msg.get(INTENT)["name"] == "ask_question"


def test_without_a_twin_a_clear_question_needs_a_sure_classifier(classifier):
    (msg,) = classifier.process([message("is magnesium ok to take every evening", "ask_question")])
    assert msg.get(INTENT)["name"] == "ask_question"
