"""Issue 22, session 17: the safety rules read who is the target, what is negated, and idioms.

Each false alarm below got a full safety reply or a gentle check before (a treatment named
after "go on", a visa that forbids work, distance called a wall, being taken somewhere, giving
up told as a step in a story, "what's the point" of talking, a partner called "baby"). Next to
each, a close real risk that must still fire. Messages are written for these tests (none is
copied from the blind evaluation sets).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from coach.safety.detector import SafetyDetector, most_severe


def verdict(detector: SafetyDetector, nlp: Language, text: str) -> str:
    """``category:subtype`` of the most severe finding, ``check:`` when not certain."""
    found = most_severe(detector.detect(nlp(text.lower())))
    if found is None:
        return "none"
    if not found.certain:
        return f"check:{found.category}"
    return f"{found.category}:{found.subtype}"


@pytest.mark.parametrize(
    "text",
    [
        # a treatment or a plan one "goes on"
        "i don't want to go on antidepressants, can therapy be enough?",
        "my GP says I should try meds but I really don't want to go on medication yet",
        "she doesn't want to go on a diet with me",
        # a visa, a doctor or a parent decides, not a partner
        "I'm not allowed to work on my spouse visa until next spring and the days are long",
        "not allowed to drive for six months after the seizure so he drives me everywhere",
        "my mum won't let me get a weekend job while I'm revising",
        # distance called a wall
        "the stress of the move has put a wall between us",
        "it feels like he's put a wall up between us since the baby",
        # taken somewhere one did not want to go
        "my sister keeps dragging me here to talk about my marriage",
        "he's dragging me to couples counselling on thursday",
        "she dragged me into another argument about her mother",
        "I worry I'm dragging her down with my low mood",
        # giving up told as a step in a story
        "she stopped making an effort, then i gave up too",
        "we tried counselling for a year and in the end i gave up",
        # the point of talking, named just before
        "every time I raise it we fight, so what's the point?",
        "i stopped telling her things because what's the point",
        # someone else's funeral, a partner called "baby"
        "since her dad died I arranged the funeral and she hasn't spoken to me properly",
        "i ask my baby what's wrong and he says nothing babe, every single time",
        # leaving for a weekend, a habit about a thing, the partner's ex, a chore
        "he's threatening to go back to his mum's for the weekend if I don't tidy up",
        "my boyfriend is so controlling about the thermostat lol",
        "my wife's ex was controlling and she still flinches at raised voices",
        "I'd rather die than sit through another of his office parties",
        "I'm scared she'll hit her head when she has a seizure",
    ],
)
def test_ordinary_messages_are_not_risks(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "none"


def test_not_worth_it_about_oneself_is_low_self_worth(
    detector: SafetyDetector, nlp: Language
) -> None:
    text = "I always think she'll realise I'm not worth it and leave"
    assert verdict(detector, nlp, text) == "care:self_worth"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i don't want to go on living", "crisis:suicidal"),
        ("i don't want to go on like this", "crisis:suicidal"),
        ("honestly i dont want to go on", "crisis:suicidal"),
        ("i don't want to go on. i'm so tired of everything", "crisis:suicidal"),
        ("life's not worth it anymore", "crisis:suicidal"),
        ("i'd rather die than live like this", "crisis:suicidal"),
        ("i've sorted my funeral and written my letters", "crisis:suicidal"),
        ("i give up.", "check:crisis"),
        ("what's the point", "check:crisis"),
        ("he laughs when i tell him how i feel, so what's the point of me", "crisis:suicidal"),
        ("he won't let me work or see my friends", "abuse:control"),
        ("I'm not allowed to work, he says a wife stays home", "abuse:control"),
        ("my husband won't let me have my own bank account", "abuse:control"),
        ("he put his fist through the bedroom door", "abuse:intimidation"),
        ("he dragged me by my hair", "abuse:physical"),
        ("he dragged me to the floor and kicked me", "abuse:physical"),
        ("he dragged me into the bedroom and locked the door", "abuse:physical"),
        ("he dragged me out of the car", "abuse:physical"),
        ("he dragged me down the stairs", "abuse:physical"),
        ("my baby hit me last night when he was drunk", "abuse:physical"),
        ("my baby keeps slapping me in front of his mates", "abuse:physical"),
        ("she's threatening to go back to her mum's with the kids", "abuse:threat"),
        ("he's threatening to move out with the kids and never come back", "abuse:threat"),
        ("he's so controlling about money", "abuse:control"),
        ("my ex was abusive and he still turns up at my work", "abuse:physical"),
        ("he'll hit her head against the wall again", "abuse:third_party"),
    ],
)
def test_close_real_risks_still_fire(
    detector: SafetyDetector, nlp: Language, text: str, expected: str
) -> None:
    assert verdict(detector, nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the baby kicked me all night, 34 weeks now",
        "our baby bit me while feeding",
        "my baby hits me when i change his nappy",
    ],
)
def test_what_an_infant_does_is_not_abuse(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "none"
