"""Issue 22: a long story that ends in a question asks for coaching.

A risk only the sentence classifier sees in such a story must pass ``story_factor`` times the
category's threshold; short messages and stories that do not end in a question keep the
plain threshold, and the rules are not affected (``process`` runs them first).

Messages here are written for the tests (none is copied from the blind evaluation sets).
"""

from __future__ import annotations

from components.safety import SafetyScreen, new_sentence_classifier

RISKS = ["i want to die", "i can't go on", "i want it all to end", "no point going on"]
ORDINARY = ["we had dinner", "we watched a film", "lovely walk today", "nice holiday"]
STORY = (
    "We had dinner at her parents' place. We watched a film after. It was a lovely walk home. "
    "I can't go on pretending I like their cooking. How do I tell her kindly?"
)


def screen(factor: float, threshold: float) -> SafetyScreen:
    """A screen over a toy classifier: four risks against four ordinary sentences."""
    model = new_sentence_classifier()
    model.fit(RISKS + ORDINARY, ["crisis"] * len(RISKS) + ["none"] * len(ORDINARY))
    config = {
        "crisis_threshold": threshold,
        "abuse_threshold": threshold,
        "other_risk_threshold": 0.99,
        "story_factor": factor,
        "story_min_sentences": 4,
    }
    return SafetyScreen(config, None, None, model)  # type: ignore[arg-type]


def crisis_probability(text: str) -> float:
    """The toy classifier's highest crisis probability over the message's sentences."""
    return screen(1.0, 0.5).category_probability(text, "crisis")


def test_a_story_ending_in_a_question_needs_the_higher_bar() -> None:
    p = crisis_probability(STORY)
    threshold = p / 1.5  # passed at the plain threshold, not at twice it
    assert screen(1.0, threshold).sentence_risk(STORY)[0] == "crisis"
    assert screen(2.0, threshold).sentence_risk(STORY)[0] == "none"


def test_the_plain_bar_for_short_messages_and_stories_without_a_question() -> None:
    short = "I can't go on pretending. How do I tell her?"
    statement = STORY.replace("How do I tell her kindly?", "I will tell her kindly.")
    for text in (short, statement):
        threshold = crisis_probability(text) / 1.5
        assert screen(2.0, threshold).story_factor(text) == 1.0
        assert screen(2.0, threshold).sentence_risk(text)[0] == "crisis"


def test_a_question_followed_by_an_emoji_or_a_quote_still_ends_the_story() -> None:
    for ending in ("How do I tell her? 😅", 'What do I say, "sorry"?'):
        text = STORY.replace("How do I tell her kindly?", ending)
        assert screen(2.0, 0.5).story_factor(text) == 2.0


def test_a_question_typed_without_its_question_mark_ends_the_story() -> None:
    for ending in ("did I get this wrong", "how do I tell her kindly", "is it me 😕"):
        text = STORY.replace("How do I tell her kindly?", ending)
        assert screen(2.0, 0.5).story_factor(text) == 2.0


def test_a_statement_is_not_a_question_without_its_mark() -> None:
    for ending in ("I will tell her kindly", "How she cooks is a mystery.", "we'll see"):
        text = STORY.replace("How do I tell her kindly?", ending)
        assert screen(2.0, 0.5).story_factor(text) == 1.0
