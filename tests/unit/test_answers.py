"""The answer index: open questions find the store's answer, or nothing (then the coach asks)."""

from __future__ import annotations

import pytest

from coach.answers import (
    ASK_QUESTION,
    AnswerIndex,
    answers_instead,
    is_question,
    normalise,
)
from coach.store.queries import GuidanceStore


@pytest.fixture(scope="module")
def index(sqlite_engine) -> AnswerIndex:
    return AnswerIndex(GuidanceStore(sqlite_engine).all_tips())


@pytest.mark.parametrize(
    ("question", "concern"),
    [
        ("is it normal to feel this distant after ten years?", "normal"),
        ("i feel like a failure as a husband", "self_blame"),
        ("should i just leave him", "should_leave"),
        ("what if she gets defensive when i bring it up", "defensive_partner"),
        ("my partner won't even try", "partner_wont_try"),
        ("we live in different countries, can this still work", "long_distance"),
        ("we have basically zero time, what's the quickest thing", "no_time"),
        ("we tried talking about it and it ended in a huge fight", "tried_and_fought"),
        ("is forgiving her the same as saying what she did was ok?", "forgiveness"),
        ("when should we see a couples counsellor", "get_help"),
    ],
)
def test_concerns_find_their_answer(index, question, concern):
    found = index.find(question)
    assert found.answer is not None, found.candidates[:3]
    assert found.answer.tip.concern == concern, found.candidates[:3]


def test_the_coach_s_own_exercises_are_answered(index):
    found = index.find("what is the seven breaths exercise")
    assert found.answer is not None
    assert found.answer.tip.slug == "exercise-seven-breaths"


def test_typos_still_match(index):
    found = index.find("wat if he gets defensve when i bring it upp")
    assert found.answer is not None
    assert found.answer.tip.concern == "defensive_partner"


@pytest.mark.parametrize(
    "text",
    [
        "what's the capital of peru",
        "",
        "   ",
        "😢😢😢",
        '"; DROP TABLE tips; --',
        'tips_fts MATCH "x" OR NEAR(a b) * ^title:',
        "asdfgh qwerty zxcvb",
    ],
)
def test_nothing_matches_gives_no_answer(index, text):
    assert index.find(text).answer is None


def test_a_huge_message_is_handled(index):
    found = index.find("is it normal to feel distant? " * 700)  # about 20,000 characters
    assert found.answer is not None
    assert found.answer.tip.concern == "normal"


def test_an_empty_store_answers_nothing():
    assert AnswerIndex([]).find("is it normal?").answer is None


def test_everyday_spellings_are_normalised():
    assert normalise("ur bf won't talk 2 u lol") == "your boyfriend won't talk 2 you"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("should i just leave", True),
        ("what would i actually say to her", True),
        ("i don't know how to tell her what i need", True),
        ("we feel like roommates lately", False),
        ("he works nights and we never see each other.", False),
        ("I feel like a failure", True),
    ],
)
def test_questions_and_concerns_are_recognised(text, expected):
    assert is_question(text) is expected


def test_routing_keeps_specific_intents(index):
    found = index.find("should i just leave him")
    assert answers_instead("should i just leave him", "nlu_fallback", found)
    assert answers_instead("should i just leave him", "feel_disconnected", found)
    assert not answers_instead("should i just leave him", "stop", found)
    assert not answers_instead("/greet", "nlu_fallback", index.find("/greet"))
    description = "we feel like roommates since the baby came"
    assert not answers_instead(description, "feel_disconnected", index.find(description))
    assert ASK_QUESTION == "ask_question"


def test_a_request_for_a_plan_stays_a_request_for_a_plan(index):
    for text in ("have you got a plan for couples who drifted apart?", "can you make me a plan"):
        assert not answers_instead(text, "request_tips", index.find(text))
    for text in ("what would I actually say to her", "which one takes the least time"):
        assert not answers_instead(text, "ask_what_to_say", index.find(text))
        assert not answers_instead(text, "ask_quickest", index.find(text))


def test_a_fixed_explanation_gives_way_when_the_question_is_about_something_else(index):
    text = "Is it normal to fight this much before marriage?"
    assert answers_instead(text, "ask_how_long", index.find(text))
    # a question about how long keeps its own explanation
    text = "how long does it usually take to feel close again?"
    assert not answers_instead(text, "ask_how_long", index.find(text))
    text = "what does intimacy even mean if it's not sex"
    assert not answers_instead(text, "ask_intimacy_vs_sex", index.find(text))
