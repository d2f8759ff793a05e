"""Issue 22, fourth pass: fear, rage and money scrutiny at home in everyday words.

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
        "some nights i lock myself in the spare room till he's calmed down",
        "I sleep with the bedroom door locked when she's been drinking.",
        "there's a chair against the bedroom door most nights because of his temper",
        "he kicked the dining chairs over because the dinner was cold",
        "My wife flipped the coffee table when I said I was going out.",
        "he hurls plates against the wall and then says it's my fault",
        "my boyfriend keeps a spreadsheet of every penny i spend",
        "she makes me justify every purchase, even a coffee",
        "I have to explain every receipt to him on Sundays.",
        "made sure the dog has somewhere to go. i feel calm now",
    ],
)
def test_everyday_fear_and_rage_get_a_check(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text).startswith("check:")


def test_not_knowing_what_he_will_do_next_to_a_locked_door_is_fear(
    detector: SafetyDetector, nlp: Language
) -> None:
    text = "I keep the door locked at night because I don't know what he'll do."
    assert verdict(detector, nlp, text) == "abuse:fear"


@pytest.mark.parametrize(
    "text",
    [
        "I lock myself in the bathroom for ten minutes of peace from the kids.",
        "We flipped the table over to fix the wobbly leg.",
        "I turned the tables on him at scrabble last night.",
        "We keep track of every penny we spend because we're saving for a house.",
        "I threw my phone across the room when I saw the gas bill.",
        "our toddler throws his cup across the kitchen at every meal",
        "I made sure the dog has been fed before we left.",
        "I don't know what he wants for his birthday.",
    ],
)
def test_ordinary_words_stay_ordinary(detector: SafetyDetector, nlp: Language, text: str) -> None:
    assert verdict(detector, nlp, text) == "none"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("she drives over every night checking on her dad since the stroke", "checking on her dad"),
        (
            "we relocated to leeds for my wife's new job in may",
            "relocated to leeds for my wife's new job",
        ),
        ("honestly i don't know anyone here yet", "don't know anyone here"),
        (
            "he comes home completely knackered and goes straight to bed",
            "comes home completely knackered",
        ),
    ],
)
def test_ordinary_family_strains_are_not_scored(
    detector: SafetyDetector, nlp: Language, text: str, phrase: str
) -> None:
    """Sentences of ordinary strain are left out of the classifier (the rules still read them)."""
    assert detector.screen(nlp(text)).ordinary == (phrase,)


def test_not_knowing_anyone_who_would_notice_is_not_ordinary(
    detector: SafetyDetector, nlp: Language
) -> None:
    screening = detector.screen(nlp("i don't know anyone who would notice if i was gone"))
    assert screening.ordinary == ()
    assert screening.found


@pytest.mark.parametrize(
    "text",
    [
        "since he lost his job the gambling has got worse and worse",
        "the drinking crept up after his mum died",
        "by seven she's on the vodka every night",
    ],
)
def test_a_partners_habit_gets_addiction_support(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "other_risk:partner_addiction"


def test_the_drinking_of_a_party_is_not_a_partners_habit(
    detector: SafetyDetector, nlp: Language
) -> None:
    assert verdict(detector, nlp, "at the wedding the drinking started at noon") == "none"


@pytest.mark.parametrize(
    "text",
    [
        "we all tiptoe round him when he's in one of his moods",
        "i check what mood he's in from the car before i go inside",
    ],
)
def test_tiptoeing_around_a_partner_gets_a_check(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "check:abuse"


def test_tiptoeing_around_a_topic_is_ordinary(detector: SafetyDetector, nlp: Language) -> None:
    assert verdict(detector, nlp, "we tiptoe around her feelings about her sister") == "none"


def test_not_taking_no_in_the_bedroom_is_coercion(detector: SafetyDetector, nlp: Language) -> None:
    text = "he won't take no for an answer in the bedroom"
    assert verdict(detector, nlp, text) == "abuse:coercion"


@pytest.mark.parametrize(
    "text",
    [
        "some nights i just want to switch off for good",
        "she's gone, work's gone, i'm out of reasons.",
        "i used to have reasons not to. i'm struggling to name one now",
        "honestly i'm done with everything. not just us",
        "the only thing keeping me here is my little girl",
        "i've been clearing out my emails so there's less for my family to sort later",
        "does the mortgage insurance pay out if it's self-inflicted",
        "i doubt i'll still be here by the time the divorce goes through",
    ],
)
def test_more_indirect_crisis_gets_a_check(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "check:crisis"


@pytest.mark.parametrize(
    "text",
    [
        "i keep the kids quiet all evening so he doesn't kick off",
        "the flat only feels safe when she's at work",
        "I'm not allowed to lock the bathroom door.",
        "if i say no to sex he goes silent for days",
        "we tiptoe round his moods every evening, he has such a temper",
    ],
)
def test_appeasing_a_partner_gets_a_check(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "check:abuse"


@pytest.mark.parametrize(
    "text",
    [
        "I switch my phone off for good at nine so we can talk.",
        "I'm so done with work this week.",
        "I'm done with everything he says about my mum, it's so unfair.",
        "The only thing keeping me sane is the gym.",
        "I tidied up so there's less for him to do when he gets in.",
        "I bought the blue one so he doesn't go on about it.",
        "She's out of reasons to blame me now that I've apologised.",
    ],
)
def test_everyday_versions_stay_ordinary(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "how do i switch off for her when we finally get an evening alone",
        "after my dad died i shut down for about a year",
    ],
)
def test_switching_off_for_someone_is_ordinary(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "none"
