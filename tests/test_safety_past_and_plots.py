"""Session 20 (safe14): rule scopes behind false checks on everyday stories.

A past self-harm or attempt told as past, by someone well now, stays past when "still" or
"last night" elsewhere in the message is about something else; "in my early twenties" reads
as past; a film, book or podcast told by its plot is other people's story; weighing whether
to end it is about the relationship; tiptoeing around a moody partner is everyday unless
temper, fear or keeping the peace stands beside it. Next to each, a close real risk that
must still fire. Messages are written for these tests (none is copied from the blind sets).
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
        # "still" and "last night" about something else
        "I self-harmed as a teenager but I've been well for years now. We still fight about "
        "his mother though and I want that to stop.",
        "I used to self harm when I was at uni. I haven't done it in years. My husband saw "
        "the marks on my thigh last night and went quiet.",
        "I used to cut as a teen. I haven't done it in over a decade. I still have a few "
        "faint lines and my fiance wants to know about them.",
        # the early, mid or late part of a decade of life
        "I tried to take my life in my early twenties. That was fifteen years ago and I've "
        "been well since then. How do I tell my new partner?",
        "In my late teens I self harmed for a while, but I've been doing well for years now.",
        # said to be behind them, or free of it
        "I tried to kill myself once in my twenties. It's all behind me, I have a good life.",
        "I used to self harm years ago. I've been free of it for six years.",
    ],
)
def test_a_past_crisis_told_as_past_is_not_a_finding(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "I used to self harm as a teenager and I've been well for years. But I still do it "
        "sometimes when it gets bad.",
        "I self-harmed in my twenties and I've been well since then, but last night I cut again.",
        "I used to self harm in my teens, I'm doing well now but I did it last night.",
        "I used to self harm as a teen, been doing well for years. Last night I did it.",
        "I self harmed at uni and had been well for years, but the urges are back lately.",
        "I used to self harm years ago and I still do sometimes even though I'm doing well now.",
    ],
)
def test_a_past_crisis_that_is_happening_now_still_fires(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert "crisis" in verdict(detector, nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "we watched a movie where the wife jumps off a bridge at the end and he cried",
        "she's reading a novel about a man who kills himself after his divorce",
        "the podcast episode was about a husband who strangled his wife, creepy stuff",
        "we saw a play about a woman who overdoses on her pills, is it weird i liked it",
    ],
)
def test_a_plot_is_other_peoples_story(detector: SafetyDetector, nlp: Language, text: str) -> None:
    assert verdict(detector, nlp, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "there was a film where he hit her and it reminded me of when my husband hit me",
        "after that documentary about suicide i keep thinking about how i would kill myself",
    ],
)
def test_a_plot_does_not_hide_the_writers_own_risk(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) != "none"


@pytest.mark.parametrize(
    "text",
    [
        "is not having sex for a year a good enough reason to end it",
        "we've talked about whether to end it, we're both so tired",
        "should we end it or try couples counselling first?",
        "i can't decide if i should end it or give it one more year",
    ],
)
def test_weighing_whether_to_end_it_is_about_the_relationship(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "none"


@pytest.mark.parametrize(
    "text",
    ["i just want to end it all", "i'm thinking about how to end it tonight"],
)
def test_wanting_to_end_it_is_still_a_crisis(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text).startswith("crisis")


@pytest.mark.parametrize(
    "text",
    [
        "she's been so moody since the baby, i tiptoe round her and we hardly talk",
        "he's grieving his dad and i kind of tiptoe around him",
        "we tiptoe round his moods since he lost his job, it's draining",
    ],
)
def test_tiptoeing_around_a_moody_partner_is_everyday(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert verdict(detector, nlp, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "he has a temper so i tiptoe round him",
        "i tiptoe around him in case he kicks off",
        "i'm scared of him so i tiptoe around him all evening",
        "i tiptoe around his anger every single day",
    ],
)
def test_tiptoeing_around_a_partners_temper_is_a_finding(
    detector: SafetyDetector, nlp: Language, text: str
) -> None:
    assert "abuse" in verdict(detector, nlp, text)
