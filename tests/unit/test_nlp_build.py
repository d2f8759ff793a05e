"""The project's spaCy pipeline: patterns come from the store and the lexicon."""

import pytest

from coach.nlp.build import build, load_lexicon
from coach.store.queries import GuidanceStore, Vocabulary


@pytest.fixture(scope="module")
def nlp(sqlite_engine):
    return build(GuidanceStore(sqlite_engine).vocabulary(), load_lexicon())


def ents(nlp, text):
    return {(e.label_, e.ent_id_) for e in nlp(text.lower()).ents}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since the baby came we never talk", {("cause", "new_baby"), ("topic", "communication")}),
        (
            "Since the babies arrived we never talked",
            {("cause", "new_baby"), ("topic", "communication")},
        ),
        ("my wife is always on her phone", {("partner", "partner"), ("cause", "screens")}),
        ("we've been fighting for a year", {("cause", "conflict")}),
        ("I have felt so lonely for a few weeks", {("feeling", "lonely")}),
        ("I'm in the UK", {("country", "uk")}),
        ("my boyfriend started a new job", {("partner", "partner"), ("cause", "new_job")}),
    ],
)
def test_sentences_yield_entities(nlp, text, expected):
    assert expected <= ents(nlp, text)


def test_adding_a_cause_to_the_content_extends_the_ruler():
    vocab = Vocabulary(causes={"pets": ("puppy",)}, topics={"communication": "Communication"})
    nlp = build(vocab, {"partner": {"partner": ["husband"]}})
    assert ("cause", "pets") in ents(nlp, "since the puppies arrived")


def test_unknown_lexicon_label_is_rejected():
    with pytest.raises(ValueError, match="unknown label"):
        build(Vocabulary(causes={}, topics={}), {"mood": {"x": ["y"]}})


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("he plays video games every night", "screens"),
        ("she's always scrolling reddit", "screens"),
        ("since he was made redundant", "stress"),
        ("losing my job changed everything", "stress"),
        ("the kids left home and the house is silent", "routine"),
        ("he works away on the rigs, fifo", "distance"),
        ("since her miscarriage", "health"),
        ("after my cancer diagnosis", "health"),
        ("we both work rotating shifts", "new_job"),
        ("I feel like a failure since", "self_esteem"),
    ],
)
def test_phrases_match_their_other_forms_and_everyday_words(nlp, text, cause):
    assert ("cause", cause) in ents(nlp, text)
