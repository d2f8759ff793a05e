"""Variant choice: never the same reply twice in a conversation, when a variant is left."""

import random

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.interrupt import ask_response
from coach.variants import choose, least_recent, near_duplicate, unused, words_changed
from components.nlg import VariedNaturalLanguageGenerator, again_names


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("That sounds hard.", "That sounds hard.", True),
        ("That sounds really hard.", "That sounds hard!", True),
        ("Drifting apart is very common.", "Drifting apart is so very common, honestly.", True),
        ("Could I ask a few quick questions?", "Would you like a tip about talking more?", False),
        ("", "", True),
        ("", "Hello there", False),
    ],
)
def test_near_duplicate(a, b, same):
    assert near_duplicate(a, b) is same


def test_long_texts_differing_in_a_few_words_are_the_same():
    plan = " ".join(f"word{i}" for i in range(60))
    assert near_duplicate("Your plan: " + plan, plan + " Shall we start with the first?")
    assert words_changed("a b c", "a x c") == 1


def test_choose_skips_what_was_said():
    candidates = ["First way of saying it here.", "Second, quite different wording now.", "Third."]
    sent = ["First way of saying it here!", "Third."]
    assert unused(candidates, sent) == [1]
    assert choose(candidates, sent, random.Random(0)) == 1


def test_choose_returns_none_when_all_used():
    assert (
        choose(
            ["One reply here.", "Another reply there."], ["One reply here.", "Another reply there."]
        )
        is None
    )


def test_least_recent_when_all_used():
    candidates = ["alpha beta gamma delta", "one two three four five six"]
    sent = ["one two three four five six", "alpha beta gamma delta"]
    assert least_recent(candidates, sent) == 1  # "one two..." was said longest ago


def test_again_names():
    assert again_names("utter_reflect_new_baby") == [
        "utter_reflect_new_baby_again",
        "utter_reflect_new_again",
        "utter_reflect_again",
    ]


RESPONSES = {
    "utter_normalise": [
        {"text": "Drifting apart is very common and can be turned around."},
        {"text": "Lots of couples go through stretches like this one."},
    ],
    "utter_normalise_again": [{"custom": {"skip_when_used_up": True}}],
    "utter_reflect_grief": [{"text": "I'm so sorry for your loss; grief can isolate two people."}],
    "utter_reflect_again": [{"text": "Thank you for telling me more about it all."}],
    "utter_plan_show": [{"text": "Your plan:\n{plan_text}"}],
    "utter_plan_show_again": [{"text": "It's the same plan as above."}],
    "utter_reflect_several": [{"text": "That's a lot at once: {situations}."}],
}


def tracker_with(*bot_texts: str) -> DialogueStateTracker:
    events = [UserUttered("hi")] + [BotUttered(text) for text in bot_texts]
    return DialogueStateTracker.from_events("u", events)


@pytest.fixture
def nlg() -> VariedNaturalLanguageGenerator:
    return VariedNaturalLanguageGenerator(responses=RESPONSES, rng=random.Random(1))


async def test_picks_the_variant_not_used_yet(nlg):
    tracker = tracker_with("Drifting apart is very common and can be turned around.")
    reply = await nlg.generate("utter_normalise", tracker, "rest")
    assert reply["text"] == "Lots of couples go through stretches like this one."


async def test_used_up_reply_that_may_be_left_out_is_left_out(nlg):
    tracker = tracker_with(
        "Drifting apart is very common and can be turned around.",
        "Lots of couples go through stretches like this one.",
    )
    assert await nlg.generate("utter_normalise", tracker, "rest") is None


async def test_used_up_reflection_falls_back_to_its_family(nlg):
    tracker = tracker_with("I'm so sorry for your loss; grief can isolate two people.")
    reply = await nlg.generate("utter_reflect_grief", tracker, "rest")
    assert reply["text"] == "Thank you for telling me more about it all."


async def test_a_long_text_shown_before_is_referred_to_briefly(nlg):
    plan = "\n".join(f"{i}. Tip number {i}: a summary of what to try this week." for i in range(3))
    tracker = tracker_with(f"Your plan:\n{plan}")
    reply = await nlg.generate("utter_plan_show", tracker, "rest", plan_text=plan)
    assert reply["text"] == "It's the same plan as above."


async def test_values_are_filled_in(nlg):
    reply = await nlg.generate(
        "utter_reflect_several", tracker_with(), "rest", situations="a move and a new job"
    )
    assert reply["text"] == "That's a lot at once: a move and a new job."


async def test_repeats_only_when_nothing_else_is_left(nlg):
    tracker = tracker_with("That's a lot at once: a move and a new job.")
    reply = await nlg.generate(
        "utter_reflect_several", tracker, "rest", situations="a move and a new job"
    )
    # utter_reflect_again is the family's other wording.
    assert reply["text"] == "Thank you for telling me more about it all."


async def test_unknown_response_is_none(nlg):
    assert await nlg.generate("utter_nothing", tracker_with(), "rest") is None


def test_every_domain_response_loads_in_the_generator():
    domain = Domain.load("domain")
    nlg = VariedNaturalLanguageGenerator(domain=domain)
    assert "utter_reflect_several" in nlg.responses
    assert "utter_data_kept_again" in nlg.responses


QUESTIONS = ("duration", "cause", "pulled_away", "feels_safe", "partner_open")


@pytest.mark.parametrize("slot", QUESTIONS)
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_a_question_asked_nine_times_never_repeats_an_earlier_message(slot, seed):
    """Issue 19: each re-ask (action_ask_<slot>'s response, then the NLG's variant) is new.

    Asked nine times in a row (eight replies that were not answers, or requests answered in
    between), no prompt is the same as, or within three words of, any earlier message.
    """
    nlg = VariedNaturalLanguageGenerator(domain=Domain.load("domain"), rng=random.Random(seed))
    said: list[str] = []
    for times in range(1, 10):
        reply = await nlg.generate(ask_response(slot, times), tracker_with(*said), "rest")
        assert reply is not None
        text = reply["text"]
        assert not [s for s in said if near_duplicate(text, s)], (times, text)
        said.append(text)
    assert len(said) == 9
