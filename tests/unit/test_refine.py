"""Durations in context and denied causes (coach/nlp/refine.py), without Rasa."""

import pytest

from coach.nlp.build import build, load_lexicon
from coach.nlp.refine import find_durations, is_denied
from coach.store.queries import GuidanceStore


def durations(text: str) -> list[str]:
    return [found.value for found in find_durations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we've felt like this for about 6 months", ["months"]),
        ("it's been 2 yrs now", ["year_plus"]),
        ("the last few weeks have been awful", ["weeks"]),
        ("for a couple of weeks", ["weeks"]),
        ("for 10 days now", ["weeks"]),
        ("been like this for 18 months", ["year_plus"]),
        ("nearly a year", ["months"]),
        ("for years", ["year_plus"]),
        ("for ages", ["year_plus"]),
        ("since January", ["months"]),
        ("ever since she started her new job in march", ["months"]),
        ("since 2019", ["year_plus"]),
        ("for a fortnight", ["weeks"]),
        ("over a year ago things changed", ["year_plus"]),
        ("about a year", ["year_plus"]),
        ("3 months ago", ["months"]),
        ("we haven't had a real chat in weeks", ["weeks"]),
        ("he hasn't kissed me in ages", ["year_plus"]),
        ("it's been months", ["months"]),
        ("6 months", ["months"]),
        ("a few weeks", ["weeks"]),
        ("maybe 2 years", ["year_plus"]),
        # A reply that opens with a span and goes on ("couple years? it started when ...").
        ("couple years? it started when we both went to working from home", ["year_plus"]),
        ("about 6 months, since he changed jobs", ["months"]),
        ("honestly a few weeks. he's been so tired", ["weeks"]),
        ("ever since we got engaged in the summer he's been distant", ["months"]),
    ],
)
def test_stretches_of_time_are_durations(text, expected):
    assert durations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my husband got a promotion last week",
        "we facetime once a week",
        "he's away 3 days a week",
        "our son is 3 months old",
        "we've been married 12 years",
        "together 9 years and it's stale",
        "he does 3 weeks on 1 week off",
        "I see her in 2 weeks",
        "we'll try again in a few days",
        "3 years together and it feels flat",
        "6 months old baby and we never talk",
        "12 years married, and lately it's cold",
        "hi",
    ],
)
def test_points_frequencies_ages_and_relationship_lengths_are_not(text):
    assert durations(text) == []


def test_offsets_point_at_the_words():
    text = "honestly it's been 6 months now"
    (found,) = find_durations(text)
    assert text[found.start : found.end] == "6 months"


@pytest.fixture(scope="module")
def nlp(sqlite_engine):
    return build(GuidanceStore(sqlite_engine).vocabulary(), load_lexicon())


def causes(nlp, text):
    return {e.ent_id_ for e in nlp(text.lower()).ents if e.label_ == "cause" and not is_denied(e)}


@pytest.mark.parametrize(
    "text",
    [
        "we had a lovely night, no phones, just chatting",
        "money's fine, it's not that",
        "my job is going well actually",
        "we hardly ever argue",
        "we never argue, we just don't talk",
        "it's not about money",
        "we don't have kids",
    ],
)
def test_a_cause_named_to_rule_it_out_is_dropped(nlp, text):
    assert causes(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("he's never off his phone", "screens"),
        ("we don't talk since the baby", "new_baby"),
        ("no, it's his phone", "screens"),
        ("we argue all the time", "conflict"),
        ("not since the baby came", "new_baby"),
    ],
)
def test_a_cause_stated_next_to_a_negation_is_kept(nlp, text, cause):
    assert cause in causes(nlp, text)
