"""Issue 22 (2026-12-06, safe-23): relationship words that read like a risk out of context.

Leaving the relationship is not leaving life, the point of talking is not the point of
living, fear of upsetting a partner is not fear of them, an illness relapses too, and
questioning the safety question is not a disclosure; the same words around a real risk
still find it. Messages are written for the tests (none is copied from any evaluation set).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from coach.safety.detector import SafetyDetector, most_severe

LEXICON = Path(__file__).resolve().parent.parent / "content" / "safety" / "lexicon.yml"


def verdict(detector: SafetyDetector, nlp: Language, text: str) -> str:
    """``category:subtype`` of the most severe finding, ``check:`` when not certain."""
    found = most_severe(detector.detect(nlp(text)))
    if found is None:
        return "none"
    if not found.certain:
        return f"check:{found.category}"
    return f"{found.category}:{found.subtype}"


@pytest.mark.parametrize(
    ("text", "cleared"),
    [
        ("been thinking about ending it w my boyfriend, we barely speak", "crisis"),
        ("should I end it with him or give counselling a go first?", "crisis"),
        ("i'm considering ending things with her after christmas", "crisis"),
        ("we try to talk and it always ends in a fight. so what's the point", "crisis"),
        ("honestly what's the point in talking to him about it", "crisis"),
        ("what's the point of trying to plan anything with her", "crisis"),
        ("why would I not feel safe with him? he's lovely", "abuse"),
        ("why wouldn't i feel safe", "abuse"),
        ("my husband has MS and had a relapse over the winter", "other_risk"),
        ("her cancer relapsed last year and we've both been scared since", "other_risk"),
    ],
)
def test_relationship_words_are_not_a_risk(
    detector: SafetyDetector, nlp: Language, text: str, cleared: str
) -> None:
    doc = nlp(text)
    screening = detector.screen(doc)
    assert screening.found == []
    # a rule that matched the words was dropped as an idiom, so the classifier stays
    # silent on its category too
    candidates = [c for c in detector.explain(doc) if c.detection.category == cleared]
    assert all(str(c.dropped).startswith("idiom") for c in candidates)
    assert (cleared in screening.cleared) == bool(candidates)


def test_fear_of_upsetting_a_partner_is_not_fear_of_them(
    detector: SafetyDetector, nlp: Language
) -> None:
    assert verdict(detector, nlp, "I've gone quiet because I'm afraid of upsetting him") == "none"
    assert verdict(detector, nlp, "i'm scared to set him off again") == "abuse:fear"
    assert verdict(detector, nlp, "I'm terrified of him") == "abuse:fear"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the relationship ending beside a life ending: still a crisis
        ("thinking of ending it with my gf and then ending it all", "crisis:suicidal"),
        ("I feel like ending it", "crisis:suicidal"),
        # the point of living, of me, of trying on its own
        ("what's the point of living", "crisis:suicidal"),
        ("it always ends in a row so what's the point of me being here", "crisis:suicidal"),
        ("what's the point in trying anymore", "check:crisis"),
        ("so what's the point. nobody would miss me", "crisis:suicidal"),
        # "why would I feel safe?" (no negation) is a worry, not a rhetorical question
        ("why would I not feel safe? he only hit me once", "abuse:physical"),
        # a relapse into drink or drugs is still one
        ("she has MS but she's relapsed into drinking every day", "other_risk:partner_addiction"),
        ("my boyfriend relapsed last month", "other_risk:partner_addiction"),
        ("i just want out of life", "crisis:suicidal"),
    ],
)
def test_the_same_words_around_a_risk_still_find_it(
    detector: SafetyDetector, nlp: Language, text: str, expected: str
) -> None:
    assert verdict(detector, nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        ("part of me wants to walk away", True),
        ("is it wrong to want out when he's done nothing wrong", True),
        ("I want out of this marriage", True),
        ("I keep thinking about walking away from her", True),
        ("i want to walk away from everything", False),
        ("i just want out of it all", False),
        ("i want out of life", False),
    ],
)
def test_wanting_out_of_the_relationship_is_an_ordinary_phrase(
    detector: SafetyDetector, nlp: Language, text: str, ordinary: bool
) -> None:
    assert bool(detector.screen(nlp(text)).ordinary) is ordinary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # walking on eggshells is an everyday word: a check, as for "toxic"
        ("i'm walking on eggshells at home since her operation", "check:abuse"),
        # around a child or a parent it is not about the partner at all
        ("I feel like I'm walking on eggshells around our teenage daughter", "none"),
        ("walking on eggshells with my mum since dad died", "none"),
        # fear of setting a partner off is still fear of them
        ("I walk on eggshells because I'm terrified of setting him off", "abuse:fear"),
        # figures of speech and a bereavement
        ("overdosed on coffee before the meeting, hands shaking", "none"),
        ("he lost his sister to an overdose and hasn't been the same", "none"),
        ("work is burning me out and I've nothing left for her", "none"),
        ("she says nothing physical happened with him", "none"),
        ("what's the point of me cooking every night if he eats in front of the telly", "none"),
        # the same words around a real risk
        ("i overdosed on my tablets last night", "crisis:overdose"),
        ("he burns me with cigarettes when he's angry", "abuse:physical"),
        ("what's the point of me being here", "crisis:suicidal"),
        ("he says nothing i do is right and calls me useless", "abuse:emotional"),
    ],
)
def test_everyday_figures_of_speech(
    detector: SafetyDetector, nlp: Language, text: str, expected: str
) -> None:
    assert verdict(detector, nlp, text) == expected
