"""Issue 22, second pass: indirect crisis and everyday control as grammar, and their limits.

Messages here are written for the tests (none is copied from an evaluation set).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from coach.safety.detector import SafetyDetector, most_severe


def verdict(detector: SafetyDetector, nlp: Language, text: str) -> str:
    """``check:category`` for a gentle check, ``category:subtype`` when certain, or ``none``."""
    found = most_severe(detector.detect(nlp(text.lower())))
    if found is None:
        return "none"
    if not found.certain:
        return f"check:{found.category}"
    return f"{found.category}:{found.subtype}"


@pytest.mark.parametrize(
    "text",
    [
        "honestly i won't be around to see how this ends",
        "I doubt I'll be here by the time the kids finish school.",
        "not sure i'll make it to christmas tbh",
        "some days i don't know why i'm even still here",
        "what i can't get used to is still being alive",
        "if it's always going to be like this i'd rather not be here at all",
        "Don't worry, I'll be out of everyone's hair soon.",
        "they won't have to deal with me for much longer",
        "is 30 sertraline enough",
        "there are fresh marks on my stomach and he wants to go swimming",
        "I checked whether the life insurance pays out if it's my own doing.",
        "my husband and i are strangers. disappearing for good sounds peaceful",
        "bye then. thanks for trying",
    ],
)
def test_indirect_crisis_gets_a_check(detector: SafetyDetector, nlp: Language, text: str) -> None:
    assert verdict(detector, nlp, text) == "check:crisis"


def test_hoping_not_to_wake_up_in_the_morning_is_a_crisis(
    detector: SafetyDetector, nlp: Language
) -> None:
    text = "Most nights I hope I don't wake up in the morning."
    assert verdict(detector, nlp, text) == "crisis:suicidal"


@pytest.mark.parametrize(
    "text",
    [
        "I have to show him my phone every night before we go to sleep.",
        "she makes me hand over my wages on payday",
        "when he's had a bad day i know i'm going to pay for it later",
        "I need his permission to see my own sister.",
        "he picks what I wear every morning",
        "i'm scared to go home tonight",
    ],
)
def test_everyday_control_gets_a_check(detector: SafetyDetector, nlp: Language, text: str) -> None:
    assert verdict(detector, nlp, text) == "check:abuse"


@pytest.mark.parametrize(
    "text",
    [
        "I'm not sure I'll make it to the gym this week.",
        "I'll pay for it later, he said, so I let him buy dinner.",
        "I've made my mind up, we're repainting the kitchen.",
        "We counted our savings twice and there's enough for a weekend away.",
        "how do I get him to see a doctor about his back?",
        "I wake up in a bad mood most days.",
        "we took out life insurance when we bought the house",
        "I don't really know why I'm here, my friend said to try this.",
        "I'll be here for her whatever happens.",
        "I send him my location when I walk home late.",
        "I want to strangle my husband sometimes, the socks are everywhere.",
    ],
)
def test_ordinary_words_stay_ordinary(detector: SafetyDetector, nlp: Language, text: str) -> None:
    assert verdict(detector, nlp, text) == "none"
