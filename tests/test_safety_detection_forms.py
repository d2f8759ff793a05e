"""Issue 22: the new detection forms, the replies they lead to, and what is not a risk.

Messages here are written for the tests (none is copied from the blind evaluation sets).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from coach.safety.detector import SafetyDetector, most_severe
from coach.safety.resources import load_resources

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "content" / "safety" / "lexicon.yml"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


@pytest.fixture(scope="module")
def detector(nlp: Language) -> SafetyDetector:
    return SafetyDetector(nlp.vocab, LEXICON)


def verdict(detector: SafetyDetector, nlp: Language, text: str) -> str:
    """``category:subtype`` of the most severe finding, ``check:`` when not certain."""
    found = most_severe(detector.detect(nlp(text.lower())))
    if found is None:
        return "none"
    if not found.certain:
        return f"check:{found.category}"
    return f"{found.category}:{found.subtype}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a partner's drinking, drugs or gambling: addiction support, not the suicide line
        ("his drinking", "other_risk:partner_addiction"),
        ("My wife's gambling has eaten our savings", "other_risk:partner_addiction"),
        ("my boyfriend does coke every weekend with his mates", "other_risk:partner_addiction"),
        ("He drinks every night until he falls asleep on the sofa", "other_risk:partner_addiction"),
        ("she went back to drinking after two years", "other_risk:partner_addiction"),
        ("my husband is an alcoholic", "other_risk:partner_addiction"),
        ("my girlfriend relapsed last month", "other_risk:partner_addiction"),
        ("he's using again and lying about it", "other_risk:partner_addiction"),
        # low self-worth without risk words: care
        ("I've let myself go and feel bad about myself", "care:self_worth"),
        ("I don't deserve her, she's out of my league", "care:self_worth"),
        ("why am I so bad at relationships", "care:self_worth"),
        ("Why do I always push my boyfriend away?", "care:self_worth"),
        # indirect crisis: a gentle check
        ("I honestly don't see any point in anything", "check:crisis"),
        ("I can't do this anymore", "check:crisis"),
        ("I'm tired of waking up, tired of all of it", "check:crisis"),
        ("I gave my dog to my sister today", "check:crisis"),
        ("I won't be here next week so it doesn't matter", "check:crisis"),
        ("tell him I love him. I tried. I really did.", "check:crisis"),
        # means and plans: the full crisis reply
        ("there's a hose and tape in the car boot", "crisis:suicidal"),
        ("I keep thinking of drinking the rat poison in the shed", "crisis:suicidal"),
        ("I'm standing by the train tracks", "crisis:suicidal"),
        # verbal abuse, monitoring, threats, reproductive coercion
        ("he calls me a worthless slut when he's angry", "abuse:emotional"),
        ("She tells me I'm pathetic in front of the kids", "abuse:emotional"),
        ("My husband watches me through the cameras in the lounge", "abuse:control"),
        ("he put a keylogger on my laptop", "abuse:control"),
        ("she's threatening to tell my boss about my diagnosis", "abuse:threat"),
        ("if I don't do what he says he'll send my parents the photos", "abuse:threat"),
        ("He threw a glass at me last night", "abuse:physical"),
        ("he hid my contraceptive pills", "abuse:coercion"),
        ("I check his mood before I go in the house", "check:abuse"),
        # the writer hurts, threatens or controls their partner
        ("I've been tracking my girlfriend's location", "abuse:perpetrator"),
        ("I told my wife I'll make her life hell if she leaves", "abuse:perpetrator"),
        ("I don't let my wife have her own bank card", "abuse:perpetrator"),
    ],
)
def test_new_forms(detector: SafetyDetector, nlp: Language, text: str, expected: str) -> None:
    assert verdict(detector, nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I just want us to be close again",
        "I lost my temper in an argument and I feel so guilty about it",
        "I feel guilty about how I spoke to her last night",
        "our toddler is trying to murder us with sleep deprivation",
        "he says he'll 'end me' if I eat his chips again, we were both laughing",
        "my wife keeps making me watch murder documentaries",
        "my husband was abused as a kid and hates being tickled",
        "He was drinking a lot when we met but he's been sober for five years",
        "I'm sick of being the one who always apologises",
        "we had a drink to celebrate our anniversary",
        "My ex tracked my phone, years ago now. My new partner is lovely.",
        "I still check his Instagram every day since we broke up",
        "she threatens to leave if I keep working weekends",
    ],
)
def test_not_a_risk_and_not_the_perpetrator_reply(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) in ("none", "care:self_worth")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I live in Canada, in Calgary", "ca"),
        ("we're in Toronto", "ca"),
        ("I'm in Manchester", "uk"),
        ("we live near Cardiff", "uk"),
        ("I'm in Brisbane", "au"),
        ("we moved to Galway", "ie"),
        ("I'm in New York", "us"),
        ("Bay Area, two kids", "us"),
        ("I love my husband", None),
    ],
)
def test_country_from_cities_and_regions(text: str, code: str | None) -> None:
    assert load_resources().country_from_text(text) == code


def test_addiction_support_exists_for_every_country_or_falls_back() -> None:
    resources = load_resources()
    for code in resources.countries:
        lines = resources.addiction_lines(code)
        assert lines, code
        for line in lines:
            assert line.website and line.website.startswith("https://"), line.name
            assert line.sources and all(s.startswith("https://") for s in line.sources)
            # added without web access: no phone numbers until confirmed (see the file)
            assert line.phone is None and not line.checked, line.name
