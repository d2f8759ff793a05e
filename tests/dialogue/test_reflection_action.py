"""ActionReflectFeelings: the situations stated, named back; nothing added."""

import pytest

from actions.reflection import ActionReflectFeelings
from coach.nlp.situations import SITUATIONS
from coach.reflection import names
from tests.dialogue.conftest import responses, slot_events, tracker


def situation_entities(*values: str) -> list[dict[str, str]]:
    return [{"entity": "situation", "value": v} for v in values]


async def test_one_situation_gets_its_own_reflection(coach_store, dispatcher, domain):
    t = tracker(
        {},
        "feel_disconnected",
        "since the baby we barely talk, for months",
        entities=[
            {"entity": "cause", "value": "new_baby"},
            {"entity": "duration", "value": "months"},
            *situation_entities("new_baby"),
        ],
    )
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    assert slot_events(events) == {
        "situations": ["new_baby"],
        "cause": "new_baby",
        "duration": "months",
    }
    assert responses(dispatcher) == [
        "utter_reflect_new_baby",
        "utter_normalise",
        "utter_offer_questions",
    ]
    # No duration is put into the reflection: only what the person said is said back.
    assert "how_long" not in dispatcher.messages[0]


async def test_two_or_three_situations_are_named_together(coach_store, dispatcher, domain):
    t = tracker(
        {},
        "feel_disconnected",
        "new job, new city, new baby",
        entities=situation_entities("new_job", "moving", "new_baby"),
    )
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    assert responses(dispatcher)[0] == "utter_reflect_several"
    assert dispatcher.messages[0]["situations"] == (
        "a change at work, a move and looking after a young family"
    )
    assert slot_events(events) == {
        "situations": ["new_job", "moving", "new_baby"],
        "cause": "new_job",
    }


async def test_no_situation_gets_the_general_reflection(coach_store, dispatcher, domain):
    t = tracker({}, "feel_disconnected", "we feel distant")
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    assert responses(dispatcher) == [
        "utter_reflect_general",
        "utter_normalise",
        "utter_offer_questions",
    ]
    assert events == []


async def test_situations_add_to_earlier_ones_and_unknown_values_are_ignored(
    coach_store, dispatcher, domain
):
    t = tracker(
        {"situations": ["grief"], "plan": ["x"]},
        "feel_disconnected",
        "and we argue",
        entities=situation_entities("arguing", "not_a_situation"),
    )
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    assert responses(dispatcher) == [
        "utter_reflect_arguing",
        "utter_normalise",
        "utter_offer_plan_again",
    ]
    assert slot_events(events) == {"situations": ["grief", "arguing"], "cause": "conflict"}


@pytest.mark.parametrize("situation", SITUATIONS)
async def test_every_situation_has_its_reflection_in_the_domain(situation, domain):
    assert len(domain["responses"][f"utter_reflect_{situation}"]) >= 3


def test_every_situation_has_a_name_for_combined_reflections():
    assert set(names()) == set(SITUATIONS)


async def test_a_concern_asked_inside_the_story_is_answered_beside_the_reflection(
    coach_store, dispatcher, domain
):
    text = "is it normal to feel like flatmates after 10 years? we never talk"
    t = tracker({}, "feel_disconnected", text)
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    said = responses(dispatcher)
    assert said[0].startswith("utter_reflect_")
    assert said[1] in ("utter_answer_open", "utter_answer_open_own")
    assert said[2:] == ["utter_offer_questions"]
    answered = slot_events(events)["answered_tip"]
    assert coach_store.tip(answered).kind == "answer"
    assert dispatcher.messages[1]["answer"]["slug"] == answered


async def test_a_story_without_a_question_is_reflected_only(coach_store, dispatcher, domain):
    t = tracker({}, "feel_disconnected", "we feel like roommates lately, he's always at work")
    await ActionReflectFeelings().run(dispatcher, t, domain)
    assert "utter_answer_open" not in responses(dispatcher)
    assert "utter_normalise" in responses(dispatcher)


async def test_a_practice_asked_about_in_the_story_waits_for_the_safety_question(
    coach_store, dispatcher, domain
):
    text = "we never touch anymore except a peck goodbye. does hugging actually do anything?"
    t = tracker({}, "feel_disconnected", text)
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    said = responses(dispatcher)
    assert said[0].startswith("utter_reflect_")
    assert said[1:] == ["utter_answer_open_held", "utter_offer_questions"]
    assert slot_events(events)["answered_tip"] == "touch-beyond-the-bedroom"


async def test_a_long_story_asking_is_this_normal_gets_that_answer_after_the_reflection(
    coach_store, dispatcher, domain
):
    text = (
        "Ever since my wife's promotion she's exhausted, and I get it, but we haven't had a real "
        "conversation in months. I feel lonely in my own house. Is this normal? What do I do?"
    )
    events = await ActionReflectFeelings().run(
        dispatcher, tracker({}, "feel_disconnected", text), domain
    )
    assert responses(dispatcher)[1:] == ["utter_answer_open", "utter_offer_questions"]
    assert coach_store.tip(slot_events(events)["answered_tip"]).concern == "normal"


def after_offer(text: str) -> list[dict[str, object]]:
    """Events of a conversation whose last coach message offered the questions."""
    return [
        {"event": "user", "text": "we feel like flatmates"},
        {
            "event": "bot",
            "text": "Could I ask?",
            "metadata": {"utter_action": "utter_offer_questions"},
        },
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
    ]


async def test_a_story_going_on_after_the_offer_starts_the_questions(
    coach_store, dispatcher, domain
):
    text = "couple years? it started when we both went to working from home"
    t = tracker(
        {"situations": ["long_hours"]},
        "feel_disconnected",
        text,
        entities=[
            {"entity": "duration", "value": "year_plus"},
            *situation_entities("work_from_home"),
        ],
        events=after_offer(text),
    )
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    # Only the new situation is reflected, the offer is not made twice: the questions begin.
    assert responses(dispatcher) == [
        "utter_reflect_work_from_home",
        "utter_questions_start_after_answer",
    ]
    assert slot_events(events) == {
        "situations": ["long_hours", "work_from_home"],
        "cause": "routine",
        "duration": "year_plus",
    }
    assert events[-1] == {"event": "followup", "name": "assessment_form", "timestamp": None}


async def test_a_situation_the_store_answers_clearly_gets_its_item_beside_the_reflection(
    coach_store, dispatcher, domain
):
    text = "He works nights, I work days. We literally pass each other in the hallway."
    events = await ActionReflectFeelings().run(
        dispatcher, tracker({}, "feel_disconnected", text), domain
    )
    said = responses(dispatcher)
    assert said[0].startswith("utter_reflect_")
    assert said[1] in ("utter_answer_open", "utter_answer_open_own")
    assert said[-1] == "utter_offer_questions"
    assert coach_store.tip(slot_events(events)["answered_tip"]).concern == "no_time"


async def test_the_same_situation_told_after_the_offer_starts_the_questions(
    coach_store, dispatcher, domain
):
    text = "He works nights, I work days. We literally pass each other in the hallway."
    t = tracker({}, "feel_disconnected", text, events=after_offer(text))
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    assert responses(dispatcher)[-1] == "utter_questions_start_after_answer"
    assert "answered_tip" not in slot_events(events)


async def test_nothing_new_after_the_offer_starts_the_questions_without_a_reflection(
    coach_store, dispatcher, domain
):
    text = "i just feel really far from him"
    t = tracker({}, "feel_disconnected", text, events=after_offer(text))
    events = await ActionReflectFeelings().run(dispatcher, t, domain)
    assert responses(dispatcher) == ["utter_questions_start_after_answer"]
    assert events == [{"event": "followup", "name": "assessment_form", "timestamp": None}]


async def test_a_question_after_the_offer_is_answered_and_the_offer_stands(
    coach_store, dispatcher, domain
):
    text = "we barely talk anymore. is it normal to feel like this after so many years?"
    t = tracker({}, "feel_disconnected", text, events=after_offer(text))
    await ActionReflectFeelings().run(dispatcher, t, domain)
    assert "utter_questions_start_after_answer" not in responses(dispatcher)
    assert responses(dispatcher)[-1] == "utter_offer_questions"
